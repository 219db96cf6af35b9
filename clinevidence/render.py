"""Rich terminal rendering of an Answer."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from .answer.models import Answer, Statement


def _line(st: Statement) -> str:
    cites = ", ".join(str(n) for n in st.citations)
    badge = "" if st.supported else " [red](unsupported)[/]"
    return f"{escape(st.text)} [cyan][{cites}][/]{badge}"


def render_answer(console: Console, answer: Answer) -> None:
    if answer.notice:
        console.print(Panel(escape(answer.notice), style="bold yellow", title="Notice"))
    console.print(f"\n[bold]{escape(answer.title)}[/]")
    console.print(f"[dim]{escape(answer.question)}[/]")
    console.print("[yellow]Educational purpose only • content pending human review[/]\n")
    for st in answer.summary:
        console.print(_line(st))
    for sec in answer.sections:
        console.print(f"\n[bold underline]{escape(sec.heading)}[/]")
        for st in sec.statements:
            console.print(f"  • {_line(st)}")
    if answer.references:
        console.print("\n[bold]References[/]")
        for r in answer.references:
            ids = " ".join(x for x in [f"PMID {r.pmid}" if r.pmid else "", f"doi:{r.doi}" if r.doi else ""] if x)
            console.print(
                f" {r.n}. [magenta]{r.type_label}[/] {escape(r.title)} — {escape(r.source)}"
                f"{', ' + str(r.year) if r.year else ''} {escape(ids)}"
            )
    if answer.follow_ups:
        console.print("\n[bold]Follow-up questions[/]")
        for q in answer.follow_ups:
            console.print(f" ? {escape(q)}")
    console.print(f"\n[dim]{escape(answer.disclaimer)}[/]")
    rc = answer.receipt
    console.print(f"[dim]receipt: {rc.engine} {rc.engine_version} config {rc.config_hash} {rc.library_snapshot}[/]")
