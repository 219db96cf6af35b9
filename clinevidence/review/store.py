"""Data access for the review columns of articles, article versions and comments (keyword-only functions).

Callers own the transaction, so a status change, its version row and its audit event commit together.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import Connection, and_, insert, select, update

from ..articles import store as article_store
from ..library import tables as t
from .models import ArticleVersion, ReviewComment, ReviewedArticle, SignOff, User, utcnow

_REVIEW_COLUMNS = (
    t.articles.c.id,
    t.articles.c.claimed_by,
    t.articles.c.reviewers,
    t.articles.c.last_editor,
    t.articles.c.new_evidence,
    t.articles.c.supersedes,
    t.articles.c.asker,
)


def _reviewed(record: article_store.ArticleRecord, row) -> ReviewedArticle:  # type: ignore[no-untyped-def]
    return ReviewedArticle(
        record=record,
        claimed_by=row.claimed_by,
        signoffs=tuple(SignOff.from_json(s) for s in json.loads(row.reviewers or "[]")),
        last_editor=row.last_editor,
        new_evidence=tuple(json.loads(row.new_evidence or "[]")),
        supersedes=row.supersedes,
        asker=row.asker,
    )


def get_reviewed(conn: Connection, *, article_id: str) -> ReviewedArticle | None:
    record = article_store.get_article(conn, article_id=article_id)
    if record is None:
        return None
    row = conn.execute(select(*_REVIEW_COLUMNS).where(t.articles.c.id == article_id)).one()
    return _reviewed(record, row)


def reviewed_many(conn: Connection, records: Iterable[article_store.ArticleRecord]) -> list[ReviewedArticle]:
    """Attach review columns to already-loaded records, keeping their order."""
    records = list(records)
    if not records:
        return []
    rows = conn.execute(select(*_REVIEW_COLUMNS).where(t.articles.c.id.in_([r.id for r in records]))).all()
    by_id = {r.id: r for r in rows}
    return [_reviewed(rec, by_id[rec.id]) for rec in records if rec.id in by_id]


def list_reviewed(
    conn: Connection, *, statuses: Iterable[str] | None = None, flagged: bool | None = None, limit: int = 500
) -> list[ReviewedArticle]:
    """Articles (newest first) in ``statuses``; ``flagged`` keeps only those with (or without) new evidence."""
    stmt = select(t.articles.c.id)
    if statuses is not None:
        stmt = stmt.where(t.articles.c.status.in_(list(statuses)))
    if flagged is True:
        stmt = stmt.where(t.articles.c.new_evidence != "[]")
    elif flagged is False:
        stmt = stmt.where(t.articles.c.new_evidence == "[]")
    ids = conn.execute(stmt.order_by(t.articles.c.created_at.desc(), t.articles.c.id).limit(limit)).scalars().all()
    out = []
    for article_id in ids:
        found = get_reviewed(conn, article_id=article_id)
        if found is not None:
            out.append(found)
    return out


def encode_signoffs(signoffs: Iterable[SignOff]) -> str:
    return json.dumps([s.to_json() for s in signoffs], ensure_ascii=False)


def update_if_current(
    conn: Connection, *, article_id: str, version: int, status: str, values: Mapping[str, object]
) -> bool:
    """Compare-and-set: apply ``values`` only if the article still has ``version`` and ``status``."""
    result = conn.execute(
        update(t.articles)
        .where(and_(t.articles.c.id == article_id, t.articles.c.version == version, t.articles.c.status == status))
        .values(**{"updated_at": utcnow(), **values})
    )
    return result.rowcount == 1


def set_new_evidence(conn: Connection, *, article_id: str, doc_ids: Iterable[str], flags: Iterable[str]) -> None:
    """Flag (or unflag) an article for re-review; not a content change, so the version stays."""
    conn.execute(
        update(t.articles)
        .where(t.articles.c.id == article_id)
        .values(new_evidence=json.dumps(sorted(set(doc_ids))), flags=json.dumps(sorted(set(flags))))
    )


def set_review_fields(conn: Connection, *, article_id: str, **values: object) -> None:
    """Set review columns of a freshly created article (asker, supersedes, author...)."""
    conn.execute(update(t.articles).where(t.articles.c.id == article_id).values(**values))


# -- versions -------------------------------------------------------------------------------------------


def _version(row) -> ArticleVersion:  # type: ignore[no-untyped-def]
    return ArticleVersion(row.article_id, row.version, row.answer_json, row.editor, row.created_at, row.note)


def has_version(conn: Connection, *, article_id: str, version: int) -> bool:
    found = conn.execute(
        select(t.article_versions.c.version).where(
            t.article_versions.c.article_id == article_id, t.article_versions.c.version == version
        )
    ).first()
    return found is not None


def insert_version(
    conn: Connection,
    *,
    article_id: str,
    version: int,
    answer_json: str,
    editor: str | None,
    note: str = "",
    created_at: datetime | None = None,
) -> None:
    conn.execute(
        insert(t.article_versions).values(
            article_id=article_id,
            version=version,
            answer_json=answer_json,
            editor=editor,
            note=note,
            created_at=created_at or utcnow(),
        )
    )


def list_versions(conn: Connection, *, article_id: str) -> list[ArticleVersion]:
    rows = conn.execute(
        select(t.article_versions)
        .where(t.article_versions.c.article_id == article_id)
        .order_by(t.article_versions.c.version)
    ).all()
    return [_version(r) for r in rows]


def get_version(conn: Connection, *, article_id: str, version: int) -> ArticleVersion | None:
    row = conn.execute(
        select(t.article_versions).where(
            t.article_versions.c.article_id == article_id, t.article_versions.c.version == version
        )
    ).first()
    return _version(row) if row is not None else None


# -- comments -------------------------------------------------------------------------------------------


def add_comment(
    conn: Connection, *, article_id: str, version: int, statement_ref: str, author: str, text: str
) -> ReviewComment:
    now = utcnow()
    result = conn.execute(
        insert(t.review_comments).values(
            article_id=article_id,
            version=version,
            statement_ref=statement_ref,
            author=author,
            text=text,
            created_at=now,
        )
    )
    pk = result.inserted_primary_key
    assert pk is not None
    return ReviewComment(int(pk[0]), article_id, version, statement_ref, author, text, now)


def list_comments(conn: Connection, *, article_id: str) -> list[ReviewComment]:
    rows = conn.execute(
        select(t.review_comments)
        .where(t.review_comments.c.article_id == article_id)
        .order_by(t.review_comments.c.created_at, t.review_comments.c.id)
    ).all()
    return [ReviewComment(r.id, r.article_id, r.version, r.statement_ref, r.author, r.text, r.created_at) for r in rows]


def articles_by_asker(conn: Connection, *, askers: Iterable[str], limit: int = 20) -> list[article_store.ArticleRecord]:
    """Articles asked by any of ``askers`` (e.g. a signed-in user and their anonymous cookie), newest first."""
    ids = conn.execute(
        select(t.articles.c.id)
        .where(t.articles.c.asker.in_(list(askers)))
        .order_by(t.articles.c.created_at.desc(), t.articles.c.id)
        .limit(limit)
    ).scalars()
    found = [article_store.get_article(conn, article_id=i) for i in ids]
    return [r for r in found if r is not None]


def users_named(conn: Connection, *, names: Iterable[str]) -> dict[str, User]:
    """Accounts by username (for naming board members on articles); unknown names are left out."""
    names = list(names)
    if not names:
        return {}
    rows = conn.execute(select(t.users).where(t.users.c.username.in_(names))).all()
    return {
        r.username: User(r.id, r.username, r.display_name, r.credentials, r.role, bool(r.disabled), r.created_at)
        for r in rows
    }
