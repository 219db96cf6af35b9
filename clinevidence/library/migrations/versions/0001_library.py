"""Evidence library: documents, passages, metadata.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from clinevidence.library.faults import fault

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("pmid", sa.String(20), nullable=False),
        sa.Column("doi", sa.String(200), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("mesh", sa.Text, nullable=False),
        sa.Column("sections", sa.Text, nullable=False),
        sa.Column("extra", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("flags", sa.Text, nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    fault("migration:0001")  # crash tests: a kill here must leave the library openable
    op.create_table(
        "passages",
        sa.Column("id", sa.String(240), primary_key=True),
        sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("section", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_passages_doc_id", "passages", ["doc_id"])
    op.create_table(
        "library_meta",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("library_meta")
    op.drop_index("ix_passages_doc_id", "passages")
    op.drop_table("passages")
    op.drop_table("documents")
