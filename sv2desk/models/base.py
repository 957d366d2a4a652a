"""The declarative base and shared column helpers."""

from __future__ import annotations

from sqlalchemy import LargeBinary, MetaData, String, Text
from sqlalchemy.types import TypeDecorator
from sqlalchemy.orm import DeclarativeBase, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def system_text(length: int = 64, **kwargs):
    """A text column written only by the program (codes, hashes, timestamps)."""
    return mapped_column(String(length), info={"system": True}, **kwargs)


class SealedText(TypeDecorator):
    """Words a person typed that are special-category data (concern information, notes,
    safeguarding details, letters, drafts). In a one-PC workspace stored as any text (the
    whole file is encrypted); on the office server sealed by the PC before it is sent
    (store/sealing.py: the engine's dialect carries the workspace's sealer), so the server
    holds only ciphertext. Never compared or sorted in SQL."""

    impl = Text
    cache_ok = True

    def __init__(self, length: int | None = None):
        super().__init__()
        self.length = length

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Text())
        return dialect.type_descriptor(String(self.length) if self.length else Text())

    def process_bind_param(self, value, dialect):
        if value is None or dialect.name != "postgresql":
            return value
        return dialect.sv2_sealer.seal_text(value)

    def process_result_value(self, value, dialect):
        if value is None or dialect.name != "postgresql":
            return value
        return dialect.sv2_sealer.open_text(value)


class SealedBytes(TypeDecorator):
    """A document (a letter's PDF) sealed as SealedText is, on the office server."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None or dialect.name != "postgresql":
            return value
        return dialect.sv2_sealer.seal_bytes(value)

    def process_result_value(self, value, dialect):
        if value is None or dialect.name != "postgresql":
            return value
        return dialect.sv2_sealer.open_bytes(value)


def sealed_text(length: int | None = None, **kwargs):
    """A column for special-category words a person typed (may be empty)."""
    return mapped_column(SealedText(length), default="", **kwargs)
