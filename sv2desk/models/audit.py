"""The audit trail: append-only, hash-chained. Ids only, never personal data."""

from __future__ import annotations

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, system_text


class AuditEntry(Base):
    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = system_text(32)
    account_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = system_text(64)
    object_type: Mapped[str | None] = system_text(32, nullable=True)
    object_id: Mapped[str | None] = system_text(64, nullable=True)
    outcome: Mapped[str] = system_text(16)
    prev_hash: Mapped[str] = system_text(64)
    hash: Mapped[str] = system_text(64)
    # Who signed the entry ("account-<id>" or "recovery"), their Ed25519 signature of its
    # hash (hex), and "before_sign_in" for an entry reported before anyone signed in
    # (unauthenticated: carried into the trail by whoever signed in next). All three are
    # empty on entries made before entries were signed.
    signer: Mapped[str | None] = system_text(32, nullable=True)
    origin: Mapped[str | None] = system_text(16, nullable=True)
    signature: Mapped[str | None] = system_text(128, nullable=True)
