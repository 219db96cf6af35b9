"""Alembic environment: runs against the connection handed over by ``db.migrate``."""

from alembic import context

from clinevidence.library.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
