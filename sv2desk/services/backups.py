"""Backups: an encrypted archive of the data in a folder the administrator chooses (a USB
drive or a network share), made on request or automatically at sign-out and close
whenever anything changed since the last one, with a rotating set kept
(policy/backups.py). The archive format is in store/archive.py; restoring one is in
services/restore.py.

"Changed" is read from the database: every transaction that changes anything besides
audit entries notes the audit entry it reached (Workspace.CHANGED_SETTING), and each
backup notes the audit entry its copy holds (LAST_SETTING). Each backup's audit head is
also compared with the live chain (``compare_with_backups``): data rolled back to an
older copy of itself is caught against the backup drive, which lies outside the folder.

Long work takes ``progress(fraction, message)``; the screens show it and stay usable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from .. import errors
from ..models import Setting
from ..policy import backups as rotation
from ..store import archive, set_aside as kept
from .use_case import use_case

FOLDER_SETTING = "backup_folder"
KEEP_DAYS = kept.KEEP_DAYS
LAST_SETTING = "backup_last"      # {"at": ISO time, "seq": audit entry the copy holds, "name"}

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class BackupInfo:
    """One backup file (made just now, or found in the backup folder)."""

    path: Path
    created_at: datetime      # UTC
    size: int


@dataclass(frozen=True)
class BackupMade:
    backup: BackupInfo
    removed: tuple[Path, ...]     # older backups the rotation no longer keeps


@dataclass(frozen=True)
class AutomaticBackup:
    """What the automatic backup at sign-out did.

    ``outcome``: "made", "not_due" (one was made today), "no_folder" (no backup folder
    is set), "unavailable" (the folder cannot be reached) or "failed"; ``message`` says
    it in plain English for the screen."""

    outcome: str
    message: str
    made: BackupMade | None = None


@dataclass(frozen=True)
class BackupStatus:
    """For Administration -> Backups: when the last backup was made, and whether anything
    has changed since."""

    last_made_at: datetime | None     # UTC; None when no backup has been made
    last_name: str | None
    changes_not_backed_up: bool


@dataclass(frozen=True)
class BackupSettings:
    folder: Path | None
    rotation: str             # what is kept, in words


# -- settings --------------------------------------------------------------------------------

def _folder_setting(db) -> Path | None:
    row = db.get(Setting, FOLDER_SETTING)
    return Path(row.value) if row is not None and row.value else None


@use_case("backups.settings")
def get_settings(uc) -> BackupSettings:
    return BackupSettings(_folder_setting(uc.db), rotation.describe())


@use_case("backups.set_folder")
def set_folder(uc, folder: str | Path | None) -> BackupSettings:
    """Where backups go. The folder must exist now (plug the drive in first)."""
    value = ""
    if folder is not None and str(folder).strip():
        path = Path(str(folder).strip()).expanduser()
        if not path.is_absolute():
            raise errors.ValidationError({"folder": "Choose the folder from its full location."})
        if not path.is_dir():
            raise errors.ValidationError({"folder": "That folder cannot be found. Plug in the "
                                                    "drive or connect the share first."})
        if _inside(path, uc.session.workspace.folder):
            raise errors.ValidationError({"folder": "Choose a folder outside SV2 Desk's own "
                                                    "data folder (ideally on another drive)."})
        value = str(path)
    row = uc.db.get(Setting, FOLDER_SETTING)
    if row is None:
        uc.db.add(Setting(key=FOLDER_SETTING, value=value))
    else:
        row.value = value
    uc.audit("setting", FOLDER_SETTING)
    return BackupSettings(Path(value) if value else None, rotation.describe())


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True


# -- what is in the folder --------------------------------------------------------------------

def _ours(folder: Path, workspace_id: str) -> list[BackupInfo]:
    """This workspace's backups in ``folder`` (by name; the contents are not opened).
    Raises BackupFolderUnavailable when the folder cannot be read."""
    found = []
    try:
        for path in Path(folder).iterdir():
            parsed = archive.parse_name(path.name)
            if parsed and parsed[0] == workspace_id[:8] and path.is_file():
                found.append(BackupInfo(path, parsed[1], path.stat().st_size))
    except OSError:
        raise errors.BackupFolderUnavailable() from None
    return sorted(found, key=lambda b: b.created_at, reverse=True)


@use_case("backups.list")
def list_backups(uc) -> list[BackupInfo]:
    """This workspace's backups in the backup folder, newest first ([] when none is set or
    the folder cannot be reached)."""
    folder = _folder_setting(uc.db)
    if folder is None or not folder.is_dir():
        return []
    try:
        return _ours(folder, uc.session.workspace.slots.workspace_id)
    except errors.BackupFolderUnavailable:
        return []


def _rotate(folder: Path, workspace_id: str, keep_also: Path) -> tuple[Path, ...]:
    """Remove what the rotation no longer keeps (nothing, if the folder cannot be read:
    the next backup tries again)."""
    try:
        backups = _ours(folder, workspace_id)
    except errors.BackupFolderUnavailable:
        return ()
    local = {b.path: b.created_at.astimezone() for b in backups}
    keep = rotation.to_keep(list(local.values()))
    removed = []
    for path, when in local.items():
        if when not in keep and path != keep_also:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass   # a read-only or vanished file is left; the next rotation tries again
    # Temporary files of backups that never finished (a crash, a pulled drive).
    for path in folder.glob(f".{archive.PREFIX}{workspace_id[:8]}-*{archive.PARTIAL}"):
        try:
            path.unlink()
        except OSError:
            pass
    return tuple(removed)


# -- making one -------------------------------------------------------------------------------

def _describe(conn):
    """Read the consistent copy: schema revision, audit head, and the encrypted summary."""
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    head = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()

    def count(table: str) -> int:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    admins = [r[0] for r in conn.execute(
        "SELECT account_roles.account_id FROM account_roles JOIN accounts "
        "ON accounts.id = account_roles.account_id "
        "WHERE account_roles.role = 'admin' AND accounts.active")]
    summary = {"clients": count("clients"), "cases": count("cases"),
               "accounts": count("accounts"), "audit_entries": count("audit_log"),
               "admin_account_ids": admins}
    return (revision[0] if revision else None,
            {"seq": head[0], "hash": head[1]} if head else {"seq": 0, "hash": ""}, summary)


def _last(db) -> dict | None:
    row = db.get(Setting, LAST_SETTING)
    if row is None:
        return None
    try:
        data = json.loads(row.value)
        return {"at": datetime.fromisoformat(data["at"]), "seq": int(data["seq"]),
                "name": str(data["name"])}
    except (ValueError, KeyError, TypeError):
        return None


def _changed_since(db, last: dict | None) -> bool:
    from ..store.workspace import Workspace
    row = db.get(Setting, Workspace.CHANGED_SETTING)
    changed = int(row.value) if row is not None and row.value.isdigit() else 0
    return last is None or changed > last["seq"]


@dataclass(frozen=True)
class KeptCopy:
    """A copy of the data kept on this PC for a while (store/set_aside.py)."""

    name: str
    description: str
    made_at: datetime
    remove_after: datetime
    size: int


@use_case("backups.set_aside", unit_of_work=False)
def kept_copies(uc) -> list[KeptCopy]:
    """The copies of the data kept on this PC (set aside, pre-upgrade, before a restore),
    oldest first."""
    uc.session.require_open()
    return [KeptCopy(c.path.name, c.description, c.made_at, c.remove_after, c.size)
            for c in kept.kept_copies(uc.session.workspace.folder)]


@use_case("backups.status")
def status(uc) -> BackupStatus:
    last = _last(uc.db)
    return BackupStatus(last["at"] if last else None, last["name"] if last else None,
                        _changed_since(uc.db, last))


def _make(uc, folder: Path, progress: Progress | None,
          now: datetime | None) -> BackupMade:
    """Write one backup into ``folder`` and rotate. Audited either way (no permission
    check here: the use cases below decide who may), under the calling use case's name."""
    ws = uc.session.workspace
    uc.session.require_open()
    when = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    try:
        written = archive.write(ws, Path(folder), when, _describe, progress)
    except errors.SV2Error:
        with uc.unit_of_work():
            uc.audit("backup", None, outcome="failed")
        raise
    removed = _rotate(Path(folder), ws.slots.workspace_id, written.path)
    with uc.unit_of_work() as db:
        db.info["bookkeeping"] = True     # noting the backup is not a change to back up
        value = json.dumps({"at": written.created_at.isoformat(),
                            "seq": int(written.audit_head.get("seq", 0)),
                            "name": written.path.name})
        row = db.get(Setting, LAST_SETTING)
        if row is None:
            db.add(Setting(key=LAST_SETTING, value=value))
        else:
            row.value = value
        uc.audit("backup", written.path.name)
    return BackupMade(BackupInfo(written.path, written.created_at, written.size), removed)


