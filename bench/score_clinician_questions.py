"""Score clinician question sets against the starter library.

Each set is a JSONL file with one question per line: ``{"q": ..., "expected":
"yes"|"no"|"maybe"|"insufficient", "why": ...}``. The starter library
(``examples/library``) is ingested into a temporary directory, every question is
asked through :class:`AnswerService`, and the verdict is compared with
``expected``. Prints each miss (expected -> got, the question, the title of the
answer) and a per-file score.

Usage::

    .venv/bin/python bench/score_clinician_questions.py \\
        bench/starter_questions.jsonl bench/clinician_questions_session4.jsonl
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from clinevidence.answer.service import AnswerService
from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent


def _verdict(answer: object) -> str:
    verdict = getattr(answer, "verdict", None)
    return str(getattr(verdict, "value", verdict))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", type=Path, help="JSONL question files")
    parser.add_argument(
        "--library",
        type=Path,
        default=ROOT / "examples" / "library",
        help="folder of library documents (default: examples/library)",
    )
    parser.add_argument("--verbose", action="store_true", help="print every question, not only misses")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "lib")
        ingest(library, [args.library])
        service = AnswerService(library, load_settings())
        total_ok = total = 0
        for path in args.sets:
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            ok = 0
            for row in rows:
                answer = service.ask(row["q"])
                got = _verdict(answer)
                hit = got == row["expected"]
                ok += hit
                if not hit or args.verbose:
                    mark = "  ok  " if hit else "  MISS"
                    title = getattr(answer, "title", "")
                    print(f"{mark} {row['expected']} -> {got} | {row['q']} | {title}")
            print(f"{path.name} {ok}/{len(rows)}")
            total_ok += ok
            total += len(rows)
        if len(args.sets) > 1:
            print(f"total {total_ok}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
