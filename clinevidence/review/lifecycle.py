"""The article lifecycle as data: which review action moves which status where, and the rules around it.

draft → submitted → under_review → approved, plus changes_requested, rejected and superseded (a newer approved
revision replaced it). ``approve`` by a board member who neither authored nor last edited the current version
records their sign-off and makes that version the approved article (the pending-review banner goes). ``publish``
is the editor's step: it approves a version that an independent board member signed off, and re-publishing an
approved article is allowed (it stays approved). Every successful action writes exactly one audit event in the
same transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from ..articles.store import ArticleStatus as S
from . import audit
from . import store as review_store
from .audit import AuditEvent
from .errors import ApprovalBlocked, Conflict, InvalidTransition, PermissionDenied, ReviewError
from .grounding import Blocker, blocked_message
from .models import Outcome, ReviewedArticle, SignOff, User, as_utc
from .roles import Action, require


@dataclass(frozen=True, slots=True)
class Transition:
    sources: frozenset[S]
    target: S


_OPEN = frozenset({S.draft, S.submitted, S.under_review, S.changes_requested})

TRANSITIONS: dict[Action, Transition] = {
    Action.submit: Transition(frozenset({S.draft, S.changes_requested}), S.submitted),
    Action.claim: Transition(frozenset({S.submitted, S.changes_requested}), S.under_review),
    Action.approve: Transition(frozenset({S.under_review}), S.approved),
    Action.request_changes: Transition(frozenset({S.under_review}), S.changes_requested),
    Action.reject: Transition(_OPEN, S.rejected),
    Action.publish: Transition(frozenset({S.under_review, S.approved}), S.approved),
}
REVIEW_ACTIONS = tuple(TRANSITIONS)
# Statuses in which the content may still be edited (approved content changes through a new revision).
EDITABLE = _OPEN


@dataclass(frozen=True, slots=True)
class ApprovalContext:
    """What an approval or publication is checked against besides the article's own columns.

    ``writers``: board members whose edits since the baseline are in this version; ``blockers``: statements (or the
    verdict) the grounding gate refuses; ``asker_keys``: the acting browser's asker identities (signed-in user and
    anonymous cookie), compared with the one recorded when the question was asked.
    """

    writers: frozenset[str] = frozenset()
    blockers: tuple[Blocker, ...] = ()
    asker_keys: frozenset[str] = frozenset()


def available_actions(
    article: ReviewedArticle, user: User | None, context: ApprovalContext | None = None
) -> list[Action]:
    """The review actions ``user`` could take on ``article`` now (for showing buttons)."""
    from .roles import can

    out = []
    for action, tr in TRANSITIONS.items():
        if S(article.status) not in tr.sources or not can(user, action, article_parties(article)):
            continue
        if action is Action.approve and user is not None and _signed_off(article, user.username):
            continue
        if action is Action.publish and (not _independent_signoffs(article, context) or article.status == S.approved):
            continue  # nothing to publish (re-publishing an approved article is API-only and a no-op)
        if context is not None and action in (Action.approve, Action.publish) and refusal(article, user, context):
            continue
        out.append(action)
    return out


def refusal(article: ReviewedArticle, user: User | None, context: ApprovalContext) -> ReviewError | None:
    """Why ``user`` may not approve or publish this version (None: they may), beyond role and status."""
    if user is None:
        return None
    if article.author == user.username or (article.asker and article.asker == f"user:{user.username}"):
        return PermissionDenied("You asked this question; another board member must approve it.")
    if article.asker and article.asker in context.asker_keys:
        return PermissionDenied(
            "This question was asked from your browser (even if signed out); another board member must approve it."
        )
    if user.username == article.last_editor:
        return PermissionDenied("You edited the current version; another board member must approve or publish it.")
    if user.username in context.writers:
        return PermissionDenied(
            "You wrote changes that are in this version (see the version history); a board member who wrote none "
            "of them must approve it."
        )
    if context.blockers:
        return ApprovalBlocked(blocked_message(list(context.blockers)), errors=[b.to_json() for b in context.blockers])
    return None


@dataclass(frozen=True, slots=True)
class _Parties:
    author: str | None
    last_editor: str | None


def article_parties(article: ReviewedArticle) -> _Parties:
    return _Parties(article.author, article.last_editor)


def check_version(article: ReviewedArticle, version: int) -> None:
    if version != article.version:
        raise Conflict(
            f"This article changed since you loaded it (you have version {version}, the current one is "
            f"{article.version}). Reload it, then try again."
        )


def _signed_off(article: ReviewedArticle, username: str) -> bool:
    return any(s.username == username for s in article.current_signoffs())


def _independent_signoffs(article: ReviewedArticle, context: ApprovalContext | None = None) -> list[SignOff]:
    """Sign-offs of the current version by someone other than its author, last editor and writers."""
    banned = {article.author, article.last_editor, *(context.writers if context else ())}
    return [s for s in article.current_signoffs() if s.username not in banned]


def apply_action(
    conn: Connection,
    article: ReviewedArticle,
    user: User,
    action: Action,
    *,
    version: int,
    now: datetime,
    comment: str = "",
    context: ApprovalContext | None = None,
) -> tuple[Outcome, list[AuditEvent]]:
    """Check and apply one review action inside the caller's transaction; returns the outcome and the events.

    Approving and publishing also need ``context`` (the service always passes it): the four-eyes rule on content
    and the grounding gate are checked against it.
    """
    require(user, action, article_parties(article))
    check_version(article, version)
    tr = TRANSITIONS[action]
    current = S(article.status)
    if current not in tr.sources:
        allowed = ", ".join(sorted(a.value for a, t in TRANSITIONS.items() if current in t.sources)) or "none"
        verb = action.value.replace("_", " ")
        raise InvalidTransition(f"Cannot {verb} an article that is {current.value}; possible now: {allowed}.")
    values: dict[str, object] = {"status": str(tr.target)}
    detail: dict[str, object] = {"from": str(current), "to": str(tr.target)}
    if comment:
        detail["comment_chars"] = len(comment)
    if action in (Action.approve, Action.publish):
        refused = refusal(article, user, context or ApprovalContext())
        if refused is not None:
            raise refused
    if context is not None and action in (Action.approve, Action.publish):
        detail["writers"] = sorted(context.writers)
    if action is Action.claim:
        values["claimed_by"] = user.username
    elif action is Action.approve:
        if _signed_off(article, user.username):
            raise InvalidTransition("You have already approved this version.")
        if user.username in (article.author, article.last_editor):
            raise InvalidTransition("Nobody approves an article they authored or last edited.")
        signoff = SignOff(user.username, user.display_name, user.credentials, article.version, _iso(now))
        values["reviewers"] = review_store.encode_signoffs([*article.signoffs, signoff])
        values.update(approved_at=now, last_updated=now.date())
        detail["reviewers"] = [user.username]
    elif action is Action.publish:
        independent = _independent_signoffs(article, context)
        if not independent:
            raise InvalidTransition(
                "This version has no approval from a board member other than its author or last editor; "
                "a reviewer must approve it before it can be published."
            )
        values.update(approved_at=now, last_updated=now.date())
        detail["reviewers"] = [s.username for s in independent]
    if not review_store.update_if_current(
        conn, article_id=article.id, version=article.version, status=article.status, values=values
    ):
        raise Conflict("Someone else changed this article at the same moment. Reload it, then try again.")
    events = [AuditEvent(user.username, action.value, article.id, article.version, detail, at=now)]
    if action in (Action.approve, Action.publish) and article.supersedes:
        events += _supersede(conn, article.supersedes, by=article.id, actor=user.username, now=now)
    if comment:
        review_store.add_comment(
            conn, article_id=article.id, version=article.version, statement_ref="", author=user.username, text=comment
        )
    for event in events:
        audit.record(conn, event)
    return Outcome(article.id, str(tr.target), article.version), events


def _supersede(conn: Connection, old_id: str, *, by: str, actor: str, now: datetime) -> list[AuditEvent]:
    """The revision ``by`` is published: the approved article it replaces becomes superseded."""
    old = review_store.get_reviewed(conn, article_id=old_id)
    if old is None or old.status != S.approved:
        return []
    values: dict[str, object] = {"status": str(S.superseded)}
    if not review_store.update_if_current(
        conn, article_id=old.id, version=old.version, status=old.status, values=values
    ):
        raise Conflict("The article this revision replaces changed at the same moment. Try again.")
    detail: dict[str, object] = {"from": str(S.approved), "to": str(S.superseded), "superseded_by": by}
    return [AuditEvent(actor, "supersede", old.id, old.version, detail, at=now)]


def _iso(moment: datetime) -> str:
    return as_utc(moment).isoformat(timespec="seconds")
