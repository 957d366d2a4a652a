"""Alembic environment: runs on the connection SV2 Desk hands it (never a URL)."""

from alembic import context

from sv2desk.models import Base



def include_object(obj, name, type_, reflected, compare_to):
    """The full-text search index (case_search*) is made by hand, not from the models."""
    return not (type_ == "table" and name.startswith("case_search"))


connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  include_object=include_object)
with context.begin_transaction():
    context.run_migrations()
