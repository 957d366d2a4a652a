"""Clients, cases (referral episodes), persons of concern, assessments, support sessions,
and each case's timeline."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy import text as sa_text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, sealed_text, system_text


def text(length: int | None = None, **kwargs):
    """A column for words a person typed (may be empty)."""
    return mapped_column(String(length) if length else Text, default="", **kwargs)


class Client(Base):
    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = text(200, index=True)
    preferred_name: Mapped[str] = text(200)
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True)
    approximate_age: Mapped[int | None] = mapped_column(Integer, nullable=True)
    gender: Mapped[str] = text(200)
    pronouns: Mapped[str] = text(100)
    address: Mapped[str] = text()
    postcode: Mapped[str] = text(16)
    phone: Mapped[str] = text(40)
    email: Mapped[str] = text(200)
    # safe contact
    post_is_safe: Mapped[bool] = mapped_column(Boolean, default=False)
    safe_post_address: Mapped[str] = text()
    may_call: Mapped[bool] = mapped_column(Boolean, default=False)
    may_leave_voicemail: Mapped[bool] = mapped_column(Boolean, default=False)
    may_text: Mapped[bool] = mapped_column(Boolean, default=False)
    may_email: Mapped[bool] = mapped_column(Boolean, default=False)
    safe_times: Mapped[str] = text()
    name_on_envelope_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    name_on_caller_display_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    name_in_messages_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    # language, an interpreter, and what would make the service easier to reach
    language: Mapped[str] = text(100)
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_language: Mapped[str] = text(100)
    access_needs: Mapped[str] = sealed_text()
    created_at: Mapped[str] = system_text(32)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_referral_date_status", "referral_date", "id", "status"),
        # Migration 0011: a worker's cases in order; open cases alone; the question asked.
        Index("ix_cases_worker_referral_date", "assigned_worker_id", "referral_date", "id",
              "status"),
        Index("ix_cases_open_referral_date", "referral_date", "id", "status",
              sqlite_where=sa_text("status != 'closed'"),
              postgresql_where=sa_text("status != 'closed'")),
        Index("ix_cases_interaction_answer", "interaction_answer"),
        Index("ix_cases_closed_at", "closed_at", "closed_reason"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = system_text(20, unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    status: Mapped[str] = system_text(32, index=True)
    status_before_hold: Mapped[str | None] = system_text(32, nullable=True)
    closed_reason: Mapped[str | None] = system_text(32, nullable=True)
    closed_note: Mapped[str] = sealed_text()
    referral_date: Mapped[date] = mapped_column(Date)
    arrived_by: Mapped[str] = system_text(32)
    # who referred
    external_referral: Mapped[bool] = mapped_column(Boolean, default=False)
    referrer_type: Mapped[str] = system_text(32, default="")    # policy/returns.py codes
    referrer_organisation: Mapped[str] = text(200)
    referrer_name: Mapped[str] = text(200)
    referrer_role: Mapped[str] = text(200)
    referrer_phone: Mapped[str] = text(40)
    referrer_email: Mapped[str] = text(200)
    referrer_contact_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    # what happened, and what is asked for (codes, comma separated)
    harm_categories: Mapped[str] = system_text(200)
    harm_other: Mapped[str] = sealed_text()
    harm_timing: Mapped[str] = system_text(16)
    support_requested: Mapped[str] = system_text(200)
    support_other: Mapped[str] = sealed_text()
    # the perpetrator-interaction question, asked of every referral
    interaction_answer: Mapped[str] = system_text(16)
    interaction_details: Mapped[str] = sealed_text()
    # eligibility: the advice given and the worker's decision
    area_advice: Mapped[str] = system_text(16)
    eligibility_decision: Mapped[str] = system_text(16)
    eligibility_note: Mapped[str] = sealed_text()
    adult_at_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    safeguarding_note: Mapped[str] = sealed_text()
    needs_management_attention: Mapped[bool] = mapped_column(Boolean, default=False)
    assigned_worker_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"),
                                                           nullable=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[str] = system_text(32)
    updated_at: Mapped[str] = system_text(32)
    # When it closed (the retention period runs from here), and when its personal data
    # was erased at the end of that period (the row stays, with codes and dates only).
    closed_at: Mapped[str | None] = system_text(32, nullable=True)
    erased_at: Mapped[str | None] = system_text(32, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    client: Mapped[Client] = relationship(lazy="joined")
    persons_of_concern: Mapped[list["PersonOfConcern"]] = relationship(
        cascade="all, delete-orphan", order_by="PersonOfConcern.id")

    __mapper_args__ = {"version_id_col": version}


class PersonOfConcern(Base):
    """Someone named by the client: a person who harmed them, or their family or friends."""

    __tablename__ = "persons_of_concern"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    name: Mapped[str] = sealed_text(200)
    relationship_to_client: Mapped[str] = sealed_text(200)
    other_identifiers: Mapped[str] = sealed_text()
    created_at: Mapped[str] = system_text(32)


class Assessment(Base):
    """The initial options assessment, recorded once the wizard is finished."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    completed_at: Mapped[str] = system_text(32)
    identity_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    eligibility_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    immediate_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    children_at_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    adults_at_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    safety_notes: Mapped[str] = sealed_text()
    needs: Mapped[str] = sealed_text()
    interaction_answer: Mapped[str] = system_text(16)
    interaction_notes: Mapped[str] = sealed_text()
    potential_perpetrator: Mapped[bool] = mapped_column(Boolean, default=False)
    perpetrator_notes: Mapped[str] = sealed_text()
    outcome: Mapped[str] = system_text(32)
    options_offered: Mapped[str] = system_text(200)
    outcome_notes: Mapped[str] = sealed_text()


class SupportSession(Base):
    """A support session: held, or booked in the diary (policy/diary.py says what can
    become of a booking)."""

    __tablename__ = "support_sessions"
    __table_args__ = (Index("ix_support_sessions_worker_day", "worker_id", "session_date"),
                      Index("ix_support_sessions_room_day", "room_id", "session_date"),
                      # a quarter's sessions by what became of them (funder returns)
                      Index("ix_support_sessions_day_status", "session_date", "status",
                            "cancelled_by"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    session_date: Mapped[date] = mapped_column(Date, index=True)
    session_type: Mapped[str] = system_text(32)
    worker_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    duration_minutes: Mapped[int] = mapped_column(Integer, default=0)
    planned: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = sealed_text()
    # Where it takes place, as typed (blank for phone or video); the connection check
    # compares it with spaces, case and punctuation folded.
    location: Mapped[str] = text(200)
    created_at: Mapped[str] = system_text(32)
    # A planned session is suspended when a concern is raised on the case: it stays on
    # record, marked, and is never held while the case is paused.
    suspended_at: Mapped[str | None] = system_text(32, nullable=True)
    suspended_for_concern_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The diary: what became of the booking (policy/diary.py STATUSES; ``planned`` stays
    # true only while it is still booked), when it starts and in which room.
    status: Mapped[str] = system_text(16, default="held")
    start_time: Mapped[time | None] = mapped_column(Time, nullable=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"), nullable=True)
    cancelled_by: Mapped[str | None] = system_text(16, nullable=True)   # client or service
    outcome_note: Mapped[str] = sealed_text()   # why it was cancelled, or a note on it
    outcome_recorded_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outcome_recorded_at: Mapped[str | None] = system_text(32, nullable=True)
    moved_to_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class CaseEvent(Base):
    """One line of a case's timeline, written by the services."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[str] = system_text(32)
    account_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str] = system_text(48)
    summary: Mapped[str] = system_text(300)
