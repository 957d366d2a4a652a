"""Signed audit entries: who signed each entry (their Ed25519 key), the signature, and
whether the entry was reported before anyone signed in (unauthenticated).

Entries made before this stay as they were (hash-chained, unsigned); every entry after
it is signed (services/audit.py).

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN changes no row, so the append-only triggers are not involved.
    op.add_column("audit_log", sa.Column("signer", sa.String(32), nullable=True))
    op.add_column("audit_log", sa.Column("origin", sa.String(16), nullable=True))
    op.add_column("audit_log", sa.Column("signature", sa.String(128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("signature")
        batch.drop_column("origin")
        batch.drop_column("signer")
