"""Emergency false alarms over the dev questions (issue 9 item 9): every dev question must pass without a redirect.

Run from the repository root: ``.venv/bin/python bench/safety_dev_check.py [DATA_DIR]`` (default ``../shared/data``).
Reads ``*/queries.jsonl`` there and ``bench/starter_questions.jsonl``; prints the count per set and every
question that was redirected. A script, not a test: tests never read ../shared.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from clinevidence.answer.safety import check_question


def _questions(path: Path) -> list[str]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                row = json.loads(line)
                text = row.get("text") or row.get("q") or row.get("question") or row.get("query") or ""
                if text:
                    out.append(str(text))
    return out


def main(argv: list[str]) -> int:
    data = Path(argv[1] if len(argv) > 1 else "../shared/data")
    sets = {p.parent.name: p for p in sorted(data.glob("*/queries.jsonl"))}
    starter = Path(__file__).with_name("starter_questions.jsonl")
    if starter.exists():
        sets["starter"] = starter
    total = alarms = 0
    start = time.perf_counter()
    for name, path in sets.items():
        qs = _questions(path)
        hits = []
        for q in qs:
            for audience in ("patient", "clinician"):
                n = check_question(q, audience)
                if n is not None and n.kind == "emergency":
                    hits.append((audience, n.category, q))
                    break
        total += len(qs)
        alarms += len(hits)
        print(f"{name}: {len(hits)} emergencies / {len(qs)} questions")
        for audience, category, q in hits:
            print(f"  [{audience}] {category}: {q[:160]}")
    ms = 1000 * (time.perf_counter() - start) / max(1, total)
    print(f"total: {alarms} emergencies / {total} questions ({ms:.2f} ms per question, both audiences)")
    return 1 if alarms else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
