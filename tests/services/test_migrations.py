"""Schema upgrades: a new workspace is current; an older one is backed up, encrypted, then
upgraded when it is opened."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect

from sv2desk.policy import roles
from sv2desk.services import accounts, auth
from sv2desk.store import engine as engine_mod, migrate

from ..support.releases import LATER
from ..support.workspaces import ADMIN_PASSWORD, make_workspace

CANARY_NAME = "Ottoline Canarybrook"
CANARY_USERNAME = "ottolinecb"
SQLITE_HEADER = b"SQLite format 3\x00"


def _columns(engine, table="accounts") -> set[str]:
    with engine.connect() as conn:
        names = {c["name"] for c in inspect(conn).get_columns(table)}
        conn.rollback()
    return names


def test_a_new_workspace_is_at_the_latest_schema_and_needs_no_backup(folder):
    session = make_workspace(folder).session
    try:
        assert migrate.current_revision(session.workspace.engine) == migrate.head_revision()
        assert not migrate.upgrade(session.workspace.engine, pytest.fail)
    finally:
        auth.sign_out(session)
    assert not (folder / "backups").exists()


def test_opening_an_older_workspace_backs_it_up_encrypted_then_upgrades(
        folder, install_later_release):
    admin = make_workspace(folder).session
    accounts.create_account(admin, CANARY_USERNAME, CANARY_NAME, "canary password 1",
                            {roles.SUPPORT_WORKER})
    today = migrate.current_revision(admin.workspace.engine)
    auth.sign_out(admin)
    assert install_later_release() == today
    assert migrate.head_revision() == LATER

    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        engine = session.workspace.engine
        assert migrate.current_revision(engine) == LATER == migrate.head_revision()
        assert "test_pronouns" in _columns(engine)
        names = {a.display_name for a in accounts.list_accounts(session)}
        assert CANARY_NAME in names  # the data came through the upgrade
        master_key = session.workspace._master_key
    finally:
        auth.sign_out(session)

    backups = sorted((folder / "backups").glob("*.db"))
    assert len(backups) == 1
    backup = backups[0]
    assert today in backup.name
    raw = backup.read_bytes()
    # Encrypted: no SQLite header, no names in plaintext, and plain SQLite cannot read it.
    assert not raw.startswith(SQLITE_HEADER)
    for text in (CANARY_NAME, CANARY_USERNAME):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert text.encode(encoding) not in raw
    plain = sqlite3.connect(backup)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()

    # It is a whole copy taken before the upgrade: the old schema, with the data in it.
    conn = engine_mod.connect(backup, master_key, readonly=True)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == today
        columns = {row[1] for row in conn.execute("PRAGMA table_info(accounts)")}
        assert "test_pronouns" not in columns
        stored = {row[0] for row in conn.execute("SELECT display_name FROM accounts")}
        assert CANARY_NAME in stored
    finally:
        conn.close()

    # Once upgraded, opening again neither migrates nor backs up again.
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    assert sorted((folder / "backups").glob("*.db")) == backups


def test_the_backup_is_taken_before_the_migration_runs(folder, install_later_release,
                                                        monkeypatch):
    auth.sign_out(make_workspace(folder).session)
    install_later_release()
    seen = []
    real_upgrade = migrate.command.upgrade

    def upgrade_after_checking(cfg, target):
        seen.append(sorted(p.name for p in (folder / "backups").glob("*.db")))
        return real_upgrade(cfg, target)

    monkeypatch.setattr(migrate.command, "upgrade", upgrade_after_checking)
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    assert len(seen) == 1 and len(seen[0]) == 1, "the backup must exist before upgrading"
