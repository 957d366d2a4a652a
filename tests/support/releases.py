"""A pretend later release of SV2 Desk, for the upgrade tests: today's migrations plus one
more revision on top of today's head (the ``install_later_release`` fixture installs it)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from sv2desk.store import migrate

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


def install(folder: Path, monkeypatch) -> str:
    """Copy today's migrations into ``folder``, add the later revision, and point
    SV2 Desk at them until the test ends. Returns today's head."""
    today = migrate.head_revision()
    copy = Path(folder) / "migrations"
    shutil.copytree(migrate.MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / f"{LATER}.py").write_text(
        EXTRA_REVISION.format(later=LATER, today=today), "utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", copy)
    return today
