"""The audit trail: append-only events (who, what, when in UTC, which article and version).

There is deliberately no update or delete here. Events never carry question text or patient data: only
identifiers, usernames, statuses and counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, func, insert, select

from ..library import tables as t
from .models import as_utc, utcnow

SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One thing that happened; ``detail`` holds small JSON-safe facts (ids, statuses, counts)."""

    actor: str
    action: str
    article_id: str | None = None
    version: int | None = None
    detail: dict[str, object] = field(default_factory=dict)
    at: datetime = field(default_factory=utcnow)
    id: int | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "at": as_utc(self.at).isoformat(timespec="seconds"),
            "actor": self.actor,
            "action": self.action,
            "article_id": self.article_id,
            "version": self.version,
            "detail": self.detail,
        }


def record(conn: Connection, event: AuditEvent) -> int:
    """Append ``event`` inside the caller's transaction (it commits, or rolls back, with the change it records)."""
    result = conn.execute(
        insert(t.audit_events).values(
            at=event.at,
            actor=event.actor[:64],
            action=event.action,
            article_id=event.article_id,
            version=event.version,
            detail=json.dumps(event.detail, ensure_ascii=False, sort_keys=True, default=str),
        )
    )
    pk = result.inserted_primary_key
    assert pk is not None
    return int(pk[0])


def list_events(
    conn: Connection,
    *,
    article_id: str | None = None,
    action: str | None = None,
    actor: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[AuditEvent]:
    """Newest first."""
    stmt = select(t.audit_events)
    if article_id is not None:
        stmt = stmt.where(t.audit_events.c.article_id == article_id)
    if action is not None:
        stmt = stmt.where(t.audit_events.c.action == action)
    if actor is not None:
        stmt = stmt.where(t.audit_events.c.actor == actor)
    stmt = stmt.order_by(t.audit_events.c.id.desc()).limit(limit).offset(offset)
    return [
        AuditEvent(
            actor=r.actor,
            action=r.action,
            article_id=r.article_id,
            version=r.version,
            detail=json.loads(r.detail or "{}"),
            at=as_utc(r.at),
            id=r.id,
        )
        for r in conn.execute(stmt).all()
    ]


def count_events(conn: Connection, *, article_id: str | None = None, action: str | None = None) -> int:
    stmt = select(func.count()).select_from(t.audit_events)
    if article_id is not None:
        stmt = stmt.where(t.audit_events.c.article_id == article_id)
    if action is not None:
        stmt = stmt.where(t.audit_events.c.action == action)
    return int(conn.execute(stmt).scalar_one())
