"""What the article page shows about review: reviewers, flags, the revision chain and the board's controls."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from sqlalchemy import select

from ..answer.models import Statement
from ..articles.store import ArticleStatus
from ..library import tables as t
from ..library.store import StoredDocument
from ..review.lifecycle import EDITABLE, available_actions
from ..review.models import ReviewComment, ReviewedArticle, SignOff, User
from ..review.revisions import open_revision
from ..review.roles import Action, can
from ..review.versions import statement_refs
from .auth import current_session, get_review

ACTION_LABELS = {
    "claim": "Claim for review",
    "approve": "Approve",
    "request_changes": "Request changes",
    "reject": "Reject",
    "publish": "Publish",
    "submit": "Resubmit for review",
}


@dataclass(slots=True)
class ReviewPanel:
    """Review context of one article page."""

    article: ReviewedArticle
    user: User | None
    csrf_token: str
    reviewers: list[SignOff]
    new_documents: list[StoredDocument]
    superseded_by: str | None
    revision_in_review: str | None
    matched: bool
    board: bool = False
    actions: list[tuple[str, str]] = field(default_factory=list)
    can_edit: bool = False
    can_comment: bool = False
    can_rerun: bool = False
    statements: list[tuple[str, Statement]] = field(default_factory=list)
    comments: dict[str, list[ReviewComment]] = field(default_factory=dict)


def _superseded_by(request: Request, article_id: str) -> str | None:
    with get_review(request).engine.connect() as conn:
        return conn.execute(
            select(t.articles.c.id).where(
                t.articles.c.supersedes == article_id, t.articles.c.status == str(ArticleStatus.approved)
            )
        ).scalar()


def review_panel(request: Request, article_id: str, *, matched: bool = False) -> ReviewPanel:
    review = get_review(request)
    article = review.get(article_id)
    session = current_session(request)
    user = session.user if session else None
    new_docs = review.library.get_documents(article.new_evidence)
    panel = ReviewPanel(
        article=article,
        user=user,
        csrf_token=session.csrf_token if session else "",
        reviewers=article.reviewers,
        new_documents=[new_docs[d] for d in article.new_evidence if d in new_docs],
        superseded_by=_superseded_by(request, article_id) if article.status == ArticleStatus.superseded else None,
        revision_in_review=open_revision(review, article_id) if article.status == ArticleStatus.approved else None,
        matched=matched,
    )
    if not can(user, Action.view_history):
        return panel
    panel.board = True
    panel.actions = [(a.value, ACTION_LABELS[a.value]) for a in available_actions(article, user)]
    panel.can_edit = can(user, Action.edit) and article.status in EDITABLE
    panel.can_comment = can(user, Action.comment)
    panel.can_rerun = (
        can(user, Action.rerun) and article.status == ArticleStatus.approved and panel.revision_in_review is None
    )
    panel.statements = statement_refs(article.record.answer())
    for c in review.comments(user, article_id):
        panel.comments.setdefault(c.statement_ref, []).append(c)
    return panel


def iso_long_date(value: str) -> str:
    """'2026-03-01T09:00:00+00:00' -> 'March 1, 2026' (unparseable values are shown as they are)."""
    from datetime import datetime

    from .views import long_date

    try:
        return long_date(datetime.fromisoformat(value).date())
    except ValueError:
        return value
