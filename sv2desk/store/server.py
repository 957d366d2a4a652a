"""Office server mode: where this PC finds the office's PostgreSQL server, how it connects
(TLS verified against the certificate authority pinned at enrolment, the PC's own login
kept in the keyring), and setting up the server's database and its roles.

A server workspace folder on a PC holds, instead of the database:

    <folder>/server.json     the server's address, the database, this PC's login name,
                             the pinned CA's SHA-256 fingerprint, the workspace's id
    <folder>/server-ca.pem   that CA certificate (checked against the fingerprint each time)
    <folder>/keys.json       this PC's copy of the key slots (the server holds the master
                             copy) with the audit-trail head this PC last saw
    <folder>/signin.json     wrong-password counts on this PC, as for a one-PC workspace

The PC's database password is only ever in the keyring (never in a file): where the PC has
no keyring, enrolment is refused with the reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import select
from dataclasses import asdict, dataclass
from pathlib import Path

import keyring
import psycopg
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from keyring.errors import KeyringError
from psycopg import sql
from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from .. import errors
from . import device
from .atomic_write import write_atomically

SERVER_NAME = "server.json"
CA_NAME = "server-ca.pem"
KEYRING_SERVICE = "SV2 Desk office server"
FORMAT = 1
MAX_FILE_BYTES = 64 * 1024
# The advisory lock every unit of work takes first (as SQLite's BEGIN IMMEDIATE takes the
# write lock): one writer at a time, so the audit chain stays one chain.
WRITE_LOCK = 0x53563244
NOTIFY_CHANNEL = "sv2desk_changes"
_NAME = re.compile(r"[a-z][a-z0-9_]{0,40}")


@dataclass(frozen=True)
class ServerAddress:
    """Where the office server is, and who this PC is to it (no password)."""

    host: str
    port: int
    database: str
    login: str
    ca_fingerprint: str     # SHA-256 of the CA certificate (DER), hex
    workspace_id: str = ""

    def to_json(self) -> bytes:
        return json.dumps({"format": FORMAT, **asdict(self)}, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "ServerAddress":
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.pop("format") != FORMAT:
                raise ValueError
            address = cls(host=str(data["host"]), port=int(data["port"]),
                          database=str(data["database"]), login=str(data["login"]),
                          ca_fingerprint=str(data["ca_fingerprint"]),
                          workspace_id=str(data.get("workspace_id", "")))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
            raise errors.ServerSettingsDamaged() from None
        if not (0 < address.port < 65536 and _NAME.fullmatch(address.database)
                and _NAME.fullmatch(address.login)
                and re.fullmatch(r"[0-9a-f]{64}", address.ca_fingerprint)
                and re.fullmatch(r"[A-Za-z0-9.\-:\[\]]{1,253}", address.host)):
            raise errors.ServerSettingsDamaged()
        return address


def is_server_folder(folder: Path) -> bool:
    return (Path(folder) / SERVER_NAME).exists()


def valid_name(name: str) -> bool:
    """A database or role name SV2 Desk makes (lower-case letters, digits, underscores)."""
    return bool(_NAME.fullmatch(name or ""))


def ca_fingerprint(pem: bytes) -> str:
    """The SHA-256 fingerprint of a CA certificate (PEM), as the set-up sheet prints it."""
    try:
        cert = x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise errors.ServerCertificateUnreadable() from None
    return hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()


def spaced(fingerprint: str) -> str:
    """A fingerprint in groups of four, as a person reads it aloud and compares it."""
    return " ".join(fingerprint[i:i + 4] for i in range(0, len(fingerprint), 4)).upper()


def normal_fingerprint(typed: str) -> str:
    return re.sub(r"[^0-9a-f]", "", (typed or "").lower().removeprefix("sha256"))


def load_address(folder: Path) -> ServerAddress:
    path = Path(folder) / SERVER_NAME
    try:
        if path.is_symlink() or not path.is_file():
            raise errors.ServerSettingsDamaged()
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        raise errors.ServerSettingsDamaged() from None
    if len(raw) > MAX_FILE_BYTES:
        raise errors.ServerSettingsDamaged()
    return ServerAddress.from_json(raw)


def pinned_ca(folder: Path, address: ServerAddress) -> Path:
    """The CA certificate file, after checking it is still the one pinned at enrolment."""
    path = Path(folder) / CA_NAME
    try:
        pem = path.read_bytes()[:MAX_FILE_BYTES]
    except OSError:
        raise errors.ServerCertificateChanged() from None
    if ca_fingerprint(pem) != address.ca_fingerprint:
        raise errors.ServerCertificateChanged()
    return path


def save_address(folder: Path, address: ServerAddress, ca_pem: bytes) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / CA_NAME, ca_pem)
    write_atomically(folder / SERVER_NAME, address.to_json())


# -- this PC's login, in the keyring only ------------------------------------------------

def _entry(address: ServerAddress) -> str:
    return f"{address.host}:{address.port}/{address.database}/{address.login}"


def store_login_password(address: ServerAddress, password: str) -> None:
    if not device.backend_available():
        raise errors.ServerKeyringUnavailable()
    try:
        keyring.set_password(KEYRING_SERVICE, _entry(address), password)
        if keyring.get_password(KEYRING_SERVICE, _entry(address)) != password:
            raise errors.ServerKeyringUnavailable()
    except KeyringError:
        raise errors.ServerKeyringUnavailable() from None


def login_password_from(backend, address: ServerAddress) -> str | None:
    """The login password held by one keyring backend (tests copy an enrolment)."""
    return backend.get_password(KEYRING_SERVICE, _entry(address))


def login_password(address: ServerAddress) -> str:
    if not device.backend_available():
        raise errors.ServerKeyringUnavailable()
    try:
        found = keyring.get_password(KEYRING_SERVICE, _entry(address))
    except KeyringError:
        raise errors.ServerKeyringUnavailable() from None
    if not found:
        raise errors.ServerNotEnrolled()
    return found


# -- connecting ---------------------------------------------------------------------------

def connect_args(host: str, port: int, database: str, user: str, password: str,
                 ca_path: Path) -> dict:
    """psycopg connection arguments: TLS required, the server's certificate checked against
    the pinned CA and its name against the address (verify-full)."""
    return dict(host=host, port=port, dbname=database, user=user, password=password,
                sslmode="verify-full", sslrootcert=str(ca_path), sslcert="", sslkey="",
                connect_timeout=5, application_name="sv2desk",
                # A server that stops answering is noticed within seconds, not hours.
                keepalives=1, keepalives_idle=5, keepalives_interval=2, keepalives_count=3)


def raw_connect(args: dict, **extra) -> psycopg.Connection:
    try:
        return psycopg.connect(**args, **extra)
    except psycopg.OperationalError as exc:
        raise connection_error(exc) from None


def connection_error(exc: Exception) -> errors.SV2Error:
    """A failure to connect as the typed error a person can act on."""
    text = str(exc).lower()
    if "password authentication failed" in text or "no pg_hba.conf entry" in text:
        return errors.ServerLoginRefused()
    if "certificate" in text or "ssl" in text or "tls" in text:
        return errors.ServerCertificateChanged()
    if "does not exist" in text:
        return errors.ServerDatabaseMissing()
    return errors.ServerUnavailable()


def make_engine(args: dict, first: psycopg.Connection | None = None) -> Engine:
    """An engine on the office server (one connection for the database thread, one spare
    for the rights check). ``first``: a connection already open with ``args`` (the one that
    read the key slots at sign-in), used as the pool's first instead of a new one.

    A connection taken from the pool is asked whether it is still alive only when it may
    not be (the server has sent it something or closed it while it sat idle: a restart,
    a shut-down, a killed server), not before every unit of work: each question is a
    round trip, and with ten PCs on a busy server the round trips, not the queries, were
    most of a look's time. A connection found dead is replaced at once, so a PC still
    reconnects by itself at the next action after the server comes back."""
    spare = [first] if first is not None else []

    def connect() -> psycopg.Connection:
        return spare.pop() if spare else raw_connect(args)

    engine = create_engine("postgresql+psycopg://", creator=connect,
                           poolclass=QueuePool, pool_size=2, max_overflow=2,
                           pool_pre_ping=False, pool_reset_on_return="rollback")

    @event.listens_for(engine, "checkout")
    def _alive(dbapi_conn, _record, _proxy):
        if dbapi_conn.closed or dbapi_conn.broken:
            raise exc.DisconnectionError()
        try:
            waiting = bool(select.select([dbapi_conn.pgconn.socket], [], [], 0)[0])
        except (OSError, ValueError, psycopg.Error):
            waiting = True
        if not waiting:
            return          # idle, nothing from the server since: as it was left
        try:
            dbapi_conn.autocommit = True
            dbapi_conn.execute(";")
            dbapi_conn.autocommit = False
        except psycopg.Error:
            raise exc.DisconnectionError() from None

    @event.listens_for(engine, "connect")
    def _configure(dbapi_conn, _record):
        with dbapi_conn.cursor() as cur:
            # Long waits are a fault: a lock held this long means a PC has hung mid-save.
            cur.execute("SET lock_timeout = '20s'; SET statement_timeout = '120s'; "
                        "SET idle_in_transaction_session_timeout = '60s'")
        dbapi_conn.commit()
    return engine


# -- setting up a server ------------------------------------------------------------------

@dataclass(frozen=True)
class OwnerLogin:
    """A PostgreSQL role that may create databases and roles: given at set-up and at each
    PC's enrolment, used for that step and never stored."""

    host: str
    port: int
    user: str
    password: str
    ca_path: Path

    def args(self, database: str = "postgres") -> dict:
        return connect_args(self.host, self.port, database, self.user, self.password,
                            self.ca_path)


