"""Unfinished forms kept when SV2 Desk locks, offered back to the same person."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SealedBytes, SealedText, system_text


class Draft(Base):
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    form: Mapped[str] = system_text(64)
    payload: Mapped[str] = mapped_column(SealedText())  # JSON of what was typed
    saved_at: Mapped[str] = system_text(32)
