"""Schema upgrades: a new workspace is current; an older one is backed up, encrypted, then
upgraded when it is opened."""

from __future__ import annotations

import shutil
import sqlite3
import textwrap

import pytest
from sqlalchemy import inspect

from sv2desk.policy import roles
from sv2desk.services import accounts, auth
from sv2desk.store import engine as engine_mod, migrate

from .conftest import ADMIN_PASSWORD, make_workspace

CANARY_NAME = "Ottoline Canarybrook"
CANARY_USERNAME = "ottolinecb"
SQLITE_HEADER = b"SQLite format 3\x00"

LATER = "zz_test_later"  # the revision id of the pretend later release
EXTRA_REVISION = textwrap.dedent('''\
    """Test only: a later schema that adds a column.

    Revision ID: {later}
    Revises: {today}
    """
    from alembic import op
    import sqlalchemy as sa

    revision = "{later}"
    down_revision = "{today}"
    branch_labels = None
    depends_on = None


    def upgrade() -> None:
        op.add_column("accounts", sa.Column("test_pronouns", sa.String(40), nullable=True))


    def downgrade() -> None:
        with op.batch_alter_table("accounts") as batch:
            batch.drop_column("test_pronouns")
    ''')


@pytest.fixture
def install_later_release(tmp_path, monkeypatch):
    """Call it to "install" a later release: today's migrations plus one more revision
    on top of today's head. Returns today's head."""
    def install() -> str:
        today = migrate.head_revision()
        copy = tmp_path / "migrations"
        shutil.copytree(migrate.MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
        (copy / "versions" / f"{LATER}.py").write_text(
            EXTRA_REVISION.format(later=LATER, today=today), "utf-8")
        monkeypatch.setattr(migrate, "MIGRATIONS", copy)
        return today
    return install


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
