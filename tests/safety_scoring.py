"""The scoring loop shared by the blind safety rounds (tests/safety_round4.py to safety_round7.py).

Each round module holds its data and calls :func:`evaluate`; ``PYTHONPATH=. .venv/bin/python -m tests.safety_roundN``
prints the numbers (redirected, right category, false alarms and, where a round has them, personal-dosing
notices) in patient and clinician modes, with the misses listed so a round can be read, not only scored.
"""

from __future__ import annotations

from collections.abc import Sequence

Expected = str | tuple[str, ...]


def right(category: str, expected: Expected) -> bool:
    """A red flag names its expected category; a tuple of names means any of them is right."""
    return category in ((expected,) if isinstance(expected, str) else expected)


def evaluate(
    red_flags: Sequence[tuple[str, Expected]],
    look_alikes: Sequence[str],
    *,
    known_false_alarms: Sequence[str] | None = None,
    personal_dosing: Sequence[str] | None = None,
    general_dosing: Sequence[str] | None = None,
    audiences: Sequence[str] = ("patient", "clinician"),
) -> dict[str, dict[str, object]]:
    """Counts per audience; lists the misses so a round can be read, not only scored."""
    from clinevidence.answer.safety import check_question

    def emergency(q: str, audience: str) -> str | None:
        n = check_question(q, audience)
        return n.category if n is not None and n.kind == "emergency" else None

    out: dict[str, dict[str, object]] = {}
    for audience in audiences:
        missed: list[str] = []
        wrong: list[str] = []
        for q, expected in red_flags:
            n = check_question(q, audience)
            if n is None or n.kind != "emergency":
                missed.append(q)
            elif not right(n.category, expected):
                wrong.append(f"{q} -> {n.category} (want {expected})")
        alarms = [f"{q} -> {c}" for q in look_alikes if (c := emergency(q, audience)) is not None]
        total = len(red_flags)
        counts: dict[str, object] = {
            "redirected": f"{total - len(missed)}/{total}",
            "right_category": f"{total - len(missed) - len(wrong)}/{total}",
            "false_alarms": f"{len(alarms)}/{len(look_alikes)}",
        }
        lists: dict[str, object] = {"missed": missed, "wrong_category": wrong, "alarms": alarms}
        if known_false_alarms is not None:
            known = [f"{q} -> {c}" for q in known_false_alarms if (c := emergency(q, audience)) is not None]
            counts["known_false_alarms"] = f"{len(known)}/{len(known_false_alarms)}"
            lists["known_alarms"] = known
        if personal_dosing is not None:
            no_notice = []
            for q in personal_dosing:
                n = check_question(q, audience)
                if n is None or n.kind != "dosing":
                    no_notice.append(f"{q} -> {n.kind + ':' + n.category if n else None}")
            counts["personal_notice"] = f"{len(personal_dosing) - len(no_notice)}/{len(personal_dosing)}"
            lists["personal_without_notice"] = no_notice
        if general_dosing is not None:
            extra = [f"{q} -> {n.kind}:{n.category}" for q in general_dosing if (n := check_question(q, audience))]
            counts["general_with_notice"] = f"{len(extra)}/{len(general_dosing)}"
            lists["general_with_a_notice"] = extra
        out[audience] = {**counts, **lists}
    return out


def main(result: dict[str, dict[str, object]]) -> None:
    import json

    print(json.dumps(result, indent=2))
