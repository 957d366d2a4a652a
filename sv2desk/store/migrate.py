"""Bringing a workspace's schema up to date with Alembic, backing it up first."""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest schema this program knows (read from its migration scripts once for
    each folder of scripts: a test may install a later release's)."""
    return _head_of(str(MIGRATIONS))


@lru_cache(maxsize=4)
def _head_of(scripts: str) -> str:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, backup) -> bool:
    """Apply pending migrations. ``backup(label)`` is called first when the schema
    already holds data. Returns True when anything ran."""
    current = current_revision(engine)
    if current == head_revision():
        return False
    if current is not None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        backup(f"before-migration-from-{current}-{stamp}")
    cfg = _config()
    with engine.connect() as conn:
        # SQLite copies a table to change it (a foreign key added, say): with foreign keys
        # enforced, dropping the old copy fails as soon as another table's rows point at
        # it. SQLite's own procedure: turn enforcement off outside the transaction, make
        # the change, check every key before committing, turn it back on.
        raw = conn.connection.dbapi_connection if engine.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")      # no transaction is open yet
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if raw is not None and conn.exec_driver_sql(
                        "PRAGMA foreign_key_check").first() is not None:
                    from .. import errors
                    raise errors.WorkspaceDamaged(
                        "Updating the data to this version of SV2 Desk left records "
                        "pointing at records that do not exist, so nothing was changed. "
                        "Keep this folder as it is and ask your IT support for help.")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")
    return True
