"""Password hashing with Argon2id; unknown users cost one verification too, so timing reveals nothing."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .errors import AccountError

MIN_LENGTH = 8  # ASVS 5.0 V6.2.1
MAX_LENGTH = 256
_HASHER = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _HASHER.hash("clinevidence: no such user, verify anyway")


def check_policy(password: str) -> None:
    """Length limits only (no composition rules, per ASVS); raise ``AccountError`` with the fix."""
    if len(password) < MIN_LENGTH:
        raise AccountError(f"the password is too short: use at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise AccountError(f"the password is too long: at most {MAX_LENGTH} characters")


def hash_password(password: str) -> str:
    check_policy(password)
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if ``password`` matches; with ``password_hash=None`` a dummy hash is checked and False returned."""
    target = password_hash or _dummy_hash()
    try:
        matched = bool(_HASHER.verify(target, password[:MAX_LENGTH]))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        matched = False
    return matched and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return _HASHER.check_needs_rehash(password_hash)
