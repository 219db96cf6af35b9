"""Table definitions. Migrations in ``migrations/versions`` must match these."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """``DateTime(timezone=True)`` that always reads back aware, in UTC. SQLite stores no offset and hands
    datetimes back naive; every time we store is UTC, so every timestamp in the API says so."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("title", Text, nullable=False, default=""),
    Column("type", String(40), nullable=False, default="research"),
    Column("source", Text, nullable=False, default=""),
    Column("year", Integer, nullable=True),
    Column("pmid", String(20), nullable=False, default=""),
    Column("doi", String(200), nullable=False, default=""),
    Column("url", Text, nullable=False, default=""),
    Column("mesh", Text, nullable=False, default="[]"),
    Column("sections", Text, nullable=False, default="[]"),
    Column("extra", Text, nullable=False, default="{}"),
    Column("content_hash", String(64), nullable=False),
    Column("flags", Text, nullable=False, default="[]"),
    Column("added_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

passages = Table(
    "passages",
    metadata,
    Column("id", String(240), primary_key=True),
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("section", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_passages_doc_id", "doc_id"),
)

library_meta = Table(
    "library_meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

# -- articles (migration 0002): generated answers, grouped into follow-up threads -------------------------

threads = Table(
    "threads",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("thread_id", String(32), ForeignKey("threads.id", ondelete="CASCADE"), nullable=False),
    Column("parent_id", String(32), ForeignKey("articles.id", ondelete="SET NULL"), nullable=True),
    Column("question", Text, nullable=False),
    Column("audience", String(20), nullable=False),
    Column("engine", String(40), nullable=False),
    Column("answer_json", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("verdict", String(20), nullable=False),
    Column("status", String(30), nullable=False, default="submitted", server_default="submitted"),
    Column("version", Integer, nullable=False, default=1, server_default="1"),
    Column("author", String(200), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Column("approved_at", UtcDateTime(), nullable=True),
    Column("last_updated", Date, nullable=False),
    Column("flags", Text, nullable=False, default="[]", server_default="[]"),
    Index("ix_articles_thread_id", "thread_id"),
    Index("ix_articles_status", "status"),
    Index("ix_articles_created_at", "created_at"),
)

# -- review (migration 0003): accounts, sessions, versions, comments, audit trail -------------------------
# 0003 also adds the review columns of ``articles`` (``review_article_columns``, appended at the end).

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", Text, nullable=False, default=""),
    Column("credentials", Text, nullable=False, default=""),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the cookie token; the token itself is never stored
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_seen", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Index("ix_sessions_user_id", "user_id"),
)

article_versions = Table(
    "article_versions",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("answer_json", Text, nullable=False),
    Column("editor", String(64), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("note", Text, nullable=False, default=""),
)

review_comments = Table(
    "review_comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("statement_ref", String(40), nullable=False, default=""),
    Column("author", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_review_comments_article_id", "article_id"),
)

# Append-only: no code path deletes rows (no foreign key either: events outlive what they describe); the one update
# is a privacy erasure (privacy.py), which replaces ``detail`` of the erased articles' rows with a tombstone.
audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(40), nullable=False),
    Column("article_id", String(32), nullable=True),
    Column("version", Integer, nullable=True),
    Column("detail", Text, nullable=False, default="{}"),
    Index("ix_audit_events_article_id", "article_id"),
    Index("ix_audit_events_at", "at"),
)

review_article_columns = (
    Column("claimed_by", String(64), nullable=True),
    Column("reviewers", Text, nullable=False, default="[]", server_default="[]"),
    Column("last_editor", String(64), nullable=True),
    Column("new_evidence", Text, nullable=False, default="[]", server_default="[]"),
    Column("supersedes", String(32), nullable=True),
    Column("asker", String(64), nullable=True),
)
for _column in review_article_columns:
    articles.append_column(_column)

# -- integrations (migration 0004): API keys for the OpenAI-compatible endpoint and MCP over HTTP ---------

# Only a SHA-256 of each key is stored; ``prefix`` (the key's first characters) lets an operator tell keys apart.
api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_used_at", UtcDateTime(), nullable=True),
    Column("revoked_at", UtcDateTime(), nullable=True),
)

# -- shared limits (migration 0005): sliding-window hits, so every app node on one database counts the same ----

# ``key`` names the limit and the client ("ask:<address>", "login:u:<user>|<address>"); ``at`` is Unix time.
rate_events = Table(
    "rate_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False),
    Column("at", Float, nullable=False),
    Index("ix_rate_events_key_at", "key", "at"),
    Index("ix_rate_events_at", "at"),
)

# -- index catch-up and ingest jobs (migration 0006) -----------------------------------------------------------

# One row per document changed in a generation, written in the same transaction as the change: every app node's
# own search index catches up from here (library/catchup.py). Old generations are pruned; ``library_meta``
# ``changes_floor`` says below which generation the log is no longer complete (a node behind it rebuilds).
library_changes = Table(
    "library_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("generation", Integer, nullable=False),
    Column("doc_id", String(200), nullable=False),
    Column("op", String(10), nullable=False),  # "upsert" | "delete"
    Index("ix_library_changes_generation", "generation"),
)

# A resumable ``clinevidence ingest`` run: ``id`` is a hash of its input (files, sizes, modification times,
# formats); ``position`` counts the records consumed in input order whose batch has committed (written in the
# batch's own transaction, so it never runs ahead of the documents); ``state`` is JSON: where to resume (file
# number, record number in that file) and the counts so far (ingest/jobs.py).
ingest_jobs = Table(
    "ingest_jobs",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("input", Text, nullable=False),
    Column("status", String(20), nullable=False),  # "running" | "done"
    Column("position", Integer, nullable=False),
    Column("state", Text, nullable=False, default="{}"),
    Column("started_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)
