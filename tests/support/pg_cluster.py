"""A throwaway PostgreSQL cluster for tests and benchmarks: Debian's server binaries, initdb
in a temporary folder, listening on 127.0.0.1 only, TLS with a certificate authority made
here (the server's certificate names 127.0.0.1 and localhost), password logins only."""

from __future__ import annotations

import datetime
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SUPERUSER = "sv2_test_owner"


def server_bin() -> Path | None:
    """Debian keeps initdb and pg_ctl under /usr/lib/postgresql/<version>/bin."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                   else 0)
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_ca_and_server_cert(folder: Path, *, ca_name: str = "SV2 Desk test CA"):
    """Writes ca.pem, server.crt, server.key into ``folder``; returns the CA's PEM."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name(ca_name)).issuer_name(_name(ca_name))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(minutes=5))
          .not_valid_after(now + datetime.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                       False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    import ipaddress
    cert = (x509.CertificateBuilder().subject_name(_name("localhost")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_pem = ca.public_bytes(serialization.Encoding.PEM)
    (folder / "ca.pem").write_bytes(ca_pem)
    (folder / "server.crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "server.key").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    os.chmod(folder / "server.key", 0o600)
    return ca_pem


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    root: Path
    port: int
    password: str
    ca_pem: bytes
    bin: Path
    host: str = "127.0.0.1"
    user: str = SUPERUSER

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def ca_path(self) -> Path:
        return self.root / "tls" / "ca.pem"

    def owner(self):
        from sv2desk.store import server
        return server.OwnerLogin(self.host, self.port, self.user, self.password, self.ca_path)

    def _run(self, *args, check=True):
        cmd = [str(a) for a in args]
        if os.geteuid() == 0:          # PostgreSQL will not run as root
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.root / "server.log",
                  "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def kill(self) -> None:
        """kill -9 of the server's postmaster (its children go with it), as a power cut
        or the task manager would. Returns once the server's processes have all ended, as
        on a real machine a moment later: where nothing reaps the dead postmaster at once
        (a container whose first process does not), its lock file would name a process
        that still seems to exist and the next start would be refused, so then the stale
        lock files are removed (only once every backend has ended: never under a live one)."""
        import time
        import psutil
        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        try:
            children = psutil.Process(pid).children(recursive=True)
        except psutil.Error:
            children = []
        os.kill(pid, 9)
        deadline = time.monotonic() + 30
        for proc in [psutil.Process(pid)] + children if psutil.pid_exists(pid) else children:
            while time.monotonic() < deadline:
                try:
                    if proc.status() == psutil.STATUS_ZOMBIE:
                        break
                except psutil.NoSuchProcess:
                    break
                time.sleep(0.05)
        alive = [p for p in children if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        if not alive:
            try:
                if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                    (self.data / "postmaster.pid").unlink()
                    (self.root / f".s.PGSQL.{self.port}.lock").unlink(missing_ok=True)
            except psutil.NoSuchProcess:
                pass

    def pg_dump(self, database: str) -> str:
        env = dict(os.environ, PGPASSWORD=self.password, PGSSLMODE="verify-full",
                   PGSSLROOTCERT=str(self.ca_path))
        dump = self.bin / "pg_dump"
        return subprocess.run([str(dump), "-h", self.host, "-p", str(self.port), "-U", self.user,
                               "-d", database], env=env, check=True, capture_output=True,
                              text=True, timeout=120).stdout


def start_cluster(*, durable: bool = False) -> Cluster:
    """``durable``: fsync on (for the kill -9 tests); off otherwise, for speed."""
    bin_dir = server_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL's server is not installed (Debian: apt-get install "
                           "postgresql); `make test` installs it")
    root = Path(tempfile.mkdtemp(prefix="sv2-pg-"))
    os.chmod(root, 0o755)
    tls = root / "tls"
    tls.mkdir()
    ca_pem = make_ca_and_server_cert(tls)
    password = secrets.token_urlsafe(24)
    (root / "pw").write_text(password)
    cluster = Cluster(root, _free_port(), password, ca_pem, bin_dir)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        for p in [tls, *tls.iterdir(), root / "pw"]:
            shutil.chown(p, "postgres", "postgres")
    cluster._run(bin_dir / "initdb", "-D", cluster.data, "-U", SUPERUSER, "--pwfile",
                 root / "pw", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8")
    (root / "pw").unlink()
    conf = cluster.data / "postgresql.conf"
    with open(conf, "a") as f:
        f.write(f"\nlisten_addresses = '127.0.0.1'\nport = {cluster.port}\n"
                f"unix_socket_directories = '{root}'\nssl = on\n"
                f"ssl_cert_file = '{tls / 'server.crt'}'\nssl_key_file = '{tls / 'server.key'}'\n"
                "ssl_min_protocol_version = 'TLSv1.2'\nmax_connections = 200\n"
                f"fsync = {'on' if durable else 'off'}\nsynchronous_commit = {'on' if durable else 'off'}\n"
                f"full_page_writes = {'on' if durable else 'off'}\n"
                "shared_buffers = 64MB\nlog_min_messages = warning\n")
    # TLS only, from this machine only, with passwords; nothing over the socket.
    (cluster.data / "pg_hba.conf").write_text(
        "hostssl all all 127.0.0.1/32 scram-sha-256\n"
        "hostnossl all all 127.0.0.1/32 reject\n")
    cluster.start()
    return cluster


def remove(cluster: Cluster) -> None:
    cluster.stop("immediate")
    shutil.rmtree(cluster.root, ignore_errors=True)
