"""Index catch-up and ingest jobs: a change log (documents changed per generation), so every app node's own search
index catches up incrementally from the database, and resumable ingest jobs.

The log starts empty: ``changes_floor`` is set to the current generation, so a node whose index is older than this
migration rebuilds once instead of trusting an incomplete log.

Revision ID: 0006
Revises: 0005
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "library_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("doc_id", sa.String(200), nullable=False),
        sa.Column("op", sa.String(10), nullable=False),
    )
    op.create_index("ix_library_changes_generation", "library_changes", ["generation"])
    op.create_table(
        "ingest_jobs",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    meta = sa.table("library_meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    conn = op.get_bind()
    generation = conn.execute(sa.select(meta.c.value).where(meta.c.key == "generation")).scalar()
    if generation is not None:
        op.bulk_insert(meta, [{"key": "changes_floor", "value": str(generation)}])
        if conn.execute(sa.select(meta.c.value).where(meta.c.key == "library_id")).scalar() is None:
            op.bulk_insert(meta, [{"key": "library_id", "value": uuid.uuid4().hex}])


def downgrade() -> None:
    op.execute("DELETE FROM library_meta WHERE key = 'changes_floor'")
    op.drop_table("ingest_jobs")
    op.drop_index("ix_library_changes_generation", "library_changes")
    op.drop_table("library_changes")
