"""Live-PubMed throughput against the local E-utilities test server: N synthetic records, real clock and throttle.

    .venv/bin/python bench/bench_pubmed_live.py [N] [BATCH]

Prints one JSON line: records, requests, seconds, records/s, and the share of time spent waiting on the throttle.
Synthetic records only (fictional PMIDs from 99000001); no network beyond 127.0.0.1.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clinevidence.ingest import eutils  # noqa: E402
from clinevidence.ingest.eutils import EUtils  # noqa: E402
from clinevidence.ingest.pubmed_live import ingest_pubmed  # noqa: E402
from clinevidence.library import Library  # noqa: E402
from tests.eutils_server import EUtilsServer  # noqa: E402


def records(n: int) -> str:
    parts = ['<?xml version="1.0" ?>\n<PubmedArticleSet>']
    for i in range(n):
        pmid = 99000001 + i
        parts.append(
            f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><Journal><JournalIssue><PubDate>"
            f"<Year>2026</Year></PubDate></JournalIssue><Title>Journal of Synthetic Test Records</Title></Journal>"
            f"<ArticleTitle>Synthetic benchmark record {i}: invented trial of imaginary drug X-{i % 97}</ArticleTitle>"
            f"<Abstract><AbstractText Label='RESULTS'>Imaginary drug X-{i % 97} changed an invented outcome by "
            f"{i % 13} points in {100 + i % 400} fictional participants. This record is synthetic.</AbstractText>"
            f"</Abstract><PublicationTypeList><PublicationType>Randomized Controlled Trial</PublicationType>"
            f"</PublicationTypeList></Article></MedlineCitation><PubmedData><History>"
            f"<PubMedPubDate PubStatus='entrez'><Year>2026</Year><Month>11</Month><Day>{1 + i % 28}</Day>"
            f"</PubMedPubDate></History></PubmedData></PubmedArticle>"
        )
    parts.append("</PubmedArticleSet>\n")
    return "\n".join(parts)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    slept: list[float] = []
    real_sleep = eutils._sleep

    def sleep(s: float) -> None:
        slept.append(s)
        real_sleep(s)

    eutils._sleep = sleep
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.xml"
        path.write_text(records(n), encoding="utf-8")
        server = EUtilsServer(records=path)
        server.thread.start()
        try:
            for key in (None, "bench-key"):
                lib = Library(Path(tmp) / f"lib-{key}")
                slept.clear()
                server.requests.clear()
                t0 = time.perf_counter()
                with EUtils(base_url=server.url, api_key=key) as client:
                    run = ingest_pubmed(lib, client, "synthetic", batch_size=batch, today=date(2026, 12, 2))
                secs = time.perf_counter() - t0
                out = {
                    "api_key": bool(key),
                    "records": run.fetched,
                    "added": run.counts.added,
                    "batch": batch,
                    "requests": len(server.requests),
                    "seconds": round(secs, 2),
                    "records_per_s": round(run.fetched / secs, 1),
                    "throttle_wait_s": round(sum(slept), 2),
                }
                print(json.dumps(out))
                lib.close()
        finally:
            server.httpd.shutdown()
            server.httpd.server_close()


if __name__ == "__main__":
    main()
