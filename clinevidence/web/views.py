"""Turning stored articles into API payloads and page contexts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..answer.models import Answer, Audience, Reference, Statement
from ..articles.store import ArticleRecord, ArticleStatus
from ..settings import Settings
from .review_schemas import ReviewInfo
from .schemas import ArticleOut, ArticleSummary


def article_url(article_id: str) -> str:
    return f"/articles/{article_id}"


def public_url(settings: Settings, path: str) -> str:
    """``path`` on this server's configured public address (``base_url``); site-relative when none is set.
    Never built from the request's Host header, which the client chooses."""
    return settings.base_url + path if settings.base_url else path


def article_out(record: ArticleRecord, *, review: ReviewInfo | None = None, existing: bool = False) -> ArticleOut:
    return ArticleOut(
        **record.answer().model_dump(),
        review=review,
        existing=existing,
        id=record.id,
        url=article_url(record.id),
        thread_id=record.thread_id,
        parent_id=record.parent_id,
        version=record.version,
        last_updated=record.last_updated,
    )


def article_summary(record: ArticleRecord) -> ArticleSummary:
    return ArticleSummary(
        id=record.id,
        url=article_url(record.id),
        thread_id=record.thread_id,
        question=record.question,
        title=record.title,
        verdict=record.verdict,
        audience=record.audience,
        status=record.status,
        version=record.version,
        last_updated=record.last_updated,
    )


def long_date(d: date) -> str:
    """'December 10, 2025'."""
    return f"{d:%B} {d.day}, {d.year}"


STATUS_LABELS = {
    "draft": "Draft",
    "submitted": "Submitted",
    "under_review": "Under Review",
    "changes_requested": "Changes Requested",
    "approved": "Approved",
    "rejected": "Rejected",
    "superseded": "Superseded",
}
_STEP_OF = {"submitted": 0, "under_review": 1, "changes_requested": 1, "approved": 2}


@dataclass(slots=True, frozen=True)
class ReviewStep:
    label: str
    state: str  # done | current | todo


def review_steps(status: str) -> list[ReviewStep]:
    """Submitted → Under Review → Approved, with the article's current step highlighted."""
    current = _STEP_OF.get(status, -1)
    labels = ["Submitted", "Under Review", "Approved"]
    return [
        ReviewStep(label, "done" if i < current else "current" if i == current else "todo")
        for i, label in enumerate(labels)
    ]


def quote_for(statement: Statement, n: int) -> str:
    return next((s.quote for s in statement.support if s.n == n), "")


@dataclass(slots=True)
class ArticlePage:
    """Everything the article template needs."""

    record: ArticleRecord
    answer: Answer
    refs: dict[int, Reference]
    thread: list[ArticleRecord]
    steps: list[ReviewStep]
    approved: bool
    status_label: str
    audiences: list[Audience]


def article_page(record: ArticleRecord, thread: list[ArticleRecord]) -> ArticlePage:
    answer = record.answer()
    return ArticlePage(
        record=record,
        answer=answer,
        refs={r.n: r for r in answer.references},
        thread=thread,
        steps=review_steps(record.status),
        approved=record.status == ArticleStatus.approved,
        status_label=STATUS_LABELS.get(record.status, record.status),
        audiences=list(Audience),
    )