def app_role(database: str) -> str:
    """The group role every PC's login belongs to: reads and writes rows, never the schema."""
    return f"{database}_app"


def create_database(owner: OwnerLogin, database: str, *, template: str = "template0") -> None:
    """Create the database (owned by ``owner``) and its application role. Refused when the
    database exists already. ``template``: a database of this version's schema to copy
    (the tests' template), instead of an empty one."""
    if not valid_name(database):
        raise errors.ValidationError({"database": "Use lower-case letters, digits and _ "
                                                  "only, starting with a letter."})
    with raw_connect(owner.args(), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                        (database,)).fetchone():
            raise errors.ServerDatabaseExists()
        conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE {}")
                     .format(sql.Identifier(database), sql.Identifier(template)))
        role = app_role(database)
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
    with raw_connect(owner.args(database), autocommit=True) as conn:
        # Nobody but the owner makes anything in the database.
        conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(
            sql.Identifier(database)))
        conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        conn.execute(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(
            sql.Identifier(database), sql.Identifier(app_role(database))))
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(
            sql.Identifier(app_role(database))))


def grant_app_role(conn, database: str) -> None:
    """What the application role may do, table by table (after every schema change): rows
    in every table; the audit trail only read and added to."""
    role = sql.Identifier(app_role(database))
    conn.execute(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public "
                         "TO {}").format(role))
    conn.execute(sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {}").format(role))
    conn.execute(sql.SQL("REVOKE INSERT, DELETE, TRUNCATE ON key_file FROM {}").format(role))
    conn.execute(sql.SQL("REVOKE ALL ON alembic_version FROM {}").format(role))
    conn.execute(sql.SQL("GRANT SELECT ON alembic_version TO {}").format(role))
    conn.execute(sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}")
                 .format(role))


