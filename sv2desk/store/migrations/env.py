"""Alembic environment: runs on the connection SV2 Desk hands it (never a URL)."""

from alembic import context

from sv2desk.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
