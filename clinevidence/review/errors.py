"""Review errors; the web layer maps each to one HTTP status (``http_status``)."""

from __future__ import annotations


class ReviewError(Exception):
    """Base class: a message safe to show to the user, and the HTTP status it maps to."""

    http_status = 400

    def __init__(self, message: str, errors: list[dict[str, object]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        # Details for the envelope's ``errors`` list (e.g. the statements that block an approval).
        self.errors: list[dict[str, object]] = errors or []


class AuthenticationFailed(ReviewError):
    """Wrong username or password, or a disabled account: one message for all three."""

    http_status = 401

    def __init__(self, message: str = "Invalid username or password.") -> None:
        super().__init__(message)


class PermissionDenied(ReviewError):
    """The user's role does not allow the action, or a conflict-of-interest rule forbids it."""

    http_status = 403


class NotAuthenticated(PermissionDenied):
    """The action needs a signed-in user."""

    http_status = 401


class Conflict(ReviewError):
    """The caller's ``version`` is stale: someone changed the article since they loaded it."""

    http_status = 409


class InvalidTransition(ReviewError):
    """The action is not possible in the article's current status."""

    http_status = 409


class ApprovalBlocked(ReviewError):
    """The version has unsupported or uncited statements, or an unbacked verdict: nobody may approve it."""

    http_status = 409


class InvalidEdit(ReviewError):
    """An edit that would break the article (e.g. a citation to a document not in the library)."""

    http_status = 422


class LoginThrottled(ReviewError):
    """Too many sign-in attempts for this username from this address."""

    http_status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many sign-in attempts. Please try again in {retry_after} seconds.")
        self.retry_after = retry_after


class AccountError(ReviewError):
    """Operator errors on accounts: unknown or duplicate username, bad role, weak password."""

    http_status = 422
