"""Engine creation and migrations. The only place that knows which database driver is in use."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"
_MIGRATION_LOCK = 4858374020358629732  # PostgreSQL advisory lock key for migrations: b"ClinEvid"


class LibrarySchemaError(RuntimeError):
    """The database holds tables this version cannot identify (no schema version recorded, data present)."""


def database_url(library_dir: Path) -> str:
    return f"sqlite:///{library_dir / 'library.db'}"


def _sqlite_pragmas(dbapi_conn, _record=None) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _config(conn: Connection) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


@contextmanager
def _ddl_transaction(engine: Engine) -> Iterator[Connection]:
    """One connection in one transaction that covers DDL too, committed at the end, rolled back on error.

    Python's sqlite3 driver runs ``CREATE TABLE`` outside any transaction (each statement commits on its own),
    so a crash inside a migration used to leave tables without a version row. SQLAlchemy's documented recipe for
    SQLite transactional DDL: put the driver in autocommit mode (``isolation_level = None``) and emit ``BEGIN``
    ourselves; ``IMMEDIATE`` also takes the write lock up front, so two processes opening a new library migrate
    one after the other (the second waits on the busy timeout, then finds the schema current).
    """
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    # Several app nodes opening a new database at once: one migrates, the others wait here (the
                    # lock ends with the transaction) and then find the schema current, as BEGIN IMMEDIATE does.
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
                yield conn
            return
        dbapi = conn.connection.driver_connection
        saved = dbapi.isolation_level  # type: ignore[union-attr]
        dbapi.isolation_level = None  # type: ignore[union-attr]
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        finally:
            if not dbapi.in_transaction:  # type: ignore[union-attr]
                dbapi.isolation_level = saved  # type: ignore[union-attr]


@functools.cache
def head_revisions() -> frozenset[str]:
    """Revisions nothing revises, read from the migration files without importing Alembic (start-up time)."""
    revs: set[str] = set()
    downs: set[str] = set()
    for f in (MIGRATIONS / "versions").glob("*.py"):
        src = f.read_text(encoding="utf-8")
        rev = re.search(r"^revision\s*=\s*[\"']([^\"']+)[\"']", src, re.MULTILINE)
        down = re.search(r"^down_revision\s*=\s*(.+)$", src, re.MULTILINE)
        if rev is None or down is None:
            return frozenset()  # unusual file: let Alembic decide
        revs.add(rev.group(1))
        downs.update(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    return frozenset(revs - downs)


def _at_head(engine: Engine) -> bool:
    heads = head_revisions()
    if not heads:
        return False
    try:
        with engine.connect() as conn:
            current = set(conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())  # noqa: S608
    except DBAPIError:  # no version table yet
        return False
    return current == heads


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (idempotent, all-or-nothing: one transaction, DDL included).

    Opening a current library costs one query: Alembic is imported only when there is something to do.
    """
    if _at_head(engine):
        return
    from alembic import command

    with _ddl_transaction(engine) as conn:
        cfg = _config(conn)
        repair_unversioned(conn, cfg)
        command.upgrade(cfg, "head")


def _schema(conn: Connection) -> dict[str, frozenset[str]]:
    insp = inspect(conn)
    return {
        name: frozenset(c["name"] for c in insp.get_columns(name))
        for name in insp.get_table_names()
        if name != VERSION_TABLE
    }


def _revision_schemas() -> list[tuple[str, dict[str, frozenset[str]]]]:
    """The schema (tables → columns) each revision produces, built in a scratch in-memory database."""
    from alembic import command
    from alembic.script import ScriptDirectory

    scratch = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    event.listen(scratch, "connect", _sqlite_pragmas)
    script = ScriptDirectory(str(MIGRATIONS))
    out: list[tuple[str, dict[str, frozenset[str]]]] = []
    try:
        with _ddl_transaction(scratch) as conn:
            cfg = _config(conn)
            for rev in reversed(list(script.walk_revisions())):
                command.upgrade(cfg, rev.revision)
                out.append((rev.revision, _schema(conn)))
    finally:
        scratch.dispose()
    return out


def repair_unversioned(conn: Connection, cfg: Config) -> str | None:
    """A library left half-migrated by an older version (tables, but no version row) is repaired or refused.

    Older versions ran each ``CREATE TABLE`` in its own implicit commit, so a crash inside the first migration
    left some tables and an empty ``alembic_version``; every later open then failed with "table documents already
    exists". Here: tables that hold no rows are dropped (the migrations recreate them in this transaction); tables
    with rows are stamped with the revision whose schema they match exactly; anything else is refused with a
    clear message. Returns what was done ("dropped", "stamped <rev>") or None when nothing was needed.
    """
    insp = inspect(conn)
    names = set(insp.get_table_names())
    ours = names - {VERSION_TABLE}
    if not ours:
        return None
    if VERSION_TABLE in names and conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first():  # noqa: S608
        return None
    quote = conn.dialect.identifier_preparer.quote
    if all(conn.execute(text(f"SELECT 1 FROM {quote(n)} LIMIT 1")).first() is None for n in ours):  # noqa: S608
        cascade = "" if conn.dialect.name == "sqlite" else " CASCADE"
        for name in sorted(ours):
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {quote(name)}{cascade}")
        return "dropped"
    actual = _schema(conn)
    for rev, expected in _revision_schemas():
        if expected == actual:
            from alembic import command

            command.stamp(cfg, rev)
            return f"stamped {rev}"
    raise LibrarySchemaError(
        f"the database {conn.engine.url.render_as_string(hide_password=True)} has tables "
        f"({', '.join(sorted(ours))}) but no schema version, and they match no known revision; it was not "
        "changed. Restore it from a backup, or move it aside and re-ingest into a new library."
    )
