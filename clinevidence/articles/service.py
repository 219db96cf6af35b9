"""Asking, following up and audience variants: answers from the AnswerService, stored as articles."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Engine

from ..answer.models import Answer, Audience
from ..answer.service import AnswerService
from . import store
from .store import ArticleRecord


class ArticleNotFound(LookupError):
    """No article with that id."""


class ThreadNotFound(LookupError):
    """No thread with that id (or, to whoever does not own it, none they may add to)."""


Askers = Collection[str] | None
"""Who is asking: every identity of the caller (``user:…``, ``anon:…``, ``key:…``). ``None`` is the operator
(CLI, MCP over stdio), who may add to any thread; an empty collection owns no thread."""


class ArticleService:
    """Turns questions into stored articles; every answer is its own article, linked into a thread."""

    def __init__(self, engine: Engine, answers: AnswerService) -> None:
        self.engine = engine
        self.answers = answers

    def get(self, article_id: str) -> ArticleRecord:
        with self.engine.connect() as conn:
            found = store.get_article(conn, article_id=article_id)
        if found is None:
            raise ArticleNotFound(article_id)
        return found

    def thread(self, thread_id: str) -> list[ArticleRecord]:
        with self.engine.connect() as conn:
            return store.thread_articles(conn, thread_id=thread_id)

    def owns(self, thread_id: str, askers: Askers) -> bool:
        """Whether ``askers`` may add to ``thread_id``: only its owner (the asker of its first article) may."""
        if askers is None:
            return True
        if not askers:
            return False
        with self.engine.connect() as conn:
            owner = store.thread_owner(conn, thread_id=thread_id)
        return owner is not None and owner in askers

    def search(self, *, query: str | None = None, status: str | None = None, limit: int = 20) -> list[ArticleRecord]:
        with self.engine.connect() as conn:
            return store.list_articles(conn, query=query, status=status, limit=limit)

    def ask(
        self,
        question: str,
        *,
        audience: Audience = Audience.clinician,
        engine: str | None = None,
        thread_id: str | None = None,
        author: str | None = None,
        askers: Askers = None,
        asker: str | None = None,
    ) -> ArticleRecord:
        """Answer ``question``; with ``thread_id`` it follows up the thread's latest article.

        Only the thread's owner may add to it: to anyone else the thread does not exist (``ThreadNotFound``).
        """
        parent, _ = self.context_for(thread_id, askers)
        return self._answer(
            question,
            audience=audience,
            engine=engine,
            thread_id=thread_id,
            parent=parent,
            context=parent.question if parent else "",
            author=author,
            asker=asker,
        )

    def follow_up(
        self,
        article_id: str,
        question: str,
        *,
        audience: Audience | None = None,
        engine: str | None = None,
        author: str | None = None,
        askers: Askers = None,
        asker: str | None = None,
    ) -> ArticleRecord:
        """A new article answered in the light of ``article_id``'s question: in the same thread when ``askers``
        own it, else the first article of the asker's own thread (never shown in the owner's thread)."""
        parent = self.get(article_id)
        return self._answer(
            question,
            audience=audience or Audience(parent.audience),
            engine=engine or parent.engine,
            thread_id=parent.thread_id if self.owns(parent.thread_id, askers) else None,
            parent=parent,
            context=parent.question,
            author=author,
            asker=asker,
        )

    def find_variant(self, article_id: str, audience: Audience, askers: Askers = None) -> ArticleRecord | None:
        """The article itself or an existing variant of it for ``audience`` (in its thread, or one ``askers`` had
        written in their own); None if one must be written."""
        article = self.get(article_id)
        if article.audience == audience:
            return article
        with self.engine.connect() as conn:
            found = store.find_variant(conn, thread_id=article.thread_id, question=article.question, audience=audience)
            if found is None and askers:
                found = store.find_own_variant(
                    conn, parent_id=article.id, question=article.question, audience=audience, askers=askers
                )
        return found

    def variant(self, article_id: str, audience: Audience, askers: Askers = None) -> ArticleRecord:
        """The same question answered for another audience: reused if it exists; written into the article's
        thread for its owner, into a thread of their own for anyone else."""
        found = self.find_variant(article_id, audience, askers)
        if found is not None:
            return found
        article = self.get(article_id)
        return self._answer(
            article.question,
            audience=audience,
            engine=article.engine,
            thread_id=article.thread_id if self.owns(article.thread_id, askers) else None,
            parent=article,
            context=self._context_of(article),
            author=None,
        )

    def _context_of(self, article: ArticleRecord) -> str:
        """The question an article was answered in the light of: the nearest ancestor asking something else."""
        seen = {article.id}
        current = article
        while current.parent_id and current.parent_id not in seen:
            seen.add(current.parent_id)
            try:
                current = self.get(current.parent_id)
            except ArticleNotFound:
                return ""
            if current.question != article.question:
                return current.question
        return ""

    def _answer(
        self,
        question: str,
        *,
        audience: Audience,
        engine: str | None,
        thread_id: str | None,
        parent: ArticleRecord | None,
        context: str,
        author: str | None,
        asker: str | None = None,
    ) -> ArticleRecord:
        engine_name = engine or self.answers.settings.engine
        # Answer outside any transaction: an LLM call may take seconds.
        answer = self.answers.ask(question, audience, engine_name, context)
        return self.save(answer, engine=engine_name, thread_id=thread_id, parent=parent, author=author, asker=asker)

    def save(
        self,
        answer: Answer,
        *,
        engine: str,
        thread_id: str | None,
        parent: ArticleRecord | None,
        author: str | None,
        asker: str | None = None,
    ) -> ArticleRecord:
        """Store a finished answer as a new article (in a new thread unless ``thread_id`` is given)."""
        with self.engine.begin() as conn:
            tid = thread_id or store.create_thread(conn)
            return store.create_article(
                conn,
                thread_id=tid,
                answer=answer,
                engine=engine,
                parent_id=parent.id if parent else None,
                author=author,
                asker=asker,
            )

    def context_for(self, thread_id: str | None, askers: Askers = None) -> tuple[ArticleRecord | None, str]:
        """The article a new question in ``thread_id`` follows up, and the question it inherits context from.

        ``ThreadNotFound`` when there is no such thread, or ``askers`` do not own it (its latest question is
        the owner's alone).
        """
        if thread_id is None:
            return None, ""
        if not self.owns(thread_id, askers):
            raise ThreadNotFound(thread_id)
        with self.engine.connect() as conn:
            if not store.thread_exists(conn, thread_id=thread_id):
                raise ThreadNotFound(thread_id)
            parent = store.latest_in_thread(conn, thread_id=thread_id)
        return parent, parent.question if parent else ""
