"""Indexes for the lists at 100,000 clients (issue 19): a worker's own cases newest first
read from one index in order (no sort); open cases from an index of open cases only (a
fifth of them, instead of every case's entry); and the dashboard's count of referrals
asked the perpetrator-interaction question from an index instead of every case row.

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

OPEN = sa.text("status != 'closed'")


def upgrade() -> None:
    # Replaces the index on the worker alone (the new one serves every query that used it).
    op.create_index("ix_cases_worker_referral_date", "cases",
                    ["assigned_worker_id", "referral_date", "id", "status"])
    op.drop_index("ix_cases_assigned_worker_id", "cases")
    op.create_index("ix_cases_open_referral_date", "cases", ["referral_date", "id", "status"],
                    sqlite_where=OPEN, postgresql_where=OPEN)
    op.create_index("ix_cases_interaction_answer", "cases", ["interaction_answer"])


def downgrade() -> None:
    op.drop_index("ix_cases_interaction_answer", "cases")
    op.drop_index("ix_cases_open_referral_date", "cases")
    op.create_index("ix_cases_assigned_worker_id", "cases", ["assigned_worker_id"])
    op.drop_index("ix_cases_worker_referral_date", "cases")
