"""Live PubMed as a resumable job: esearch (history) → efetch batches → the streamed parser → the ingest pipeline.

Progress lives in the library database (``library_meta``, key ``pubmed:job:<query hash>``), one JSON value
rewritten after each batch is committed: the query, its date range (frozen when the job starts, so a re-run
search matches the same records), the PMIDs already ingested and the running counts. A batch's documents are
committed before its progress, so a crash between the two only means that batch is fetched again (and found
unchanged). History sessions expire, so a resumed job never reuses a WebEnv: it searches again and skips the
batches whose PMIDs are all done, whatever their position now. More than 10,000 matches (ESearch's cap) are
fetched as date segments of at most 10,000 records each, planned once and stored with the job; the done PMIDs
are those of the current segment. A finished run stores its end date under
``pubmed:last:<query hash>``; the next run of the same query starts from that date (the default ``--since``).

Dates are Entrez dates (``datetype=edat``: when a record entered PubMed), not publication dates: a paper
published years ago but indexed today is new to the library, and ``pdat`` would miss it on a scheduled run.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..library import tables as t
from ..library.faults import fault
from ..library.meta import set_meta
from ..library.store import IngestCounts, Library
from .base import Limits
from .eutils import SEARCH_CAP, EUtils, HistoryExpired, Search
from .pipeline import ingest_files

DATETYPE = "edat"
EARLIEST = date(1800, 1, 1)  # the lower end when there is no --since (a fixed range, so a resumed job matches)
MAX_QUERY_CHARS = 4000
_RESEARCHES = 3  # fresh searches allowed when a history session expires mid-run
_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")


class PubMedInputError(ValueError):
    """A query, date or option that cannot be searched (nothing was fetched or written)."""


@dataclass(slots=True)
class PubMedRun:
    """What one `ingest pubmed` run did (cumulative over the resumed parts of its job)."""

    query: str
    mindate: date | None
    maxdate: date
    matched: int = 0  # records PubMed has for the query and range
    selected: int = 0  # of those, the ones this job fetches (--max, the 10,000 cap)
    fetched: int = 0  # of the selected records, those ingested so far (this run and the interrupted ones)
    batches: int = 0  # batches fetched by this process
    batches_skipped: int = 0  # batches already done by an earlier, interrupted run
    resumed: bool = False
    complete: bool = False  # every matching record was fetched (not cut by --max or the cap)
    since_source: str = ""  # "--since", "last run", "" (no lower date)
    counts: IngestCounts = field(default_factory=IngestCounts)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Job:
    query: str
    mindate: str | None
    maxdate: str
    max_records: int | None
    done: list[str] = field(default_factory=list)  # PMIDs done in the current segment
    counts: dict[str, int] = field(default_factory=dict)
    segments: list[list[str]] | None = None  # [mindate, maxdate] ranges of ≤ 10,000 records, newest first
    segment: int = 0  # the segment being fetched
    fetched_before: int = 0  # records selected in the segments already finished
    started_at: str = ""


# -- input -------------------------------------------------------------------------------------------------
def normalize_query(query: str) -> str:
    """The query as sent and as keyed: surrounding and repeated whitespace collapsed; refused when empty/too long."""
    q = " ".join((query or "").split())
    if not q:
        raise PubMedInputError('the PubMed query is empty; pass --query "..." (PubMed search syntax)')
    if len(q) > MAX_QUERY_CHARS:
        raise PubMedInputError(f"the PubMed query is longer than {MAX_QUERY_CHARS} characters; shorten it")
    if any(ord(c) < 32 for c in q):
        raise PubMedInputError("the PubMed query contains control characters")
    return q


def parse_date(value: str, *, today: date | None = None) -> date:
    """A ``--since`` date: YYYY-MM-DD or YYYY/MM/DD, a real calendar day, not in the future."""
    m = _DATE.match(value.strip())
    if not m:
        raise PubMedInputError(f"--since {value!r} is not a date; use YYYY-MM-DD (e.g. 2026-01-31)")
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise PubMedInputError(f"--since {value!r} is not a calendar date ({exc})") from None
    if d > (today or _today()):
        raise PubMedInputError(f"--since {d.isoformat()} is in the future")
    if d.year < 1800:
        raise PubMedInputError(f"--since {d.isoformat()} is before any PubMed record")
    return d


def _today() -> date:
    return datetime.now(UTC).date()


# -- stored state ------------------------------------------------------------------------------------------
def query_key(query: str) -> str:
    return hashlib.sha256(normalize_query(query).encode()).hexdigest()[:24]


def _get(library: Library, key: str) -> dict[str, Any] | None:
    with library.engine.connect() as conn:
        raw = conn.execute(select(t.library_meta.c.value).where(t.library_meta.c.key == key)).scalar()
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _put(library: Library, values: dict[str, dict[str, Any] | None]) -> None:
    """Write (or, for None, delete) several keys in one transaction."""
    with library.engine.begin() as conn:
        for key, value in values.items():
            set_meta(conn, key, None if value is None else json.dumps(value, separators=(",", ":")))


def last_run(library: Library, query: str) -> dict[str, Any] | None:
    """The last finished run of ``query``: ``{"query", "mindate", "maxdate", "finished_at", "complete", ...}``."""
    return _get(library, f"pubmed:last:{query_key(query)}")


def pending_job(library: Library, query: str) -> dict[str, Any] | None:
    """The interrupted job of ``query``, if any (what a re-run resumes)."""
    return _get(library, f"pubmed:job:{query_key(query)}")


_COUNT_FIELDS = ("added", "updated", "unchanged", "skipped", "passages")


def _counts(c: IngestCounts) -> dict[str, int]:
    return {k: getattr(c, k) for k in _COUNT_FIELDS}


# -- the job -----------------------------------------------------------------------------------------------
def ingest_pubmed(
    library: Library,
    eutils: EUtils,
    query: str,
    *,
    since: date | None = None,
    max_records: int | None = None,
    batch_size: int = 500,
    restart: bool = False,
    today: date | None = None,
    limits: Limits | None = None,
    on_batch: Callable[[PubMedRun], None] | None = None,
    on_start: Callable[[PubMedRun], None] | None = None,
) -> PubMedRun:
    """Fetch what ``query`` matches (entry date ``since`` … today) into ``library``, resuming an interrupted run.

    ``since`` defaults to the end date of the last complete run of the same query. More than 10,000 matches
    (ESearch's cap per search) are fetched as consecutive date ranges of at most 10,000 each. Raises
    PubMedInputError before any request for bad input, and ``EUtilsError`` when NCBI cannot be reached or
    refuses; the progress made until then is kept, and running the same command again resumes it.
    """
    q = normalize_query(query)
    if max_records is not None and max_records < 1:
        raise PubMedInputError("--max must be at least 1")
    if not 1 <= batch_size <= 10_000:
        raise PubMedInputError("the batch size must be between 1 and 10,000")
    today = today or _today()
    key = query_key(q)
    job_key, last_key = f"pubmed:job:{key}", f"pubmed:last:{key}"
    stored = _get(library, job_key)
    job = None if restart else _resume(stored, since, max_records)
    resumed = job is not None
    discarded = stored is not None and job is None
    run_source = "--since" if since else ""
    if job is None:
        if since is None:
            last = _get(library, last_key)
            if last and last.get("complete") and last.get("maxdate"):
                since, run_source = date.fromisoformat(last["maxdate"]), "last run"
        job = _Job(
            query=q,
            mindate=since.isoformat() if since else None,
            maxdate=today.isoformat(),
            max_records=max_records,
            started_at=datetime.now(UTC).isoformat(),
        )
    else:
        run_source = str(stored.get("since_source", "")) if stored else ""
    mindate = date.fromisoformat(job.mindate) if job.mindate else None
    run = PubMedRun(q, mindate, date.fromisoformat(job.maxdate), resumed=resumed, since_source=run_source)
    for name, value in job.counts.items():
        if name in _COUNT_FIELDS:
            setattr(run.counts, name, value)
    run.counts.audited = True  # every batch is written to the audit trail by the pipeline
    if discarded:
        run.warnings.append("an interrupted run of this query (other --since/--max, or --restart) was discarded")
    runner = _Runner(library, eutils, job, run, job_key, last_key, batch_size, limits, on_batch)
    with tempfile.TemporaryDirectory(prefix="clinevidence-pubmed-") as tmp:
        runner.tmp = Path(tmp)
        runner.plan()
        if on_start:
            on_start(run)
        runner.fetch_segments()
    runner.save(finished=True)
    return run


class _Runner:
    """One job's loop: plan the date segments (each ≤ 10,000 records), then fetch each segment's batches."""

    def __init__(
        self,
        library: Library,
        eutils: EUtils,
        job: _Job,
        run: PubMedRun,
        job_key: str,
        last_key: str,
        batch_size: int,
        limits: Limits | None,
        on_batch: Callable[[PubMedRun], None] | None,
    ) -> None:
        self.library, self.eutils, self.job, self.run = library, eutils, job, run
        self.job_key, self.last_key = job_key, last_key
        self.batch_size, self.limits, self.on_batch = batch_size, limits, on_batch
        self.done = set(job.done)  # PMIDs done in the current segment
        self.wanted = job.max_records or 10**12
        self.tmp = Path()
        self.first: Search | None = None

    # -- state -------------------------------------------------------------------------------------------
    def save(self, finished: bool = False) -> None:
        job, run = self.job, self.run
        job.done, job.counts = sorted(self.done), _counts(run.counts)
        if not finished:
            _put(self.library, {self.job_key: {**asdict(job), "since_source": run.since_source}})
            return
        last = {
            "query": job.query,
            "mindate": job.mindate,
            "maxdate": job.maxdate,
            "datetype": DATETYPE,
            "finished_at": datetime.now(UTC).isoformat(),
            "complete": run.complete,
            "matched": run.matched,
            "fetched": run.fetched,
            **job.counts,
        }
        previous = _get(self.library, self.last_key)
        if not run.complete and previous and previous.get("complete"):
            # A run cut short (--max) must not move the default --since past records it never fetched.
            last = {**last, "complete": True, "maxdate": previous["maxdate"], "truncated_run": job.maxdate}
        _put(self.library, {self.job_key: None, self.last_key: last})

    # -- planning ----------------------------------------------------------------------------------------
    def plan(self) -> None:
        """Count the matches and, the first time, split the date range into segments of ≤ 10,000 records."""
        job, run = self.job, self.run
        lo = run.mindate or EARLIEST
        retmax = min(self.wanted - job.fetched_before, SEARCH_CAP)
        whole = self.eutils.esearch(job.query, mindate=lo, maxdate=run.maxdate, datetype=DATETYPE, retmax=retmax)
        run.matched = whole.count
        run.warnings.extend(whole.warnings)
        if job.segments is None:
            spans: list[tuple[date, date, int]] = []
            if whole.count > SEARCH_CAP and self.wanted > SEARCH_CAP:
                self._split(lo, run.maxdate, whole.count, spans)
            else:
                spans.append((lo, run.maxdate, whole.count))
            job.segments = [[a.isoformat(), b.isoformat()] for a, b, _ in spans]
            for a, b, n in spans:
                if n > SEARCH_CAP and self.wanted > SEARCH_CAP:
                    run.warnings.append(
                        f"{n:,} records entered PubMed between {a.isoformat()} and {b.isoformat()}; only the first "
                        f"{SEARCH_CAP:,} can be fetched (ESearch's cap): narrow the query to get the rest"
                    )
        if len(job.segments) == 1:
            self.first = whole  # one segment: its search is this one (no second request)
        run.selected = min(run.matched, self.wanted)
        if run.matched > self.wanted:
            run.warnings.append(
                f"{run.matched:,} records match; fetching the first {self.wanted:,} (--max); narrow the query or "
                "the date range (--since) to get the rest"
            )
        run.fetched = job.fetched_before + len(self.done)
        self.save()  # the job (its frozen range and segments) is stored once PubMed has accepted the search

    def _split(self, lo: date, hi: date, count: int, out: list[tuple[date, date, int]]) -> None:
        """Halve [lo, hi] until each part holds ≤ 10,000 records (a single day cannot be split); newest first."""
        if count <= SEARCH_CAP or lo >= hi:
            out.append((lo, hi, count))
            return
        mid = lo + (hi - lo) // 2
        older = self.eutils.esearch(self.job.query, mindate=lo, maxdate=mid, datetype=DATETYPE, retmax=0).count
        self._split(mid + timedelta(days=1), hi, max(count - older, 0), out)
        self._split(lo, mid, older, out)

    # -- fetching ----------------------------------------------------------------------------------------
    def fetch_segments(self) -> None:
        job, run = self.job, self.run
        segments = job.segments or []
        complete = True
        while job.segment < len(segments):
            remaining = self.wanted - job.fetched_before
            if remaining <= 0:
                complete = False
                break
            a, b = (date.fromisoformat(x) for x in segments[job.segment])
            complete = self._fetch_segment(a, b, min(remaining, SEARCH_CAP)) and complete
            job.fetched_before += len(self.done)
            job.segment += 1
            self.done = set()
            self.save()
        run.complete = complete and run.fetched >= run.matched

    def _fetch_segment(self, a: date, b: date, wanted: int) -> bool:
        """Fetch one segment (searched again after an expired session); True when it was fetched whole."""
        for _ in range(_RESEARCHES):
            search, self.first = self.first, None
            if search is None:
                search = self.eutils.esearch(self.job.query, mindate=a, maxdate=b, datetype=DATETYPE, retmax=wanted)
            ids = search.ids[:wanted]
            try:
                self._fetch_batches(search, ids)
            except HistoryExpired:
                continue  # search again: a new session, done batches skipped
            return len(ids) >= search.count
        raise HistoryExpired(
            f"the search session expired {_RESEARCHES} times in a row; try again later", retryable=True
        )

    def _fetch_batches(self, search: Search, ids: list[str]) -> None:
        run, size = self.run, self.batch_size
        for start in range(0, len(ids), size):
            window = ids[start : start + size]
            if self.done.issuperset(window):
                run.batches_skipped += 1
                continue
            xml = self.eutils.efetch(search, retstart=start, retmax=len(window))
            n = run.batches + run.batches_skipped + 1
            path = self.tmp / f"pubmed-batch-{n:04d}-records-{start + 1}-{start + len(window)}.xml"
            try:  # the pipeline reads files; the job's TemporaryDirectory also goes on any way out of the run
                path.write_bytes(xml)
                counts = ingest_files(self.library, [(path, "pubmed-xml")], limits=self.limits, actor="ingest-pubmed")
            finally:
                path.unlink(missing_ok=True)  # one batch's XML on disk at most, even when this batch failed
            fault("pubmed:batch-before-progress")  # documents committed, progress not yet: the batch is re-fetched
            self.done.update(window)
            run.counts.merge(counts)
            run.batches += 1
            run.fetched = self.job.fetched_before + len(self.done)
            self.save()
            fault("pubmed:batch-after-progress")
            if self.on_batch:
                self.on_batch(run)


def _resume(stored: dict[str, Any] | None, since: date | None, max_records: int | None) -> _Job | None:
    """The stored job, when this run asks for the same thing (no conflicting --since/--max)."""
    if not stored:
        return None
    try:
        segments = stored.get("segments")
        job = _Job(
            query=str(stored["query"]),
            mindate=stored.get("mindate"),
            maxdate=str(stored["maxdate"]),
            max_records=stored.get("max_records"),
            done=[str(p) for p in stored.get("done", [])],
            counts={k: int(v) for k, v in (stored.get("counts") or {}).items()},
            segments=[[str(a), str(b)] for a, b in segments] if segments is not None else None,
            segment=int(stored.get("segment", 0)),
            fetched_before=int(stored.get("fetched_before", 0)),
            started_at=str(stored.get("started_at", "")),
        )
        date.fromisoformat(job.maxdate)
        for a, b in job.segments or []:
            date.fromisoformat(a), date.fromisoformat(b)
    except (KeyError, TypeError, ValueError):
        return None  # unreadable progress: start over (ingest is idempotent)
    if since is not None and (job.mindate or "") != since.isoformat():
        return None
    if max_records is not None and job.max_records != max_records:
        return None
    return job
