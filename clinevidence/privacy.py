"""Erasing a question's stored traces: ``clinevidence privacy delete ARTICLE_ID``, ``clinevidence privacy purge``
(the retention setting) and ``DELETE /api/articles/{id}`` (admins).

A question may carry a patient's name, record number or date of birth. Erasing it removes, in one transaction:

- the article and every article of its thread, and every later article answered in its light (follow-ups that
  others started in threads of their own), with their versions (each holds the whole Answer JSON) and comments;
- the thread, once no article is left in it;
- the content of every audit row about those articles: the row stays as a tombstone (when, who, what action,
  which article id and version) with ``detail`` replaced by ``{"erased": true}``;

and records one ``privacy_delete`` audit event naming the article ids and the counts, never the text. On SQLite
the deletion runs with ``secure_delete`` (freed pages are zeroed) and checkpoints the write-ahead log, so the
text does not linger in the database files either.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Connection, Engine, delete, func, select, update

from .library import tables as t

ERASED_DETAIL = json.dumps({"erased": True})
ACTION = "privacy_delete"


class NothingToErase(LookupError):
    """No article with that id (it may have been erased already)."""


@dataclass(slots=True)
class Erasure:
    """What one erasure removed (identifiers and counts only)."""

    article_id: str
    articles: list[str] = field(default_factory=list)
    threads: int = 0
    versions: int = 0
    comments: int = 0
    audit_rows: int = 0

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def _traces(conn: Connection, article_id: str) -> tuple[set[str], set[str]]:
    """The article ids to erase and the threads they live in: the article's whole thread, then every article
    answered in the light of one of them (by ``parent_id``), transitively."""
    row = conn.execute(select(t.articles.c.thread_id).where(t.articles.c.id == article_id)).first()
    if row is None:
        raise NothingToErase(article_id)
    a = t.articles.c
    ids = set(conn.execute(select(a.id).where(a.thread_id == row.thread_id)).scalars())
    frontier = set(ids)
    while frontier:
        children = set(conn.execute(select(a.id).where(a.parent_id.in_(sorted(frontier)))).scalars()) - ids
        ids |= children
        frontier = children
    threads = set(conn.execute(select(a.thread_id).where(a.id.in_(sorted(ids)))).scalars())
    return ids, threads


def _count(conn: Connection, table, *where) -> int:  # type: ignore[no-untyped-def]
    return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def erase_question(engine: Engine, article_id: str, *, actor: str) -> Erasure:
    """Erase ``article_id``'s question and everything stored about it (see the module doc); audited."""
    from .review import audit

    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        if sqlite:
            conn.exec_driver_sql("PRAGMA secure_delete=ON")
        ids, threads = _traces(conn, article_id)
        keys = sorted(ids)
        out = Erasure(article_id=article_id, articles=keys)
        out.audit_rows = conn.execute(
            update(t.audit_events).where(t.audit_events.c.article_id.in_(keys)).values(detail=ERASED_DETAIL)
        ).rowcount
        out.comments = conn.execute(delete(t.review_comments).where(t.review_comments.c.article_id.in_(keys))).rowcount
        out.versions = conn.execute(
            delete(t.article_versions).where(t.article_versions.c.article_id.in_(keys))
        ).rowcount
        a = t.articles.c
        conn.execute(update(t.articles).where(a.supersedes.in_(keys)).values(supersedes=None))
        conn.execute(update(t.articles).where(a.id.in_(keys)).values(parent_id=None))
        conn.execute(delete(t.articles).where(a.id.in_(keys)))
        empty = [tid for tid in sorted(threads) if _count(conn, t.articles, a.thread_id == tid) == 0]
        out.threads = conn.execute(delete(t.threads).where(t.threads.c.id.in_(empty))).rowcount if empty else 0
        detail = {k: v for k, v in out.to_json().items() if k != "article_id"}
        audit.record(conn, audit.AuditEvent(actor, ACTION, article_id, None, detail))
    if sqlite:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    _forget_cached_questions()
    return out


def _forget_cached_questions() -> None:
    """The running process memoises question wording for "reviewed answers first"; drop it."""
    from .review import living

    living.question_tokens.cache_clear()
    living.question_frame.cache_clear()


def erased(conn: Connection, article_id: str) -> datetime | None:
    """When ``article_id`` was erased (None if it never was): its tombstone in the audit trail."""
    rows = conn.execute(
        select(t.audit_events.c.at, t.audit_events.c.article_id, t.audit_events.c.detail).where(
            t.audit_events.c.action == ACTION
        )
    ).all()
    for at, root, detail in rows:
        if root == article_id or article_id in json.loads(detail or "{}").get("articles", []):
            return at  # type: ignore[no-any-return]
    return None


