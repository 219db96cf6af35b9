"""Fuzz the lexical search with hostile questions: query syntax must never reach the engine."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinevidence.library.store import Library
from clinevidence.models import DocType, Document, Section

NASTY = [
    '"', "*", "NEAR(", "AND OR", "(", ")", ":", "^", "~", "title:", "body:", "doc_id:", "\\", "[", "]", "{",
    "}", "+", "-", "!", "NOT", "IN [", "TO", "'", "/", "?", "&&", "||", "^2", "~3", "*:*", "\x00", "\x1b",
    "\u200b",
    "\u202e", "\ufeff", "ﬁ", "Ⅻ", "𝔘𝔫𝔦", "é", "漢字", "🙂", "\n", "\t", " ", "" + "a" * 300, "t-dm1", "her2+",
    "her2", "tamoxifen", "metformin", "0.5", "10^3", "≥", "μg", "O'Brien", "-- ", ";", "DROP TABLE",
]  # fmt: skip
WORDS = ["pretend", "therapy", "asthma", "her2", "tdm1", "trastuzumab", "metformin", "dose", "children"]

question = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(NASTY) | st.sampled_from(WORDS) | st.text(max_size=8), max_size=25).map("".join),
    st.lists(st.sampled_from(NASTY) | st.sampled_from(WORDS), max_size=25).map(" ".join),
)


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Library:
    lib = Library(tmp_path_factory.mktemp("fuzzlib"))
    docs = [
        Document(
            id=f"doc-{i}",
            title=f"Pretend {w} guideline {i}",
            sections=[
                Section("BACKGROUND", f"Pretend {w} therapy is described. Children need less {w}."),
                Section("RESULTS", f"The {w} arm did better (P<0.05). Adverse events: NEAR(title:{w})*."),
            ],
            type=DocType.guideline if i % 2 else DocType.rct,
        )
        for i, w in enumerate(WORDS)
    ]
    lib.add_documents(docs)
    yield lib
    lib.close()


def test_library_built(library):
    assert library.count_documents() == len(WORDS)
    assert library.doc_index.search("trastuzumab", 10)[0].doc_id == "doc-5"


@settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(q=question)
def test_search_never_raises(library, q):
    hits = library.doc_index.search(q, 10)
    assert len(hits) <= 10
    restricted = library.passage_index.search(q, 10, doc_ids=["doc-1", "doc-3", "no-such-doc"])
    assert {h.doc_id for h in restricted} <= {"doc-1", "doc-3"}
    assert library.passage_index.search(q, 10, doc_ids=[]) == []
