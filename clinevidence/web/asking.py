"""Who may ask, who asked, and "reviewed answers first": shared by the JSON API and the HTML forms."""

from __future__ import annotations

from fastapi import Request, Response

from ..articles.store import ArticleRecord
from ..review import store as review_store
from ..review.errors import NotAuthenticated
from ..review.living import find_approved_answer
from ..review.models import ReviewedArticle, User
from ..review.roles import Action, can, require
from ..settings import Settings
from .auth import asker_key, asker_keys, current_user, get_review


def ask_gate(request: Request, settings: Settings) -> User | None:
    """The asking user; 401 when the operator requires sign-in to ask and nobody is signed in."""
    user = current_user(request)
    if user is None and settings.require_login_to_ask:
        raise NotAuthenticated("Sign in to ask questions on this server.")
    if user is not None:
        require(user, Action.ask)
    return user


def remember_asker(request: Request, response: Response, record: ArticleRecord) -> None:
    """Record who asked (signed-in user or anonymous cookie) so they always find their own answers."""
    key = asker_key(request, response)
    with get_review(request).engine.begin() as conn:
        review_store.set_review_fields(conn, article_id=record.id, asker=key)


def reviewed_match(request: Request, question: str, audience: str) -> ReviewedArticle | None:
    """An approved article answering the same question (or a close paraphrase) for the same audience."""
    return find_approved_answer(get_review(request).engine, question, audience=audience)


def sees_everything(user: User | None) -> bool:
    """Board members and admins see unapproved articles in lists; everyone else sees approved ones and their own."""
    return can(user, Action.view_queue)


def own_articles(request: Request, limit: int = 20) -> list[ArticleRecord]:
    """This browser's own questions, newest first (signed-in user and anonymous cookie)."""
    keys = asker_keys(request)
    if not keys:
        return []
    with get_review(request).engine.connect() as conn:
        return review_store.articles_by_asker(conn, askers=keys, limit=limit)
