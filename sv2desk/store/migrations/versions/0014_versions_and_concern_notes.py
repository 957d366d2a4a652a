"""Versions on the sites and rooms several PCs edit (a second save of a changed one is
refused naming who changed it and what, as for directory entries and clients' details);
and, on the office server, row-level security for notes about a concern: the same rule
as the concern's own rows (the people on the case), so a note marked as about the concern
reaches no one else even through a query that forgot the rule.

Revision ID: 0014
Revises: 0012 (0013 is kept for helper "speed": if it lands, this revises it)
"""
from alembic import op
import sqlalchemy as sa

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None

VERSIONED = ("sites", "rooms")
NOTE_RULE = "concern_id IS NULL OR sv2desk_on_case(case_id)"


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="1"))
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE case_notes ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY on_the_case ON case_notes USING ({NOTE_RULE}) "
               f"WITH CHECK ({NOTE_RULE})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY on_the_case ON case_notes")
        op.execute("ALTER TABLE case_notes DISABLE ROW LEVEL SECURITY")
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
