"""The JSON API under /api/: ask, follow up, read and search articles, library stats, health."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from ..articles.store import ArticleStatus
from .asking import ask_gate, own_articles, remember_asker, reviewed_match, sees_everything
from .auth import CurrentUser, ReviewDep, asker_keys
from .deps import ArticlesDep, AskLimit, LibraryDep, SettingsDep
from .review_schemas import ReviewInfo, review_responses
from .schemas import (
    ERROR_RESPONSES,
    ArticleList,
    ArticleOut,
    AskRequest,
    FollowUpRequest,
    Health,
    LibraryStats,
    check_question_length,
)
from .views import article_out, article_summary

router = APIRouter(prefix="/api", tags=["api"], responses=ERROR_RESPONSES)


@router.post(
    "/ask",
    status_code=201,
    response_model=ArticleOut,
    dependencies=[AskLimit],
    responses={
        200: {"model": ArticleOut, "description": "An approved article already answers this question"},
        **review_responses(),
    },
)
def ask(
    body: AskRequest,
    request: Request,
    response: Response,
    articles: ArticlesDep,
    settings: SettingsDep,
    review: ReviewDep,
) -> ArticleOut:
    """Answer a question as a new article; with ``thread_id`` it is a follow-up in that thread.

    Reviewed answers first: if an approved article already answers the question (or a close paraphrase) for
    the same audience, it is returned with 200 and ``existing: true``; send ``force_new: true`` to draft anew.
    """
    check_question_length(body.question, settings.max_question_chars)
    user = ask_gate(request, settings)
    if body.thread_id is None and not body.force_new:
        match = reviewed_match(request, body.question, str(body.audience))
        if match is not None:
            response.status_code = 200
            return article_out(match.record, review=ReviewInfo.of(match), existing=True)
    record = articles.ask(
        body.question,
        audience=body.audience,
        engine=body.engine,
        thread_id=body.thread_id,
        author=user.username if user else None,
        askers=asker_keys(request),
    )
    remember_asker(request, response, record)
    return article_out(record, review=ReviewInfo.of(review.get(record.id)))


@router.get("/articles", response_model=ArticleList)
def list_articles(
    request: Request,
    articles: ArticlesDep,
    user: CurrentUser,
    q: Annotated[str | None, Query(max_length=200, description="Text in the question or title.")] = None,
    status: ArticleStatus | None = None,
    mine: Annotated[bool, Query(description="Only the questions asked from this browser or account.")] = False,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ArticleList:
    """Newest articles first, optionally filtered by status and searched by text.

    Approved articles only, except for board members; ``mine=true`` lists your own questions in any status.
    """
    if mine:
        found = own_articles(request, limit)
    elif sees_everything(user):
        found = articles.search(query=q, status=status.value if status else None, limit=limit)
    elif status is not None and status != ArticleStatus.approved:
        found = []
    else:
        found = articles.search(query=q, status=ArticleStatus.approved.value, limit=limit)
    return ArticleList(count=len(found), articles=[article_summary(r) for r in found])


@router.get("/articles/{article_id}", response_model=ArticleOut)
def get_article(article_id: str, review: ReviewDep) -> ArticleOut:
    """One article: the Answer JSON with its id, thread, status, version, last-updated date and reviewers."""
    reviewed = review.get(article_id)
    return article_out(reviewed.record, review=ReviewInfo.of(reviewed, review))


@router.post(
    "/articles/{article_id}/followup",
    status_code=201,
    response_model=ArticleOut,
    dependencies=[AskLimit],
    responses=review_responses(),
)
def follow_up(
    article_id: str,
    body: FollowUpRequest,
    request: Request,
    response: Response,
    articles: ArticlesDep,
    settings: SettingsDep,
) -> ArticleOut:
    """Ask a follow-up: a new article answered in the light of this one's question, in the same thread when you
    asked the thread's first question, else the first article of a thread of your own."""
    check_question_length(body.question, settings.max_question_chars)
    user = ask_gate(request, settings)
    record = articles.follow_up(
        article_id,
        body.question,
        audience=body.audience,
        engine=body.engine,
        author=user.username if user else None,
        askers=asker_keys(request),
    )
    remember_asker(request, response, record)
    return article_out(record)


@router.get("/library/stats", response_model=LibraryStats)
def library_stats(library: LibraryDep) -> LibraryStats:
    """Documents and passages in the library, by evidence type, and its snapshot id."""
    return LibraryStats.model_validate(library.stats())


@router.get("/health", response_model=Health)
def health() -> Health:
    return Health()