@use_case("backups.create", unit_of_work=False)
def create(uc, folder: str | Path | None = None, progress: Progress | None = None,
           now: datetime | None = None) -> BackupMade:
    """A backup now, into ``folder`` or the backup folder in the settings. (``now`` is
    the time it counts as made, for the rotation; tests give it.)"""
    if folder is None:
        with uc.unit_of_work() as db:
            folder = _folder_setting(db)
        if folder is None:
            raise errors.ValidationError({"folder": "Choose a backup folder first."})
    return _make(uc, Path(folder), progress, now)


@use_case("backups.automatic", unit_of_work=False)
def automatic_if_due(uc, progress: Progress | None = None,
                     now: datetime | None = None) -> AutomaticBackup:
    """Called by the shell when someone signs out or closes SV2 Desk: makes a backup into
    the backup folder if anything changed since the last one. Never raises for a backup
    problem: the result says what happened (a failure is also in the audit trail)."""
    now = now or datetime.now(timezone.utc)
    with uc.unit_of_work() as db:
        folder = _folder_setting(db)
    if folder is None:
        return AutomaticBackup("no_folder", "No backup folder is set, so no backup was made. "
                                            "An administrator can choose one in Settings.")
    if not folder.is_dir():
        with uc.unit_of_work() as db:
            uc.audit("backup", None, outcome="unavailable")
        return AutomaticBackup("unavailable", errors.BackupFolderUnavailable.message)
    with uc.unit_of_work() as db:
        last = _last(db)
        changed = _changed_since(db, last)
    if last is not None and not changed:
        try:
            still_there = any(b.path.name == last["name"]
                              for b in _ours(folder, uc.session.workspace.slots.workspace_id))
        except errors.BackupFolderUnavailable as exc:
            return AutomaticBackup("unavailable", exc.message)
        if still_there:
            return AutomaticBackup("not_due", "Nothing has changed since the last backup.")
    try:
        made = _make(uc, folder, progress, now)
    except errors.SV2Error as exc:
        return AutomaticBackup("failed", exc.message)
    return AutomaticBackup("made", "A backup was made.", made)


