"""The Medical Advisory Board: accounts, roles, the article lifecycle, versions, the audit trail, living answers."""

from .errors import (
    AccountError,
    AuthenticationFailed,
    Conflict,
    InvalidEdit,
    InvalidTransition,
    LoginThrottled,
    NotAuthenticated,
    PermissionDenied,
    ReviewError,
)
from .models import ReviewedArticle, User
from .roles import PERMISSIONS, Action, Role, require

__all__ = [
    "PERMISSIONS",
    "AccountError",
    "Action",
    "AuthenticationFailed",
    "Conflict",
    "InvalidEdit",
    "InvalidTransition",
    "LoginThrottled",
    "NotAuthenticated",
    "PermissionDenied",
    "ReviewError",
    "ReviewedArticle",
    "Role",
    "User",
    "require",
]
