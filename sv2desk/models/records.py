"""What is kept about a client beyond the referral: every change to their details (with
the old value, who and when), dated case notes, the log of contacts, consent given and
withdrawn, and the equality monitoring answers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, sealed_text, system_text
from .casework import text


class ClientChange(Base):
    """One detail of a client changed: what it was, what it became, by whom and when."""

    __tablename__ = "client_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    field: Mapped[str] = system_text(48)
    old_value: Mapped[str] = sealed_text()
    new_value: Mapped[str] = sealed_text()
    changed_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    changed_at: Mapped[str] = system_text(32)


class CaseNote(Base):
    """A dated note on the case. A note about a concern is seen only by the people on the
    case (policy/access.py)."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    concern_id: Mapped[int | None] = mapped_column(ForeignKey("concerns.id"), nullable=True)
    noted_at: Mapped[str] = system_text(32)      # when what it says happened (local time)
    text: Mapped[str] = sealed_text()
    written_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    written_at: Mapped[str] = system_text(32)


class ContactAttempt(Base):
    """A call, text, email, letter or meeting, made or received, and how it went."""

    __tablename__ = "contact_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[str] = system_text(32)            # when (local time)
    channel: Mapped[str] = system_text(16)
    direction: Mapped[str] = system_text(16)
    outcome: Mapped[str] = system_text(24)
    note: Mapped[str] = sealed_text()
    recorded_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    recorded_at: Mapped[str] = system_text(32)


class ConsentRecord(Base):
    """Consent given (to processing, or to sharing with someone), and its withdrawal."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = system_text(16)
    shared_with: Mapped[str] = text(200)         # for sharing: with whom, and what for
    given_on: Mapped[date] = mapped_column(Date)
    how: Mapped[str] = system_text(24)
    note: Mapped[str] = sealed_text()
    recorded_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    recorded_at: Mapped[str] = system_text(32)
    withdrawn_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    withdrawn_how: Mapped[str | None] = system_text(24, nullable=True)
    withdrawal_note: Mapped[str] = sealed_text()
    withdrawal_recorded_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"),
                                                               nullable=True)
    withdrawal_recorded_at: Mapped[str | None] = system_text(32, nullable=True)


class EqualityMonitoring(Base):
    """The answers to the equality questions (codes from policy/equality.py; "" where not
    answered). One row per case."""

    __tablename__ = "equality_monitoring"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    ethnicity: Mapped[str] = system_text(32, default="")
    disability: Mapped[str] = system_text(32, default="")
    sexual_orientation: Mapped[str] = system_text(32, default="")
    religion: Mapped[str] = system_text(32, default="")
    age_band: Mapped[str] = system_text(32, default="")
    gender: Mapped[str] = system_text(32, default="")
    trans: Mapped[str] = system_text(32, default="")
    recorded_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    recorded_at: Mapped[str] = system_text(32)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
