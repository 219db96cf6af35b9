"""`clinevidence users ...`: operators create accounts, change roles and disable them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .errors import AccountError

users_app = typer.Typer(help="Manage Medical Advisory Board accounts.", no_args_is_help=True)
_err = Console(stderr=True)
_out = Console()

LibraryOpt = Annotated[
    Path | None,
    typer.Option("--library", help="Library directory (env CLINEVIDENCE_LIBRARY, default ./var/library)."),
]


def _accounts(library: Path | None):  # type: ignore[no-untyped-def]
    """Accounts over the library database, without opening the search indexes."""
    from ..cli import library_path
    from ..library.db import database_url, make_engine, migrate
    from ..settings import load_settings
    from .accounts import Accounts

    path = library_path(library)
    path.mkdir(parents=True, exist_ok=True)
    engine = make_engine(load_settings().database_url or database_url(path))
    migrate(engine)
    return Accounts(engine)


def _fail(message: str) -> None:
    _err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(2)


@users_app.command("add")
def add_cmd(
    name: Annotated[str, typer.Argument(help="Username (letters, digits, '.', '_', '-').")],
    role: Annotated[str, typer.Option(help="reader|clinician|reviewer|editor|admin")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    display_name: Annotated[str, typer.Option(help="Name shown on reviewed articles.")] = "",
    credentials: Annotated[str, typer.Option(help='e.g. "MD, Oncology".')] = "",
    library: LibraryOpt = None,
) -> None:
    """Create an account. The password comes from stdin only (never the command line, where `ps` shows it)."""
    if not password_stdin:
        _fail('pass --password-stdin and pipe the password in, e.g. `printf %s "$PW" | clinevidence users add ...`')
    password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = _accounts(library).create_user(name, password, role, display_name=display_name, credentials=credentials)
    except AccountError as exc:
        _fail(exc.message)
        return
    _out.print(f"created {user.username} ({user.role})")


@users_app.command("set-role")
def set_role_cmd(
    name: Annotated[str, typer.Argument(help="Username.")],
    role: Annotated[str, typer.Argument(help="reader|clinician|reviewer|editor|admin")],
    library: LibraryOpt = None,
) -> None:
    """Change a user's role (their sessions end; the new role applies at the next sign-in)."""
    try:
        user = _accounts(library).set_role(name, role)
    except AccountError as exc:
        _fail(exc.message)
        return
    _out.print(f"{user.username} is now {user.role}")


@users_app.command("disable")
def disable_cmd(name: Annotated[str, typer.Argument(help="Username.")], library: LibraryOpt = None) -> None:
    """Disable an account and end all its sessions."""
    try:
        user = _accounts(library).disable(name)
    except AccountError as exc:
        _fail(exc.message)
        return
    _out.print(f"{user.username} is disabled")


@users_app.command("list")
def list_cmd(library: LibraryOpt = None) -> None:
    """Accounts with their roles."""
    table = Table("username", "display name", "credentials", "role", "status", "created")
    for u in _accounts(library).list_users():
        created = u.created_at.strftime("%Y-%m-%d")
        table.add_row(
            u.username, u.display_name, u.credentials, u.role, "disabled" if u.disabled else "active", created
        )
    _out.print(table)
