"""HTML pages of the review board: sign in and out, the review queue, review forms, version history and diffs.

Forms post and redirect (303); each carries the session's CSRF token in a hidden field (checked centrally).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from ..articles.store import STATUSES
from ..review.errors import AuthenticationFailed, Conflict, InvalidEdit, InvalidTransition, LoginThrottled
from ..review.lifecycle import REVIEW_ACTIONS
from ..review.revisions import start_revision
from ..review.roles import Action, can, require
from ..review.service import wording_differs
from ..review.specialty import GENERAL, SPECIALTIES
from ..review.versions import ArticleEdit
from .auth import (
    SESSION_COOKIE,
    AccountsDep,
    CurrentUser,
    ReviewDep,
    asker_keys,
    check_pre_session_csrf,
    clear_session_cookie,
    client_address,
    current_session,
    pre_session_csrf,
    set_session_cookie,
)
from .deps import AskLimit
from .review_views import editing_page, editor_credits, form_id_for
from .views import STATUS_LABELS, article_url

router = APIRouter(include_in_schema=False)


def _render(request: Request, name: str, context: dict[str, object], status_code: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)  # type: ignore[no-any-return]


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never '//host' or a scheme (no open redirect)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")) and len(target) < 500:
        return target
    return "/"


def _login_page(request: Request, next_url: str, error: str = "", status_code: int = 200) -> HTMLResponse:
    response = HTMLResponse("")
    session = current_session(request)
    token = session.csrf_token if session else pre_session_csrf(request, response)
    page = _render(request, "login.html", {"next": next_url, "error": error, "csrf": token}, status_code)
    for key, value in response.headers.items():
        if key.lower() == "set-cookie":
            page.headers.append(key, value)
    return page


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: Annotated[str | None, Query(max_length=500)] = None) -> HTMLResponse:  # noqa: A002
    return _login_page(request, _safe_next(next))


async def _login_csrf(request: Request) -> None:
    """Signed in already: the central check applies. Not yet: the login form's double-submit token."""
    if current_session(request) is None:
        await check_pre_session_csrf(request)


@router.post("/login", dependencies=[Depends(_login_csrf)])
def login_form(
    request: Request,
    accounts: AccountsDep,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=256)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",  # noqa: A002
) -> Response:
    target = _safe_next(next)
    try:
        signed = accounts.login(
            username, password, address=client_address(request), old_token=request.cookies.get(SESSION_COOKIE)
        )
    except LoginThrottled as exc:
        page = _login_page(request, target, exc.message, 429)
        page.headers["Retry-After"] = str(exc.retry_after)
        return page
    except AuthenticationFailed as exc:
        return _login_page(request, target, exc.message, 401)
    if target == "/" and can(signed.user, Action.view_queue):
        target = "/review"
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, signed.token, int(accounts.absolute_timeout.total_seconds()))
    return response


@router.get("/logout", response_class=HTMLResponse)
def logout_page(request: Request) -> Response:
    session = current_session(request)
    if session is None:
        return RedirectResponse("/", status_code=303)
    return _render(request, "logout.html", {"csrf": session.csrf_token, "user": session.user})