# -- the live chain against the backups (outside the folder) ----------------------------

def compare_with_backups(ws, limit: int = 40) -> list[tuple[int, str]]:
    """(audit entry, plain problem) for each backup in the backup folder that holds audit
    entries the live data does not have (or has differently): data rolled back to an
    older copy of itself. Backups made before the last restore are not compared (a
    restore goes back on purpose, and is recorded). [] when all agree, or there is no
    folder to compare with."""
    from sqlalchemy import text as sql
    with ws.engine.connect() as conn:
        folder = conn.execute(sql("SELECT value FROM settings WHERE key = :k"),
                              {"k": FOLDER_SETTING}).scalar()
        restored = conn.execute(sql("SELECT max(at) FROM audit_log "
                                    "WHERE action = 'restore.reseal'")).scalar()
        conn.rollback()
    if not folder or not Path(folder).is_dir():
        return []
    try:
        found = _ours(Path(folder), ws.slots.workspace_id)[:limit]
    except errors.BackupFolderUnavailable:
        return []
    restored_at = datetime.fromisoformat(restored) if restored else None
    problems = []
    for info in found:
        if restored_at is not None and info.created_at <= restored_at:
            continue
        try:
            opened = archive.read(info.path)
            archive.check_key(opened, ws._master_key)
        except errors.SV2Error:
            continue      # damaged, or made under another key: nothing to compare
        head = opened.manifest.get("audit_head") or {}
        seq, digest = head.get("seq"), head.get("hash")
        if type(seq) is not int or not seq:
            continue
        with ws.engine.connect() as conn:
            live = conn.execute(sql("SELECT hash FROM audit_log WHERE seq = :s"),
                                {"s": seq}).scalar()
            conn.rollback()
        if live != digest:
            made = info.created_at.astimezone().strftime("%d %B %Y at %H:%M").lstrip("0")
            problems.append((seq, f"the backup made on {made} holds audit entries up to {seq} "
                                  "that this data does not have, or has differently: the data "
                                  "may have been put back to an older copy of itself. Compare "
                                  "it with that backup before anyone carries on"))
    return problems
