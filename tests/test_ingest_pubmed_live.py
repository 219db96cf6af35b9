"""Live PubMed (`ingest pubmed`): esearch with history, efetch batches, throttle, retries, resume, --since, --max,
re-review flags; all against a real local HTTP server serving synthetic, recorded-style E-utilities answers."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clinevidence.cli import app
from clinevidence.ingest import eutils
from clinevidence.ingest.eutils import EUtils, EUtilsError, HistoryExpired
from clinevidence.ingest.pubmed_live import (
    PubMedInputError,
    ingest_pubmed,
    last_run,
    normalize_query,
    parse_date,
    pending_job,
)
from clinevidence.library import Library
from clinevidence.review import audit
from clinevidence.review.service import ReviewService

from .eutils_server import FIXTURES, EUtilsServer, FakeClock, Reply, eutils_server
from .review_support import make_article, member, web_library

ALL = [f"999000{n:02d}" for n in range(1, 9)]  # the synthetic fixture's fictional PMIDs
NOV20, DEC02 = date(2026, 11, 20), date(2026, 12, 2)
runner = CliRunner()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(clock: FakeClock) -> Iterator[EUtilsServer]:
    with eutils_server(clock) as srv:
        yield srv


@pytest.fixture
def client(server: EUtilsServer, clock: FakeClock) -> Iterator[EUtils]:
    with EUtils(base_url=server.url, clock=clock) as c:
        yield c


@pytest.fixture
def lib(tmp_path: Path, backend: str) -> Library:
    """The job's tests run on SQLite and on PostgreSQL (progress and last runs are rows in library_meta)."""
    return Library(tmp_path / "lib")


@pytest.fixture
def cli_env(server: EUtilsServer, monkeypatch: pytest.MonkeyPatch) -> EUtilsServer:
    """The CLI on the real clock, pointed at the local server; the throttle's pauses are not slept."""
    monkeypatch.setenv("CLINEVIDENCE_EUTILS__BASE_URL", server.url)
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    monkeypatch.delenv("CLINEVIDENCE_EUTILS__API_KEY", raising=False)
    monkeypatch.setattr(eutils, "_sleep", lambda s: None)
    server.clock = None
    return server


def fetched(server: EUtilsServer) -> list[tuple[int, int]]:
    return [(int(r.params["retstart"]), int(r.params["retmax"])) for r in server.of("efetch")]


# -- the job ---------------------------------------------------------------------------------------------------
def test_search_with_history_then_batches(lib: Library, client: EUtils, server: EUtilsServer) -> None:
    run = ingest_pubmed(lib, client, "  synthetic   test ", batch_size=3, today=DEC02)
    (search,) = server.of("esearch")
    assert search.params["term"] == "synthetic test" and search.params["usehistory"] == "y"
    assert search.params["datetype"] == "edat" and search.params["maxdate"] == "2026/12/02"
    assert search.params["tool"] == "clinevidence" and "api_key" not in search.params
    assert fetched(server) == [(0, 3), (3, 3), (6, 2)]
    assert {r.params["WebEnv"] for r in server.of("efetch")} == {"MCID_SYNTHETIC_TEST_1"}
    assert run.matched == run.selected == run.fetched == 8 and run.complete and run.batches == 3
    c = run.counts
    assert (c.added, c.skipped, c.unchanged) == (7, 1, 0)
    assert "PMID 99900008: no title and no abstract" in c.errors[0] and "pubmed-batch-0002-records-4-6" in c.errors[0]
    assert lib.count_documents() == 7
    assert lib.get_documents(["99900007"])["99900007"].url == "https://pubmed.ncbi.nlm.nih.gov/99900007/"
    assert pending_job(lib, "synthetic test") is None
    assert last_run(lib, "synthetic test")["maxdate"] == "2026-12-02"
    # Idempotent: the same run again finds everything unchanged, and starts from the last run's date.
    again = ingest_pubmed(lib, client, "synthetic test", batch_size=3, today=DEC02)
    assert again.since_source == "last run" and again.counts.added == 0
    with lib.engine.connect() as conn:
        events = audit.list_events(conn, action="ingest")
    assert events and {e.actor for e in events} == {"ingest-pubmed"}


