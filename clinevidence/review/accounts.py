"""Accounts and server-side sessions: create users, set roles, disable, sign in (throttled), sign out."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, insert, or_, select, update

from ..library import tables as t
from . import audit
from .audit import AuditEvent
from .errors import AccountError, AuthenticationFailed, LoginThrottled
from .models import User, as_utc, utcnow
from .passwords import hash_password, needs_rehash, verify_password
from .roles import Role
from .throttle import LoginLimiter

IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
_TOUCH_EVERY = timedelta(seconds=60)  # last_seen is written at most this often
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A new session: ``token`` goes into the cookie (only its hash is stored), ``csrf_token`` into forms."""

    user: User
    token: str
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class ActiveSession:
    user: User
    session_id: str
    csrf_token: str
    expires_at: datetime

    def csrf_ok(self, presented: str | None) -> bool:
        return bool(presented) and secrets.compare_digest(self.csrf_token, str(presented))


def session_id_for(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def normalize_username(username: str) -> str:
    return username.strip().lower()


def _user(row) -> User:  # type: ignore[no-untyped-def]
    return User(row.id, row.username, row.display_name, row.credentials, row.role, bool(row.disabled), row.created_at)


def _parse_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise AccountError(f"unknown role {role!r}; choose one of: {', '.join(r.value for r in Role)}") from None


class Accounts:
    """Users and sessions in the library database; ``clock`` and ``limiter`` are injectable for tests."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Callable[[], datetime] = utcnow,
        limiter: LoginLimiter | None = None,
        idle_timeout: timedelta = IDLE_TIMEOUT,
        absolute_timeout: timedelta = ABSOLUTE_TIMEOUT,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.limiter = limiter or LoginLimiter()
        self.idle_timeout = idle_timeout
        self.absolute_timeout = absolute_timeout

    # -- operators ------------------------------------------------------------------------------------
    def create_user(
        self,
        username: str,
        password: str,
        role: str,
        *,
        display_name: str = "",
        credentials: str = "",
        actor: str = "cli",
    ) -> User:
        name = normalize_username(username)
        if not _USERNAME.fullmatch(name):
            raise AccountError("usernames are 2-64 characters: letters, digits, '.', '_' or '-'")
        parsed = _parse_role(role)
        password_hash = hash_password(password)
        with self.engine.begin() as conn:
            if self._row(conn, name) is not None:
                raise AccountError(f"a user named {name!r} already exists")
            conn.execute(
                insert(t.users).values(
                    username=name,
                    display_name=display_name.strip()[:200],
                    credentials=credentials.strip()[:200],
                    role=str(parsed),
                    password_hash=password_hash,
                    disabled=False,
                    created_at=self.clock(),
                )
            )
            audit.record(conn, AuditEvent(actor, "user_created", detail={"username": name, "role": str(parsed)}))
            user = self._row(conn, name)
        assert user is not None
        return _user(user)

    def set_role(self, username: str, role: str, *, actor: str = "cli") -> User:
        parsed = _parse_role(role)
        with self.engine.begin() as conn:
            row = self._existing(conn, username)
            conn.execute(update(t.users).where(t.users.c.id == row.id).values(role=str(parsed)))
            # A changed role takes effect at the next sign-in: end the user's sessions now.
            conn.execute(delete(t.sessions).where(t.sessions.c.user_id == row.id))
            detail = {"username": row.username, "from": row.role, "to": str(parsed)}
            audit.record(conn, AuditEvent(actor, "role_changed", detail=detail))
            return _user(self._existing(conn, username))

    def disable(self, username: str, *, actor: str = "cli") -> User:
        """Disable the account and end all its sessions."""
        with self.engine.begin() as conn:
            row = self._existing(conn, username)
            conn.execute(update(t.users).where(t.users.c.id == row.id).values(disabled=True))
            conn.execute(delete(t.sessions).where(t.sessions.c.user_id == row.id))
            audit.record(conn, AuditEvent(actor, "user_disabled", detail={"username": row.username}))
            return _user(self._existing(conn, username))

    def get_user(self, username: str) -> User | None:
        with self.engine.connect() as conn:
            row = self._row(conn, normalize_username(username))
        return _user(row) if row is not None else None

    def list_users(self) -> list[User]:
        with self.engine.connect() as conn:
            return [_user(r) for r in conn.execute(select(t.users).order_by(t.users.c.username)).all()]

    # -- sessions -------------------------------------------------------------------------------------
    def login(self, username: str, password: str, *, address: str, old_token: str | None = None) -> SignedIn:
        """Check the password (same answer and cost for unknown users) and start a fresh session.

        Raises ``LoginThrottled`` after too many failures, ``AuthenticationFailed`` otherwise. Any session
        presented with the request (``old_token``) ends: the session id always changes at sign-in.
        """
        name = normalize_username(username)[:64]
        wait = self.limiter.retry_after(name, address)
        if wait is not None:
            raise LoginThrottled(wait)
        with self.engine.connect() as conn:
            row = self._row(conn, name)
        ok = verify_password(row.password_hash if row is not None else None, password)
        if row is None or not ok or row.disabled:
            self.limiter.failed(name, address)
            with self.engine.begin() as conn:
                audit.record(conn, AuditEvent("anonymous", "login_failed", detail={"username": name}))
            raise AuthenticationFailed()
        self.limiter.succeeded(name, address)
        now = self.clock()
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            if old_token:
                conn.execute(delete(t.sessions).where(t.sessions.c.id == session_id_for(old_token)))
            self._purge(conn, now)
            conn.execute(
                insert(t.sessions).values(
                    id=session_id_for(token),
                    user_id=row.id,
                    csrf_token=csrf,
                    created_at=now,
                    last_seen=now,
                    expires_at=now + self.absolute_timeout,
                )
            )
            if needs_rehash(row.password_hash):
                conn.execute(
                    update(t.users).where(t.users.c.id == row.id).values(password_hash=hash_password(password))
                )
            audit.record(conn, AuditEvent(row.username, "login"))
        return SignedIn(_user(row), token, csrf, now + self.absolute_timeout)

    def resolve(self, token: str | None) -> ActiveSession | None:
        """The live session for a cookie token, or ``None`` (unknown, expired, idle too long, user disabled)."""
        if not token or len(token) > 200:
            return None
        sid = session_id_for(token)
        now = self.clock()
        with self.engine.connect() as conn:
            found = conn.execute(
                select(t.sessions, t.users)
                .join(t.users, t.users.c.id == t.sessions.c.user_id)
                .where(t.sessions.c.id == sid)
            ).first()
        if found is None:
            return None
        m = found._mapping
        last_seen, expires_at = as_utc(m[t.sessions.c.last_seen]), as_utc(m[t.sessions.c.expires_at])
        if m[t.users.c.disabled] or now >= expires_at or now - last_seen >= self.idle_timeout:
            with self.engine.begin() as conn:
                conn.execute(delete(t.sessions).where(t.sessions.c.id == sid))
            return None
        if now - last_seen >= _TOUCH_EVERY:
            with self.engine.begin() as conn:
                conn.execute(update(t.sessions).where(t.sessions.c.id == sid).values(last_seen=now))
        user = User(
            m[t.users.c.id],
            m[t.users.c.username],
            m[t.users.c.display_name],
            m[t.users.c.credentials],
            m[t.users.c.role],
            bool(m[t.users.c.disabled]),
            m[t.users.c.created_at],
        )
        return ActiveSession(user, sid, m[t.sessions.c.csrf_token], expires_at)

    def logout(self, token: str | None) -> bool:
        """End the session; True if there was one."""
        if not token:
            return False
        sid = session_id_for(token)
        with self.engine.begin() as conn:
            row = conn.execute(
                select(t.users.c.username)
                .join(t.sessions, t.sessions.c.user_id == t.users.c.id)
                .where(t.sessions.c.id == sid)
            ).first()
            if row is None:
                return False
            conn.execute(delete(t.sessions).where(t.sessions.c.id == sid))
            audit.record(conn, AuditEvent(row.username, "logout"))
        return True

    # -- helpers --------------------------------------------------------------------------------------
    def _purge(self, conn: Connection, now: datetime) -> None:
        conn.execute(
            delete(t.sessions).where(
                or_(t.sessions.c.expires_at <= now, t.sessions.c.last_seen <= now - self.idle_timeout)
            )
        )

    @staticmethod
    def _row(conn: Connection, username: str):  # type: ignore[no-untyped-def]
        return conn.execute(select(t.users).where(t.users.c.username == username)).first()

    def _existing(self, conn: Connection, username: str):  # type: ignore[no-untyped-def]
        row = self._row(conn, normalize_username(username))
        if row is None:
            raise AccountError(f"no user named {normalize_username(username)!r}")
        return row
