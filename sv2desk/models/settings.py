"""Workspace settings (organisation details, idle timeout) as key/value rows."""

from __future__ import annotations

from sqlalchemy import Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, system_text


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = system_text(64, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
