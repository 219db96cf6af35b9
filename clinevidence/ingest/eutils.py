"""NCBI E-utilities client (the only networked part of ingestion): esearch with history, efetch by batch or PMID.

One throttle per process keeps to NCBI's limits (3 requests/s without an API key, 10 with one), counted on an
injectable clock so tests need no wall time. Every request is retried with exponential backoff on 429, 5xx and
transport errors (a 429's or 503's ``Retry-After`` is honoured); what still fails becomes one ``EUtilsError``
whose message never contains the API key.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential

BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
TOOL = "clinevidence"
MAX_GET_IDS = 200  # longer id lists go in a POST body, as NCBI asks
MAX_GET_TERM = 1500  # and so do long search terms (URLs over ~2,000 characters may be refused)
TIMEOUT_S = 30.0
SEARCH_CAP = 10_000  # ESearch serves at most the first 10,000 PubMed records of one search
MAX_RETRY_AFTER_S = 120.0  # a Retry-After longer than this is shortened to it
_HISTORY_GONE = re.compile(r"unable to obtain query|webenv|query_key|history|query key", re.I)
_TRANSIENT = re.compile(r"backend failed|temporar|try again|timed? ?out|unavailable", re.I)


class _RedactKey(logging.Filter):
    """httpx logs each request's URL at INFO; ours carry ``api_key=...``, which must never reach a log."""

    _KEY = re.compile(r"(api_key=)[^&\s\"']+")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "api_key=" in message:
            record.msg, record.args = self._KEY.sub(r"\1[redacted]", message), ()
        return True


logging.getLogger("httpx").addFilter(_RedactKey())


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


class Clock(Protocol):
    """What the throttle and the backoff read and wait on; tests pass a fake that advances when it sleeps."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        _sleep(seconds)  # looked up at call time, so tests can silence it


class Throttle:
    """Spaces request starts at least ``1/per_second`` apart on ``clock`` (thread-safe)."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock or SystemClock()
        self._lock = threading.Lock()
        self._last: float | None = None

    def wait(self, per_second: float) -> None:
        with self._lock:
            now = self.clock.monotonic()
            if self._last is not None:
                pause = self._last + 1.0 / per_second - now
                if pause > 0:
                    self.clock.sleep(pause)
                    now = self.clock.monotonic()
            self._last = now


# NCBI counts requests per client (IP or key), so every client of this process on the real clock shares one.
_SHARED_THROTTLE = Throttle()


