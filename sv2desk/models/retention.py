"""Erasures: what was erased, when, by whom and why (the why as typed by a manager)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, sealed_text, system_text
from .casework import text


class Erasure(Base):
    """One erasure of personal data: a case at the end of its retention period, or a
    concern that ended with no further action, erased sooner on request."""

    __tablename__ = "erasures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = system_text(16)              # case / concern
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    concern_id: Mapped[int | None] = mapped_column(ForeignKey("concerns.id"), nullable=True)
    erased_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    erased_at: Mapped[str] = system_text(32)
    reason: Mapped[str] = sealed_text()
