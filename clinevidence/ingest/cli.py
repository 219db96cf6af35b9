"""`clinevidence ingest pubmed --query ...`: live PubMed through E-utilities, resumable, scheduled by --since."""

from __future__ import annotations

from typing import Annotated

import typer
from typer import _click as click

from ..cli import LibraryOpt, _progress, console, fail, flag_stale, open_library, print_skipped

EXIT_REMOTE = 1  # NCBI unreachable or refusing: worth retrying later (bad input exits 2, as elsewhere)


def pubmed_cmd(
    ctx: typer.Context,
    query: Annotated[str, typer.Option("--query", "-q", help="PubMed search, in PubMed's own syntax.")],
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only records that entered PubMed on or after this date (YYYY-MM-DD; Entrez date, edat). "
            "Default: the end date of the last complete run of the same query; none on a first run.",
        ),
    ] = None,
    max_records: Annotated[
        int | None, typer.Option("--max", min=1, help="Fetch at most this many records (PubMed's order).")
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            envvar="NCBI_API_KEY",
            show_envvar=True,
            help="NCBI API key: 10 requests/s instead of 3. Prefer the environment variable (a command line is "
            "visible to other users); CLINEVIDENCE_EUTILS__API_KEY works too.",
        ),
    ] = None,
    batch_size: Annotated[
        int | None,
        typer.Option("--batch-size", min=1, max=10_000, help="Records per efetch request (default 500)."),
    ] = None,
    restart: Annotated[
        bool, typer.Option("--restart", help="Discard an interrupted run of this query instead of resuming it.")
    ] = False,
    library: LibraryOpt = None,
) -> None:
    """Search PubMed and ingest what matches (idempotent; an interrupted run resumes where it stopped).

    esearch (history) then efetch in batches; at most 3 requests/s without an API key, 10 with one; retried with
    backoff on 429/5xx/network errors. New or updated documents flag approved answers for re-review.
    """
    from ..settings import load_settings
    from .eutils import EUtils, EUtilsError
    from .pubmed_live import PubMedInputError, PubMedRun, ingest_pubmed, normalize_query, parse_date

    settings = load_settings().eutils
    try:
        q = normalize_query(query)
        since_date = parse_date(since) if since is not None else None
    except PubMedInputError as exc:
        fail(str(exc))
    key = api_key or settings.api_key or None  # (--api-key reads NCBI_API_KEY itself)
    # The global --library from the root context: under `python -m clinevidence.cli` the root command's module
    # is __main__, not the clinevidence.cli imported here, so its saved state is not ours to read.
    lib = open_library(library or ctx.find_root().params.get("library"))
    seen: dict[str, PubMedRun] = {}
    progress = _progress("pubmed", quiet=False)
    with (
        progress,
        EUtils(
            base_url=settings.base_url,
            api_key=key,
            email=settings.email,
            attempts=settings.attempts,
            timeout=settings.timeout,
        ) as eutils,
    ):
        task = progress.add_task("pubmed", total=None)

        def on_start(run: PubMedRun) -> None:
            seen["run"] = run
            progress.update(task, total=run.selected, completed=run.fetched)

        def on_batch(run: PubMedRun) -> None:
            progress.update(task, completed=run.fetched)

        try:
            run = ingest_pubmed(
                lib,
                eutils,
                q,
                since=since_date,
                max_records=max_records,
                batch_size=batch_size or settings.batch_size,
                restart=restart,
                on_start=on_start,
                on_batch=on_batch,
            )
        except PubMedInputError as exc:
            progress.stop()
            fail(str(exc))
        except EUtilsError as exc:
            progress.stop()
            partial = seen.get("run")
            saved = (
                f"; progress saved ({partial.fetched:,} of {partial.selected:,} records): run the same command "
                "again to resume"
                if partial and partial.fetched
                else ""
            )
            fail(f"{exc}{saved}", EXIT_REMOTE)
    _report(lib, run)


def _report(lib, run) -> None:  # type: ignore[no-untyped-def]
    for warning in run.warnings:
        console.print(f"[yellow]PubMed:[/] {warning}", soft_wrap=True)
    c = run.counts
    print_skipped(c.errors, soft_wrap=True)
    since = f"{run.mindate.isoformat()} ({run.since_source})" if run.mindate else "any date"
    resumed = f", {run.batches_skipped} already done by an interrupted run" if run.batches_skipped else ""
    console.print(
        f"[bold green]done[/] PubMed: {run.matched:,} matching (entry date {since} to {run.maxdate.isoformat()}), "
        f"fetched {run.fetched:,} in {run.batches} batch(es){resumed}; added {c.added}, updated {c.updated}, "
        f"unchanged {c.unchanged}, skipped {c.skipped}; {c.passages} passages; library {lib.path} "
        f"({lib.count_documents()} documents)",
        soft_wrap=True,
    )
    if run.complete:
        console.print(f"next run of this query: --since {run.maxdate.isoformat()} (the default)")
    flag_stale(lib, c)


def pubmed_command() -> click.Command:
    """The click command behind `clinevidence ingest pubmed` (resolved by the CLI's group, see cli.py)."""
    single = typer.Typer(add_completion=False)
    single.command("pubmed")(pubmed_cmd)
    return typer.main.get_command(single)
