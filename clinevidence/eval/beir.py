"""Reading BEIR queries and qrels files."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class Query:
    id: str
    text: str
    metadata: dict[str, object] = field(default_factory=dict)


def read_queries(path: Path) -> list[Query]:
    out: list[Query] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                out.append(Query(str(obj["_id"]), str(obj["text"]), dict(obj.get("metadata") or {})))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path.name}: line {lineno}: not a BEIR query ({exc})") from exc
    return out


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        for i, row in enumerate(reader):
            if not row or (i == 0 and row[0].strip().lower() in ("query-id", "query_id", "qid")):
                continue
            if len(row) < 3:
                raise ValueError(f"{path.name}: line {i + 1}: expected query-id, corpus-id, score")
            qrels.setdefault(row[0].strip(), {})[row[1].strip()] = int(float(row[2]))
    return qrels
