"""Reading what a model wrote: tolerant JSON, normalised answer fields, statements picked out of a stream."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .prompts import HEADINGS, VERDICTS

_FENCE = re.compile(r"^\s*```[a-zA-Z0-9_-]*\s*\n?|\n?\s*```\s*$")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_INLINE_CITE = re.compile(r"\s*[\[(]\s*((?:P\s*\d+)(?:\s*[,;]\s*(?:P\s*)?\d+)*)\s*[\])]", re.I)
_KEY = re.compile(r"^\[?\s*P?\s*(\d+)\s*\]?$", re.I)
_VERDICT_ALIASES = {
    "uncertain": "maybe",
    "unclear": "maybe",
    "mixed": "maybe",
    "inconclusive": "maybe",
    "insufficient evidence": "insufficient",
    "unknown": "insufficient",
    "not enough evidence": "insufficient",
}


class OutputError(ValueError):
    """The reply is not a JSON object of the answer shape; the message says what was wrong."""


def first_json_object(text: str) -> str | None:
    """The first balanced {...} block in ``text`` (string-aware), or None."""
    start = text.find("{")
    while start != -1:
        depth, in_str, esc = 0, False, False
        for i in range(start, len(text)):
            ch = text[i]
            if in_str:
                if esc:
                    esc = False
                elif ch == "\\":
                    esc = True
                elif ch == '"':
                    in_str = False
            elif ch == '"':
                in_str = True
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return text[start : i + 1]
        start = text.find("{", start + 1)
    return None


def parse_json(text: str) -> dict:
    """Parse a model's JSON reply: strip code fences, take the first {...} block, repair trailing commas."""
    cleaned = _FENCE.sub("", text.strip())
    candidates = [cleaned]
    block = first_json_object(cleaned)
    if block is not None and block != cleaned:
        candidates.append(block)
    for cand in candidates:
        for attempt in (cand, _TRAILING_COMMA.sub(r"\1", cand)):
            try:
                value = json.loads(attempt)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return value
    if block is None:
        raise OutputError("no JSON object found")
    raise OutputError("the JSON object does not parse")


@dataclass(slots=True)
class RawStatement:
    text: str
    keys: list[str]  # normalised model keys ("P3"), possibly invented


@dataclass(slots=True)
class RawAnswer:
    title_topic: str
    verdict: str
    summary: list[RawStatement]
    sections: list[tuple[str, list[RawStatement]]]
    follow_ups: list[str] = field(default_factory=list)

    def statements(self) -> list[RawStatement]:
        return [*self.summary, *(s for _, items in self.sections for s in items)]


def normalise_key(value: object) -> str | None:
    m = _KEY.match(str(value).strip())
    return f"P{int(m.group(1))}" if m else None


def _statement(item: object) -> RawStatement | None:
    cites: object
    if isinstance(item, str):
        text, cites = item, []
    elif isinstance(item, dict):
        text = str(item.get("text") or item.get("statement") or "")
        cites = item.get("cites", item.get("citations", []))
    else:
        return None
    if isinstance(cites, str | int):
        cites = re.split(r"[,;\s]+", str(cites))
    keys: list[str] = []
    raw_keys: list[object] = list(cites) if isinstance(cites, list) else []
    # Citations written into the text ("... [P2, P3]") count too, and are taken out of the text.
    for m in _INLINE_CITE.finditer(text):
        raw_keys.extend(re.split(r"\s*[,;]\s*", m.group(1)))
    text = _INLINE_CITE.sub("", text)
    for k in raw_keys:
        key = normalise_key(k)
        if key is None:
            key = f"?{str(k)[:20]}"  # unreadable: counted as invented
        if key not in keys:
            keys.append(key)
    text = " ".join(text.split())
    return RawStatement(text, keys) if text else None


def _statements(value: object) -> list[RawStatement]:
    if not isinstance(value, list):
        return []
    return [s for s in (_statement(v) for v in value) if s is not None]


def read_answer(obj: dict) -> RawAnswer:
    """Normalise a parsed reply; raise OutputError when it is not the answer shape at all."""
    if not any(k in obj for k in ("verdict", "summary", "sections")):
        raise OutputError("the object has none of verdict, summary, sections")
    verdict = str(obj.get("verdict") or "").strip().lower()
    verdict = _VERDICT_ALIASES.get(verdict, verdict)
    if verdict not in VERDICTS:
        verdict = "maybe"
    sections: list[tuple[str, list[RawStatement]]] = []
    for sec in obj.get("sections") or []:
        if not isinstance(sec, dict):
            continue
        heading = str(sec.get("heading") or "")
        canonical = next((h for h in HEADINGS if h.lower() == heading.strip().lower()), "Key evidence")
        sections.append((canonical, _statements(sec.get("statements"))))
    follow = obj.get("follow_ups") or []
    return RawAnswer(
        title_topic=" ".join(str(obj.get("title_topic") or "").split())[:120],
        verdict=verdict,
        summary=_statements(obj.get("summary")),
        sections=sections,
        follow_ups=[" ".join(str(q).split()) for q in follow if isinstance(q, str)][:6]
        if isinstance(follow, list)
        else [],
    )


class StatementStream:
    """Finds statement objects ({"text": ..., "cites": [...]}) in a JSON reply as it streams in, each as soon as
    its closing brace arrives, so a preview can show statements one by one once they pass grounding."""

    def __init__(self) -> None:
        self.buf = ""
        self.pos = 0
        self.in_str = False
        self.esc = False
        self.starts: list[int] = []

    def feed(self, chunk: str) -> Iterator[RawStatement]:
        self.buf += chunk
        found: list[RawStatement] = []
        for i in range(self.pos, len(self.buf)):
            ch = self.buf[i]
            if self.in_str:
                if self.esc:
                    self.esc = False
                elif ch == "\\":
                    self.esc = True
                elif ch == '"':
                    self.in_str = False
            elif ch == '"':
                self.in_str = True
            elif ch == "{":
                self.starts.append(i)
            elif ch == "}" and self.starts:
                start = self.starts.pop()
                if self.starts:  # a nested object: maybe a statement
                    try:
                        obj = json.loads(self.buf[start : i + 1])
                    except json.JSONDecodeError:
                        continue
                    if isinstance(obj, dict) and "text" in obj:
                        st = _statement(obj)
                        if st is not None:
                            found.append(st)
        self.pos = len(self.buf)
        yield from found
