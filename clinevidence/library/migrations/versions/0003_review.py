"""Review: accounts, sessions, article versions, review comments, the audit trail, article review columns.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from clinevidence.library.faults import fault

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_ARTICLE_COLUMNS = ("claimed_by", "reviewers", "last_editor", "new_evidence", "supersedes", "asker")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.Text, nullable=False),
        sa.Column("credentials", sa.Text, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    fault("migration:0003")  # crash tests: a kill here must leave the library openable
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_table(
        "article_versions",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("answer_json", sa.Text, nullable=False),
        sa.Column("editor", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_table(
        "review_comments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("statement_ref", sa.String(40), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_review_comments_article_id", "review_comments", ["article_id"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("article_id", sa.String(32), nullable=True),
        sa.Column("version", sa.Integer, nullable=True),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_events_article_id", "audit_events", ["article_id"])
    op.create_index("ix_audit_events_at", "audit_events", ["at"])
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("reviewers", sa.Text, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("last_editor", sa.String(64), nullable=True))
        batch.add_column(sa.Column("new_evidence", sa.Text, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("supersedes", sa.String(32), nullable=True))
        batch.add_column(sa.Column("asker", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        for name in reversed(_ARTICLE_COLUMNS):
            batch.drop_column(name)
    op.drop_index("ix_audit_events_at", "audit_events")
    op.drop_index("ix_audit_events_article_id", "audit_events")
    op.drop_table("audit_events")
    op.drop_index("ix_review_comments_article_id", "review_comments")
    op.drop_table("review_comments")
    op.drop_table("article_versions")
    op.drop_index("ix_sessions_user_id", "sessions")
    op.drop_table("sessions")
    op.drop_table("users")
