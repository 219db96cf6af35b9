"""Request and response models of the review API (sessions, review actions, edits, comments, queue, audit)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..review.models import ReviewedArticle, as_utc
from ..review.service import ReviewService
from ..review.versions import StatementRef

ReviewActionName = Literal["claim", "approve", "request_changes", "reject", "publish", "submit"]


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class SessionOut(BaseModel):
    user: str
    role: str
    csrf_token: str = Field(description="Send it as X-CSRF-Token with every state-changing request.")
    display_name: str = ""
    credentials: str = ""
    expires_at: datetime


class ReviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: ReviewActionName
    comment: str | None = Field(None, max_length=4000, description="Shown to the board with the article.")
    version: int = Field(ge=1, description="The version you reviewed; a stale one gets 409.")


class ReviewOut(BaseModel):
    id: str
    status: str
    version: int
    warnings: list[str] = Field(default_factory=list)


class BlockerOut(BaseModel):
    field: str = Field(description="'summary.0', 'sections.1.2' or 'verdict'.")
    message: str
    type: str = Field(description="uncited | unsupported | expert_incomplete | verdict_unbacked")
    section: str
    statement: str


class PreviewStatement(BaseModel):
    ref: str
    section: str
    text: str
    citations: list[int]
    supported: bool
    expert: bool


class EditPreviewOut(BaseModel):
    """An edit applied but not saved: the support check re-run, and what would still block approval."""

    title: str
    verdict: str
    verdict_label: str
    statements: list[PreviewStatement]
    warnings: list[str]
    blockers: list[BlockerOut] = Field(description="Empty: the edited version could be approved by someone else.")


class CommentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=4000)
    statement_ref: StatementRef | Literal[""] = Field("", description="'summary.0', 'sections.1.2', or '' (general).")
    version: int = Field(ge=1)


class CommentOut(BaseModel):
    id: int
    version: int
    statement_ref: str
    author: str
    text: str
    created_at: datetime


class CommentList(BaseModel):
    count: int
    comments: list[CommentOut]


class VersionOut(BaseModel):
    version: int
    editor: str | None
    created_at: datetime
    note: str


class VersionList(BaseModel):
    article_id: str
    current: int
    versions: list[VersionOut]


class DiffSegment(BaseModel):
    kind: Literal["same", "del", "ins"]
    text: str


class DiffRowOut(BaseModel):
    kind: Literal["same", "changed", "added", "removed"]
    old: list[DiffSegment]
    new: list[DiffSegment]


class DiffOut(BaseModel):
    article_id: str
    from_version: int
    to_version: int
    diff: str = Field(description="Unified diff of the rendered article text.")
    rows: list[DiffRowOut] = Field(
        default_factory=list, description="The same, side by side: one row per line, changed lines word by word."
    )


class RerunRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=1)


class ReviewerOut(BaseModel):
    name: str
    credentials: str
    reviewed_at: str


class EditorOut(BaseModel):
    name: str
    credentials: str
    changes: list[str] = Field(description="What this board member changed in the version, in reading order.")


class ReviewInfo(BaseModel):
    """Review state shown with an article: who reviewed it, flags, and the revision chain."""

    reviewers: list[ReviewerOut] = Field(default_factory=list)
    editors: list[EditorOut] = Field(
        default_factory=list, description="Approved articles: every board member whose edit is in this version."
    )
    approved_at: datetime | None = None
    claimed_by: str | None = None
    flagged: bool = Field(False, description="New evidence since approval: being re-reviewed.")
    new_evidence: list[str] = Field(default_factory=list, description="Library ids of the new documents.")
    supersedes: str | None = None

    @classmethod
    def of(cls, article: ReviewedArticle, review: ReviewService | None = None) -> ReviewInfo:
        editors = []
        if review is not None and article.status in ("approved", "superseded"):
            editors = [
                EditorOut(
                    name=(u.display_name or u.username) if u else name,
                    credentials=u.credentials if u else "",
                    changes=items,
                )
                for u, name, items in review.editors_named(article)
            ]
        return cls(
            editors=editors,
            reviewers=[
                ReviewerOut(name=s.display_name or s.username, credentials=s.credentials, reviewed_at=s.at)
                for s in article.reviewers
            ],
            approved_at=as_utc(article.record.approved_at) if article.record.approved_at else None,
            claimed_by=article.claimed_by,
            flagged=article.flagged,
            new_evidence=list(article.new_evidence),
            supersedes=article.supersedes,
        )


class VariantOut(BaseModel):
    id: str
    url: str
    audience: str
    status: str
    version: int
    wording_differs: bool = Field(description="Its statements are worded differently: it needs its own sign-off.")


class QueueItemOut(BaseModel):
    id: str
    url: str
    title: str
    question: str
    status: str
    version: int
    audience: str
    specialties: list[str]
    age_days: int
    created_at: datetime
    claimed_by: str | None
    approvals: int
    flagged: bool
    new_evidence: list[str]
    variants: list[VariantOut] = Field(
        default_factory=list, description="The same question for other audiences, listed under this article."
    )


class QueueOut(BaseModel):
    count: int
    items: list[QueueItemOut]


class AuditEventOut(BaseModel):
    id: int | None
    at: str
    actor: str
    action: str
    article_id: str | None
    version: int | None
    detail: dict[str, Any]


class AuditOut(BaseModel):
    count: int
    events: list[AuditEventOut]


def _described(description: str) -> dict[str, Any]:
    from .schemas import ErrorEnvelope

    return {"model": ErrorEnvelope, "description": description}


def review_responses() -> dict[int | str, dict[str, Any]]:
    """The envelope statuses review routes add to the common ones."""
    from .schemas import ERROR_RESPONSES

    return {
        **ERROR_RESPONSES,
        401: _described("Not signed in (or wrong username or password)"),
        403: _described("Your role does not allow this, the four-eyes rule forbids it, or the CSRF token is missing"),
        409: _described("Stale version (reload and retry) or not possible in the article's current status"),
    }
