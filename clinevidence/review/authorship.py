"""Who wrote what: the board members whose edits survive in a version, statement by statement.

The four-eyes rule is about content, not versions: an approver must have written none of the statements changed
since the baseline (version 1: the generated answer, or for a revision the approved content it starts from).
Each statement is followed through the versions: consecutive versions are aligned (difflib), a rewritten
statement keeps its lineage and gains the editor, a moved one is recognised by its content, and everyone who
touched a statement's lineage counts as one of its writers — so a second member's trivial edit never takes the
first member's rewrite off their name.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..answer.models import Answer
from .grounding import short, statement_places
from .models import ArticleVersion

Unit = tuple[str, str, tuple[int, ...], tuple[str, str]]  # section, text, citations, expert (doc, rationale)


def _units(answer: Answer) -> list[Unit]:
    out = []
    for _ref, section, st in statement_places(answer):
        expert = (st.expert.doc_id, st.expert.rationale) if st.expert else ("", "")
        out.append((section, st.text, tuple(st.citations), expert))
    return out


Writers = dict[str, frozenset[str]]  # member -> the kinds of change they made (rewrote, citations, expert, ...)


def _step(before: Unit | None, after: Unit) -> str:
    if before is None:
        return "added"
    if before[1] != after[1]:
        return "rewrote"
    if before[3] != after[3]:
        return "expert"  # marking cites the expert's document too
    if before[2] != after[2]:
        return "citations"
    return "moved"


def _join(writers: Writers, who: str | None, kind: str) -> Writers:
    if who is None:
        return dict(writers)
    return {**writers, who: writers.get(who, frozenset()) | {kind}}


@dataclass(slots=True)
class _Tracked:
    content: Unit
    root: Unit | None  # the baseline statement it descends from
    writers: Writers = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Change:
    """One change since the baseline that is in the version, and the members who wrote it."""

    kind: str  # added | rewrote | citations | expert | removed | moved | headline
    section: str
    text: str
    by: Writers

    @property
    def writers(self) -> frozenset[str]:
        return frozenset(self.by)

    def description(self, writer: str | None = None) -> str:
        """What ``writer`` did to this statement (their own kinds of change), or the change as a whole."""
        quoted = f"“{short(self.text, 70)}”"
        kinds = sorted(self.by.get(writer, frozenset())) if writer else []
        verbs = {
            "added": "added",
            "rewrote": "rewrote",
            "citations": "changed the citations of",
            "expert": "marked as an expert statement",
            "removed": "removed",
            "moved": "moved",
        }
        if self.kind == "headline":
            return f"changed the title or recommendation to {quoted}"
        if self.kind == "removed" and writer:
            kinds = ["removed"] if "removed" in self.by.get(writer, frozenset()) else kinds
        said = " and ".join(verbs[k] for k in (kinds or [self.kind]))
        return f"{said} {quoted} ({self.section})"


def _human(editor: str | None) -> str | None:
    return editor if editor and not editor.startswith("engine:") else None


def _headline(answer: Answer) -> tuple[str, str, str, str]:
    return answer.title, str(answer.verdict), answer.recommendation, answer.verdict_label


def _kind(t: _Tracked) -> str:
    return _step(t.root, t.content)


def changes_since_baseline(versions: Iterable[ArticleVersion]) -> list[Change]:
    """The changes in the last of ``versions`` relative to the first, each with its writers."""
    answers = [(Answer.model_validate_json(v.answer_json), _human(v.editor)) for v in versions]
    if not answers:
        return []
    base = answers[0][0]
    prev = [_Tracked(u, u) for u in _units(base)]
    removed: list[_Tracked] = []
    headline_writers: Writers = {}
    last_headline = _headline(base)
    for answer, editor in answers[1:]:
        units = _units(answer)
        slots: list[_Tracked | None] = [None] * len(units)
        orphans: list[_Tracked] = []
        matcher = difflib.SequenceMatcher(a=[t.content for t in prev], b=units, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    slots[j1 + k] = prev[i1 + k]
            elif tag == "replace":
                block = prev[i1:i2]
                union: Writers = {}
                for t in block:  # conservative: a rewritten block keeps every writer of the block
                    for w, kinds in t.writers.items():
                        union[w] = union.get(w, frozenset()) | kinds
                for k in range(min(len(block), j2 - j1)):
                    kind = _step(block[k].content, units[j1 + k])
                    slots[j1 + k] = _Tracked(units[j1 + k], block[k].root, _join(union, editor, kind))
                orphans += block[j2 - j1 :]
            elif tag == "delete":
                orphans += prev[i1:i2]
        for j, slot in enumerate(slots):  # moved statements: the same content, somewhere else
            if slot is None:
                twin = next((o for o in orphans if o.content == units[j]), None)
                if twin is not None:
                    orphans.remove(twin)
                    slots[j] = _Tracked(units[j], twin.root, _join(twin.writers, editor, "moved"))
                else:
                    slots[j] = _Tracked(units[j], None, _join({}, editor, "added"))
        removed += [_Tracked(o.content, o.root, _join(o.writers, editor, "removed")) for o in orphans if o.root]
        prev = [s for s in slots if s is not None]
        headline = _headline(answer)
        if headline != last_headline:
            headline_writers = _join(headline_writers, editor, "headline")
            last_headline = headline
    out: list[Change] = []
    final = answers[-1][0]
    if _headline(final) != _headline(base):
        out.append(Change("headline", "Title", final.title, headline_writers))
    for t in prev:
        if t.root is None or t.content != t.root:
            out.append(Change(_kind(t), t.content[0], t.content[1], t.writers))
    present = {t.content for t in prev}
    for t in removed:
        if t.root not in present:
            assert t.root is not None
            out.append(Change("removed", t.root[0], t.root[1], t.writers))
    return out


def writers(changes: Iterable[Change]) -> set[str]:
    return {w for c in changes for w in c.writers}


def by_writer(changes: Iterable[Change]) -> dict[str, list[str]]:
    """Each member's changes in the version, as short descriptions, in reading order."""
    out: dict[str, list[str]] = {}
    for c in changes:
        for w in sorted(c.writers):
            out.setdefault(w, []).append(c.description(w))
    return out
