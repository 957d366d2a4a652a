"""Setting up office server mode: the server's database and roles, moving a one-PC
workspace onto it in one step, enrolling a PC, and upgrading the server's schema.

The owner's credentials (a PostgreSQL role that may create databases and roles) are given
for each of these steps and never stored. A PC's own login goes only into its keyring.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import text

from .. import errors
from ..models import AuditEntry, Base
from ..policy import permissions
from ..store import copying, device, migrate, server
from ..store.layout import DB_NAME, KEYS_NAME
from ..store.sealing import NoKey, Sealer
from . import audit
from . import use_case as envelope
from .use_case import use_case

MOVED_FOLDER = "moved-to-server"
# The owner's login for one step (the server's address, the role, its password, the CA).
OwnerLogin = server.OwnerLogin
# Tables filled by the program itself on the server (not copied row by row).
NOT_COPIED = {"alembic_version"}


def _owner_engine(owner: server.OwnerLogin, database: str, sealer=None):
    engine = server.make_engine(owner.args(database))
    engine.dialect.sv2_sealer = sealer or NoKey()
    return engine


def prepare_database(owner: server.OwnerLogin, database: str, *,
                     template: str | None = None) -> None:
    """A new database on the server, its application role, the schema, and the grants
    (``template``: copied from a database already at this version's schema)."""
    server.create_database(owner, database, template=template or "template0")
    upgrade_database(owner, database)


def upgrade_database(owner: server.OwnerLogin, database: str) -> bool:
    """Bring the server's schema up to this version (the owner's step: a PC cannot), then
    the grants again and the audit trail's protection. Returns True when anything ran.
    Back the server up first (docs/office-server.md): the server's own backups are the
    administrator's, with pg_dump."""
    engine = _owner_engine(owner, database)
    try:
        ran = migrate.upgrade(engine, lambda label: None)
        with engine.begin() as conn:
            server.grant_app_role(conn.connection.driver_connection, database)
        return ran
    finally:
        engine.dispose()


def vacuum_database(owner: server.OwnerLogin, database: str) -> None:
    """VACUUM the server's database (the owner's step: a PC's login may not), so the old
    versions of erased rows are reclaimed now."""
    with server.raw_connect(owner.args(database), autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


@dataclass(frozen=True)
class MoveReport:
    database: str
    rows: dict[str, int]       # table -> rows copied (and counted again on the server)
    audit_entries: int
    chain_ok: bool
    kept_at: Path               # the one-PC files, kept until the administrator removes them


def _reset_sequences(dst) -> None:
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].autoincrement in (True, "auto") and \
                pk[0].type.python_type is int:
            dst.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                f"coalesce(max({pk[0].name}), 1), max({pk[0].name}) IS NOT NULL) "
                f"FROM {table.name}"))


def _allowed(session, name: str) -> None:
    """The use-case envelope's checks (this step is not in the REGISTRY's examples: it
    needs a server), with the same audited refusal."""
    session.require_open()
    if session.access_ended or session.rights_now() is not None:
        envelope._record_denied(session, name)
        raise errors.AccessEnded()
    if not permissions.allows(name, session.roles):
        envelope._record_denied(session, name)
        raise errors.PermissionDenied()


def move_to_server(session, owner: server.OwnerLogin, database: str, *,
                   pc_name: str = "first-pc", template: str | None = None) -> MoveReport:
    """Move this one-PC workspace onto the office server: every row, the key slots and the
    audit trail (its hashes and signatures unchanged), counted and checked on the server;
    then this PC is enrolled with it and the one-PC files are kept aside in the data folder
    (moved-to-server/) until the administrator removes them. Staff sign in as before."""
    _allowed(session, "server.move")
    ws = session.workspace
    if ws.kind == "server":
        raise errors.NotOnServer()
    if not device.backend_available():      # checked before anything is made on the server
        raise errors.ServerKeyringUnavailable()
    ca_pem = Path(owner.ca_path).read_bytes()
    fingerprint = server.ca_fingerprint(ca_pem)
    prepare_database(owner, database, template=template)
    with ws.transaction() as db:
        audit.record(db, session.account_id, "server.move", "server", database)
    ws.flush_audit_head()
    engine = _owner_engine(owner, database, Sealer(ws._master_key))
    copied: dict[str, int] = {}
    try:
        with ws.transaction() as src, engine.begin() as dst:
            for table in Base.metadata.sorted_tables:
                if table.name not in NOT_COPIED:
                    copied[table.name] = copying.copy_rows(src, dst, table)
            search = src.execute(text(
                "SELECT rowid, names, reference, born, postcode FROM case_search")).all()
            if search:
                dst.execute(text("INSERT INTO case_search (rowid, names, reference, born, "
                                 "postcode) VALUES (:r, :n, :f, :b, :p)"),
                            [dict(r=r[0], n=r[1], f=r[2], b=r[3], p=r[4]) for r in search])
            copied["case_search"] = len(search)
            _reset_sequences(dst)
            dst.execute(text("INSERT INTO key_file (id, body, version) VALUES (1, :b, 1)"),
                        {"b": ws.slots.dumps(ws._master_key)})
            src.info["bookkeeping"] = True
        with engine.connect() as dst:
            for name, count in copied.items():
                on_server = dst.execute(text(f"SELECT count(*) FROM {name}")).scalar()
                if on_server != count:
                    raise errors.ActionRefused(
                        f"Moving to the server went wrong ({name}: {count} rows here, "
                        f"{on_server} on the server). Nothing on this PC was changed.")
            dst.rollback()
        login, password = server.add_pc_login(owner, database, pc_name)
    finally:
        engine.dispose()
    address = server.ServerAddress(owner.host, owner.port, database, login, fingerprint,
                                   ws.slots.workspace_id)
    server.store_login_password(address, password)
    entries = copied.get(AuditEntry.__tablename__, 0)
    # Every word is on the server: this PC's files are set aside (kept, not deleted).
    folder = ws.folder
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    kept = folder / f"{MOVED_FOLDER}-{stamp}"
    ws.close()
    kept.mkdir()
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", KEYS_NAME):
        if (folder / name).exists():
            shutil.move(str(folder / name), str(kept / name))
    shutil.copyfile(kept / KEYS_NAME, folder / KEYS_NAME)   # this PC's copy of the slots
    server.save_address(folder, address, ca_pem)
    chain_ok = check_server_chain(folder)
    return MoveReport(database, copied, entries, chain_ok, kept)