class EUtilsError(RuntimeError):
    """E-utilities could not give what was asked; ``retryable`` when trying later may well succeed."""

    def __init__(self, message: str, *, retryable: bool = False, status: int | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status


class HistoryExpired(EUtilsError):
    """The search's history session (WebEnv) is gone on NCBI's side: search again."""


class _Retry(Exception):
    """A 429/5xx/transient answer inside the retry loop."""

    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Search:
    """One esearch with history: how many records match, the session to fetch them from, the first ids."""

    count: int
    webenv: str
    query_key: str
    ids: list[str]
    warnings: list[str]


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def ncbi_error(body: bytes) -> str:
    """NCBI's own error text from a JSON (``{"error": ...}``) or XML (``<ERROR>...</ERROR>``) body, else ''."""
    head = body[:65536]
    text = head.decode("utf-8", "replace").strip()
    if text.startswith("{"):
        try:
            data = json.loads(body)
        except ValueError:
            return ""
        if isinstance(data, dict):
            nested = data.get("esearchresult")
            inner: dict[str, Any] = nested if isinstance(nested, dict) else {}
            err = data.get("error") or data.get("ERROR") or inner.get("ERROR") or inner.get("error")
            return _short(str(err)) if err else ""
        return ""
    m = re.search(r"<ERROR>(.*?)</ERROR>", text, re.S | re.I)
    return _short(re.sub(r"<[^>]+>", "", m.group(1))) if m else ""


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def ncbi_date(d: date) -> str:
    return d.strftime("%Y/%m/%d")


class EUtils:
    """A small E-utilities client: ``esearch`` (history on), ``efetch`` of one batch of it, ``efetch_ids``.

    ``base_url`` points at NCBI by default (tests: a local server). ``clock`` defaults to the process's real
    clock, shared with every other client here; a given clock gets its own throttle.
    """

    def __init__(
        self,
        *,
        base_url: str = BASE_URL,
        api_key: str | None = None,
        email: str = "",
        client: httpx.Client | None = None,
        attempts: int = 5,
        timeout: float = TIMEOUT_S,
        clock: Clock | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key or None
        self.email = email
        self.attempts = max(1, attempts)
        self.clock: Clock = clock or SystemClock()
        self.throttle = _SHARED_THROTTLE if clock is None else Throttle(clock)
        self._own = client is None
        self.http = client or httpx.Client(timeout=timeout, follow_redirects=True)

    def __enter__(self) -> EUtils:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own:
            self.http.close()

    @property
    def per_second(self) -> float:
        return 10.0 if self.api_key else 3.0

    # -- requests ------------------------------------------------------------------------------------------
    def esearch(
        self,
        term: str,
        *,
        mindate: date | None = None,
        maxdate: date | None = None,
        datetype: str = "edat",
        retmax: int = 0,
    ) -> Search:
        """Search PubMed with ``usehistory=y``: the count, the WebEnv/query_key, and up to ``retmax`` ids."""
        params: dict[str, str] = {
            "db": "pubmed",
            "term": term,
            "usehistory": "y",
            "retmode": "json",
            "retmax": str(max(0, min(retmax, SEARCH_CAP))),
        }
        if mindate or maxdate:  # E-utilities needs both ends of a date range
            params["datetype"] = datetype
            params["mindate"] = ncbi_date(mindate or date(1800, 1, 1))
            params["maxdate"] = ncbi_date(maxdate or datetime.now(UTC).date())
        return self._call("esearch", params, _parse_search, post=len(term) > MAX_GET_TERM)

    def efetch(self, search: Search, *, retstart: int, retmax: int) -> bytes:
        """PubMed XML for records ``retstart`` … ``retstart + retmax - 1`` of ``search`` (its history session)."""
        params = {
            "db": "pubmed",
            "retmode": "xml",
            "WebEnv": search.webenv,
            "query_key": search.query_key,
            "retstart": str(retstart),
            "retmax": str(retmax),
        }
        return self._call("efetch", params, _check_pubmed_xml)

    def efetch_ids(self, pmids: list[str]) -> bytes:
        """PubMed XML for the given PMIDs (a POST for long lists, as NCBI asks)."""
        ids = [p.strip() for p in pmids if p.strip()]
        if not ids:
            raise ValueError("no PMIDs given")
        bad = [p for p in ids if not p.isdigit()]
        if bad:
            raise ValueError(f"not a PMID: {bad[0]!r}")
        params = {"db": "pubmed", "retmode": "xml", "id": ",".join(ids)}
        return self._call("efetch", params, _check_pubmed_xml, post=len(ids) > MAX_GET_IDS)

    def _call(self, endpoint: str, params: dict[str, str], parse: Callable[[bytes], Any], *, post: bool = False) -> Any:
        url = f"{self.base_url}/{endpoint}.fcgi"
        params = {**params, "tool": TOOL}
        if self.email:
            params["email"] = self.email
        if self.api_key:
            params["api_key"] = self.api_key
        retrying = Retrying(
            stop=stop_after_attempt(self.attempts),
            wait=_wait,
            retry=retry_if_exception(lambda e: isinstance(e, _Retry | httpx.TransportError)),
            sleep=self.clock.sleep,
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    self.throttle.wait(self.per_second)
                    if post:
                        resp = self.http.post(url, data=params)
                    else:
                        resp = self.http.get(url, params=params)
                    return self._answer(endpoint, resp, parse)
        except _Retry as exc:
            raise EUtilsError(
                f"NCBI E-utilities ({endpoint}) still failing after {self.attempts} tries: {exc}; try again later",
                retryable=True,
                status=exc.status,
            ) from None
        except httpx.TransportError as exc:
            host = httpx.URL(url).host
            raise EUtilsError(
                f"cannot reach NCBI E-utilities at {host} ({exc.__class__.__name__}) after {self.attempts} tries; "
                "check the network connection (or CLINEVIDENCE_EUTILS__BASE_URL)",
                retryable=True,
            ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _answer(self, endpoint: str, resp: httpx.Response, parse: Callable[[bytes], Any]) -> Any:
        status = resp.status_code
        detail = ncbi_error(resp.content)
        if status == 429 or status >= 500:
            wait = retry_after_seconds(resp.headers.get("Retry-After"))
            raise _Retry(f"answered {status}" + (f" ({detail})" if detail else ""), status, wait)
        if status >= 400:
            if self.api_key and "api key" in detail.lower():
                detail += " — check --api-key / NCBI_API_KEY"
            raise EUtilsError(
                f"NCBI E-utilities ({endpoint}) refused the request ({status})" + (f": {detail}" if detail else ""),
                status=status,
            )
        if detail:
            if _HISTORY_GONE.search(detail):
                raise HistoryExpired(f"the search session expired on NCBI's side ({detail})", retryable=True)
            if _TRANSIENT.search(detail):
                raise _Retry(f"reported an error: {detail}", status)
            raise EUtilsError(f"NCBI E-utilities ({endpoint}) reported an error: {detail}", status=status)
        return parse(resp.content)


def _wait(state: RetryCallState) -> float:
    """Exponential backoff (0.5 s, 1 s, 2 s … at most 30 s), or the server's Retry-After when that is longer."""
    backoff = float(wait_exponential(multiplier=0.5, max=30)(state))
    exc = state.outcome.exception() if state.outcome else None
    asked = exc.retry_after if isinstance(exc, _Retry) else None
    return max(backoff, min(asked, MAX_RETRY_AFTER_S)) if asked is not None else backoff


def _parse_search(body: bytes) -> Search:
    try:
        data = json.loads(body)
        result = data["esearchresult"]
        count = int(result["count"])
    except (ValueError, KeyError, TypeError):
        raise EUtilsError("NCBI E-utilities (esearch) answered something other than a search result") from None
    webenv, key = str(result.get("webenv") or ""), str(result.get("querykey") or "")
    if count and not (webenv and key):
        raise EUtilsError("NCBI E-utilities (esearch) returned no history session (WebEnv/query_key)")
    ids = [str(i) for i in result.get("idlist") or []]
    bad = [i for i in ids if not i.isdigit()]
    if bad:
        raise EUtilsError(f"NCBI E-utilities (esearch) returned an id that is not a PMID: {bad[0][:30]!r}")
    warnings: list[str] = []
    for group in ("errorlist", "warninglist"):
        for name, items in (result.get(group) or {}).items():
            if items:
                warnings.append(f"{name}: {', '.join(map(str, items))[:200]}")
    return Search(count=count, webenv=webenv, query_key=key, ids=ids, warnings=warnings)


def _check_pubmed_xml(body: bytes) -> bytes:
    if b"<PubmedArticleSet" not in body[:8192]:
        raise EUtilsError("NCBI E-utilities (efetch) answered something other than PubMed XML")
    return body


def fetch_pubmed(
    pmids: list[str],
    *,
    api_key: str | None = None,
    client: httpx.Client | None = None,
    attempts: int = 4,
    base_url: str = BASE_URL,
) -> bytes:
    """Return efetch's PubMed XML (``<PubmedArticleSet>``) for ``pmids``; retried on 429/5xx/network errors.

    Feed the bytes to a file and ``read_pubmed_xml``. Raises ValueError for a non-numeric PMID and
    ``EUtilsError`` for a final failure.
    """
    with EUtils(base_url=base_url, api_key=api_key, client=client, attempts=attempts) as eutils:
        return eutils.efetch_ids(pmids)
