"""The potential-perpetrator workflow: the concern, the explanation given, the
line-manager discussion, the management decision and how the outcome was shared.

Records here are written once. A decision is never edited: a correction is a new
decision that references the one it corrects.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SealedText, sealed_text, system_text
from .casework import text


class Concern(Base):
    __tablename__ = "concerns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    raised_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    raised_at: Mapped[str] = system_text(32)
    stage: Mapped[str] = system_text(32)            # the case status when it was raised
    information: Mapped[str] = sealed_text()               # what led to it
    source: Mapped[str] = sealed_text()                    # where that information came from
    initial_risk_notes: Mapped[str] = sealed_text()
    risk_level: Mapped[str] = system_text(16)       # low / medium / high
    status: Mapped[str] = system_text(32, index=True)
    completed_at: Mapped[str | None] = system_text(32, nullable=True)


class Explanation(Base):
    """What the staff member explained to the client (the four points of the policy)."""

    __tablename__ = "concern_explanations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concerns.id"), index=True)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    recorded_at: Mapped[str] = system_text(32)
    explained_on: Mapped[str] = system_text(32)     # when it was explained (ISO date/time)
    method: Mapped[str] = system_text(16)           # in_person / phone / video
    not_able_to_support: Mapped[bool] = mapped_column(Boolean, default=False)
    not_able_to_support_reason: Mapped[str] = sealed_text()
    discussed_with_management: Mapped[bool] = mapped_column(Boolean, default=False)
    discussed_with_management_reason: Mapped[str] = sealed_text()
    outcome_will_be_communicated: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome_will_be_communicated_reason: Mapped[str] = sealed_text()
    safeguarding_may_be_reported: Mapped[bool] = mapped_column(Boolean, default=False)
    safeguarding_may_be_reported_reason: Mapped[str] = sealed_text()


class LineManagerDiscussion(Base):
    """The discussion of risk and needs, countersigned by the worker's line manager."""

    __tablename__ = "line_manager_discussions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concerns.id"), index=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    manager_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    countersigned_at: Mapped[str] = system_text(32)
    risks: Mapped[str] = sealed_text()
    needs: Mapped[str] = sealed_text()
    safeguarding_action: Mapped[str] = sealed_text()


class Decision(Base):
    """A member of the management team's decision, case by case."""

    __tablename__ = "concern_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concerns.id"), index=True)
    decided_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[str] = system_text(32)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("concern_decisions.id"),
                                                    nullable=True)
    correction_reason: Mapped[str] = sealed_text()
    outcome: Mapped[str] = system_text(32)          # support_continues / support_ends
    steps_json: Mapped[str] = mapped_column(SealedText())   # each next step: status and note (JSON)
    safeguarding_authority: Mapped[str] = sealed_text()
    safeguarding_reported_on: Mapped[str] = system_text(32)
    safeguarding_reference: Mapped[str] = sealed_text()
    safeguarding_consent: Mapped[str] = system_text(16)   # given / not_given / not_asked
    safeguarding_lawful_basis: Mapped[str] = sealed_text()
    referrer_contact_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    victim_safety_note: Mapped[str] = sealed_text()
    communicator: Mapped[str] = system_text(16)     # worker / manager
    communicator_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    communicator_reason: Mapped[str] = sealed_text()


class OutcomeCommunication(Base):
    """When and how the outcome was shared with the client."""

    __tablename__ = "outcome_communications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concerns.id"), index=True)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    recorded_at: Mapped[str] = system_text(32)
    communicated_on: Mapped[str] = system_text(32)
    method: Mapped[str] = system_text(16)           # in_person / phone / video / letter
    letter_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = sealed_text()
    case_result: Mapped[str] = system_text(32)      # the status the case went to
