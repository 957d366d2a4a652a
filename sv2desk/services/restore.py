"""Restoring a backup: check it, show what it holds, then put it in place of the data.

These run before anyone is signed in (the data may be lost or damaged), so they are
not ``@use_case``s: what allows a restore is a secret from the backup's own key file,
the recovery key of the time, or the password of someone who was an administrator
then (checked against the backup's own list of administrators).

Nothing in the data folder is touched until the whole backup has been checked: its
structure, every member's SHA-256 against the manifest, and the manifest's MAC
under the key the secret unlocks. The backup is then unpacked beside the data
folder, opened, brought up to this version's schema (Alembic, as any older data is
when it opens) and given a "restore" entry in its audit trail; only then is the
current data folder set aside (renamed, with the date and time, next to it: never
deleted) and the restored one put in its place (store/swap.py). The restored data's
key file is the backup's, with the audit head at the backup's own last entry plus the
restore entry, so the older database is not refused as "rolled back": a restore is
exactly that, on purpose, and recorded.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from alembic.script import ScriptDirectory

from .. import errors
from ..store import archive, locks, migrate, swap
from ..store.layout import DB_NAME, KEYS_NAME
from ..store.keyslots import open_with_password, open_with_recovery_key
from ..store.workspace import Workspace
from . import audit

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class BackupContents:
    """What a checked backup holds (counts only: no names)."""

    path: Path
    created_at: datetime          # UTC
    schema_revision: str | None
    needs_upgrade: bool           # made by an earlier version: brought up to date on restore
    clients: int
    cases: int
    accounts: int
    audit_entries: int


@dataclass(frozen=True)
class Restored:
    contents: BackupContents
    folder: Path
    set_aside: Path | None        # where the data that was there before now is
    upgraded: bool


def _unlock(opened: archive.Opened, recovery_key, username, password):
    try:
        if recovery_key is not None:
            return open_with_recovery_key(opened.slots, recovery_key)
        if username is None or password is None:
            raise errors.ValidationError({"secret": "Give the recovery key, or an "
                                                    "administrator's username and password."})
        return open_with_password(opened.slots, username, password)
    except (errors.WrongRecoveryKey, errors.WrongPassword, errors.AccountDisabled,
            errors.PasswordResetNeeded):
        raise errors.BackupKeyWrong() from None
    except (errors.SlotFileTampered, errors.SlotFileDamaged):
        raise errors.BackupDamaged() from None


def _revision_state(revision: str | None) -> bool:
    """True when the backup's schema is older than this version's; refuses a newer one."""
    head = migrate.head_revision()
    if revision == head:
        return False
    known = {s.revision for s in ScriptDirectory.from_config(migrate._config()).walk_revisions()}
    if revision is not None and revision not in known:
        raise errors.ActionRefused("This backup was made by a newer version of SV2 Desk. "
                                   "Install that version (or a later one) to restore it. "
                                   "Nothing has been changed.")
    return True


def _check(path: Path, recovery_key, username, password, progress: Progress):
    """Everything about the backup, checked, before anything is written anywhere."""
    opened = archive.read(Path(path))
    unlocked = _unlock(opened, recovery_key, username, password)
    summary = archive.check_key(opened, unlocked.master_key)
    if recovery_key is None and unlocked.slot.account_id not in summary["admin_account_ids"]:
        raise errors.PermissionDenied("Only the recovery key, or the password of someone who "
                                      "was an administrator when the backup was made, can "
                                      "restore it. Nothing has been changed.")
    needs_upgrade = _revision_state(opened.manifest.get("schema_revision"))
    archive.copy_database(opened, None, progress)
    contents = BackupContents(
        path=Path(path), created_at=opened.created_at,
        schema_revision=opened.manifest.get("schema_revision"), needs_upgrade=needs_upgrade,
        clients=int(summary["clients"]), cases=int(summary["cases"]),
        accounts=int(summary["accounts"]), audit_entries=int(summary["audit_entries"]))
    return opened, unlocked, contents


def inspect(path: Path, *, recovery_key: str | None = None, username: str | None = None,
            password: str | None = None, progress: Progress | None = None) -> BackupContents:
    """Check a backup completely and say what it holds. Reads only."""
    progress = archive.steady(progress)
    return _check(path, recovery_key, username, password, progress)[2]


def restore(path: Path, folder: Path, *, recovery_key: str | None = None,
            username: str | None = None, password: str | None = None,
            progress: Progress | None = None) -> Restored:
    """Check the backup, then put it in place of the data in ``folder``."""
    progress = archive.steady(progress)
    folder = Path(folder)
    from ..store import server
    if server.is_server_folder(folder):     # restore to a PC, then move it (one step)
        raise errors.NotOnServer()
    opened, unlocked, contents = _check(
        path, recovery_key, username, password,
        lambda f, m: progress(0.45 * f, "Checking the backup"))
    swap.finish_interrupted(folder)
    swap.clear_unfinished(folder)
    with locks.exclusive_folder(folder) if folder.is_dir() else nullcontext():
        when = swap.stamp()
        staging = swap.sibling(folder, swap.RESTORING, when)
        try:
            staging.mkdir(parents=True)
            archive.copy_database(opened, staging / DB_NAME,
                                  lambda f, m: progress(0.45 + 0.4 * f, "Unpacking the backup"))
            (staging / KEYS_NAME).write_bytes(archive.read_member(opened, KEYS_NAME))
            progress(0.85, "Opening the restored data")
            upgraded = _open_and_reseal(staging, opened, unlocked)
            ready = swap.sibling(folder, swap.READY, when)
            staging.rename(ready)
        except BaseException:
            archive.remove_folder(staging)
            raise
        progress(0.95, "Putting the restored data in place")
        set_aside = swap.swap_in(ready, folder, when)
    progress(1.0, "Restore finished")
    return Restored(contents, folder, set_aside, upgraded)


def _open_and_reseal(staging: Path, opened: archive.Opened, unlocked) -> bool:
    """Open the unpacked data (checks its pages; Alembic brings an older schema up to date),
    and add the restore entry to its audit trail (which moves the head in its keys.json)."""
    before = opened.manifest.get("schema_revision")
    ws = Workspace.open_opened(staging, opened.slots, unlocked)
    try:
        upgraded = migrate.current_revision(ws.engine) != before
        with ws.transaction() as db:
            audit.record(db, unlocked.slot.account_id, "restore.reseal", "backup",
                         opened.path.name[:64])
    finally:
        ws.close()
    archive.sync_folder(staging)
    return upgraded
