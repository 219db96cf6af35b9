"""HTML pages: ask, article, follow-up, editorial policy. Forms post and redirect (303); no JS required."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..answer.models import Audience
from ..review.errors import NotAuthenticated
from .asking import ask_gate, own_articles, remember_asker, reviewed_match, sees_everything
from .auth import asker_keys, current_user
from .deps import ArticlesDep, AskLimit, SettingsDep, limit_asks
from .review_views import remember_match, review_panel
from .schemas import AskForm, VariantForm, check_question_length
from .views import article_page, article_url

router = APIRouter(include_in_schema=False)

AUDIENCE_COOKIE = "audience"


def _audience_from(request: Request) -> Audience:
    try:
        return Audience(request.cookies.get(AUDIENCE_COOKIE, ""))
    except ValueError:
        return Audience.clinician


def _remember(response: Response, request: Request, audience: Audience) -> None:
    response.set_cookie(
        AUDIENCE_COOKIE,
        str(audience),
        max_age=365 * 24 * 3600,
        samesite="lax",
        httponly=True,
        secure=request.url.scheme == "https",
    )


def _render(request: Request, name: str, context: dict[str, object], status_code: int = 200) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status_code)  # type: ignore[no-any-return]


def _sign_in_first(next_url: str) -> Response:
    return RedirectResponse(f"/login?next={quote(next_url)}", status_code=303)


@router.get("/", response_class=HTMLResponse)
def ask_page(
    request: Request,
    articles: ArticlesDep,
    settings: SettingsDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    scope: Annotated[str | None, Query(max_length=10)] = None,
) -> HTMLResponse:
    query = (q or "").strip()
    # Search covers approved articles; signed-in board members may choose "all articles"; askers see their own.
    board = sees_everything(current_user(request))
    search_all = board and scope == "all"
    listed = None if search_all else "approved"
    return _render(
        request,
        "index.html",
        {
            "audience": _audience_from(request),
            "audiences": list(Audience),
            "max_chars": settings.max_question_chars,
            "query": query,
            "board": board,
            "search_all": search_all,
            "results": articles.search(query=query, status=listed, limit=50) if query else [],
            "recent": own_articles(request, 10),
            "approved": articles.search(status="approved", limit=10),
            "login_required": settings.require_login_to_ask and current_user(request) is None,
        },
    )


@router.post("/ask", dependencies=[AskLimit])
def ask_form(
    request: Request, form: Annotated[AskForm, Form()], articles: ArticlesDep, settings: SettingsDep
) -> Response:
    check_question_length(form.question, settings.max_question_chars, ("form", "question"))
    try:
        user = ask_gate(request, settings)
    except NotAuthenticated:
        return _sign_in_first("/")
    audience = form.audience or _audience_from(request)
    match = None if form.force_new else reviewed_match(request, form.question, str(audience))
    if match is not None:  # reviewed answers first; the page offers to draft a fresh one
        response: Response = RedirectResponse(f"{article_url(match.id)}?reviewed_match=1", status_code=303)
        remember_match(request, response, match.id, form.question)  # "Draft a fresh answer" drafts their wording
    else:
        record = articles.ask(form.question, audience=audience, author=user.username if user else None)
        response = RedirectResponse(article_url(record.id), status_code=303)
        remember_asker(request, response, record)
    _remember(response, request, audience)
    return response


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(
    request: Request,
    article_id: str,
    articles: ArticlesDep,
    settings: SettingsDep,
    audience: Audience | None = None,
    reviewed_match: bool = False,
) -> Response:
    record = articles.get(article_id)
    if audience is not None and audience != record.audience:
        # A GET never writes: an existing variant is a redirect; a missing one is offered as a POST form.
        variant = articles.find_variant(article_id, audience, asker_keys(request))
        if variant is None:
            return _render(request, "variant.html", {"record": record, "audience": audience})
        response: Response = RedirectResponse(article_url(variant.id), status_code=303)
        _remember(response, request, audience)
        return response
    page = article_page(record, articles.thread(record.thread_id))
    panel = review_panel(request, article_id, matched=reviewed_match)
    context = {"page": page, "review": panel, "max_chars": settings.max_question_chars}
    return _render(request, "article.html", context)


@router.post("/articles/{article_id}/followup", dependencies=[AskLimit])
def follow_up_form(
    request: Request,
    article_id: str,
    form: Annotated[AskForm, Form()],
    articles: ArticlesDep,
    settings: SettingsDep,
) -> Response:
    check_question_length(form.question, settings.max_question_chars, ("form", "question"))
    try:
        user = ask_gate(request, settings)
    except NotAuthenticated:
        return _sign_in_first(article_url(article_id))
    record = articles.follow_up(
        article_id,
        form.question,
        audience=form.audience,
        author=user.username if user else None,
        askers=asker_keys(request),
    )
    response = RedirectResponse(article_url(record.id), status_code=303)
    remember_asker(request, response, record)
    if form.audience is not None:
        _remember(response, request, form.audience)
    return response


@router.post("/articles/{article_id}/variant")
def variant_form(
    request: Request,
    article_id: str,
    form: Annotated[VariantForm, Form()],
    articles: ArticlesDep,
    settings: SettingsDep,
) -> Response:
    """Write (or reuse) the article for another audience: in its thread for the thread's owner, else in a new one."""
    articles.get(article_id)
    variant = articles.find_variant(article_id, form.audience, asker_keys(request))
    created = variant is None
    if variant is None:
        try:
            ask_gate(request, settings)
        except NotAuthenticated:
            return _sign_in_first(f"{article_url(article_id)}?audience={form.audience}")
        limit_asks(request)  # writing the variant is a new answer, so it counts as a question
        variant = articles.variant(article_id, form.audience, asker_keys(request))
    response: Response = RedirectResponse(article_url(variant.id), status_code=303)
    if created:
        remember_asker(request, response, variant)
    _remember(response, request, form.audience)
    return response


@router.get("/editorial-policy", response_class=HTMLResponse)
def editorial_policy(request: Request) -> HTMLResponse:
    return _render(request, "editorial_policy.html", {})
