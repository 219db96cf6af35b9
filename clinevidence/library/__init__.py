"""Storage of the evidence library (SQLAlchemy 2 + Alembic; SQLite by default, PostgreSQL at scale)."""

from .store import IngestCounts, Library, StoredDocument

__all__ = ["IngestCounts", "Library", "StoredDocument"]
