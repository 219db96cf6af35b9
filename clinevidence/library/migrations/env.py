"""Alembic environment: runs against the connection handed over by ``db.migrate`` (already in a transaction)."""

from collections.abc import Collection, Mapping
from typing import Any

from alembic import context
from alembic.runtime.migration import MigrationContext, MigrationInfo

from clinevidence.library.faults import fault
from clinevidence.library.tables import metadata


def _applied(ctx: MigrationContext, step: MigrationInfo, heads: Collection[Any], run_args: Mapping[str, Any]) -> None:
    for rev in step.up_revision_ids if step.is_upgrade else ():
        fault(f"migration-applied:{rev}")


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    transaction_per_migration=False,
    on_version_apply=_applied,
)
with context.begin_transaction():
    context.run_migrations()
