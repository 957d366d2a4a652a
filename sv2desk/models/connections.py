"""The connection check: blocking keys, confidential flags for managers, their decisions,
and managers' overrides of a restriction.

A flag is never deleted. A decision is never edited: a later decision on the same flag
(confirming one that was dismissed, or the other way round) is a new row that names the
one it replaces.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, sealed_text, system_text
from .casework import text


class ConnectionKey(Base):
    """One blocking key of a client or a person of concern, as a 64-bit hash (no personal
    data). The check scores only records that share a key with the new one."""

    __tablename__ = "connection_keys"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = system_text(8, primary_key=True)          # client / poc
    record_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)

    __table_args__ = (Index("ix_connection_keys_record", "kind", "record_id"),
                      {"sqlite_with_rowid": False})


class ConnectionFlag(Base):
    """A likely match between two records on different cases. Managers only."""

    __tablename__ = "connection_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair: Mapped[str] = system_text(64, unique=True)     # "client:3|poc:9", sorted
    left_kind: Mapped[str] = system_text(8)              # the record that was being saved
    left_id: Mapped[int] = mapped_column(Integer)
    left_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    right_kind: Mapped[str] = system_text(8)             # the record it matched
    right_id: Mapped[int] = mapped_column(Integer)
    right_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    score: Mapped[int] = mapped_column(Integer)
    # Plain-English reasons (JSON list), written by the program; never names or numbers.
    evidence_json: Mapped[str] = mapped_column(Text, info={"system": True})
    trigger: Mapped[str] = system_text(32)               # referral / person_of_concern / concern
    raised_at: Mapped[str] = system_text(32)
    raised_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), nullable=True)
    status: Mapped[str] = system_text(16, index=True)    # open / confirmed / dismissed
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class ConnectionDecision(Base):
    """A manager confirming a flag (with the safety measures agreed) or dismissing it
    (with the reason)."""

    __tablename__ = "connection_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flag_id: Mapped[int] = mapped_column(ForeignKey("connection_flags.id"), index=True)
    decision: Mapped[str] = system_text(16)              # confirmed / dismissed
    decided_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[str] = system_text(32)
    safety_measures: Mapped[str] = sealed_text()
    reason: Mapped[str] = sealed_text()
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("connection_decisions.id"),
                                                    nullable=True)


class ConnectionOverride(Base):
    """A manager letting one worker work with two people kept apart, with the reason."""

    __tablename__ = "connection_overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flag_id: Mapped[int] = mapped_column(ForeignKey("connection_flags.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    action: Mapped[str] = system_text(16)                # assign / session
    worker_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    overridden_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    overridden_at: Mapped[str] = system_text(32)
    reason: Mapped[str] = sealed_text()
