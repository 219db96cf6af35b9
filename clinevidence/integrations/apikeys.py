"""API keys for machine clients (OpenAI-compatible chat UIs, MCP hosts).

Keys are made by an operator (``clinevidence keys create NAME``) and shown once; only their SHA-256 is stored
(a key is 32 random bytes, so a fast hash is enough: there is nothing to brute-force). Revoked keys stay in the
table so the audit trail's names keep meaning something. Creating and revoking a key is audited.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, insert, select, update

from ..library import tables as t
from ..review import audit
from ..review.models import as_utc, utcnow

KEY_PREFIX = "ce-"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# Last-used times are written at most this often per key, so a busy client does not write on every request.
_TOUCH_EVERY_S = 60


class ApiKeyError(ValueError):
    """A key operation that cannot be done (bad name, duplicate, unknown key)."""


@dataclass(frozen=True, slots=True)
class ApiKey:
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _row(r) -> ApiKey:  # type: ignore[no-untyped-def]
    return ApiKey(
        name=r.name,
        prefix=r.prefix,
        created_at=as_utc(r.created_at),
        last_used_at=as_utc(r.last_used_at) if r.last_used_at else None,
        revoked_at=as_utc(r.revoked_at) if r.revoked_at else None,
    )


class ApiKeys:
    """The key table over one database engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, name: str, *, actor: str = audit.SYSTEM) -> str:
        """Make a key called ``name`` and return it (the only time it is ever shown)."""
        if not _NAME.match(name):
            raise ApiKeyError("key names are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            if conn.execute(select(t.api_keys.c.id).where(t.api_keys.c.name == name)).first() is not None:
                raise ApiKeyError(f"a key named {name!r} already exists (revoke it, or choose another name)")
            conn.execute(
                insert(t.api_keys).values(
                    name=name, prefix=key[:10], key_hash=hash_key(key), created_at=utcnow(), last_used_at=None
                )
            )
            audit.record(conn, audit.AuditEvent(actor=actor, action="api_key_created", detail={"key": name}))
        return key

    def revoke(self, name: str, *, actor: str = audit.SYSTEM) -> None:
        with self.engine.begin() as conn:
            found = conn.execute(select(t.api_keys).where(t.api_keys.c.name == name)).first()
            if found is None:
                raise ApiKeyError(f"no key named {name!r}")
            if found.revoked_at is not None:
                return
            conn.execute(update(t.api_keys).where(t.api_keys.c.name == name).values(revoked_at=utcnow()))
            audit.record(conn, audit.AuditEvent(actor=actor, action="api_key_revoked", detail={"key": name}))

    def list(self) -> list[ApiKey]:
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(select(t.api_keys).order_by(t.api_keys.c.id)).all()]

    def verify(self, key: str | None) -> ApiKey | None:
        """The active key matching ``key``; None for a missing, unknown or revoked key."""
        if not key or not key.startswith(KEY_PREFIX) or len(key) > 200:
            return None
        digest = hash_key(key)
        with self.engine.connect() as conn:
            found = conn.execute(select(t.api_keys).where(t.api_keys.c.key_hash == digest)).first()
        if found is None or found.revoked_at is not None or not secrets.compare_digest(found.key_hash, digest):
            return None
        now = utcnow()
        if found.last_used_at is None or (now - as_utc(found.last_used_at)).total_seconds() > _TOUCH_EVERY_S:
            with self.engine.begin() as conn:
                conn.execute(update(t.api_keys).where(t.api_keys.c.id == found.id).values(last_used_at=now))
        return _row(found)


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None
