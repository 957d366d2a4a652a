"""Policy kernel: support sessions planned before a concern are suspended when it is raised
(they stay on record, marked, and are never held while the case is paused).

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("support_sessions") as table:
        table.add_column(sa.Column("suspended_at", sa.String(32), nullable=True))
        table.add_column(sa.Column("suspended_for_concern_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("support_sessions") as table:
        table.drop_column("suspended_for_concern_id")
        table.drop_column("suspended_at")
