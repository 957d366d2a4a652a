"""Daily casework: client record upkeep (history of changes, language, interpreter and access
needs), case notes, the contact log, consent, equality monitoring, the diary (sites, rooms,
times and what became of each booking), the waiting list, and the referrer's type and an
index on closing dates for funder returns.

Sessions recorded before this revision get their diary status from the planned flag: a
planned one is still booked, any other was held.

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _sized(length: int):
    """Text of at most ``length`` characters on one PC; on the office server (PostgreSQL)
    plain text, as every column there is: the limits are policy/validation.py's LIMITS."""
    if op.get_bind().dialect.name == "postgresql":
        return sa.Text()
    return sa.String(length=length)


def _who(column: str, nullable: bool = False) -> sa.Column:
    return sa.Column(column, sa.Integer(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", _sized(200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", _sized(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")))
    op.create_table(
        "rooms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("name", _sized(200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("step_free", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", _sized(32), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_rooms_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rooms")))
    op.create_index(op.f("ix_rooms_site_id"), "rooms", ["site_id"])

    op.create_table(
        "client_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("field", _sized(48), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=False),
        sa.Column("new_value", sa.Text(), nullable=False),
        _who("changed_by"),
        sa.Column("changed_at", _sized(32), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"],
                                name=op.f("fk_client_changes_case_id_cases")),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name=op.f("fk_client_changes_client_id_clients")),
        sa.ForeignKeyConstraint(["changed_by"], ["accounts.id"],
                                name=op.f("fk_client_changes_changed_by_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_changes")))
    op.create_index(op.f("ix_client_changes_case_id"), "client_changes", ["case_id"])

    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=True),
        sa.Column("noted_at", _sized(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _who("written_by"),
        sa.Column("written_at", _sized(32), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"],
                                name=op.f("fk_case_notes_case_id_cases")),
        sa.ForeignKeyConstraint(["concern_id"], ["concerns.id"],
                                name=op.f("fk_case_notes_concern_id_concerns")),
        sa.ForeignKeyConstraint(["written_by"], ["accounts.id"],
                                name=op.f("fk_case_notes_written_by_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notes")))
    op.create_index(op.f("ix_case_notes_case_id"), "case_notes", ["case_id"])

    op.create_table(
        "contact_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", _sized(32), nullable=False),
        sa.Column("channel", _sized(16), nullable=False),
        sa.Column("direction", _sized(16), nullable=False),
        sa.Column("outcome", _sized(24), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _who("recorded_by"),
        sa.Column("recorded_at", _sized(32), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"],
                                name=op.f("fk_contact_attempts_case_id_cases")),
        sa.ForeignKeyConstraint(["recorded_by"], ["accounts.id"],
                                name=op.f("fk_contact_attempts_recorded_by_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_attempts")))
    op.create_index(op.f("ix_contact_attempts_case_id"), "contact_attempts", ["case_id"])

    op.create_table(
        "consent_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", _sized(16), nullable=False),
        sa.Column("shared_with", _sized(200), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("how", _sized(24), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _who("recorded_by"),
        sa.Column("recorded_at", _sized(32), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_how", _sized(24), nullable=True),
        sa.Column("withdrawal_note", sa.Text(), nullable=False),
        _who("withdrawal_recorded_by", nullable=True),
        sa.Column("withdrawal_recorded_at", _sized(32), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"],
                                name=op.f("fk_consent_records_case_id_cases")),
        sa.ForeignKeyConstraint(["recorded_by"], ["accounts.id"],
                                name=op.f("fk_consent_records_recorded_by_accounts")),
        sa.ForeignKeyConstraint(["withdrawal_recorded_by"], ["accounts.id"],
                                name=op.f("fk_consent_records_withdrawal_recorded_by_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_records")))
    op.create_index(op.f("ix_consent_records_case_id"), "consent_records", ["case_id"])

    op.create_table(
        "equality_monitoring",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        *[sa.Column(name, _sized(32), nullable=False)
          for name in ("ethnicity", "disability", "sexual_orientation", "religion", "age_band",
                       "gender", "trans")],
        _who("recorded_by"),
        sa.Column("recorded_at", _sized(32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"],
                                name=op.f("fk_equality_monitoring_case_id_cases")),
        sa.ForeignKeyConstraint(["recorded_by"], ["accounts.id"],
                                name=op.f("fk_equality_monitoring_recorded_by_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equality_monitoring")),
        sa.UniqueConstraint("case_id", name=op.f("uq_equality_monitoring_case_id")))

    op.create_table(
        "waiting_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("service", _sized(16), nullable=False),
        sa.Column("priority", _sized(16), nullable=False),
        sa.Column("priority_rank", sa.Integer(), nullable=False),
        sa.Column("waiting_since", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _who("added_by"),
        sa.Column("added_at", _sized(32), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.Column("allocated_at", _sized(32), nullable=True),
        _who("allocated_by", nullable=True),
        _who("allocated_worker_id", nullable=True),
        sa.Column("removed_at", _sized(32), nullable=True),
        _who("removed_by", nullable=True),
        sa.Column("removed_reason", _sized(24), nullable=True),
        sa.Column("removal_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"],
                                name=op.f("fk_waiting_list_case_id_cases")),
        sa.ForeignKeyConstraint(["added_by"], ["accounts.id"],
                                name=op.f("fk_waiting_list_added_by_accounts")),
        sa.ForeignKeyConstraint(["allocated_worker_id"], ["accounts.id"],
                                name=op.f("fk_waiting_list_allocated_worker_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waiting_list")))
    op.create_index(op.f("ix_waiting_list_case_id"), "waiting_list", ["case_id"])
    op.create_index("ix_waiting_list_open_rank", "waiting_list",
                    ["open", "priority_rank", "waiting_since", "id"])
    op.create_index("ix_waiting_list_open_service", "waiting_list",
                    ["open", "service", "priority_rank", "waiting_since", "id"])

    # Adding columns changes no row; the room's foreign key makes SQLite copy the table.
    with op.batch_alter_table("clients") as table:
        table.add_column(sa.Column("name_in_messages_ok", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        table.add_column(sa.Column("language", _sized(100), nullable=False,
                                   server_default=""))
        table.add_column(sa.Column("interpreter_needed", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        table.add_column(sa.Column("interpreter_language", _sized(100),
                                   nullable=False, server_default=""))
        table.add_column(sa.Column("access_needs", sa.Text(), nullable=False,
                                   server_default=""))
    with op.batch_alter_table("cases") as table:
        table.add_column(sa.Column("referrer_type", _sized(32), nullable=False,
                                   server_default=""))
    op.create_index("ix_cases_closed_at", "cases", ["closed_at", "closed_reason"])
    with op.batch_alter_table("support_sessions") as table:
        table.add_column(sa.Column("status", _sized(16), nullable=False,
                                   server_default="held"))
        table.add_column(sa.Column("start_time", sa.Time(), nullable=True))
        table.add_column(sa.Column("room_id", sa.Integer(), nullable=True))
        table.add_column(sa.Column("cancelled_by", _sized(16), nullable=True))
        table.add_column(sa.Column("outcome_note", sa.Text(), nullable=False,
                                   server_default=""))
        table.add_column(sa.Column("outcome_recorded_by", sa.Integer(), nullable=True))
        table.add_column(sa.Column("outcome_recorded_at", _sized(32), nullable=True))
        table.add_column(sa.Column("moved_to_id", sa.Integer(), nullable=True))
        table.create_foreign_key(op.f("fk_support_sessions_room_id_rooms"), "rooms",
                                 ["room_id"], ["id"])
        table.create_index("ix_support_sessions_worker_day", ["worker_id", "session_date"])
        table.create_index("ix_support_sessions_room_day", ["room_id", "session_date"])
        table.create_index("ix_support_sessions_day_status",
                           ["session_date", "status", "cancelled_by"])
    op.execute("UPDATE support_sessions SET status = 'planned' WHERE planned")


def downgrade() -> None:
    with op.batch_alter_table("support_sessions") as table:
        table.drop_index("ix_support_sessions_day_status")
        table.drop_index("ix_support_sessions_room_day")
        table.drop_index("ix_support_sessions_worker_day")
        table.drop_constraint(op.f("fk_support_sessions_room_id_rooms"), type_="foreignkey")
        for name in ("moved_to_id", "outcome_recorded_at", "outcome_recorded_by",
                     "outcome_note", "cancelled_by", "room_id", "start_time", "status"):
            table.drop_column(name)
    op.drop_index("ix_cases_closed_at", "cases")
    with op.batch_alter_table("cases") as table:
        table.drop_column("referrer_type")
    with op.batch_alter_table("clients") as table:
        for name in ("access_needs", "interpreter_language", "interpreter_needed", "language",
                     "name_in_messages_ok"):
            table.drop_column(name)
    for name in ("waiting_list", "equality_monitoring", "consent_records", "contact_attempts",
                 "case_notes", "client_changes", "rooms", "sites"):
        op.drop_table(name)
