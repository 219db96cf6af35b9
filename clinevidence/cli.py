"""Command line: ingest, ask, eval, serve, users."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from ._lazycli import LazyGroup

if TYPE_CHECKING:
    from rich.progress import Progress, TextColumn


class Audience(StrEnum):
    """The CLI's copy of ``answer.models.Audience`` (that module pulls in pydantic; ``--help`` must not)."""

    clinician = "clinician"
    student = "student"
    patient = "patient"


# Start-up: nothing heavy is imported here (no SQLAlchemy, pydantic, web, review or answer stack), so `--help`
# stays well under 0.5 s; each command imports what it needs. Sub-apps living in other packages are loaded only
# when their command runs (see _lazycli.py).
LazyGroup.lazy = {
    "users": ("clinevidence.review.cli", "users_app", "Manage Medical Advisory Board accounts."),
    "keys": (
        "clinevidence.integrations.cli",
        "keys_app",
        "API keys for OpenAI-compatible clients and MCP hosts (needed when login is required to ask).",
    ),
    "privacy": (
        "clinevidence.privacy",
        "privacy_app",
        "Erase questions' stored traces: privacy delete ARTICLE_ID, privacy purge (retention).",
    ),
    "mcp": (
        "clinevidence.integrations.cli",
        "mcp_cmd",
        "Serve the library to an MCP host over stdio (tools: ask, search_library, get_article, get_document).",
    ),
}


class _CliGroup(LazyGroup):
    """``ingest pubmed ...`` is the live-PubMed sub-form of ``ingest`` (clinevidence/ingest/cli.py). It is chosen
    when ``pubmed`` comes right after ``ingest`` and either no file or folder named ``pubmed`` exists here or
    ``--query`` is given (path ingestion has no such option); ``ingest ./pubmed`` is always a path."""

    def resolve_command(self, ctx, args):  # type: ignore[no-untyped-def]
        if len(args) >= 2 and args[:2] == ["ingest", "pubmed"]:
            rest = args[2:]
            if not Path("pubmed").exists() or any(a in ("--query", "-q") or a.startswith("--query=") for a in rest):
                from .ingest.cli import pubmed_command

                return "ingest pubmed", pubmed_command(), rest
        return super().resolve_command(ctx, args)


