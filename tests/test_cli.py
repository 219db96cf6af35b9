"""The CLI contract: ingest, ask --json, eval retrieval/answers --json."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from clinevidence.cli import app

from .conftest import MINI

runner = CliRunner()


def test_ingest_is_idempotent_and_ask_json(tmp_path: Path) -> None:
    lib = str(tmp_path / "lib")
    r = runner.invoke(app, ["--library", lib, "ingest", str(MINI / "corpus.jsonl")])
    assert r.exit_code == 0, r.output
    assert "added 6" in r.output
    r = runner.invoke(app, ["--library", lib, "ingest", str(MINI / "corpus.jsonl")])
    assert "added 0" in r.output and "unchanged 6" in r.output
    r = runner.invoke(app, ["--library", lib, "ask", "Are antibiotics effective for the common cold?", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["verdict"] == "no"
    assert data["references"][0]["doc_id"] == "d5"


def test_ask_errors_are_clear(tmp_path: Path) -> None:
    lib = str(tmp_path / "empty")
    r = runner.invoke(app, ["--library", lib, "ask", "Is aspirin effective?"])
    assert r.exit_code == 2
    assert "empty" in r.output
    r = runner.invoke(app, ["--library", lib, "ask", "   "])
    assert r.exit_code == 2
    r = runner.invoke(app, ["--library", lib, "ingest", str(tmp_path / "missing.jsonl")])
    assert r.exit_code == 2 and "no such file" in r.output


def test_eval_retrieval_json(tmp_path: Path) -> None:
    r = runner.invoke(
        app,
        ["eval", "retrieval", "--corpus", str(MINI), "--queries", str(MINI / "queries.jsonl"),
         "--qrels", str(MINI / "qrels" / "test.tsv"), "--json"],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout.strip().splitlines()[-1])
    for key in ["ndcg@10", "recall@10", "recall@100", "mrr", "queries", "qps"]:
        assert key in data
    assert data["queries"] == 4
    assert data["mrr"] == 1.0


def test_eval_answers_json(tmp_path: Path) -> None:
    r = runner.invoke(
        app,
        ["eval", "answers", "--corpus", str(MINI), "--queries", str(MINI / "queries.jsonl"),
         "--qrels", str(MINI / "qrels" / "test.tsv"), "--json"],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout.strip().splitlines()[-1])
    for key in ["queries", "verdict_accuracy", "verdict_macro_f1", "abstain_rate", "statements",
                "statements_supported_rate", "citations_resolvable_rate", "gold_cited_rate",
                "latency_p50_ms", "latency_p95_ms"]:  # fmt: skip
        assert key in data
    assert data["citations_resolvable_rate"] == 1.0
    assert data["gold_cited_rate"] == 1.0
    assert data["verdict_accuracy"] >= 0.75


HEAVY = ("sqlalchemy", "alembic", "pydantic", "fastapi", "starlette", "uvicorn", "tantivy", "lxml", "numpy")
OURS_HEAVY = ("clinevidence.answer", "clinevidence.review", "clinevidence.web", "clinevidence.integrations",
              "clinevidence.library", "clinevidence.retrieval", "clinevidence.ingest")  # fmt: skip
PROBE = """
import sys
from clinevidence.cli import app
try:
    app(["--help"])
except SystemExit:
    pass
print("\\n".join(sorted(sys.modules)))
"""


def test_help_imports_no_heavy_stack() -> None:
    """`clinevidence --help` start-up (timed in docs/benchmarks.md, never here): no database, web or answer stack."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    loaded = set(r.stdout.split())
    assert "clinevidence.cli" in loaded
    bad = sorted(m for m in loaded if m.split(".")[0] in HEAVY or m.startswith(OURS_HEAVY))
    assert bad == []


def test_lazy_commands_match_their_modules() -> None:
    from clinevidence._lazycli import LazyGroup, load

    for name, (_module, _attr, help_text) in LazyGroup.lazy.items():
        real = load(name)
        assert " ".join((real.help or "").split()) == help_text, name
    r = runner.invoke(app, ["users", "--help"])
    assert r.exit_code == 0 and "add" in r.output


def test_cli_audience_mirrors_the_answer_audience() -> None:
    from clinevidence.answer.models import Audience as AnswerAudience
    from clinevidence.cli import Audience

    assert [a.value for a in Audience] == [a.value for a in AnswerAudience]
