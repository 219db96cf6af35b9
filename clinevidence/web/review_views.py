"""What the article page shows about review: reviewers, flags, the revision chain and the board's controls."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

from fastapi import Request, Response
from sqlalchemy import select

from ..answer.models import Answer, Statement, Verdict
from ..answer.recommendation import RECOMMENDATIONS
from ..articles.store import ArticleStatus
from ..library import tables as t
from ..library.store import StoredDocument
from ..review.grounding import BOTTOM_LINE, Blocker, statement_label, statement_places
from ..review.lifecycle import EDITABLE, TRANSITIONS, ApprovalContext, available_actions, refusal
from ..review.models import ReviewComment, ReviewedArticle, SignOff, User
from ..review.revisions import open_revision
from ..review.roles import Action, can
from ..review.service import EditPreview, ReviewService
from .auth import asker_keys, current_session, get_review

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
    asked: str = ""  # the reader's own wording when a reviewed article matched it
    board: bool = False
    actions: list[tuple[str, str]] = field(default_factory=list)
    can_edit: bool = False
    can_comment: bool = False
    can_rerun: bool = False
    statements: list[tuple[str, str, Statement]] = field(default_factory=list)  # (ref, section, statement)
    comments: dict[str, list[ReviewComment]] = field(default_factory=dict)  # this version's, by statement
    earlier_comments: list[tuple[str, ReviewComment]] = field(default_factory=list)  # (statement label, comment)
    # Approve / Publish when they are not open to this member now: (label, the reason), shown where the button is.
    unavailable: list[tuple[str, str]] = field(default_factory=list)
    blockers: list[Blocker] = field(default_factory=list)
    editors: list[EditorCredit] = field(default_factory=list)
    # Flagged articles: each new document and the statements it touches (section, text, score).
    impact: list[tuple[StoredDocument, list[tuple[str, str, float]]]] = field(default_factory=list)
    compare_rerun: str = ""  # a re-run revision: where to compare it with the approved text

    @property
    def blocked(self) -> dict[str, Blocker]:
        return {b.ref: b for b in self.blockers}


@dataclass(frozen=True, slots=True)
class EditorCredit:
    """A board member whose edit is in this version, and what they changed."""

    name: str
    credentials: str
    changes: list[str]

    @property
    def byline(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


def editor_credits(review: ReviewService, article: ReviewedArticle) -> list[EditorCredit]:
    return [
        EditorCredit(user.display_name or user.username if user else name, user.credentials if user else "", items)
        for user, name, items in review.editors_named(article)
    ]


def _superseded_by(request: Request, article_id: str) -> str | None:
    with get_review(request).engine.connect() as conn:
        return conn.execute(
            select(t.articles.c.id).where(
                t.articles.c.supersedes == article_id, t.articles.c.status == str(ArticleStatus.approved)
            )
        ).scalar()


MATCH_COOKIE = "clinevidence_matched"


def remember_match(request: Request, response: Response, article_id: str, question: str) -> None:
    """The wording a reader asked, for the reviewed article shown instead (kept out of URLs and logs)."""
    response.set_cookie(
        MATCH_COOKIE,
        quote(question[:1000], safe=""),  # ASCII in the header, whatever the question's characters
        max_age=600,
        path=f"/articles/{article_id}",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


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
        asked=unquote(request.cookies.get(MATCH_COOKIE) or "")[:1000] if matched else "",
    )
    if article.status in (ArticleStatus.approved, ArticleStatus.superseded):
        panel.editors = editor_credits(review, article)
    if not can(user, Action.view_history):
        return panel
    panel.board = True
    context = review.approval_context(article, asker_keys(request))
    panel.blockers = list(context.blockers)
    offered = available_actions(article, user, context)
    panel.actions = [(a.value, ACTION_LABELS[a.value]) for a in offered]
    panel.unavailable = _unavailable(article, user, context, offered)
    if not panel.editors:
        panel.editors = editor_credits(review, article)
    if article.flagged:
        panel.impact = review.evidence_impact(article)
    if article.supersedes and article.version >= 2:
        panel.compare_rerun = f"/articles/{article.id}/history?from=1&to={article.version}"
    panel.can_edit = can(user, Action.edit) and article.status in EDITABLE
    panel.can_comment = can(user, Action.comment)
    panel.can_rerun = (
        can(user, Action.rerun) and article.status == ArticleStatus.approved and panel.revision_in_review is None
    )
    panel.statements = statement_places(article.record.answer())
    answers: dict[int, Answer] = {}
    for c in review.comments(user, article_id):
        if c.version == article.version or not c.statement_ref:
            panel.comments.setdefault(c.statement_ref, []).append(c)
            continue
        # A comment on an earlier version names the statement as it was then (positions move with edits).
        if c.version not in answers:
            answers[c.version] = review.version_answer(user, article_id, c.version)
        label = next(
            (
                statement_label(sec, st.text)
                for r, sec, st in statement_places(answers[c.version])
                if r == c.statement_ref
            ),
            "a statement that no longer exists",
        )
        panel.earlier_comments.append((label, c))
    return panel


def _unavailable(
    article: ReviewedArticle, user: User | None, context: ApprovalContext, offered: list[Action]
) -> list[tuple[str, str]]:
    """Approve and Publish, when this member cannot use them now, with the reason — never a silent absence."""
    out: list[tuple[str, str]] = []
    for action in (Action.approve, Action.publish):
        if (
            action in offered
            or not can(user, action)
            or ArticleStatus(article.status) not in TRANSITIONS[action].sources
        ):
            continue
        if action is Action.publish and article.status == ArticleStatus.approved:
            continue
        if action is Action.approve and user and any(s.username == user.username for s in article.current_signoffs()):
            out.append((ACTION_LABELS[action.value], "You have already approved this version."))
            continue
        refused = refusal(article, user, context)
        if refused is not None:
            out.append((ACTION_LABELS[action.value], refused.message))
        elif action is Action.publish:
            out.append((ACTION_LABELS[action.value], "A board member who wrote none of it must approve it first."))
    return out


def iso_long_date(value: str) -> str:
    """'2026-03-01T09:00:00+00:00' -> 'March 1, 2026' (unparseable values are shown as they are)."""
    from datetime import datetime

    from .views import long_date

    try:
        return long_date(datetime.fromisoformat(value).date())
    except ValueError:
        return value


@dataclass(slots=True)
class EditingPage:
    """The reviewer's editing page: the current version, what blocks approval, and one form's result."""

    article: ReviewedArticle
    answer: Answer
    places: list[tuple[str, str, Statement]]
    blockers: list[Blocker]
    headings: list[str]
    cited: set[int]
    referenced: set[str]
    doc_q: str = ""
    doc_results: list[StoredDocument] = field(default_factory=list)
    saved: int | None = None
    error_form: str = ""
    error: str = ""
    preview_form: str = ""
    preview: EditPreview | None = None
    kept: dict[str, object] = field(default_factory=dict)  # the submitted input of ``error_form``/``preview_form``
    recommendations: tuple[str, ...] = RECOMMENDATIONS
    verdicts: tuple[str, ...] = tuple(v.value for v in Verdict)

    @property
    def blocked(self) -> dict[str, Blocker]:
        return {b.ref: b for b in self.blockers}

    @property
    def editable(self) -> bool:
        return self.article.status in EDITABLE

    def _mine(self, fid: str) -> bool:
        return fid in (self.error_form, self.preview_form)

    def kept_value(self, fid: str, name: str, default: object = "") -> str:
        """The value the member typed into form ``fid`` (kept after an error or a check), else ``default``."""
        if self._mine(fid) and name in self.kept:
            return str(self.kept[name])
        return str(default)

    def kept_list(self, fid: str, name: str, default: list[int]) -> list[str]:
        if self._mine(fid) and name in self.kept:
            value = self.kept[name]
            return [str(v) for v in value] if isinstance(value, list) else []
        return [str(v) for v in default]


def editing_page(
    review: ReviewService, user: User | None, article_id: str, *, doc_q: str = "", **state: Any
) -> EditingPage:
    article = review.get(article_id)
    answer = article.record.answer()
    places = statement_places(answer)
    headings = [BOTTOM_LINE, *dict.fromkeys(sec.heading for sec in answer.sections)]
    page = EditingPage(
        article=article,
        answer=answer,
        places=places,
        blockers=review.blockers(answer, review.baseline(article)),
        headings=headings,
        cited={n for _r, _s, st in places for n in st.citations},
        referenced={r.doc_id for r in answer.references},
        doc_q=doc_q,
        doc_results=review.search_library(user, doc_q) if doc_q.strip() else [],
        **state,
    )
    return page


def form_id_for(answer: Answer, op: str, ref: str) -> str:
    """Which form on the editing page an operation came from (errors and checks are shown there)."""
    if op == "headline":
        return "headline"
    if op == "add":
        return "add"
    if op in ("add_reference", "remove_reference"):
        return "references"
    for i, (r, _section, _st) in enumerate(statement_places(answer), start=1):
        if r == ref:
            return f"st-{i}"
    return "statements-title"