def expired_threads(conn: Connection, *, before: datetime) -> list[str]:
    """The first article of each thread whose newest article is older than ``before`` and that no board member
    approved (approved articles are the board's published answers; they stay)."""
    a = t.articles.c
    newest = func.max(a.created_at)
    approved = func.max(a.approved_at)
    rows = conn.execute(select(a.thread_id).group_by(a.thread_id).having(newest < before, approved.is_(None))).scalars()
    firsts = []
    for tid in rows:
        first = conn.execute(
            select(a.id).where(a.thread_id == tid).order_by(a.created_at, a.id).limit(1)
        ).scalar_one_or_none()
        if first is not None:
            firsts.append(first)
    return firsts


def purge(engine: Engine, *, days: int, actor: str, now: datetime | None = None) -> list[Erasure]:
    """Erase every thread older than ``days`` days that was never approved (the retention setting)."""
    if days <= 0:
        return []
    before = (now or datetime.now(UTC)) - timedelta(days=days)
    with engine.connect() as conn:
        firsts = expired_threads(conn, before=before)
    done: list[Erasure] = []
    gone: set[str] = set()
    for first in firsts:
        if first in gone:
            continue
        try:
            erasure = erase_question(engine, first, actor=actor)
        except NothingToErase:  # erased meanwhile, or along with an earlier thread
            continue
        gone.update(erasure.articles)
        done.append(erasure)
    return done


# -- command line ----------------------------------------------------------------------------------------

privacy_app = typer.Typer(
    help="Erase questions' stored traces: privacy delete ARTICLE_ID, privacy purge (retention).",
    no_args_is_help=True,
)

LibraryOpt = Annotated[
    Path | None,
    typer.Option("--library", help="Library directory (env CLINEVIDENCE_LIBRARY, default ./var/library)."),
]


def _engine(library: Path | None) -> Engine:
    """The library database, without opening the search indexes."""
    from .cli import library_path
    from .library.db import database_url, make_engine, migrate
    from .settings import load_settings

    path = library_path(library)
    if not path.exists():
        raise typer.BadParameter(f"no library at {path}", param_hint="--library")
    engine = make_engine(load_settings().database_url or database_url(path))
    migrate(engine)
    return engine


def _print(erasures: Iterable[Erasure], as_json: bool) -> None:
    found = list(erasures)
    if as_json:
        typer.echo(json.dumps([e.to_json() for e in found], indent=2))
        return
    for e in found:
        typer.echo(
            f"erased {e.article_id}: {len(e.articles)} article(s), {e.threads} thread(s), {e.versions} version(s), "
            f"{e.comments} comment(s); {e.audit_rows} audit row(s) kept as tombstones"
        )


@privacy_app.command("delete")
def delete_cmd(
    article_id: Annotated[str, typer.Argument(help="The article whose question is to be erased.")],
    library: LibraryOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was erased as JSON.")] = False,
) -> None:
    """Erase one question: its article, thread, follow-ups, versions and comments; audited."""
    engine = _engine(library)
    try:
        erasure = erase_question(engine, article_id, actor="cli")
    except NothingToErase:
        with engine.connect() as conn:
            when = erased(conn, article_id)
        if when is not None:
            typer.echo(f"{article_id} was already erased ({when:%Y-%m-%d %H:%M} UTC).")
            return
        typer.echo(f"error: no article {article_id!r}", err=True)
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    _print([erasure], as_json)


@privacy_app.command("purge")
def purge_cmd(
    library: LibraryOpt = None,
    days: Annotated[
        int | None,
        typer.Option("--days", min=1, help="Erase unapproved threads older than this (default: retention setting)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was erased as JSON.")] = False,
) -> None:
    """Erase every thread older than the retention period (CLINEVIDENCE_RETENTION_DAYS) that was never approved."""
    from .settings import load_settings

    keep = days or load_settings().retention_days
    if keep <= 0:
        typer.echo("Nothing to purge: no retention period is set (CLINEVIDENCE_RETENTION_DAYS or --days).")
        return
    engine = _engine(library)
    try:
        done = purge(engine, days=keep, actor="cli")
    finally:
        engine.dispose()
    _print(done, as_json)
    if not as_json:
        typer.echo(f"{len(done)} thread(s) older than {keep} day(s) erased.")
