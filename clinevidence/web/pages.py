"""HTML pages: ask, article, follow-up, editorial policy. Forms post and redirect (303); no JS required."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..answer.models import Audience
from .deps import ArticlesDep, AskLimit, SettingsDep, limit_asks
from .schemas import AskForm, check_question_length
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


@router.get("/", response_class=HTMLResponse)
def ask_page(
    request: Request,
    articles: ArticlesDep,
    settings: SettingsDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    query = (q or "").strip()
    return _render(
        request,
        "index.html",
        {
            "audience": _audience_from(request),
            "audiences": list(Audience),
            "max_chars": settings.max_question_chars,
            "query": query,
            "results": articles.search(query=query, limit=50) if query else [],
            "recent": articles.search(limit=10),
            "approved": articles.search(status="approved", limit=10),
        },
    )


@router.post("/ask", dependencies=[AskLimit])
def ask_form(
    request: Request, form: Annotated[AskForm, Form()], articles: ArticlesDep, settings: SettingsDep
) -> Response:
    check_question_length(form.question, settings.max_question_chars, ("form", "question"))
    audience = form.audience or _audience_from(request)
    record = articles.ask(form.question, audience=audience)
    response = RedirectResponse(article_url(record.id), status_code=303)
    _remember(response, request, audience)
    return response


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(
    request: Request, article_id: str, articles: ArticlesDep, settings: SettingsDep, audience: Audience | None = None
) -> Response:
    record = articles.get(article_id)
    if audience is not None and audience != record.audience:
        variant = articles.find_variant(article_id, audience)
        if variant is None:
            limit_asks(request)  # writing the variant is a new answer, so it counts as a question
            variant = articles.variant(article_id, audience)
        response: Response = RedirectResponse(article_url(variant.id), status_code=303)
        _remember(response, request, audience)
        return response
    page = article_page(record, articles.thread(record.thread_id))
    return _render(request, "article.html", {"page": page, "max_chars": settings.max_question_chars})


@router.post("/articles/{article_id}/followup", dependencies=[AskLimit])
def follow_up_form(
    request: Request,
    article_id: str,
    form: Annotated[AskForm, Form()],
    articles: ArticlesDep,
    settings: SettingsDep,
) -> Response:
    check_question_length(form.question, settings.max_question_chars, ("form", "question"))
    record = articles.follow_up(article_id, form.question, audience=form.audience)
    response = RedirectResponse(article_url(record.id), status_code=303)
    if form.audience is not None:
        _remember(response, request, form.audience)
    return response


@router.get("/editorial-policy", response_class=HTMLResponse)
def editorial_policy(request: Request) -> HTMLResponse:
    return _render(request, "editorial_policy.html", {})
