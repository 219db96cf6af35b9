"""Articles: generated answers stored for review, grouped into follow-up threads.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from clinevidence.library.faults import fault

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "threads",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    fault("migration:0002")  # crash tests: a kill here must leave the library openable
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("thread_id", sa.String(32), sa.ForeignKey("threads.id", ondelete="CASCADE"), nullable=False),
        sa.Column("parent_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="SET NULL"), nullable=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("audience", sa.String(20), nullable=False),
        sa.Column("engine", sa.String(40), nullable=False),
        sa.Column("answer_json", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("status", sa.String(30), nullable=False, server_default="submitted"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("author", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_updated", sa.Date, nullable=False),
        sa.Column("flags", sa.Text, nullable=False, server_default="[]"),
    )
    op.create_index("ix_articles_thread_id", "articles", ["thread_id"])
    op.create_index("ix_articles_status", "articles", ["status"])
    op.create_index("ix_articles_created_at", "articles", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_articles_created_at", "articles")
    op.drop_index("ix_articles_status", "articles")
    op.drop_index("ix_articles_thread_id", "articles")
    op.drop_table("articles")
    op.drop_table("threads")
