"""A library built from a few team-written pages, for answer tests (fixtures, not library content)."""

from __future__ import annotations

import json
from pathlib import Path

from clinevidence.answer.service import AnswerService
from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.settings import Settings


def pages_library(tmp: Path, pages: dict[str, tuple[str, str]]) -> Library:
    """A library of ``pages`` (id -> (title, text)), ingested as a BEIR corpus under ``tmp``."""
    path = tmp / "corpus.jsonl"
    path.write_text(
        "".join(json.dumps({"_id": k, "title": t, "text": x}) + "\n" for k, (t, x) in pages.items()), encoding="utf-8"
    )
    lib = Library(tmp / "lib")
    ingest(lib, [path], "beir")
    return lib


def pages_service(tmp: Path, pages: dict[str, tuple[str, str]]) -> AnswerService:
    """An answer service over ``pages`` (see ``pages_library``)."""
    return AnswerService(pages_library(tmp, pages), Settings())


def pages_fixture(pages: dict[str, tuple[str, str]], name: str):  # type: ignore[no-untyped-def]
    """A module-scoped pytest fixture: an answer service over ``pages`` (see ``pages_library``)."""
    import pytest

    @pytest.fixture(scope="module")
    def fixture(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
        return pages_service(tmp_path_factory.mktemp(name), pages)

    return fixture


def cited(answer: object) -> list[str]:
    """The document ids the answer's statements cite, in order."""
    refs = {r.n: r.doc_id for r in answer.references}  # type: ignore[attr-defined]
    return [refs[n] for s in answer.all_statements() for n in s.citations]  # type: ignore[attr-defined]
