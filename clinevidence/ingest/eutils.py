"""Optional NCBI E-utilities client: fetch PubMed XML by PMID (the only networked part of ingestion)."""

from __future__ import annotations

import threading
import time

import httpx
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

EFETCH_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi"
TOOL = "clinevidence"
MAX_GET_IDS = 200  # longer id lists go in a POST body, as NCBI asks
TIMEOUT_S = 30.0

_lock = threading.Lock()
_last_request = 0.0


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


class RetryableStatus(httpx.HTTPStatusError):
    """A 429 or 5xx answer: worth another try after a pause."""


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, RetryableStatus | httpx.TransportError)


def _throttle(per_second: float) -> None:
    """NCBI allows 3 requests/s without an API key, 10 with one; space requests out accordingly."""
    global _last_request
    with _lock:
        wait = _last_request + 1.0 / per_second - time.monotonic()
        if wait > 0:
            _sleep(wait)
        _last_request = time.monotonic()


def fetch_pubmed(
    pmids: list[str],
    *,
    api_key: str | None = None,
    client: httpx.Client | None = None,
    attempts: int = 4,
) -> bytes:
    """Return efetch's PubMed XML (``<PubmedArticleSet>``) for ``pmids``; retried on 429/5xx/network errors.

    Feed the bytes to a file and ``read_pubmed_xml``. Raises ValueError for a non-numeric PMID and
    ``httpx.HTTPStatusError`` for a final non-success answer.
    """
    ids = [p.strip() for p in pmids if p.strip()]
    if not ids:
        raise ValueError("no PMIDs given")
    bad = [p for p in ids if not p.isdigit()]
    if bad:
        raise ValueError(f"not a PMID: {bad[0]!r}")
    params = {"db": "pubmed", "retmode": "xml", "id": ",".join(ids), "tool": TOOL}
    if api_key:
        params["api_key"] = api_key
    own = client is None
    http = client or httpx.Client(timeout=TIMEOUT_S, follow_redirects=True)
    try:
        retrying = Retrying(
            stop=stop_after_attempt(max(1, attempts)),
            wait=wait_exponential(multiplier=0.5, max=10),
            retry=retry_if_exception(_retryable),
            sleep=_sleep,
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                _throttle(10.0 if api_key else 3.0)
                if len(ids) > MAX_GET_IDS:
                    resp = http.post(EFETCH_URL, data=params)
                else:
                    resp = http.get(EFETCH_URL, params=params)
                if resp.status_code == 429 or resp.status_code >= 500:
                    raise RetryableStatus(f"efetch answered {resp.status_code}", request=resp.request, response=resp)
                resp.raise_for_status()
                return resp.content
    finally:
        if own:
            http.close()
    raise AssertionError("unreachable")  # pragma: no cover