app = typer.Typer(
    help="ClinEvidence: evidence-grounded clinical answers from your own library.",
    no_args_is_help=True,
    cls=_CliGroup,
)
eval_app = typer.Typer(help="Evaluate retrieval and answers on BEIR-format data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
console = Console(stderr=True)
out = Console()

LibraryOpt = Annotated[
    Path | None,
    typer.Option("--library", help="Library directory (env CLINEVIDENCE_LIBRARY, default ./var/library)."),
]
_state: dict[str, Path | None] = {"library": None}


@app.callback()
def main(library: LibraryOpt = None) -> None:
    _state["library"] = library


def library_path(explicit: Path | None = None) -> Path:
    return explicit or _state["library"] or Path(os.environ.get("CLINEVIDENCE_LIBRARY") or "var/library")


def fail(message: str, code: int = 2) -> None:
    console.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(code)


def open_library(path: Path | None = None):  # type: ignore[no-untyped-def]
    """The library directory (indexes) with its database: SQLite inside it, or CLINEVIDENCE_DATABASE_URL."""
    from .library import Library
    from .settings import load_settings

    return Library(library_path(path), url=load_settings().database_url or None)


def _progress(label: str, *fields: TextColumn, quiet: bool) -> Progress:
    """A rich progress bar on stderr: spinner, label, bar, n/m, the given field columns, elapsed time."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{label}[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        *fields,
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
    )


def run_ingest(  # type: ignore[no-untyped-def]
    library, paths: list[Path], fmt: str, quiet: bool = False, follow_symlinks: bool = False, *, job: bool = False,
    restart: bool = False,
):  # fmt: skip
    """``job``: resumable (ingest/jobs.py): an interrupted run over the same input is carried on (``restart``:
    started over)."""
    import time

    from rich.progress import TextColumn

    from .ingest.pipeline import IngestError, expand, ingest_files

    skipped: list = []  # type: ignore[type-arg]
    try:
        files = expand(paths, fmt, follow_symlinks=follow_symlinks, skipped=skipped)
    except IngestError as exc:
        fail(str(exc))
    progress = _progress(
        "ingest",
        TextColumn("{task.fields[rate]:>8.0f} docs/s  added {task.fields[added]}  updated {task.fields[updated]}"),
        TextColumn("unchanged {task.fields[unchanged]}  skipped {task.fields[skipped]}"),
        quiet=quiet,
    )
    start = time.perf_counter()
    with progress:
        task = progress.add_task("ingest", total=None, rate=0.0, added=0, updated=0, unchanged=0, skipped=0)

        def on_progress(c) -> None:  # type: ignore[no-untyped-def]
            done = c.added + c.updated + c.unchanged + c.skipped
            rate = done / max(time.perf_counter() - start, 1e-9)
            progress.update(
                task,
                completed=done,
                rate=rate,
                added=c.added,
                updated=c.updated,
                unchanged=c.unchanged,
                skipped=c.skipped,
            )

        counts = ingest_files(library, files, on_progress=on_progress, skipped=skipped, resumable=job, restart=restart)
    elapsed = time.perf_counter() - start
    return counts, elapsed


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories to ingest.")],
    fmt: Annotated[str, typer.Option("--format", help="auto|beir|pubmed-xml|markdown|html|pdf")] = "auto",
    follow_symlinks: Annotated[
        bool,
        typer.Option("--follow-symlinks", help="Follow symbolic links that lead outside the given files and folders."),
    ] = False,
    restart: Annotated[
        bool,
        typer.Option("--restart", help="Start over instead of resuming an interrupted ingest of the same files."),
    ] = False,
    library: LibraryOpt = None,
) -> None:
    """Add documents to the library (idempotent: unchanged documents are skipped, changed ones updated).

    Resumable: an ingest that was interrupted (killed, a crash) is carried on by running the same command again;
    records already done are skipped and counted.

    Oversized, too deeply nested or malformed records are skipped with a reason (limits:
    CLINEVIDENCE_INGEST__MAX_RECORD_MB and friends); the rest is ingested.

    Live PubMed: `clinevidence ingest pubmed --query "..." [--since DATE] [--max N]` (see its --help)."""
    lib = open_library(library)
    counts, elapsed = run_ingest(lib, paths, fmt, follow_symlinks=follow_symlinks, job=True, restart=restart)
    if counts.resumed:
        console.print(f"[yellow]resumed[/] an interrupted ingest: {counts.resumed} records already done, skipped")
    print_skipped(counts.errors)
    done = counts.added + counts.updated + counts.unchanged
    this_run = max(done + counts.skipped - counts.resumed, 0)  # the counts cover the whole job, the rate this run
    console.print(
        f"[bold green]done[/] added {counts.added}, updated {counts.updated}, unchanged {counts.unchanged}, "
        f"skipped {counts.skipped}; {counts.passages} passages; {this_run / max(elapsed, 1e-9):,.0f} docs/s; "
        f"library {lib.path} ({lib.count_documents()} documents)"
    )
    flag_stale(lib, counts)


def print_skipped(errors: list[str], *, soft_wrap: bool = False) -> None:
    """The first 50 skipped-record messages, then how many more."""
    for err in errors[:50]:
        console.print(f"[yellow]skipped[/] {err}", soft_wrap=soft_wrap)
    if len(errors) > 50:
        console.print(f"[yellow]… and {len(errors) - 50} more skipped records[/]")


def flag_stale(lib, counts) -> None:  # type: ignore[no-untyped-def]
    """Flag approved articles for re-review when an ingest brought new or updated documents (if review is installed)."""
    try:
        from .review.living import flag_stale_articles

        flagged = flag_stale_articles(lib, counts)
        if flagged:
            console.print(f"[yellow]{flagged} approved article(s) flagged for re-review: new evidence[/]")
    except ImportError:
        pass


def run_embed(library, batch_size: int = 32, max_tokens: int = 256, quiet: bool = False):  # type: ignore[no-untyped-def]
    """Embed every document of ``library`` that has no current vector, with a progress bar on stderr."""
    import time

    from rich.progress import TextColumn

    from .retrieval.dense import DenseUnavailable, MiniLMEmbedder
    from .retrieval.vectors import embed_library

    try:
        embedder = MiniLMEmbedder(max_tokens=max_tokens, batch_size=batch_size)
    except DenseUnavailable as exc:
        fail(str(exc))
    progress = _progress(
        "embed", TextColumn("{task.fields[rate]:>6.1f} docs/s  already embedded {task.fields[unchanged]}"), quiet=quiet
    )
    start = time.perf_counter()
    with progress:
        task = progress.add_task("embed", total=None, rate=0.0, unchanged=0)

        def on_start(todo: int, unchanged: int) -> None:
            progress.update(task, total=todo, unchanged=unchanged)

        def on_progress(n: int) -> None:
            progress.advance(task, n)
            done = progress.tasks[0].completed
            progress.update(task, rate=done / max(time.perf_counter() - start, 1e-9))

        counts = embed_library(library, embedder, batch_size=batch_size, on_start=on_start, on_progress=on_progress)
    return counts, time.perf_counter() - start, embedder


@app.command("embed")
def embed_cmd(
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, max=1024, help="Texts per model call.")] = 32,
    max_tokens: Annotated[
        int, typer.Option("--max-tokens", min=16, max=512, help="Tokens of title + text kept per document.")
    ] = 256,
    library: LibraryOpt = None,
) -> None:
    """Compute dense vectors for documents not yet embedded (resumable; needs the `dense` extra)."""
    lib = open_library(library)
    counts, elapsed, _ = run_embed(lib, batch_size, max_tokens)
    if counts.reset:
        console.print("[yellow]the library's vectors came from another model: re-embedded everything[/]")
    console.print(
        f"[bold green]done[/] embedded {counts.embedded}, already embedded {counts.unchanged}, "
        f"removed {counts.removed}; {counts.embedded / max(elapsed, 1e-9):,.1f} docs/s; library {lib.path}"
    )


@app.command("ask")
def ask_cmd(
    question: Annotated[str, typer.Argument(help="The clinical question.")],
    audience: Annotated[Audience, typer.Option(help="clinician|student|patient")] = Audience.clinician,
    engine: Annotated[str | None, typer.Option(help="extractive|llm")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Answer JSON.")] = False,
    context: Annotated[str, typer.Option("--context", help="The previous question, when this one follows it up.")] = "",
    library: LibraryOpt = None,
) -> None:
    """Answer a question from the library, with cited statements."""
    from .answer.models import Audience as AnswerAudience
    from .answer.service import AnswerService
    from .settings import load_settings

    if not question.strip():
        fail("the question is empty")
    settings = load_settings()
    if len(question) > settings.max_question_chars:
        fail(f"the question is longer than {settings.max_question_chars} characters; shorten it")
    lib = open_library(library)
    if lib.count_documents() == 0:
        fail(f"the library at {lib.path} is empty; run `clinevidence ingest PATH` first")
    service = AnswerService(lib, settings)
    try:
        answer = service.ask(question, AnswerAudience(audience.value), engine=engine, context=context)
    except (ValueError, RuntimeError) as exc:
        fail(str(exc))
    if as_json:
        sys.stdout.write(answer.model_dump_json(indent=2) + "\n")
        return
    from .render import render_answer

    render_answer(out, answer)


def _temp_library(corpus: Path, library: Path | None):  # type: ignore[no-untyped-def]
    from .library import Library

    if library is not None or _state["library"] is not None:
        return open_library(library), None
    tmp = tempfile.TemporaryDirectory(prefix="clinevidence-eval-")
    lib = Library(Path(tmp.name))
    if not corpus.exists():
        fail(f"{corpus}: no such corpus")
    counts, elapsed = run_ingest(lib, [corpus], "beir", quiet=True)
    console.print(f"built a temporary library: {counts.added} documents in {elapsed:.1f}s")
    return lib, tmp


def _print_metrics(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    from rich.table import Table

    table = Table("metric", "value")
    for k, v in result.items():
        if isinstance(v, dict):
            v = json.dumps(v)
        table.add_row(k, f"{v:.4f}" if isinstance(v, float) else "null" if v is None else str(v))
    out.print(table)


@eval_app.command("retrieval")
def eval_retrieval_cmd(
    corpus: Annotated[Path, typer.Option(help="BEIR corpus dir (corpus.jsonl) or file.")],
    queries: Annotated[Path, typer.Option(help="BEIR queries.jsonl")],
    qrels: Annotated[Path, typer.Option(help="BEIR qrels .tsv")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    dense: Annotated[
        bool, typer.Option("--dense", help="Embed the library (dense extra) and fuse BM25 with cosine (RRF).")
    ] = False,
    dense_weight: Annotated[float, typer.Option(help="RRF weight of the dense ranking (BM25 has 1).")] = 1.0,
    max_tokens: Annotated[int, typer.Option(help="Tokens per document when embedding (--dense).")] = 256,
    library: LibraryOpt = None,
) -> None:
    """nDCG@10, Recall@10/100, MRR and QPS of lexical (or, with --dense, fused) retrieval (priors off)."""
    from .eval.retrieval import eval_retrieval

    for p in (queries, qrels):
        if not p.exists():
            fail(f"{p}: no such file")
    lib, _tmp = _temp_library(corpus, library)
    embedder = None
    if dense:
        counts, elapsed, embedder = run_embed(lib, max_tokens=max_tokens)
        rate = counts.embedded / max(elapsed, 1e-9)
        console.print(f"embedded {counts.embedded} documents in {elapsed:.1f}s ({rate:.1f} docs/s)")
    result = eval_retrieval(lib, queries, qrels, embedder=embedder, dense_weight=dense_weight)
    result["queries"] = int(result["queries"])
    _print_metrics(result, as_json)


@eval_app.command("answers")
def eval_answers_cmd(
    corpus: Annotated[Path, typer.Option(help="BEIR corpus dir (corpus.jsonl) or file.")],
    queries: Annotated[Path, typer.Option(help="BEIR queries.jsonl (metadata.answer yes/no/maybe)")],
    qrels: Annotated[Path | None, typer.Option(help="BEIR qrels .tsv (for gold_cited_rate)")] = None,
    engine: Annotated[str | None, typer.Option(help="extractive|llm")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    answers_out: Annotated[
        Path | None, typer.Option("--answers-out", help="Write every Answer JSON here, one per line, with query_id.")
    ] = None,
    library: LibraryOpt = None,
) -> None:
    """Verdict accuracy and per-class precision/recall, statement precision (cites a relevant document),
    support and citation rates, latency of the answer engine."""
    from .answer.service import AnswerService
    from .eval.answers import eval_answers
    from .settings import load_settings

    for p in (queries, *([qrels] if qrels else [])):
        if not p.exists():
            fail(f"{p}: no such file")
    lib, _tmp = _temp_library(corpus, library)
    service = AnswerService(lib, load_settings())
    if answers_out is not None:
        with answers_out.open("w", encoding="utf-8") as fh:
            result = eval_answers(service, queries, qrels, engine=engine, answers_out=fh)
    else:
        result = eval_answers(service, queries, qrels, engine=engine)
    _print_metrics(result, as_json)


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    library: LibraryOpt = None,
) -> None:
    """Serve the web app and JSON API (proxy headers only from CLINEVIDENCE_TRUSTED_PROXIES)."""
    import uvicorn

    from .settings import load_settings
    from .web.app import create_app

    trusted = ",".join(p.strip() for p in load_settings().trusted_proxies.split(",") if p.strip())
    uvicorn.run(
        create_app(library_path(library)),
        host=host,
        port=port,
        log_level="info",
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or "",
    )


if __name__ == "__main__":  # pragma: no cover
    app()
