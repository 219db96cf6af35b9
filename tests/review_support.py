"""Helpers for the review tests: a library with the web fixture corpus, board members, hand-made articles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clinevidence.answer.models import Answer, Audience, Receipt, Reference, Section, Statement, Support, Verdict
from clinevidence.articles import store as article_store
from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.review.models import User

WEB_CORPUS = Path(__file__).parent / "fixtures" / "web" / "corpus.jsonl"
QUESTION = "Is it safe to use tamoxifen with T-DM1 in HER2-positive breast cancer?"
PASSWORD = "correct horse battery staple"


def web_library(path: Path) -> Library:
    lib = Library(path)
    counts = ingest(lib, [WEB_CORPUS])
    assert counts.skipped == 0, counts.errors
    return lib


def member(username: str, role: str, uid: int = 0) -> User:
    """A user record for domain calls that do not need a stored account."""
    return User(uid, username, username.title(), "MD", role, False, datetime(2026, 1, 1, tzinfo=UTC))


def sample_answer(question: str = QUESTION, audience: Audience = Audience.clinician) -> Answer:
    g1 = "Tamoxifen with T-DM1 is not recommended because no trial has tested the combination."
    return Answer(
        question=question,
        audience=audience,
        title="Tamoxifen with T-DM1: Not Recommended",
        verdict=Verdict.no,
        verdict_label="Not Recommended",
        summary=[Statement(text=g1, citations=[1], support=[Support(n=1, quote=g1, score=1.0)], supported=True)],
        sections=[
            Section(
                heading="Evidence",
                statements=[
                    Statement(text="T-DM1 is given as monotherapy at 3.6 mg/kg every three weeks.", citations=[1]),
                    Statement(text="T-DM1 improved survival in the EMILIA trial.", citations=[2]),
                ],
            )
        ],
        references=[
            Reference(n=1, doc_id="web-g1", type="guideline", type_label="Guideline", title="T-DM1 guideline"),
            Reference(n=2, doc_id="web-r1", type="rct", type_label="Research", title="EMILIA trial", year=2012),
        ],
        receipt=Receipt(
            engine="extractive", engine_version="test", config_hash="x", library_snapshot="lib-x", created_at="now"
        ),
    )


def make_article(lib: Library, *, author: str | None = "asker", answer: Answer | None = None) -> str:
    with lib.engine.begin() as conn:
        thread = article_store.create_thread(conn)
        record = article_store.create_article(
            conn, thread_id=thread, answer=answer or sample_answer(), engine="extractive", author=author
        )
    return record.id


class FakeClock:
    """A settable UTC clock for session timeouts."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


Clock = Callable[[], datetime]