def app_role_of(owner: OwnerLogin, database: str) -> str:
    """The application role that holds the grants in ``database`` (its own, by name; a
    database copied from another keeps that one's)."""
    with raw_connect(owner.args(database)) as conn:
        found = conn.execute(
            "SELECT r.rolname FROM pg_roles r WHERE NOT r.rolcanlogin AND NOT r.rolsuper "
            "AND r.rolname LIKE '%%\\_app' AND has_table_privilege(r.rolname, 'cases', "
            "'INSERT') ORDER BY r.rolname = %s DESC LIMIT 1", (app_role(database),)).fetchone()
    return found[0] if found else app_role(database)


def add_pc_login(owner: OwnerLogin, database: str, pc_name: str) -> tuple[str, str]:
    """A new login for one PC (a member of the application role) with a random password.
    Returns (login, password); the password goes straight into that PC's keyring."""
    base = re.sub(r"[^a-z0-9_]", "_", pc_name.lower())[:20].strip("_") or "pc"
    login = f"{database}_pc_{base}"[:60]
    password = secrets.token_urlsafe(32)
    with raw_connect(owner.args(), autocommit=True) as conn:
        taken = {r[0] for r in conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (login + "%",))}
        candidate, n = login, 1
        while candidate in taken:
            n += 1
            candidate = f"{login}_{n}"
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {} "
                             "NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS").format(
            sql.Identifier(candidate), sql.Literal(password),
            sql.Identifier(app_role_of(owner, database))))
    return candidate, password


def remove_pc_login(owner: OwnerLogin, login: str) -> None:
    with raw_connect(owner.args(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))


def new_workspace_id() -> str:
    return os.urandom(8).hex()
