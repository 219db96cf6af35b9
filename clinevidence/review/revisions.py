"""Revisions of approved articles: a re-run (fresh answer from today's library) or a manual copy to edit.

A revision is a new article in the same thread that ``supersedes`` the approved one. Its version 1 is the
approved content and, for a re-run, version 2 the fresh answer, so the version diff shows what new evidence
changed. Publishing the revision marks the old article superseded.
"""

from __future__ import annotations

from sqlalchemy import select

from ..answer.models import Answer, Audience
from ..answer.service import AnswerService
from ..articles import store as article_store
from ..articles.store import ArticleStatus
from ..library import tables as t
from . import audit
from . import store as review_store
from .audit import AuditEvent
from .errors import InvalidTransition
from .lifecycle import check_version
from .models import ReviewedArticle, User
from .roles import Action, require
from .service import OPEN_STATUSES, ReviewService


def open_revision(service: ReviewService, article_id: str) -> str | None:
    """The id of a revision of ``article_id`` still in review, if any."""
    with service.engine.connect() as conn:
        return conn.execute(
            select(t.articles.c.id).where(
                t.articles.c.supersedes == article_id, t.articles.c.status.in_([str(s) for s in OPEN_STATUSES])
            )
        ).scalar()


def start_revision(
    service: ReviewService,
    article_id: str,
    user: User | None,
    *,
    version: int,
    answers: AnswerService | None = None,
    engine: str | None = None,
) -> ReviewedArticle:
    """Re-run the question (with ``answers``) or copy the content (without) into a revision of an approved article."""
    require(user, Action.rerun)
    assert user is not None
    old = service.get(article_id)
    check_version(old, version)
    if old.status != ArticleStatus.approved:
        raise InvalidTransition("Only approved articles get revisions; edit this one directly instead.")
    pending = open_revision(service, article_id)
    if pending is not None:
        raise InvalidTransition(f"A revision of this article is already in review: /articles/{pending}")
    fresh: Answer | None = None
    engine_name = engine or old.record.engine
    if answers is not None:
        context = ""
        if old.record.parent_id:
            parent = service.get(old.record.parent_id) if _exists(service, old.record.parent_id) else None
            context = parent.record.question if parent and parent.record.question != old.record.question else ""
        # Outside any transaction: answering may take a while.
        fresh = answers.ask(old.record.question, Audience(old.record.audience), engine_name, context)
    baseline = old.record.answer()
    status = ArticleStatus.submitted if fresh is not None else ArticleStatus.draft
    now = service.clock()
    with service.engine.begin() as conn:
        created = article_store.create_article(
            conn,
            thread_id=old.record.thread_id,
            answer=baseline,
            engine=old.record.engine,
            parent_id=old.id,
            author=old.author,
            status=status,
        )
        review_store.set_review_fields(conn, article_id=created.id, supersedes=old.id, asker=old.asker)
        review_store.insert_version(
            conn,
            article_id=created.id,
            version=1,
            answer_json=baseline.model_copy(update={"status": str(status)}).model_dump_json(),
            editor=None,
            note=f"approved content of article {old.id}, version {old.version}",
            created_at=now,
        )
        if fresh is not None:
            fresh_json = fresh.model_copy(update={"status": str(status)}).model_dump_json()
            review_store.insert_version(
                conn,
                article_id=created.id,
                version=2,
                answer_json=fresh_json,
                editor=f"engine:{engine_name}",
                note="re-run on the current library",
                created_at=now,
            )
            values = {
                "version": 2,
                "answer_json": fresh_json,
                "engine": engine_name,
                "title": fresh.title,
                "verdict": str(fresh.verdict),
            }
            review_store.update_if_current(conn, article_id=created.id, version=1, status=str(status), values=values)
        kind = "rerun" if fresh is not None else "revise"
        events = [
            AuditEvent(user.username, kind, old.id, old.version, {"revision": created.id}, now),
            AuditEvent(user.username, "revision_created", created.id, 2 if fresh else 1, {"of": old.id}, now),
        ]
        for event in events:
            audit.record(conn, event)
    service.notify(events)
    return service.get(created.id)


def _exists(service: ReviewService, article_id: str) -> bool:
    with service.engine.connect() as conn:
        return article_store.get_article(conn, article_id=article_id) is not None
