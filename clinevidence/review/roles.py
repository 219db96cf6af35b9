"""Roles and permissions as data (role × action), checked in one place: ``require``."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from .errors import NotAuthenticated, PermissionDenied


class Role(StrEnum):
    reader = "reader"
    clinician = "clinician"
    reviewer = "reviewer"  # a Medical Advisory Board member
    editor = "editor"
    admin = "admin"


class Action(StrEnum):
    ask = "ask"
    view_queue = "view_queue"
    view_history = "view_history"  # versions, diffs, comments of any article
    claim = "claim"
    comment = "comment"
    edit = "edit"
    submit = "submit"
    approve = "approve"
    request_changes = "request_changes"
    reject = "reject"
    publish = "publish"
    rerun = "rerun"
    manage_users = "manage_users"
    view_audit = "view_audit"
    erase_question = "erase_question"  # privacy: delete a question's stored traces (clinevidence/privacy.py)


_ALL = frozenset(Role)
_BOARD = frozenset({Role.reviewer, Role.editor})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.ask: _ALL,
    Action.view_queue: _BOARD | {Role.admin},
    Action.view_history: _BOARD | {Role.admin},
    Action.claim: _BOARD,
    Action.comment: _BOARD,
    Action.edit: _BOARD,
    Action.submit: _BOARD,
    Action.approve: _BOARD,
    Action.request_changes: _BOARD,
    Action.reject: frozenset({Role.editor}),
    Action.publish: frozenset({Role.editor}),
    Action.rerun: _BOARD,
    Action.manage_users: frozenset({Role.admin}),
    Action.view_audit: frozenset({Role.admin}),
    Action.erase_question: frozenset({Role.admin}),
}

# Actions the article's author (who asked for it) or its last editor may not take: the four-eyes rule.
INDEPENDENT_ACTIONS: frozenset[Action] = frozenset({Action.approve, Action.publish})


class Actor(Protocol):
    @property
    def username(self) -> str: ...

    @property
    def role(self) -> str: ...


class ArticleParties(Protocol):
    @property
    def author(self) -> str | None: ...

    @property
    def last_editor(self) -> str | None: ...


def allowed_roles(action: Action | str) -> frozenset[Role]:
    return PERMISSIONS[Action(action)]


def can(user: Actor | None, action: Action | str, article: ArticleParties | None = None) -> bool:
    try:
        require(user, action, article)
    except PermissionDenied:
        return False
    return True


def require(user: Actor | None, action: Action | str, article: ArticleParties | None = None) -> None:
    """Raise ``NotAuthenticated`` (no user) or ``PermissionDenied`` unless ``user`` may take ``action``."""
    action = Action(action)
    if user is None:
        raise NotAuthenticated("Please sign in first.")
    if user.role not in PERMISSIONS[action]:
        raise PermissionDenied(f"Your role ({user.role}) does not allow this action ({action}).")
    if article is not None and action in INDEPENDENT_ACTIONS:
        if user.username == article.author:
            raise PermissionDenied("You cannot approve or publish an article you asked for; another member must.")
        if user.username == article.last_editor:
            raise PermissionDenied("You edited the current version; another board member must approve or publish it.")
