"""``library_meta`` writes (small key/value rows: the generation, the change-log floor, vector store facts, live
PubMed progress), in one place.

``set_meta`` is one upsert (INSERT ... ON CONFLICT DO UPDATE on PostgreSQL and SQLite) rather than "delete the key,
insert the key": on PostgreSQL two transactions writing a brand-new key at once would otherwise both find nothing
to delete and then collide on the primary key.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Integer, Text, cast, delete, insert

from . import tables as t


def _dialect_insert(conn: Connection) -> Any:
    """The dialect's INSERT with ON CONFLICT (PostgreSQL, SQLite), or None."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert  # here: CLI start-up time

        return pg_insert
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert
    return None


def insert_if_absent(conn: Connection, *, key: str, value: str) -> None:
    """Add a ``library_meta`` row unless it exists (INSERT ... ON CONFLICT DO NOTHING): on PostgreSQL, nodes racing
    to create the same row wait for the first and then all succeed, where a plain INSERT failed all but one."""
    dialect_insert = _dialect_insert(conn)
    if dialect_insert is None:
        conn.execute(insert(t.library_meta).values(key=key, value=value))
        return
    conn.execute(dialect_insert(t.library_meta).values(key=key, value=value).on_conflict_do_nothing())


def _upsert(conn: Connection, key: str, value: str, on_conflict: Any) -> None:
    """INSERT (key, value); when the key exists, set ``value`` to ``on_conflict`` (an expression over the row)."""
    dialect_insert = _dialect_insert(conn)
    if dialect_insert is None:  # no portable upsert: replace inside the caller's transaction (only set_meta comes here)
        conn.execute(delete(t.library_meta).where(t.library_meta.c.key == key))
        conn.execute(insert(t.library_meta).values(key=key, value=value))
        return
    stmt = dialect_insert(t.library_meta).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=[t.library_meta.c.key], set_={"value": on_conflict}))


def set_meta(conn: Connection, key: str, value: str | None) -> None:
    """Write ``key`` (one statement, inside the caller's transaction); None deletes it."""
    if value is None:
        conn.execute(delete(t.library_meta).where(t.library_meta.c.key == key))
        return
    _upsert(conn, key, value, value)


def increment_meta(conn: Connection, key: str) -> None:
    """Add one to the integer stored at ``key`` (1 when absent) in one statement: concurrent writers each count
    (the row lock orders them), and two creating the key at once do not collide."""
    bumped = cast(cast(t.library_meta.c.value, Integer) + 1, Text)
    if _dialect_insert(conn) is None:
        from sqlalchemy import select, update

        current = conn.execute(
            select(t.library_meta.c.value).where(t.library_meta.c.key == key).with_for_update()
        ).scalar()
        if current is None:
            conn.execute(insert(t.library_meta).values(key=key, value="1"))
        else:
            conn.execute(update(t.library_meta).where(t.library_meta.c.key == key).values(value=bumped))
        return
    _upsert(conn, key, "1", bumped)