@router.post("/logout")
def logout_form(request: Request, accounts: AccountsDep) -> Response:
    accounts.logout(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    clear_session_cookie(response, request)
    return response


@router.get("/review", response_class=HTMLResponse)
def queue_page(
    request: Request,
    user: CurrentUser,
    review: ReviewDep,
    status: Annotated[str | None, Query(max_length=30)] = None,
    specialty: Annotated[str | None, Query(max_length=60)] = None,
    flagged: Annotated[str | None, Query(max_length=5)] = None,
    min_age_days: Annotated[str | None, Query(max_length=5)] = None,
) -> Response:
    if user is None:
        return RedirectResponse("/login?next=/review", status_code=303)
    status = status if status in STATUSES else None
    age = int(min_age_days) if min_age_days and min_age_days.isdigit() else None
    flag = {"yes": True, "no": False}.get(flagged or "")
    items = review.queue(user, status=status, specialty=specialty or None, flagged=flag, min_age_days=age)
    filters = {"status": status or "", "specialty": specialty or "", "flagged": flagged or "", "age": age or ""}
    context = {
        "items": items,
        "filters": filters,
        "statuses": STATUSES,
        "status_labels": STATUS_LABELS,
        "specialties": [*SPECIALTIES, GENERAL],
        "user": user,
        "wording_differs": wording_differs,
    }
    return _render(request, "review_queue.html", context)


REVIEW_ACTION_NAMES = frozenset(a.value for a in REVIEW_ACTIONS)


def _back(article_id: str, anchor: str = "review") -> RedirectResponse:
    return RedirectResponse(f"{article_url(article_id)}#{anchor}", status_code=303)


@router.post("/articles/{article_id}/review")
def review_form(
    request: Request,
    article_id: str,
    user: CurrentUser,
    review: ReviewDep,
    action: Annotated[str, Form(max_length=30)],
    version: Annotated[int, Form(ge=1)],
    comment: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    if action not in REVIEW_ACTION_NAMES:
        raise InvalidEdit(f"unknown review action {action!r}")
    review.act(article_id, user, action, version=version, comment=comment, asker_keys=asker_keys(request))
    return _back(article_id, "top")


@router.get("/articles/{article_id}/edit", response_class=HTMLResponse)
def editing_form(
    request: Request,
    article_id: str,
    user: CurrentUser,
    review: ReviewDep,
    doc_q: Annotated[str, Query(max_length=200)] = "",
    saved: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    if user is None:
        return RedirectResponse(f"/login?next=/articles/{article_id}/edit", status_code=303)
    require(user, Action.edit)
    page = editing_page(review, user, article_id, doc_q=doc_q, saved=saved)
    return _render(request, "editing.html", {"ed": page})


def _ints(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.strip().lstrip("-").isdigit()]


def _edit_from_form(op: str, version: int, note: str, f: dict[str, Any]) -> ArticleEdit:
    """The ArticleEdit one form of the editing page stands for (pydantic validates it)."""
    body: dict[str, Any] = {"version": version, "note": note}
    ref = f["ref"]
    citations = _ints(f["citations"]) if f["citations_given"] else None
    if op == "statement":
        body["statements"] = [{"ref": ref, "text": f["text"], "citations": citations}]
    elif op == "remove":
        body["remove"] = [ref]
    elif op in ("move_up", "move_down"):
        body["moves"] = [{"ref": ref, "offset": -1 if op == "move_up" else 1}]
    elif op == "headline":
        for name in ("title", "verdict", "recommendation", "verdict_label"):
            if f[name].strip():
                body[name] = f[name]
    elif op == "add":
        section = f["new_section"].strip() or f["section"]
        body["add_statements"] = [{"section": section, "text": f["text"], "citations": citations or []}]
    elif op == "expert":
        body["expert"] = [{"ref": ref, "rationale": f["rationale"], "doc_id": f["doc_id"]}]
    elif op == "clear_expert":
        body["clear_expert"] = [ref]
    elif op == "add_reference":
        body["add_references"] = [f["doc_id"]]
    elif op == "remove_reference":
        body["remove_references"] = _ints([f["n"]])
    else:
        raise InvalidEdit(f"unknown edit {op!r}")
    return ArticleEdit.model_validate(body)


def _readable(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()) if not isinstance(p, int))
    names = {"text": "the text", "citations": "the citations", "rationale": "the rationale", "title": "the title"}
    field = next((label for key, label in names.items() if key in where), where or "the form")
    return f"Please check {field}: {str(first.get('msg', 'invalid value')).removeprefix('Value error, ')}."


@router.post("/articles/{article_id}/edit")
def edit_form(
    request: Request,
    article_id: str,
    user: CurrentUser,
    review: ReviewDep,
    version: Annotated[int, Form(ge=1)],
    op: Annotated[str, Form(max_length=30)] = "statement",
    intent: Annotated[str, Form(max_length=10)] = "save",
    ref: Annotated[str, Form(max_length=40)] = "",
    text: Annotated[str, Form(max_length=2000)] = "",
    citations: Annotated[list[str], Form(max_length=50)] = [],  # noqa: B006 -- FastAPI copies defaults
    citations_given: Annotated[str, Form(max_length=5)] = "",
    remove: Annotated[str, Form(max_length=5)] = "",
    title: Annotated[str, Form(max_length=300)] = "",
    verdict: Annotated[str, Form(max_length=20)] = "",
    recommendation: Annotated[str, Form(max_length=30)] = "",
    verdict_label: Annotated[str, Form(max_length=80)] = "",
    section: Annotated[str, Form(max_length=120)] = "",
    new_section: Annotated[str, Form(max_length=120)] = "",
    rationale: Annotated[str, Form(max_length=1000)] = "",
    doc_id: Annotated[str, Form(max_length=200)] = "",
    doc_q: Annotated[str, Form(max_length=200)] = "",
    n: Annotated[str, Form(max_length=5)] = "",
    note: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Every change of the editing page; "Check support" shows the result without saving, errors stay in place."""
    require(user, Action.edit)
    if remove:
        op = "remove"  # the older one-form editor: a "remove" checkbox
    fields: dict[str, Any] = {
        "ref": ref, "text": text, "citations": citations, "citations_given": citations_given, "title": title,
        "verdict": verdict, "recommendation": recommendation, "verdict_label": verdict_label, "section": section,
        "new_section": new_section, "rationale": rationale, "doc_id": doc_id, "n": n, "note": note,
    }  # fmt: skip
    answer = review.get(article_id).record.answer()
    fid = form_id_for(answer, op, ref)
    if op == "expert" and fid.startswith("st-"):
        fields[f"{fid}-expert-note"] = note
    state: dict[str, Any] = {"kept": fields}
    try:
        try:
            edit = _edit_from_form(op, version, note, fields)
        except ValidationError as exc:
            raise InvalidEdit(_readable(exc)) from None
        if intent == "preview":
            preview = review.preview_edit(article_id, user, edit)
            page = editing_page(review, user, article_id, doc_q=doc_q, preview_form=fid, preview=preview, **state)
            return _render(request, "editing.html", {"ed": page})
        outcome = review.edit(article_id, user, edit)
    except (InvalidEdit, Conflict, InvalidTransition) as exc:
        page = editing_page(review, user, article_id, doc_q=doc_q, error_form=fid, error=exc.message, **state)
        return _render(request, "editing.html", {"ed": page}, exc.http_status)
    query = f"saved={outcome.version}" + (f"&doc_q={quote(doc_q)}" if doc_q else "")
    return RedirectResponse(f"/articles/{article_id}/edit?{query}#{fid}", status_code=303)


@router.post("/articles/{article_id}/comments")
def comment_form(
    article_id: str,
    user: CurrentUser,
    review: ReviewDep,
    text: Annotated[str, Form(min_length=1, max_length=4000)],
    version: Annotated[int, Form(ge=1)],
    statement_ref: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    review.comment(article_id, user, version=version, text=text, statement_ref=statement_ref)
    return _back(article_id)


@router.post("/articles/{article_id}/rerun", dependencies=[AskLimit])
def rerun_form(
    request: Request, article_id: str, user: CurrentUser, review: ReviewDep, version: Annotated[int, Form(ge=1)]
) -> Response:
    made = start_revision(review, article_id, user, version=version, answers=request.app.state.answers)
    return RedirectResponse(article_url(made.id), status_code=303)


@router.get("/articles/{article_id}/history", response_class=HTMLResponse)
def history_page(
    request: Request,
    article_id: str,
    user: CurrentUser,
    review: ReviewDep,
    from_version: Annotated[int | None, Query(alias="from", ge=1)] = None,
    to_version: Annotated[int | None, Query(alias="to", ge=1)] = None,
) -> Response:
    if user is None:
        return RedirectResponse(f"/login?next=/articles/{article_id}/history", status_code=303)
    require(user, Action.view_history)
    versions = review.versions(user, article_id)
    current = versions[-1].version
    old = from_version or max(1, current - 1)
    new = to_version or current
    rows = review.side_by_side(user, article_id, old, new) if old != new else []
    article = review.get(article_id)
    context = {
        "article": article,
        "versions": versions,
        "old": old,
        "new": new,
        "rows": rows,
        "changed": any(r.kind != "same" for r in rows),
        "editors": editor_credits(review, article),
    }
    return _render(request, "history.html", context)
