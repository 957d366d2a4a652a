"""The signposting directory and finalised letters (kept encrypted in the database)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, LargeBinary, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SealedBytes, SealedText, system_text
from .casework import text


class DirectoryEntry(Base):
    """A service people can be signposted to."""

    __tablename__ = "directory_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = text(200)
    category: Mapped[str] = system_text(32, index=True)
    phone: Mapped[str] = text(100)
    web: Mapped[str] = text(300)
    address: Mapped[str] = text()
    opening_hours: Mapped[str] = text()
    area_served: Mapped[str] = text(200)
    notes: Mapped[str] = text()
    last_checked: Mapped[date | None] = mapped_column(Date, nullable=True)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)  # else: check before use
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    seed_key: Mapped[str | None] = system_text(64, nullable=True)
    updated_at: Mapped[str] = system_text(32)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Letter(Base):
    """A finalised letter: the text as approved, and the PDF, with who and when."""

    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), nullable=True,
                                                index=True)
    concern_id: Mapped[int | None] = mapped_column(ForeignKey("concerns.id"), nullable=True)
    communication_id: Mapped[int | None] = mapped_column(
        ForeignKey("outcome_communications.id"), nullable=True)
    kind: Mapped[str] = system_text(32)
    recipient: Mapped[str] = system_text(16)        # client / referrer
    body: Mapped[str] = mapped_column(SealedText())          # the approved text (JSON of paragraphs)
    large_print: Mapped[bool] = mapped_column(Boolean, default=False)
    pdf: Mapped[bytes] = mapped_column(SealedBytes())
    finalised_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    finalised_at: Mapped[str] = system_text(32)
