"""The review API: sign in and out, review actions, edits, comments, versions and diffs, the queue, the audit trail.

Thin routes: permissions, lifecycle and concurrency live in ``clinevidence.review``; its errors become the
envelope with their own status (401, 403, 409, 422, 429). CSRF is checked centrally (``auth.csrf_guard``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ..articles.store import ArticleStatus
from ..review.errors import NotAuthenticated
from ..review.grounding import statement_places
from ..review.models import as_utc
from ..review.revisions import start_revision
from ..review.service import wording_differs
from ..review.versions import ArticleEdit
from .auth import (
    SESSION_COOKIE,
    AccountsDep,
    CurrentUser,
    ReviewDep,
    asker_keys,
    clear_session_cookie,
    client_address,
    current_session,
    set_session_cookie,
)
from .deps import AskLimit
from .review_schemas import (
    AuditEventOut,
    AuditOut,
    BlockerOut,
    CommentList,
    CommentOut,
    CommentRequest,
    DiffOut,
    DiffRowOut,
    DiffSegment,
    EditPreviewOut,
    LoginRequest,
    PreviewStatement,
    QueueItemOut,
    QueueOut,
    RerunRequest,
    ReviewOut,
    ReviewRequest,
    SessionOut,
    VariantOut,
    VersionList,
    VersionOut,
    review_responses,
)
from .schemas import ArticleOut
from .views import article_out, article_url

router = APIRouter(prefix="/api", tags=["review"], responses=review_responses())


def _session_out(username: str, role: str, csrf: str, display: str, credentials: str, expires) -> SessionOut:  # type: ignore[no-untyped-def]
    return SessionOut(
        user=username, role=role, csrf_token=csrf, display_name=display, credentials=credentials, expires_at=expires
    )


@router.post("/session", response_model=SessionOut)
def sign_in(body: LoginRequest, request: Request, accounts: AccountsDep) -> JSONResponse:
    """Sign in: sets an HttpOnly session cookie (a new id every time) and returns the CSRF token."""
    signed = accounts.login(
        body.username, body.password, address=client_address(request), old_token=request.cookies.get(SESSION_COOKIE)
    )
    u = signed.user
    out = _session_out(u.username, u.role, signed.csrf_token, u.display_name, u.credentials, signed.expires_at)
    response = JSONResponse(out.model_dump(mode="json"))
    set_session_cookie(response, request, signed.token, int(accounts.absolute_timeout.total_seconds()))
    return response


@router.get("/session", response_model=SessionOut)
def who_am_i(request: Request) -> SessionOut:
    """The signed-in user and the CSRF token (401 when not signed in)."""
    session = current_session(request)
    if session is None:
        raise NotAuthenticated("You are not signed in.")
    u = session.user
    return _session_out(u.username, u.role, session.csrf_token, u.display_name, u.credentials, session.expires_at)


@router.delete("/session")
def sign_out(request: Request, accounts: AccountsDep) -> JSONResponse:
    """Sign out: the session ends on the server and the cookie is cleared."""
    ended = accounts.logout(request.cookies.get(SESSION_COOKIE))
    response = JSONResponse({"ok": True, "signed_out": ended})
    clear_session_cookie(response, request)
    return response


@router.post("/articles/{article_id}/review", response_model=ReviewOut)
def review_action(
    article_id: str, body: ReviewRequest, request: Request, user: CurrentUser, review: ReviewDep
) -> ReviewOut:
    """claim | approve | request_changes | reject | publish | submit, on the ``version`` you reviewed.

    Approving or publishing is refused (409, the offending statements in ``errors``) while any statement is
    uncited or unsupported and not marked as an expert statement, or the verdict has no supported bottom line;
    and (403) for anyone who asked the question, from this browser or account, or wrote changes in the version.
    """
    outcome = review.act(
        article_id,
        user,
        body.action,
        version=body.version,
        comment=body.comment or "",
        asker_keys=asker_keys(request),
    )
    return ReviewOut(id=outcome.article_id, status=outcome.status, version=outcome.version)


@router.patch("/articles/{article_id}", response_model=ReviewOut)
def edit_article(article_id: str, body: ArticleEdit, user: CurrentUser, review: ReviewDep) -> ReviewOut:
    """Edit statements and references: a new version (409 if ``version`` is stale; citations must resolve)."""
    outcome = review.edit(article_id, user, body)
    return ReviewOut(id=outcome.article_id, status=outcome.status, version=outcome.version, warnings=outcome.warnings)


@router.post("/articles/{article_id}/edit/preview", response_model=EditPreviewOut)
def preview_edit(article_id: str, body: ArticleEdit, user: CurrentUser, review: ReviewDep) -> EditPreviewOut:
    """Check an edit before saving it: the same checks as PATCH, the support check re-run, nothing stored."""
    found = review.preview_edit(article_id, user, body)
    a = found.answer
    return EditPreviewOut(
        title=a.title,
        verdict=str(a.verdict),
        verdict_label=a.verdict_label,
        statements=[
            PreviewStatement(
                ref=ref,
                section=section,
                text=st.text,
                citations=st.citations,
                supported=st.supported,
                expert=st.expert is not None,
            )
            for ref, section, st in statement_places(a)
        ],
        warnings=found.warnings,
        blockers=[BlockerOut.model_validate(b.to_json()) for b in found.blockers],
    )


@router.post("/articles/{article_id}/comments", status_code=201, response_model=CommentOut)
def add_comment(article_id: str, body: CommentRequest, user: CurrentUser, review: ReviewDep) -> CommentOut:
    """Comment on the article or on one statement of the current version."""
    made = review.comment(article_id, user, version=body.version, text=body.text, statement_ref=body.statement_ref)
    return CommentOut.model_validate(made, from_attributes=True)


@router.get("/articles/{article_id}/comments", response_model=CommentList)
def list_comments(article_id: str, user: CurrentUser, review: ReviewDep) -> CommentList:
    found = review.comments(user, article_id)
    return CommentList(count=len(found), comments=[CommentOut.model_validate(c, from_attributes=True) for c in found])


@router.get("/articles/{article_id}/versions", response_model=VersionList)
def list_versions(article_id: str, user: CurrentUser, review: ReviewDep) -> VersionList:
    """Every version of the article, oldest first."""
    versions = review.versions(user, article_id)
    return VersionList(
        article_id=article_id,
        current=versions[-1].version,
        versions=[
            VersionOut(version=v.version, editor=v.editor, created_at=as_utc(v.created_at), note=v.note)
            for v in versions
        ],
    )


@router.get("/articles/{article_id}/diff", response_model=DiffOut)
def diff_versions(
    article_id: str,
    user: CurrentUser,
    review: ReviewDep,
    from_version: Annotated[int, Query(alias="from", ge=1)],
    to_version: Annotated[int, Query(alias="to", ge=1)],
) -> DiffOut:
    """A unified diff between two versions' text."""
    text = review.diff(user, article_id, from_version, to_version)
    rows = [
        DiffRowOut(
            kind=r.kind,  # type: ignore[arg-type]
            old=[DiffSegment(kind=k, text=t) for k, t in r.old],  # type: ignore[arg-type]
            new=[DiffSegment(kind=k, text=t) for k, t in r.new],  # type: ignore[arg-type]
        )
        for r in review.side_by_side(user, article_id, from_version, to_version)
    ]
    return DiffOut(article_id=article_id, from_version=from_version, to_version=to_version, diff=text, rows=rows)


