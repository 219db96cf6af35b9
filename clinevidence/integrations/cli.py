"""`clinevidence keys ...` (API keys for machine clients) and `clinevidence mcp` (an MCP server on stdio)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .apikeys import ApiKeyError

keys_app = typer.Typer(
    help="API keys for OpenAI-compatible clients and MCP hosts (needed when login is required to ask).",
    no_args_is_help=True,
)
_err = Console(stderr=True)
_out = Console()

LibraryOpt = Annotated[
    Path | None,
    typer.Option("--library", help="Library directory (env CLINEVIDENCE_LIBRARY, default ./var/library)."),
]


def _keys(library: Path | None):  # type: ignore[no-untyped-def]
    """The key table over the library database, without opening the search indexes."""
    from ..cli import library_path
    from ..library.db import database_url, make_engine, migrate
    from ..settings import load_settings
    from .apikeys import ApiKeys

    path = library_path(library)
    path.mkdir(parents=True, exist_ok=True)
    engine = make_engine(load_settings().database_url or database_url(path))
    migrate(engine)
    return ApiKeys(engine)


def _fail(message: str) -> None:
    _err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(2)


@keys_app.command("create")
def create_cmd(
    name: Annotated[str, typer.Argument(help="A name for the client, e.g. open-webui (letters, digits, . _ -).")],
    library: LibraryOpt = None,
) -> None:
    """Create a key and print it once on stdout (it is stored only as a hash)."""
    try:
        key = _keys(library).create(name, actor="cli")
    except ApiKeyError as exc:
        _fail(str(exc))
    _err.print(f"Created key [bold]{name}[/]. Store it now: it cannot be shown again.")
    print(key)


@keys_app.command("revoke")
def revoke_cmd(name: Annotated[str, typer.Argument(help="The key's name.")], library: LibraryOpt = None) -> None:
    """Revoke a key: requests with it are refused from now on."""
    try:
        _keys(library).revoke(name, actor="cli")
    except ApiKeyError as exc:
        _fail(str(exc))
    _err.print(f"Revoked key [bold]{name}[/].")


@keys_app.command("list")
def list_cmd(library: LibraryOpt = None) -> None:
    """Keys with their prefix, creation, last use and revocation times (never the keys themselves)."""
    table = Table("name", "prefix", "created", "last used", "revoked")
    for k in _keys(library).list():
        when = [x.isoformat(timespec="seconds") if x else "" for x in (k.created_at, k.last_used_at, k.revoked_at)]
        table.add_row(k.name, k.prefix + "…", *when)
    _out.print(table)


def mcp_cmd(library: LibraryOpt = None) -> None:
    """Serve the library to an MCP host over stdio (tools: ask, search_library, get_article, get_document)."""
    from ..cli import library_path
    from .mcp_server import run_stdio

    run_stdio(library_path(library))