def check_server_chain(folder: Path) -> bool:
    """The audit chain as the server holds it, every hash and signature (read with this
    PC's login; the key slots it needs are the server's)."""
    from types import SimpleNamespace
    from ..store.server_workspace import _login, fetch_slots
    slots = fetch_slots(folder)
    engine = server.make_engine(_login(folder)[1])
    try:
        return audit.check_chain(SimpleNamespace(slots=slots, engine=engine)).ok
    finally:
        engine.dispose()


def enrol_pc(folder: Path, owner: server.OwnerLogin, database: str, fingerprint: str, *,
             pc_name: str) -> server.ServerAddress:
    """Enrol this PC with the office server: the CA certificate checked against the
    fingerprint the administrator read from the server's set-up (so a copied certificate
    from anywhere else is refused), a login made for this PC, its password put in this
    PC's keyring (refused, with the reason, where there is none), and the key slots'
    copy fetched. The owner's credentials are used for this and forgotten."""
    folder = Path(folder)
    if (folder / DB_NAME).exists() or server.is_server_folder(folder):
        raise errors.WorkspaceExists()
    if not device.backend_available():
        raise errors.ServerKeyringUnavailable()
    ca_pem = Path(owner.ca_path).read_bytes()
    if server.ca_fingerprint(ca_pem) != server.normal_fingerprint(fingerprint):
        raise errors.ServerCertificateChanged()
    login, password = server.add_pc_login(owner, database, pc_name)
    with server.raw_connect(owner.args(database)) as conn:
        body = conn.execute("SELECT body FROM key_file WHERE id = 1").fetchone()
    if body is None:
        raise errors.ServerDatabaseMissing()
    from ..store.slots import SlotFile
    slots = SlotFile.loads(bytes(body[0]))
    address = server.ServerAddress(owner.host, owner.port, database, login,
                                   server.ca_fingerprint(ca_pem), slots.workspace_id)
    server.store_login_password(address, password)
    folder.mkdir(parents=True, exist_ok=True)
    server.save_address(folder, address, ca_pem)
    return address


@dataclass(frozen=True)
class ServerInfo:
    """Where this PC's data is, for Administration (no password)."""

    on_server: bool
    host: str = ""
    port: int = 0
    database: str = ""
    login: str = ""
    fingerprint: str = ""           # the pinned CA's, in groups of four
    keyring_problem: str | None = None   # why this PC cannot keep a server login


@use_case("office_server.status", unit_of_work=False)
def status(uc) -> ServerInfo:
    """Whether this data is on an office server, and which; or, on one PC, whether this
    PC could keep a server login (it needs a keyring)."""
    problem = None if device.backend_available() else errors.ServerKeyringUnavailable.message
    if uc.session.workspace.kind != "server":
        return ServerInfo(False, keyring_problem=problem)
    address = uc.session.workspace.address
    return ServerInfo(True, address.host, address.port, address.database, address.login,
                      server.spaced(address.ca_fingerprint), problem)


def keyring_problem() -> str | None:
    """Why this PC cannot keep an office-server login (it has no keyring), or None."""
    return None if device.backend_available() else errors.ServerKeyringUnavailable.message


def fingerprint_of(ca_file: Path) -> str:
    """The CA certificate's fingerprint, as the server's set-up printed it (for the person
    to compare before moving or enrolling). ServerCertificateUnreadable if it is not one."""
    try:
        pem = Path(ca_file).read_bytes()[:server.MAX_FILE_BYTES]
    except OSError:
        raise errors.ServerCertificateUnreadable() from None
    return server.spaced(server.ca_fingerprint(pem))
