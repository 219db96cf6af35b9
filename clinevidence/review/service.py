"""ReviewService: the review board's use cases over one library, each in its own transaction."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from ..answer.models import Answer, Verdict
from ..answer.support import support
from ..articles.service import ArticleNotFound
from ..articles.store import ArticleStatus
from ..library.store import Library, StoredDocument
from ..retrieval.priors import NO_PRIORS
from ..retrieval.search import Retriever
from . import audit, lifecycle
from . import store as review_store
from .audit import AuditEvent
from .authorship import Change, by_writer, changes_since_baseline, writers
from .errors import Conflict, InvalidEdit, InvalidTransition
from .grounding import Blocker, approval_blockers, statement_places
from .lifecycle import ApprovalContext
from .models import ArticleVersion, Outcome, ReviewComment, ReviewedArticle, User, as_utc, utcnow
from .roles import Action, require
from .specialty import GENERAL, specialties_for
from .versions import ArticleEdit, DiffRow, Editor, apply_edit, side_by_side, statement_refs, unified_diff

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
    variants: list[ReviewedArticle] = field(default_factory=list)  # other audiences of the same question


@dataclass(frozen=True, slots=True)
class EditPreview:
    answer: Answer
    warnings: list[str]
    blockers: list[Blocker]


def _specialties(article: ReviewedArticle) -> list[str]:
    found = specialties_for([article.record.question, article.record.title])
    if found != [GENERAL]:
        return found
    answer = article.record.answer()
    return specialties_for(r.title for r in answer.references)


def _nothing_to_review(article: ReviewedArticle) -> bool:
    """Abstentions ("insufficient evidence") and emergency redirects carry no claims, so they are not queued."""
    answer = article.record.answer()
    return answer.verdict is Verdict.insufficient and not answer.all_statements()


@dataclass(slots=True)
class _Variants:
    of: dict[str, list[ReviewedArticle]] = field(default_factory=dict)  # source id -> its audience variants
    placed: set[str] = field(default_factory=set)  # variants listed under a source in the queue


def _variants_by_source(found: list[ReviewedArticle]) -> _Variants:
    """Audience variants (same thread, same question, another audience) grouped under the oldest article."""
    groups: dict[tuple[str, str], list[ReviewedArticle]] = {}
    for a in found:
        groups.setdefault((a.record.thread_id, a.record.question), []).append(a)
    out = _Variants()
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda a: (a.record.created_at, a.id))
        source, rest = members[0], members[1:]
        out.of[source.id] = rest
        out.placed |= {a.id for a in rest}
    return out


def wording_differs(source: ReviewedArticle, variant: ReviewedArticle) -> bool:
    """A variant whose statements are worded differently from its source's needs its own sign-off."""
    texts = [s.text for s in source.record.answer().all_statements()]
    return [s.text for s in variant.record.answer().all_statements()] != texts


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

    def side_by_side(self, user: User | None, article_id: str, old: int, new: int) -> list[DiffRow]:
        return side_by_side(self.version_answer(user, article_id, old), self.version_answer(user, article_id, new))

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
        found = [a for a in found if not _nothing_to_review(a)]
        variants = _variants_by_source(found)
        for article in found:
            if not status and article.status == ArticleStatus.approved and not article.flagged:
                continue
            if article.id in variants.placed:
                continue  # listed under its source article
            age = max(0, (as_utc(now) - as_utc(article.record.created_at)).days)
            if min_age_days is not None and age < min_age_days:
                continue
            specialties = _specialties(article)
            if specialty and specialty.lower() not in {s.lower() for s in specialties}:
                continue
            items.append(QueueItem(article, specialties, age, variants.of.get(article.id, [])))
        items.sort(key=lambda i: (not i.article.flagged, i.article.record.created_at, i.article.id))
        return items[:limit]

    def audit_trail(self, user: User | None, *, article_id: str | None = None, limit: int = 100) -> list[AuditEvent]:
        require(user, Action.view_audit)
        with self.engine.connect() as conn:
            return audit.list_events(conn, article_id=article_id, limit=limit)

    # -- changing -------------------------------------------------------------------------------------
    def _stored_versions(self, article: ReviewedArticle) -> list[ArticleVersion]:
        with self.engine.connect() as conn:
            stored = review_store.list_versions(conn, article_id=article.id)
        stored = [v for v in stored if v.version <= article.version]
        if not any(v.version == article.version for v in stored):
            stored.append(self._current_as_version(article))
        return stored

    def changes(self, article: ReviewedArticle) -> list[Change]:
        """What board members changed in the current version since the baseline, and who wrote each change."""
        return changes_since_baseline(self._stored_versions(article))

    def blockers(self, answer: Answer, baseline: Answer | None = None) -> list[Blocker]:
        """The grounding gate on ``answer``: what stops it from being approved (empty: nothing)."""
        return approval_blockers(answer, self.library.get_documents, self.library.passages_of, baseline)

    def baseline(self, article: ReviewedArticle) -> Answer:
        """Version 1: the generated answer (or, for a revision, the approved content it started from)."""
        return Answer.model_validate_json(self._stored_versions(article)[0].answer_json)

    def approval_context(self, article: ReviewedArticle, asker_keys: Iterable[str] = ()) -> ApprovalContext:
        versions = self._stored_versions(article)
        baseline = Answer.model_validate_json(versions[0].answer_json)
        return ApprovalContext(
            writers=frozenset(writers(changes_since_baseline(versions))),
            blockers=tuple(self.blockers(article.record.answer(), baseline)),
            asker_keys=frozenset(asker_keys),
        )

    def editors_named(self, article: ReviewedArticle) -> list[tuple[User | None, str, list[str]]]:
        """Every board member whose edit is in the current version: (account, username, what they changed)."""
        found = by_writer(self.changes(article))
        with self.engine.connect() as conn:
            accounts = review_store.users_named(conn, names=list(found))
        return [(accounts.get(name), name, items) for name, items in found.items()]

    def act(
        self,
        article_id: str,
        user: User | None,
        action: Action | str,
        *,
        version: int,
        comment: str = "",
        asker_keys: Iterable[str] = (),
    ) -> Outcome:
        """Take a review action (claim, approve, request_changes, reject, publish, submit).

        ``asker_keys``: the acting browser's asker identities, so that nobody approves a question they asked
        signed out.
        """
        action = Action(action)
        if action not in lifecycle.TRANSITIONS:
            raise InvalidTransition(f"{action.value} is not a review action")
        require(user, action)  # role first: a reader learns nothing about the article
        assert user is not None
        comment = comment.strip()[:MAX_COMMENT_CHARS]
        context = None
        if action in (Action.approve, Action.publish):
            # Computed on the version read here; the compare-and-set below refuses if it changed meanwhile.
            context = self.approval_context(self.get(article_id), asker_keys)
        with self.engine.begin() as conn:
            article = review_store.get_reviewed(conn, article_id=article_id)
            if article is None:
                raise ArticleNotFound(article_id)
            outcome, events = lifecycle.apply_action(
                conn, article, user, action, version=version, now=self.clock(), comment=comment, context=context
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
        article = self._editable(article_id, user, edit.version)
        assert user is not None
        now = self.clock()
        new_answer, warnings = self._apply(article, user, edit, now)
        new_version = article.version + 1
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
                    "title": new_answer.title,
                    "verdict": str(new_answer.verdict),
                    "last_updated": now.date(),  # "Last updated": the date the content last changed
                }
                if not review_store.update_if_current(
                    conn, article_id=article_id, version=article.version, status=article.status, values=values
                ):
                    raise Conflict("Someone else saved this article at the same moment. Reload it, then try again.")
                detail: dict[str, object] = {
                    "statements_changed": len(edit.statements),
                    "statements_added": len(edit.add_statements),
                    "statements_moved": len(edit.moves),
                    "expert_marked": len(edit.expert),
                    "headline_changed": bool(edit.title or edit.verdict or edit.verdict_label),
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

    def _editable(self, article_id: str, user: User | None, version: int) -> ReviewedArticle:
        require(user, Action.edit)
        article = self.get(article_id)
        lifecycle.check_version(article, version)
        if article.status not in lifecycle.EDITABLE:
            raise InvalidTransition(
                f"A {article.status} article cannot be edited; start a revision (re-run) to change approved content."
            )
        return article

    def _apply(
        self, article: ReviewedArticle, user: User, edit: ArticleEdit, now: datetime
    ) -> tuple[Answer, list[str]]:
        editor = Editor(user.username, user.byline, as_utc(now).isoformat(timespec="seconds"))
        new_answer, warnings = apply_edit(
            article.record.answer(), edit, self.library.get_documents, self.library.passages_of, editor
        )
        new_answer.status = article.status
        return new_answer, warnings

    def preview_edit(self, article_id: str, user: User | None, edit: ArticleEdit) -> EditPreview:
        """The edit applied but not saved: the resulting article, its support warnings and what blocks approval."""
        article = self._editable(article_id, user, edit.version)
        assert user is not None
        answer, warnings = self._apply(article, user, edit, self.clock())
        return EditPreview(answer, warnings, self.blockers(answer, self.baseline(article)))

    def evidence_impact(
        self, article: ReviewedArticle, *, threshold: float = 0.5
    ) -> list[tuple[StoredDocument, list[tuple[str, str, float]]]]:
        """For a flagged article: each new document and the statements it touches — (section, text, score) where a
        passage of the new document covers at least ``threshold`` of the statement's terms (it may confirm or
        contradict it: the board reads both)."""
        docs = self.library.get_documents(article.new_evidence)
        places = statement_places(article.record.answer())
        out = []
        for doc_id in article.new_evidence:
            doc = docs.get(doc_id)
            if doc is None:
                continue
            passages = self.library.passages_of([doc_id])
            touched = []
            for _ref, section, st in places:
                score = max((support(st.text, p.text).score for p in passages), default=0.0)
                if score >= threshold:
                    touched.append((section, st.text, score))
            out.append((doc, touched))
        return out

    def search_library(self, user: User | None, query: str, *, limit: int = 10) -> list[StoredDocument]:
        """Library documents for a reviewer to cite: an exact id first, then BM25 over titles and text."""
        require(user, Action.edit)
        words = " ".join(re.findall(r"[a-z0-9]+", query.lower())[:30])
        exact = self.library.get_documents([query.strip()]) if query.strip() else {}
        found = list(exact.values())
        if words:
            ranked = Retriever(self.library, NO_PRIORS).documents(words, limit)
            found += [r.doc for r in ranked if r.doc.id not in exact]
        return found[:limit]

    @staticmethod
    def _current_as_version(article: ReviewedArticle) -> ArticleVersion:
        rec = article.record
        editor = article.last_editor or (f"engine:{rec.engine}" if article.version == 1 else None)
        created = rec.created_at if article.version == 1 else rec.updated_at
        note = "generated" if article.version == 1 else ""
        return ArticleVersion(rec.id, rec.version, rec.answer_json, editor, created, note)
