"""Data access for threads and articles: keyword-only functions over a SQLAlchemy connection.

Callers own the transaction (``with engine.begin() as conn``), so review code can combine these calls with its own
writes atomically.
"""

from __future__ import annotations

import json
import secrets
import string
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import Connection, insert, or_, select

from ..answer.models import Answer
from ..library import tables as t


class ArticleStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    under_review = "under_review"
    changes_requested = "changes_requested"
    approved = "approved"
    rejected = "rejected"
    superseded = "superseded"


STATUSES = tuple(s.value for s in ArticleStatus)

# Lower-case letters and digits only: valid in URLs, file names and FHIR resource ids alike.
_ID_ALPHABET = string.ascii_lowercase + string.digits
ID_LENGTH = 12
MAX_ID_LENGTH = 32


def new_id() -> str:
    """A short random id (about 62 bits), safe in URLs and FHIR ids."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(ID_LENGTH))


def is_valid_id(value: str) -> bool:
    return 0 < len(value) <= MAX_ID_LENGTH and all(c in _ID_ALPHABET for c in value)


@dataclass(slots=True, frozen=True)
class ArticleRecord:
    """One stored article: the Answer JSON plus its place in a thread and its review state."""

    id: str
    thread_id: str
    parent_id: str | None
    question: str
    audience: str
    engine: str
    answer_json: str
    title: str
    verdict: str
    status: str
    version: int
    author: str | None
    created_at: datetime
    updated_at: datetime
    approved_at: datetime | None
    last_updated: date
    flags: list[str]

    def answer(self) -> Answer:
        """The stored Answer, with the article's current review status."""
        answer = Answer.model_validate_json(self.answer_json)
        answer.status = self.status
        return answer


def _now() -> datetime:
    return datetime.now(UTC)


def _record(row) -> ArticleRecord:  # type: ignore[no-untyped-def]
    return ArticleRecord(
        id=row.id,
        thread_id=row.thread_id,
        parent_id=row.parent_id,
        question=row.question,
        audience=row.audience,
        engine=row.engine,
        answer_json=row.answer_json,
        title=row.title,
        verdict=row.verdict,
        status=row.status,
        version=row.version,
        author=row.author,
        created_at=row.created_at,
        updated_at=row.updated_at,
        approved_at=row.approved_at,
        last_updated=row.last_updated,
        flags=json.loads(row.flags or "[]"),
    )


def escape_like(text: str, escape: str = "\\") -> str:
    """Escape LIKE wildcards so user text matches literally."""
    return text.replace(escape, escape * 2).replace("%", escape + "%").replace("_", escape + "_")


def create_thread(conn: Connection) -> str:
    thread_id = new_id()
    conn.execute(insert(t.threads).values(id=thread_id, created_at=_now()))
    return thread_id


def thread_exists(conn: Connection, *, thread_id: str) -> bool:
    if not is_valid_id(thread_id):
        return False
    return conn.execute(select(t.threads.c.id).where(t.threads.c.id == thread_id)).first() is not None


def create_article(
    conn: Connection,
    *,
    thread_id: str,
    answer: Answer,
    engine: str,
    parent_id: str | None = None,
    author: str | None = None,
    status: ArticleStatus = ArticleStatus.submitted,
    asker: str | None = None,
) -> ArticleRecord:
    """Store a generated answer as version 1 of a new article in ``thread_id``; ``asker`` is who asked it."""
    now = _now()
    answer = answer.model_copy(update={"status": str(status)})
    row = {
        "id": new_id(),
        "thread_id": thread_id,
        "parent_id": parent_id,
        "question": answer.question,
        "audience": str(answer.audience),
        "engine": engine,
        "answer_json": answer.model_dump_json(),
        "title": answer.title,
        "verdict": str(answer.verdict),
        "status": str(status),
        "version": 1,
        "author": author,
        "created_at": now,
        "updated_at": now,
        "approved_at": None,
        "last_updated": now.date(),
        "flags": "[]",
    }
    if asker is not None:
        row["asker"] = asker[:64]
    conn.execute(insert(t.articles).values(**row))
    found = get_article(conn, article_id=str(row["id"]))
    assert found is not None
    return found


def get_article(conn: Connection, *, article_id: str) -> ArticleRecord | None:
    if not is_valid_id(article_id):
        return None
    row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).first()
    return _record(row) if row is not None else None


def thread_articles(conn: Connection, *, thread_id: str) -> list[ArticleRecord]:
    """Articles of a thread, oldest first."""
    rows = conn.execute(
        select(t.articles).where(t.articles.c.thread_id == thread_id).order_by(t.articles.c.created_at, t.articles.c.id)
    ).all()
    return [_record(r) for r in rows]


def latest_in_thread(conn: Connection, *, thread_id: str) -> ArticleRecord | None:
    row = conn.execute(
        select(t.articles)
        .where(t.articles.c.thread_id == thread_id)
        .order_by(t.articles.c.created_at.desc(), t.articles.c.id.desc())
        .limit(1)
    ).first()
    return _record(row) if row is not None else None


def thread_owner(conn: Connection, *, thread_id: str) -> str | None:
    """Who owns a thread: the asker of its first article (None when nobody is known to have asked it)."""
    return conn.execute(
        select(t.articles.c.asker)
        .where(t.articles.c.thread_id == thread_id)
        .order_by(t.articles.c.created_at, t.articles.c.id)
        .limit(1)
    ).scalar()


def find_own_variant(
    conn: Connection, *, parent_id: str, question: str, audience: str, askers: Collection[str]
) -> ArticleRecord | None:
    """A variant of ``parent_id`` for ``audience`` that one of ``askers`` had written in a thread of their own."""
    if not askers:
        return None
    row = conn.execute(
        select(t.articles)
        .where(
            t.articles.c.parent_id == parent_id,
            t.articles.c.question == question,
            t.articles.c.audience == audience,
            t.articles.c.asker.in_(list(askers)),
            t.articles.c.status != str(ArticleStatus.superseded),
        )
        .order_by(t.articles.c.created_at.desc())
        .limit(1)
    ).first()
    return _record(row) if row is not None else None


def find_variant(conn: Connection, *, thread_id: str, question: str, audience: str) -> ArticleRecord | None:
    """An existing article of the thread answering the same question for ``audience``."""
    row = conn.execute(
        select(t.articles)
        .where(
            t.articles.c.thread_id == thread_id,
            t.articles.c.question == question,
            t.articles.c.audience == audience,
            t.articles.c.status != str(ArticleStatus.superseded),
        )
        .order_by(t.articles.c.created_at.desc())
        .limit(1)
    ).first()
    return _record(row) if row is not None else None


def list_articles(
    conn: Connection,
    *,
    status: str | None = None,
    query: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[ArticleRecord]:
    """Newest first; ``query`` matches question or title text literally (case-insensitive)."""
    stmt = select(t.articles)
    if status:
        stmt = stmt.where(t.articles.c.status == status)
    if query and query.strip():
        pattern = f"%{escape_like(query.strip())}%"
        stmt = stmt.where(
            or_(t.articles.c.question.ilike(pattern, escape="\\"), t.articles.c.title.ilike(pattern, escape="\\"))
        )
    stmt = stmt.order_by(t.articles.c.created_at.desc(), t.articles.c.id).limit(limit).offset(offset)
    return [_record(r) for r in conn.execute(stmt).all()]