@router.post("/articles/{article_id}/rerun", status_code=201, response_model=ArticleOut, dependencies=[AskLimit])
def rerun(article_id: str, body: RerunRequest, request: Request, user: CurrentUser, review: ReviewDep) -> ArticleOut:
    """Re-run an approved article's question on today's library: a revision to review (it supersedes on publish)."""
    made = start_revision(review, article_id, user, version=body.version, answers=request.app.state.answers)
    return article_out(made.record)


@router.get("/review/queue", response_model=QueueOut)
def review_queue(
    user: CurrentUser,
    review: ReviewDep,
    status: ArticleStatus | None = None,
    specialty: Annotated[str | None, Query(max_length=60)] = None,
    flagged: bool | None = None,
    min_age_days: Annotated[int | None, Query(ge=0, le=3650)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> QueueOut:
    """Articles waiting for the board (flagged ones first, then oldest first)."""
    items = review.queue(
        user,
        status=status.value if status else None,
        specialty=specialty,
        flagged=flagged,
        min_age_days=min_age_days,
        limit=limit,
    )
    out = [
        QueueItemOut(
            id=i.article.id,
            url=article_url(i.article.id),
            title=i.article.record.title,
            question=i.article.record.question,
            status=i.article.status,
            version=i.article.version,
            audience=i.article.record.audience,
            specialties=i.specialties,
            age_days=i.age_days,
            created_at=as_utc(i.article.record.created_at),
            claimed_by=i.article.claimed_by,
            approvals=len(i.article.current_signoffs()),
            flagged=i.article.flagged,
            new_evidence=list(i.article.new_evidence),
            variants=[
                VariantOut(
                    id=v.id,
                    url=article_url(v.id),
                    audience=v.record.audience,
                    status=v.status,
                    version=v.version,
                    wording_differs=wording_differs(i.article, v),
                )
                for v in i.variants
            ],
        )
        for i in items
    ]
    return QueueOut(count=len(out), items=out)


@router.get("/audit", response_model=AuditOut)
def audit_trail(
    user: CurrentUser,
    review: ReviewDep,
    article_id: Annotated[str | None, Query(max_length=32)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AuditOut:
    """Audit events, newest first (admins only)."""
    events = review.audit_trail(user, article_id=article_id, limit=limit)
    return AuditOut(count=len(events), events=[AuditEventOut.model_validate(e.to_json()) for e in events])
