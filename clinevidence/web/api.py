"""The JSON API under /api/: ask, follow up, read and search articles, library stats, health."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ..articles.store import ArticleStatus
from .deps import ArticlesDep, AskLimit, LibraryDep, SettingsDep
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


@router.post("/ask", status_code=201, response_model=ArticleOut, dependencies=[AskLimit])
def ask(body: AskRequest, articles: ArticlesDep, settings: SettingsDep) -> ArticleOut:
    """Answer a question as a new article; with ``thread_id`` it is a follow-up in that thread."""
    check_question_length(body.question, settings.max_question_chars)
    record = articles.ask(body.question, audience=body.audience, engine=body.engine, thread_id=body.thread_id)
    return article_out(record)


@router.get("/articles", response_model=ArticleList)
def list_articles(
    articles: ArticlesDep,
    q: Annotated[str | None, Query(max_length=200, description="Text in the question or title.")] = None,
    status: ArticleStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ArticleList:
    """Newest articles first, optionally filtered by status and searched by text."""
    found = articles.search(query=q, status=status.value if status else None, limit=limit)
    return ArticleList(count=len(found), articles=[article_summary(r) for r in found])


@router.get("/articles/{article_id}", response_model=ArticleOut)
def get_article(article_id: str, articles: ArticlesDep) -> ArticleOut:
    """One article: the Answer JSON with its id, thread, status, version and last-updated date."""
    return article_out(articles.get(article_id))


@router.post("/articles/{article_id}/followup", status_code=201, response_model=ArticleOut, dependencies=[AskLimit])
def follow_up(article_id: str, body: FollowUpRequest, articles: ArticlesDep, settings: SettingsDep) -> ArticleOut:
    """Ask a follow-up: a new article in the same thread, answered in the light of this one's question."""
    check_question_length(body.question, settings.max_question_chars)
    record = articles.follow_up(article_id, body.question, audience=body.audience, engine=body.engine)
    return article_out(record)


@router.get("/library/stats", response_model=LibraryStats)
def library_stats(library: LibraryDep) -> LibraryStats:
    """Documents and passages in the library, by evidence type, and its snapshot id."""
    return LibraryStats.model_validate(library.stats())


@router.get("/health", response_model=Health)
def health() -> Health:
    return Health()
