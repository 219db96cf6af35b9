"""A real local HTTP server speaking just enough NCBI E-utilities for the live-PubMed tests.

``esearch.fcgi`` answers in the recorded shape of ``fixtures/pubmed_live/esearch_history.json`` (count, a new
WebEnv per search, query_key, idlist), matching the synthetic records of ``efetch_records.xml`` whose text
contains every word of the term (or of one of its ``OR`` alternatives) and whose Entrez date
(``PubStatus="entrez"``) lies in mindate … maxdate, newest first. ``efetch.fcgi`` slices those records by
``retstart``/``retmax`` from the session named by WebEnv (an unknown or expired WebEnv gets NCBI's "Unable to
obtain query" error). Tests queue scripted replies per endpoint (a 429 with Retry-After, a 500, an error body)
and read back every request, stamped with an injected clock when one is given.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

FIXTURES = Path(__file__).parent / "fixtures" / "pubmed_live"
RECORDS = FIXTURES / "efetch_records.xml"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    endpoint: str  # "esearch" | "efetch"
    params: dict[str, str]
    at: float | None  # the injected clock's time on arrival
    method: str = "GET"


@dataclass
class _Record:
    pmid: str
    edat: date
    text: str
    xml: bytes


def _load(path: Path) -> list[_Record]:
    root = etree.parse(str(path)).getroot()
    out = []
    for art in root.iterfind("PubmedArticle"):
        pmid = art.findtext("MedlineCitation/PMID") or ""
        d = art.find("PubmedData/History/PubMedPubDate[@PubStatus='entrez']")
        assert d is not None, pmid
        edat = date(int(d.findtext("Year") or 0), int(d.findtext("Month") or 0), int(d.findtext("Day") or 0))
        text = " ".join(art.itertext()).lower()
        out.append(_Record(pmid, edat, text, etree.tostring(art)))
    return out


def _ncbi_date(value: str) -> date:
    y, m, d = (int(x) for x in value.split("/"))
    return date(y, m, d)


class EUtilsServer:
    def __init__(self, records: Path = RECORDS, clock: Any = None) -> None:
        self.records = _load(records)
        self.template = json.loads((FIXTURES / "esearch_history.json").read_text(encoding="utf-8"))
        self.clock = clock
        self.requests: list[Request] = []
        self.scripted: dict[str, list[Reply | None]] = {"esearch": [], "efetch": []}  # None: answer normally
        self.sessions: dict[str, list[_Record]] = {}
        self.expire_after_fetches: int | None = None  # drop every session once this many efetches were served
        self._searches = 0
        self._fetches = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _serve(self, params: dict[str, str]) -> None:
                endpoint = urlsplit(self.path).path.rsplit("/", 1)[-1].removesuffix(".fcgi")
                reply = server.handle(endpoint, params, self.command)
                self.send_response(reply.status)
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def do_GET(self) -> None:
                self._serve(dict(parse_qsl(urlsplit(self.path).query)))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._serve(dict(parse_qsl(self.rfile.read(length).decode())))

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/entrez/eutils"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    # -- scripting and inspection ----------------------------------------------------------------------------
    def script(self, endpoint: str, *replies: Reply | None) -> None:
        with self._lock:
            self.scripted[endpoint].extend(replies)

    def of(self, endpoint: str) -> list[Request]:
        return [r for r in self.requests if r.endpoint == endpoint]

    # -- the protocol ----------------------------------------------------------------------------------------
    def handle(self, endpoint: str, params: dict[str, str], method: str = "GET") -> Reply:
        with self._lock:
            at = self.clock.monotonic() if self.clock is not None else None
            self.requests.append(Request(endpoint, params, at, method))
            if endpoint not in self.scripted:
                return Reply(404, b"not an E-utility")
            scripted = self.scripted[endpoint].pop(0) if self.scripted[endpoint] else None
            if scripted is not None:
                return scripted
            if endpoint == "esearch":
                return self._esearch(params)
            return self._efetch(params)

    def _esearch(self, params: dict[str, str]) -> Reply:
        assert params["db"] == "pubmed" and params["usehistory"] == "y" and params["retmode"] == "json"
        alternatives = [re.findall(r"\w+", part) for part in params.get("term", "").lower().split(" or ")]
        hits = [r for r in self.records if any(all(w in r.text for w in words) for words in alternatives)]
        if "mindate" in params:
            assert params["datetype"] == "edat"
            lo, hi = _ncbi_date(params["mindate"]), _ncbi_date(params["maxdate"])
            hits = [r for r in hits if lo <= r.edat <= hi]
        hits.sort(key=lambda r: (r.edat, r.pmid), reverse=True)
        self._searches += 1
        webenv = f"MCID_SYNTHETIC_TEST_{self._searches}"
        self.sessions[webenv] = hits
        retmax = int(params.get("retmax", "20"))
        body = copy.deepcopy(self.template)
        del body["_comment"]
        result = body["esearchresult"]
        result.update(
            count=str(len(hits)), retmax=str(min(retmax, len(hits))), webenv=webenv,
            idlist=[r.pmid for r in hits[:retmax]], querytranslation=params.get("term", ""),
        )  # fmt: skip
        return Reply(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    def _efetch(self, params: dict[str, str]) -> Reply:
        assert params["db"] == "pubmed" and params["retmode"] == "xml"
        if self.expire_after_fetches is not None and self._fetches >= self.expire_after_fetches:
            self.sessions.clear()
            self.expire_after_fetches = None
        session = self.sessions.get(params.get("WebEnv", ""))
        if session is None or params.get("query_key") != "1":
            return Reply(200, (FIXTURES / "efetch_history_expired.xml").read_bytes(), {"Content-Type": "text/xml"})
        self._fetches += 1
        start, count = int(params["retstart"]), int(params["retmax"])
        chunk = b"".join(r.xml for r in session[start : start + count])
        body = b'<?xml version="1.0" ?>\n<PubmedArticleSet>\n' + chunk + b"</PubmedArticleSet>\n"
        return Reply(200, body, {"Content-Type": "text/xml"})


@contextmanager
def eutils_server(clock: Any = None) -> Iterator[EUtilsServer]:
    server = EUtilsServer(clock=clock)
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


class FakeClock:
    """Monotonic time that moves only when slept on: throttle and backoff are measured, never waited for."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.slept.append(seconds)
        self.t += seconds
