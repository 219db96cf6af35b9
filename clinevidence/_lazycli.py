"""A Typer group whose sub-commands from other packages are imported only when they run.

``clinevidence --help`` lists them from a static table (name → module, attribute, one-line help) instead of
importing their modules, which may pull in SQLAlchemy, the web stack or the review domain. The real command is
loaded in ``resolve_command``, i.e. only when it is about to run (or when its own ``--help`` is asked for).
"""

from __future__ import annotations

import importlib
from typing import ClassVar

import typer
from typer import _click as click  # Typer >= 0.20 vendors Click; its classes are what TyperGroup uses
from typer.core import TyperCommand, TyperGroup


class _Placeholder(TyperCommand):
    """Stands in for a lazy command in the top-level help listing."""


class LazyGroup(TyperGroup):
    lazy: ClassVar[dict[str, tuple[str, str, str]]] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in self.lazy if n not in self.commands)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is None and cmd_name in self.lazy:
            return _Placeholder(cmd_name, help=self.lazy[cmd_name][2])
        return cmd

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, cmd, rest = super().resolve_command(ctx, args)
        if isinstance(cmd, _Placeholder) and name is not None:
            cmd = load(name)
            self.add_command(cmd, name)
        return name, cmd, rest


def load(name: str) -> click.Command:
    """The real click command behind lazy entry ``name``."""
    module, attr, _help = LazyGroup.lazy[name]
    obj = getattr(importlib.import_module(module), attr)
    if isinstance(obj, typer.Typer):
        cmd = typer.main.get_command(obj)
    else:
        single = typer.Typer()
        single.command(name)(obj)
        cmd = typer.main.get_command(single)
    cmd.name = name
    return cmd
