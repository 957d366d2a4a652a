"""The waiting list: a case waiting for a service, from a date, with a priority."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, sealed_text, system_text


class WaitingListEntry(Base):
    __tablename__ = "waiting_list"
    # The list's first page: open entries by priority, longest waiting first (also by
    # service, its filter).
    __table_args__ = (
        Index("ix_waiting_list_open_rank", "open", "priority_rank", "waiting_since", "id"),
        Index("ix_waiting_list_open_service", "open", "service", "priority_rank",
              "waiting_since", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    service: Mapped[str] = system_text(16)
    priority: Mapped[str] = system_text(16)
    priority_rank: Mapped[int] = mapped_column(Integer)
    waiting_since: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = sealed_text()
    added_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    added_at: Mapped[str] = system_text(32)
    open: Mapped[bool] = mapped_column(Boolean, default=True)
    allocated_at: Mapped[str | None] = system_text(32, nullable=True)
    allocated_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    allocated_worker_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"),
                                                            nullable=True)
    removed_at: Mapped[str | None] = system_text(32, nullable=True)
    removed_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    removed_reason: Mapped[str | None] = system_text(24, nullable=True)
    removal_note: Mapped[str] = sealed_text()
