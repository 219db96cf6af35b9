"""ReviewService: the review board's use cases over one library, each in its own transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from ..answer.models import Answer
from ..articles.service import ArticleNotFound
from ..articles.store import ArticleStatus
from ..library.store import Library
from . import audit, lifecycle
from . import store as review_store
from .audit import AuditEvent
from .errors import Conflict, InvalidEdit, InvalidTransition
from .models import ArticleVersion, Outcome, ReviewComment, ReviewedArticle, User, as_utc, utcnow
from .roles import Action, require
from .specialty import GENERAL, specialties_for
from .versions import ArticleEdit, apply_edit, statement_refs, unified_diff

OPEN_STATUSES = (
    ArticleStatus.draft,
    ArticleStatus.submitted,
    ArticleStatus.under_review,
    ArticleStatus.changes_requested,
)
MAX_COMMENT_CHARS = 4000


@dataclass(frozen=True, slots=True)
class QueueItem:
    article: ReviewedArticle
    specialties: list[str]
    age_days: int


def _specialties(article: ReviewedArticle) -> list[str]:
    found = specialties_for([article.record.question, article.record.title])
    if found != [GENERAL]:
        return found
    answer = article.record.answer()
    return specialties_for(r.title for r in answer.references)


class ReviewService:
    """Claim, comment, edit, approve, publish; versions, diffs, the queue and the audit trail."""

    def __init__(
        self,
        library: Library,
        *,
        clock: Callable[[], datetime] = utcnow,
        listeners: Iterable[Callable[[AuditEvent], None]] = (),
    ) -> None:
        self.library = library
        self.engine = library.engine
        self.clock = clock
        # Called with each audit event once its transaction has committed (the rows themselves commit with it).
        self.listeners = list(listeners)

    def notify(self, events: Iterable[AuditEvent]) -> None:
        for event in events:
            for listener in self.listeners:
                listener(event)

    # -- reading --------------------------------------------------------------------------------------
    def get(self, article_id: str) -> ReviewedArticle:
        with self.engine.connect() as conn:
            found = review_store.get_reviewed(conn, article_id=article_id)
        if found is None:
            raise ArticleNotFound(article_id)
        return found

    def versions(self, user: User | None, article_id: str) -> list[ArticleVersion]:
        """Every version, oldest first; an article never edited has just its current content as version 1."""
        require(user, Action.view_history)
        article = self.get(article_id)
        with self.engine.connect() as conn:
            stored = review_store.list_versions(conn, article_id=article_id)
        if not any(v.version == article.version for v in stored):
            stored.append(self._current_as_version(article))
        return stored

    def version_answer(self, user: User | None, article_id: str, version: int) -> Answer:
        for v in self.versions(user, article_id):
            if v.version == version:
                return Answer.model_validate_json(v.answer_json)
        raise InvalidEdit(f"there is no version {version} of this article")

    def diff(self, user: User | None, article_id: str, old: int, new: int) -> str:
        a, b = self.version_answer(user, article_id, old), self.version_answer(user, article_id, new)
        return unified_diff(a, b, old_label=f"version {old}", new_label=f"version {new}")

    def comments(self, user: User | None, article_id: str) -> list[ReviewComment]:
        require(user, Action.view_history)
        self.get(article_id)
        with self.engine.connect() as conn:
            return review_store.list_comments(conn, article_id=article_id)

    def queue(
        self,
        user: User | None,
        *,
        status: str | None = None,
        specialty: str | None = None,
        flagged: bool | None = None,
        min_age_days: int | None = None,
        limit: int = 200,
    ) -> list[QueueItem]:
        """Open articles (and flagged approved ones) for the board, oldest first."""
        require(user, Action.view_queue)
        statuses: list[str] = [status] if status else [str(s) for s in OPEN_STATUSES]
        if not status and flagged is not False:
            statuses.append(str(ArticleStatus.approved))
        with self.engine.connect() as conn:
            found = review_store.list_reviewed(conn, statuses=statuses, flagged=flagged, limit=2000)
        now = self.clock()
        items = []
        for article in found:
            if not status and article.status == ArticleStatus.approved and not article.flagged:
                continue
            age = max(0, (as_utc(now) - as_utc(article.record.created_at)).days)
            if min_age_days is not None and age < min_age_days:
                continue
            specialties = _specialties(article)
            if specialty and specialty.lower() not in {s.lower() for s in specialties}:
                continue
            items.append(QueueItem(article, specialties, age))
        items.sort(key=lambda i: (not i.article.flagged, i.article.record.created_at, i.article.id))
        return items[:limit]

    def audit_trail(self, user: User | None, *, article_id: str | None = None, limit: int = 100) -> list[AuditEvent]:
        require(user, Action.view_audit)
        with self.engine.connect() as conn:
            return audit.list_events(conn, article_id=article_id, limit=limit)

    # -- changing -------------------------------------------------------------------------------------
    def act(
        self, article_id: str, user: User | None, action: Action | str, *, version: int, comment: str = ""
    ) -> Outcome:
        """Take a review action (claim, approve, request_changes, reject, publish, submit)."""
        action = Action(action)
        if action not in lifecycle.TRANSITIONS:
            raise InvalidTransition(f"{action.value} is not a review action")
        require(user, action)  # role first: a reader learns nothing about the article
        assert user is not None
        comment = comment.strip()[:MAX_COMMENT_CHARS]
        with self.engine.begin() as conn:
            article = review_store.get_reviewed(conn, article_id=article_id)
            if article is None:
                raise ArticleNotFound(article_id)
            outcome, events = lifecycle.apply_action(
                conn, article, user, action, version=version, now=self.clock(), comment=comment
            )
        self.notify(events)
        return outcome

    def comment(
        self, article_id: str, user: User | None, *, version: int, text: str, statement_ref: str = ""
    ) -> ReviewComment:
        require(user, Action.comment)
        assert user is not None
        text = text.strip()
        if not text:
            raise InvalidEdit("the comment is empty")
        if len(text) > MAX_COMMENT_CHARS:
            raise InvalidEdit(f"the comment is too long: at most {MAX_COMMENT_CHARS} characters")
        with self.engine.begin() as conn:
            article = review_store.get_reviewed(conn, article_id=article_id)
            if article is None:
                raise ArticleNotFound(article_id)
            lifecycle.check_version(article, version)
            if statement_ref and statement_ref not in {r for r, _ in statement_refs(article.record.answer())}:
                raise InvalidEdit(f"there is no statement {statement_ref!r} in this version")
            made = review_store.add_comment(
                conn,
                article_id=article_id,
                version=version,
                statement_ref=statement_ref,
                author=user.username,
                text=text,
            )
            event = AuditEvent(
                user.username, "comment", article_id, version, {"statement": statement_ref}, self.clock()
            )
            audit.record(conn, event)
        self.notify([event])
        return made

    def edit(self, article_id: str, user: User | None, edit: ArticleEdit) -> Outcome:
        """Apply ``edit`` as a new version (409 if ``edit.version`` is stale)."""
        require(user, Action.edit)
        assert user is not None
        article = self.get(article_id)
        lifecycle.check_version(article, edit.version)
        if article.status not in lifecycle.EDITABLE:
            raise InvalidTransition(
                f"A {article.status} article cannot be edited; start a revision (re-run) to change approved content."
            )
        new_answer, warnings = apply_edit(
            article.record.answer(), edit, self.library.get_documents, self.library.passages_of
        )
        new_answer.status = article.status
        new_version = article.version + 1
        now = self.clock()
        try:
            with self.engine.begin() as conn:
                if not review_store.has_version(conn, article_id=article_id, version=article.version):
                    base = self._current_as_version(article)
                    review_store.insert_version(
                        conn,
                        article_id=article_id,
                        version=base.version,
                        answer_json=base.answer_json,
                        editor=base.editor,
                        note=base.note,
                        created_at=base.created_at,
                    )
                review_store.insert_version(
                    conn,
                    article_id=article_id,
                    version=new_version,
                    answer_json=new_answer.model_dump_json(),
                    editor=user.username,
                    note=edit.note.strip(),
                    created_at=now,
                )
                values = {
                    "version": new_version,
                    "answer_json": new_answer.model_dump_json(),
                    "last_editor": user.username,
                }
                if not review_store.update_if_current(
                    conn, article_id=article_id, version=article.version, status=article.status, values=values
                ):
                    raise Conflict("Someone else saved this article at the same moment. Reload it, then try again.")
                detail: dict[str, object] = {
                    "statements_changed": len(edit.statements),
                    "statements_removed": len(edit.remove),
                    "references_added": list(edit.add_references),
                    "references_removed": list(edit.remove_references),
                }
                event = AuditEvent(user.username, "edit", article_id, new_version, detail, now)
                audit.record(conn, event)
        except IntegrityError:
            raise Conflict("Someone else saved this article at the same moment. Reload it, then try again.") from None
        self.notify([event])
        return Outcome(article_id, article.status, new_version, warnings)

    @staticmethod
    def _current_as_version(article: ReviewedArticle) -> ArticleVersion:
        rec = article.record
        editor = article.last_editor or (f"engine:{rec.engine}" if article.version == 1 else None)
        created = rec.created_at if article.version == 1 else rec.updated_at
        note = "generated" if article.version == 1 else ""
        return ArticleVersion(rec.id, rec.version, rec.answer_json, editor, created, note)