def test_throttle_three_per_second_without_key_ten_with(lib: Library, server: EUtilsServer, clock: FakeClock) -> None:
    for key, rate in ((None, 3), ("test-key", 10)):
        server.requests.clear()
        with EUtils(base_url=server.url, clock=clock, api_key=key) as c:
            ingest_pubmed(lib, c, "synthetic", batch_size=1, today=DEC02, since=date(2026, 1, 1))
        times = [r.at for r in server.requests]
        assert len(times) == 9 and all(t is not None for t in times)
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]  # type: ignore[operator]
        assert min(gaps) >= 1 / rate - 1e-9
        # No window of one second holds more than `rate` request starts.
        assert all(times[i + rate] - times[i] >= 1 - 1e-9 for i in range(len(times) - rate))  # type: ignore[operator]
        assert (server.requests[0].params.get("api_key")) == key


def test_api_key_never_reaches_a_log(server: EUtilsServer, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    server.script("esearch", Reply(503, b""))
    with EUtils(base_url=server.url, clock=clock, api_key="s3cr3t-key") as c:
        assert c.esearch("synthetic", retmax=2).count == 8
    assert server.of("esearch")[-1].params["api_key"] == "s3cr3t-key"
    assert "HTTP Request" in caplog.text and "api_key=[redacted]" in caplog.text
    assert "s3cr3t" not in caplog.text


def test_429_with_retry_after_then_success(
    lib: Library, client: EUtils, server: EUtilsServer, clock: FakeClock
) -> None:
    limit = (FIXTURES / "error_rate_limit.json").read_bytes()
    server.script("efetch", Reply(429, limit, {"Retry-After": "7", "Content-Type": "application/json"}))
    run = ingest_pubmed(lib, client, "synthetic", batch_size=4, today=DEC02)
    assert fetched(server) == [(0, 4), (0, 4), (4, 4)]
    assert max(clock.slept) >= 7  # Retry-After honoured (the backoff alone would wait 0.5 s)
    assert run.counts.added == 7


def test_500_then_success_and_transport_errors_back_off(
    lib: Library, client: EUtils, server: EUtilsServer, clock: FakeClock
) -> None:
    server.script("esearch", Reply(500, b"<html>Internal Server Error</html>"), Reply(502, b""))
    run = ingest_pubmed(lib, client, "synthetic", today=DEC02)
    assert len(server.of("esearch")) == 3 and run.counts.added == 7
    assert [s for s in clock.slept if s >= 0.5][:2] == [0.5, 1.0]  # exponential backoff
    # Network down: retried, then one clear, retryable error.
    with EUtils(base_url="http://127.0.0.1:9/entrez/eutils", clock=clock, attempts=3) as down:
        with pytest.raises(EUtilsError, match="cannot reach NCBI E-utilities") as err:
            down.esearch("synthetic")
    assert err.value.retryable


def test_expired_history_mid_run_searches_again_and_skips_done(
    lib: Library, client: EUtils, server: EUtilsServer
) -> None:
    server.expire_after_fetches = 2
    run = ingest_pubmed(lib, client, "synthetic", batch_size=3, today=DEC02)
    assert len(server.of("esearch")) == 2
    assert fetched(server) == [(0, 3), (3, 3), (6, 2), (6, 2)]  # the third batch failed once, then from session 2
    assert server.of("efetch")[-1].params["WebEnv"] == "MCID_SYNTHETIC_TEST_2"
    assert run.batches_skipped == 2 and run.counts.added == 7 and lib.count_documents() == 7


def test_more_than_the_search_cap_is_fetched_in_date_segments(
    lib: Library, client: EUtils, server: EUtilsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ESearch serves at most 10,000 records of one search: with the cap set to 3, the job halves the date range
    until each part holds ≤ 3, fetches the parts newest first, and resumes part by part."""
    from clinevidence.ingest import pubmed_live

    monkeypatch.setattr(pubmed_live, "SEARCH_CAP", 3)
    monkeypatch.setattr(eutils, "SEARCH_CAP", 3)
    server.script("efetch", None, None, Reply(400, b'{"error": "bad retstart"}'))
    with pytest.raises(EUtilsError):
        ingest_pubmed(lib, client, "synthetic", batch_size=2, today=DEC02)
    job = pending_job(lib, "synthetic")
    assert job is not None and len(job["segments"]) >= 3 and job["segment"] >= 1
    segments = [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in job["segments"]]
    assert segments[0][1] == DEC02 and segments[-1][0] == date(1800, 1, 1)  # newest first, the whole range
    assert all(older[1] < newer[0] for newer, older in zip(segments, segments[1:], strict=False))
    searches = len(server.of("esearch"))
    run = ingest_pubmed(lib, client, "synthetic", batch_size=2, today=DEC02)
    assert run.resumed and run.complete and run.matched == run.fetched == 8 and not run.warnings
    assert (run.counts.added, run.counts.skipped) == (7, 1) and lib.count_documents() == 7
    # The re-run searched the whole range once and the segments still to do (no second split).
    assert len(server.of("esearch")) - searches == 1 + len(segments) - job["segment"]
    for r in server.of("esearch"):
        assert int(r.params["retmax"]) <= 3
    assert all(int(r.params["retstart"]) < 3 for r in server.of("efetch"))


def test_since_defaults_to_the_last_run(lib: Library, client: EUtils, server: EUtilsServer) -> None:
    first = ingest_pubmed(lib, client, "synthetic", today=NOV20)
    assert first.since_source == "" and first.mindate is None
    assert (first.counts.added, first.counts.skipped) == (5, 1)  # entry dates up to Nov 20 (one record is broken)
    second = ingest_pubmed(lib, client, "synthetic", today=DEC02)
    search = server.of("esearch")[-1].params
    assert (search["mindate"], search["maxdate"]) == ("2026/11/20", "2026/12/02")
    assert second.since_source == "last run" and second.mindate == NOV20
    assert (second.counts.added, second.counts.unchanged) == (2, 1)  # Nov 25 and 28 new; Nov 20 seen before
    assert last_run(lib, "synthetic")["maxdate"] == "2026-12-02"
    # An explicit --since wins; another query has its own history.
    third = ingest_pubmed(lib, client, "synthetic", since=date(2026, 10, 1), today=DEC02)
    assert third.since_source == "--since" and server.of("esearch")[-1].params["mindate"] == "2026/10/01"
    other = ingest_pubmed(lib, client, "synthetic rash", today=DEC02)
    assert other.mindate is None and other.counts.unchanged == 1


def test_max_is_honoured_and_does_not_move_since(lib: Library, client: EUtils, server: EUtilsServer) -> None:
    complete = ingest_pubmed(lib, client, "synthetic", today=NOV20)
    assert complete.complete
    run = ingest_pubmed(lib, client, "synthetic", max_records=3, batch_size=2, today=DEC02)
    assert server.of("esearch")[-1].params["retmax"] == "3"
    assert fetched(server)[-2:] == [(0, 2), (2, 1)]
    assert run.fetched == 3 and run.matched == 3 and run.complete  # 3 match since Nov 20: all fetched
    capped = ingest_pubmed(lib, client, "synthetic", max_records=2, batch_size=2, today=DEC02, since=date(2026, 1, 1))
    assert capped.fetched == 2 and capped.matched == 8 and not capped.complete
    assert any("--max" in w for w in capped.warnings)
    # The cut-short run keeps the default --since at the last complete run's end.
    assert last_run(lib, "synthetic")["maxdate"] == "2026-12-02"
    assert lib.count_documents() == 7


def test_a_long_query_is_posted(lib: Library, client: EUtils, server: EUtilsServer) -> None:
    long = " OR ".join(f"invented{i}" for i in range(200)) + " OR synthetic"  # over 2,000 characters
    assert len(long) > 2000 and ingest_pubmed(lib, client, long, today=DEC02).counts.added == 7
    (search,) = server.of("esearch")
    assert search.method == "POST" and search.params["term"] == long
    assert {r.method for r in server.of("efetch")} == {"GET"}


def test_bad_input_is_refused_before_any_request(lib: Library, client: EUtils, server: EUtilsServer) -> None:
    for query in ("", "   ", "a\x00b", "x" * 5000):
        with pytest.raises(PubMedInputError):
            normalize_query(query)
    for value in ("yesterday", "2026-13-01", "2026-02-30", "2999-01-01", "1700-01-01"):
        with pytest.raises(PubMedInputError):
            parse_date(value, today=DEC02)
    assert parse_date("2026/11/05", today=DEC02) == date(2026, 11, 5)
    with pytest.raises(PubMedInputError):
        ingest_pubmed(lib, client, "synthetic", max_records=0)
    assert server.requests == []


def test_ncbi_errors_are_clear_and_nothing_is_half_written(lib: Library, client: EUtils, server: EUtilsServer) -> None:
    server.script("esearch", Reply(200, b'{"esearchresult": {"ERROR": "Invalid query syntax near ((("}}'))
    with pytest.raises(EUtilsError, match=r"reported an error: Invalid query syntax"):
        ingest_pubmed(lib, client, "synthetic (((", today=DEC02)
    assert pending_job(lib, "synthetic (((") is None and lib.count_documents() == 0
    server.script("esearch", Reply(200, b"<html>maintenance</html>"))
    with pytest.raises(EUtilsError, match="something other than a search result"):
        ingest_pubmed(lib, client, "synthetic", today=DEC02)
    # efetch refuses midway: the first batch is kept, the job waits to be resumed.
    server.script("efetch", None, Reply(400, b'{"error": "bad retstart"}'))
    with pytest.raises(EUtilsError, match=r"refused the request \(400\): bad retstart") as err:
        ingest_pubmed(lib, client, "synthetic", batch_size=4, today=DEC02)
    assert not err.value.retryable
    assert lib.count_documents() == 4 and len(pending_job(lib, "synthetic")["done"]) == 4
    # The session expiring on every try: the job stops with a clear error instead of looping.
    for _ in range(3):
        server.script("efetch", Reply(200, (FIXTURES / "efetch_history_expired.xml").read_bytes()))
    with pytest.raises(HistoryExpired, match="expired"):
        ingest_pubmed(lib, client, "synthetic", batch_size=4, today=DEC02)


def test_restart_or_other_options_start_a_fresh_job(lib: Library, client: EUtils, server: EUtilsServer) -> None:
    server.script("efetch", None, Reply(400, b'{"error": "bad retstart"}'))
    with pytest.raises(EUtilsError):
        ingest_pubmed(lib, client, "synthetic", batch_size=4, today=NOV20)
    assert pending_job(lib, "synthetic")["maxdate"] == "2026-11-20"
    # The same command resumes (its frozen date range, even on a later day) ...
    resumed = ingest_pubmed(lib, client, "synthetic", batch_size=4, today=DEC02, max_records=None)
    assert resumed.resumed and resumed.batches_skipped == 1 and resumed.maxdate == NOV20
    assert resumed.counts.added == 5 and pending_job(lib, "synthetic") is None
    # ... while --restart, or a different --max/--since, starts over.
    server.script("efetch", None, Reply(400, b'{"error": "bad retstart"}'))
    with pytest.raises(EUtilsError):
        ingest_pubmed(lib, client, "synthetic", batch_size=2, since=date(2026, 1, 1), today=DEC02)
    fresh = ingest_pubmed(lib, client, "synthetic", batch_size=2, since=date(2026, 1, 1), today=DEC02, restart=True)
    assert not fresh.resumed and fresh.batches_skipped == 0 and fresh.counts.unchanged == 7  # 2 came before the 400
    assert any("interrupted run of this query" in w for w in fresh.warnings)
    server.script("efetch", None, Reply(400, b'{"error": "bad retstart"}'))
    with pytest.raises(EUtilsError):
        ingest_pubmed(lib, client, "synthetic", batch_size=2, since=date(2026, 1, 1), today=DEC02)
    other = ingest_pubmed(lib, client, "synthetic", max_records=1, since=date(2026, 1, 1), today=DEC02)
    assert not other.resumed and other.fetched == 1 and pending_job(lib, "synthetic") is None


# -- the command line ------------------------------------------------------------------------------------------
def test_cli_ingest_pubmed_and_errors(tmp_path: Path, cli_env: EUtilsServer) -> None:
    lib = str(tmp_path / "lib")
    r = runner.invoke(app, ["--library", lib, "ingest", "pubmed", "--query", "synthetic", "--max", "5"])
    assert r.exit_code == 0, r.output
    assert "added 4" in r.output and "skipped 1" in r.output and "PMID 99900008" in r.output
    assert "first 5" in r.output and "--max" in r.output
    r = runner.invoke(app, ["ingest", "pubmed", "--library", lib, "-q", "synthetic"])
    assert r.exit_code == 0, r.output
    assert "added 3" in r.output and "unchanged 4" in r.output  # the cut-short run did not set a --since
    r = runner.invoke(app, ["--library", lib, "ingest", "pubmed", "--query", " "])
    assert r.exit_code == 2 and "query is empty" in r.output
    r = runner.invoke(app, ["--library", lib, "ingest", "pubmed", "--query", "x", "--since", "31/12/2026"])
    assert r.exit_code == 2 and "not a date" in r.output
    r = runner.invoke(app, ["--library", lib, "ingest", "pubmed"])
    assert r.exit_code == 2 and "--query" in r.output
    # An invalid key: NCBI's message, never the key itself (nor what the server echoes back).
    cli_env.script("esearch", Reply(400, (FIXTURES / "error_api_key.json").read_bytes()))
    r = runner.invoke(app, ["--library", lib, "ingest", "pubmed", "-q", "synthetic"], env={"NCBI_API_KEY": "s3cr3t"})
    assert r.exit_code == 1 and "API key invalid" in r.output and "NCBI_API_KEY" in r.output
    assert "s3cr3t" not in r.output and "ECHOED" not in r.output
    assert cli_env.of("esearch")[-1].params["api_key"] == "s3cr3t"
    # Network down.
    r = runner.invoke(
        app,
        ["--library", lib, "ingest", "pubmed", "-q", "synthetic"],
        env={"CLINEVIDENCE_EUTILS__BASE_URL": "http://127.0.0.1:9/eutils", "CLINEVIDENCE_EUTILS__ATTEMPTS": "2"},
    )
    assert r.exit_code == 1 and "cannot reach NCBI E-utilities" in r.output


def test_a_path_named_pubmed_is_still_a_path(
    tmp_path: Path, cli_env: EUtilsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    lib = str(tmp_path / "lib")
    r = runner.invoke(app, ["--library", lib, "ingest", "pubmed", "--help"])
    assert r.exit_code == 0 and "--query" in r.output and "--since" in r.output
    (tmp_path / "pubmed").mkdir()
    (tmp_path / "pubmed" / "note.md").write_text("# Synthetic note\n\nA made-up test note about imaginary fever.\n")
    r = runner.invoke(app, ["--library", lib, "ingest", "pubmed"])
    assert r.exit_code == 0, r.output
    assert "added 1" in r.output and cli_env.requests == []
    r = runner.invoke(app, ["--library", lib, "ingest", "pubmed", "--query", "synthetic rash"])
    assert r.exit_code == 0, r.output
    assert "added 1" in r.output and len(cli_env.of("esearch")) == 1


def test_cli_killed_mid_run_resumes_where_it_stopped(tmp_path: Path, cli_env: EUtilsServer) -> None:
    """kill -9 after the second batch's documents are committed, before its progress: the re-run searches
    again (a new WebEnv), skips the first batch, fetches the second again (unchanged) and the rest."""
    lib = tmp_path / "lib"
    marker = tmp_path / "marker"
    cmd = [sys.executable, "-m", "clinevidence.cli", "--library", str(lib), "ingest", "pubmed", "-q", "synthetic"]
    cmd += ["--batch-size", "2"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLINEVIDENCE_FAULT")}
    env |= {"CLINEVIDENCE_EUTILS__BASE_URL": cli_env.url, "NCBI_API_KEY": "test-key"}
    fault = {"CLINEVIDENCE_FAULT": "pubmed:batch-before-progress@2", "CLINEVIDENCE_FAULT_MARKER": str(marker)}
    killed = subprocess.run(cmd, env=env | fault, capture_output=True, timeout=300, cwd=tmp_path)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert marker.read_text().strip() == "pubmed:batch-before-progress@2"
    assert fetched(cli_env) == [(0, 2), (2, 2)]
    library = Library(lib)
    assert library.count_documents() == 4  # both batches' documents are in
    job = pending_job(library, "synthetic")
    assert job is not None and len(job["done"]) == 2 and job["maxdate"]
    library.close()
    cli_env.requests.clear()
    r = runner.invoke(app, ["--library", str(lib), "ingest", "pubmed", "-q", "synthetic", "--batch-size", "2"])
    assert r.exit_code == 0, r.output
    assert "1 already done by an interrupted run" in r.output
    assert [q.params["WebEnv"] for q in cli_env.of("efetch")] == ["MCID_SYNTHETIC_TEST_2"] * 3
    assert fetched(cli_env) == [(2, 2), (4, 2), (6, 2)]
    assert "added 5" in r.output and "unchanged 2" in r.output and "skipped 1" in r.output  # counts of the whole job
    library = Library(lib)
    assert library.count_documents() == 7 and pending_job(library, "synthetic") is None
    assert last_run(library, "synthetic")["complete"] is True


def test_new_pubmed_evidence_flags_the_approved_article(tmp_path: Path, cli_env: EUtilsServer) -> None:
    lib = web_library(tmp_path / "lib")
    svc = ReviewService(lib)
    aid = make_article(lib)
    rita, ed = member("rita", "reviewer"), member("ed", "editor")
    svc.act(aid, rita, "claim", version=1)
    svc.act(aid, rita, "approve", version=1)
    svc.act(aid, ed, "publish", version=1)
    lib.close()
    r = runner.invoke(app, ["--library", str(lib.path), "ingest", "pubmed", "-q", "tamoxifen HER2"])
    assert r.exit_code == 0, r.output
    assert "added 1" in r.output and "1 approved article(s) flagged for re-review" in r.output
    assert ReviewService(Library(lib.path)).get(aid).new_evidence == ("99900007",)
    # The scheduled re-run finds nothing new and flags nothing.
    r = runner.invoke(app, ["--library", str(lib.path), "ingest", "pubmed", "-q", "tamoxifen HER2"])
    assert r.exit_code == 0 and "(last run)" in r.output and "flagged" not in r.output


def test_no_temporary_files_are_left_after_a_run_or_a_failed_one(
    lib: Library, client: EUtils, server: EUtilsServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each efetch batch goes through a temporary file: removed after its batch, after a refused fetch and after
    an ingest that raised (the batch file and the job's directory alike)."""
    import tempfile

    from clinevidence.ingest import pubmed_live

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    server.script("efetch", None, Reply(400, b'{"error": "bad retstart"}'))  # the second batch is refused
    with pytest.raises(EUtilsError):
        ingest_pubmed(lib, client, "synthetic", batch_size=4, today=DEC02)
    assert lib.count_documents() == 4 and list(scratch.iterdir()) == []
    real = pubmed_live.ingest_files
    seen: list[Path] = []

    def failing(library, inputs, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(inputs[0][0])
        assert seen[0].exists()
        raise RuntimeError("disk full")

    monkeypatch.setattr(pubmed_live, "ingest_files", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_pubmed(lib, client, "synthetic", batch_size=4, today=DEC02, restart=True)
    assert seen and not seen[0].exists() and list(scratch.iterdir()) == []
    monkeypatch.setattr(pubmed_live, "ingest_files", real)
    assert ingest_pubmed(lib, client, "synthetic", batch_size=3, today=DEC02, restart=True).complete
    assert list(scratch.iterdir()) == []
