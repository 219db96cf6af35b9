"""Readability per audience: Flesch-Kincaid grade and sentence length of the article text each audience reads.

Usage: python bench/bench_readability.py [--data ../shared/data] [--pubmedqa 100] [--json] [--dump out.jsonl]

Asks every starter-library question (bench/starter_questions.jsonl) and the 20 held-out clinician questions
(bench/readability_heldout_questions.jsonl, same library) for clinicians, students and patients, and,
when the PubMedQA dev set is found under --data, its first N questions over its corpus. Each answer goes through
`audience.render_answer` (the article-level step: plain title, glossary on first use, student key terms; a no-op
when the service already applied it). Grades are computed with `textstat` (pinned in the dev extras; pyphen
syllables, no download) and with the package's own `flesch_kincaid_grade` for comparison; one grade per article
(all statements joined), then the mean over articles; "before render_answer" is the grade of the article as
the service returns it when that step is not wired in. Also reported: the share of patient statements shown in
plain words (the rest keep the clinician wording because the meaning check refused a rewrite), and the share of
articles whose student version differs in content from the clinician one (statement texts, title or headings, or
key terms; the disclaimer does not count), and each of the two parts.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from clinevidence.answer.audience import KEPT_NOTE, flesch_kincaid_grade, meaning_check, render_answer
from clinevidence.answer.models import Answer, Audience
from clinevidence.answer.service import AnswerService
from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
# 20 clinician-style questions on the starter library's topics, written for this benchmark (not the 36 starter
# questions, which the rewrites were developed against): a second measurement set.
HELDOUT = "readability_heldout_questions.jsonl"

try:
    import textstat
except ImportError:  # pragma: no cover - textstat is in the dev extras
    textstat = None


def _text(answer: Answer) -> str:
    return " ".join(s.text for s in answer.all_statements())


def _sentence_length(text: str) -> float:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    return statistics.fmean(len(s.split()) for s in sentences) if sentences else 0.0


def _content(answer: Answer) -> list[str]:
    return [answer.title, *(s.text for s in answer.all_statements()), *(sec.heading for sec in answer.sections)]


def _student_diff(student: Answer, clinician: Answer) -> tuple[bool, bool]:
    """(statement texts, title or headings differ; the student article has key terms the clinician one lacks)."""
    texts = _content(student) != _content(clinician)
    terms = [(t.term, t.definition) for t in student.key_terms] != [(t.term, t.definition) for t in clinician.key_terms]
    return texts, terms


def run(questions: list[str], service: AnswerService, dump: list[dict[str, object]] | None = None) -> dict[str, object]:
    per: dict[str, dict[str, list[float]]] = {
        str(a): {"fk": [], "fk_own": [], "words_per_sentence": [], "fk_as_served": []} for a in Audience
    }
    plain_statements = kept = articles = student_differs = differs_text = differs_terms = checked = cited = 0
    titles: list[tuple[str, str]] = []
    for q in questions:
        served = {a: service.ask(q, a) for a in Audience}
        answers = {a: render_answer(ans) for a, ans in served.items()}
        if not all(ans.all_statements() for ans in answers.values()):
            continue  # abstained or emergency: no article text to grade
        articles += 1
        for a, ans in answers.items():
            text = _text(ans)
            per[str(a)]["fk_own"].append(flesch_kincaid_grade(text))
            per[str(a)]["words_per_sentence"].append(_sentence_length(text))
            if textstat is not None:
                per[str(a)]["fk"].append(float(textstat.flesch_kincaid_grade(text)))
                per[str(a)]["fk_as_served"].append(float(textstat.flesch_kincaid_grade(_text(served[a]))))
        for s in answers[Audience.patient].all_statements():
            plain_statements += 1
            kept += KEPT_NOTE in s.text
            # re-checked here, on the article as served: same drugs, negations, conditions, numbers, direction
            checked += meaning_check(s.clinician_text or s.text, s.text, s.details).ok
            cited += bool(s.citations)
        texts, terms = _student_diff(answers[Audience.student], answers[Audience.clinician])
        student_differs += texts or terms
        differs_text += texts
        differs_terms += terms
        if dump is not None:
            dump.append(
                {
                    "q": q,
                    **{str(a): [ans.title, *(s.text for s in ans.all_statements())] for a, ans in answers.items()},
                    "key_terms": [
                        f"{t.term}: {t.definition} ({t.source})" for t in answers[Audience.student].key_terms
                    ],
                }
            )
        titles.append((answers[Audience.clinician].title, answers[Audience.patient].title))
    result: dict[str, object] = {
        "articles": articles,
        "textstat": getattr(textstat, "__version__", None) if textstat is not None else None,
    }
    for name, values in per.items():
        result[name] = {
            k: {"mean": round(statistics.fmean(v), 2), "max": round(max(v), 2)} if v else None
            for k, v in values.items()
        }
    result["patient_statements"] = plain_statements
    result["patient_statements_plain_share"] = round(1 - kept / plain_statements, 3) if plain_statements else None
    result["patient_meaning_check_share"] = round(checked / plain_statements, 3) if plain_statements else None
    result["patient_cited_share"] = round(cited / plain_statements, 3) if plain_statements else None
    result["student_differs_share"] = round(student_differs / articles, 3) if articles else None
    result["student_differs_text_share"] = round(differs_text / articles, 3) if articles else None
    result["student_differs_key_terms_share"] = round(differs_terms / articles, 3) if articles else None
    result["title_examples"] = titles[:5]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--pubmedqa", type=int, default=100, help="PubMedQA dev questions to grade (0: none)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--dump", type=Path, help="write every article's title and statements per audience (JSONL)")
    args = parser.parse_args()
    report: dict[str, object] = {}
    dump: list[dict[str, object]] | None = [] if args.dump else None
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "starter")
        ingest(lib, [ROOT / "examples" / "library"])
        rows = [json.loads(line) for line in (ROOT / "bench" / "starter_questions.jsonl").read_text().splitlines()]
        service = AnswerService(lib, Settings())
        report["starter"] = run([r["q"] for r in rows if r.get("q")], service, dump)
        heldout = [json.loads(line) for line in (ROOT / "bench" / HELDOUT).read_text().splitlines() if line]
        report["heldout_clinician"] = run([r["q"] for r in heldout], service, dump)
        pubmedqa = args.data / "pubmedqa"
        if args.pubmedqa and (pubmedqa / "corpus.jsonl").exists():
            qlib = Library(Path(tmp) / "pubmedqa")
            ingest(qlib, [pubmedqa / "corpus.jsonl"])
            queries = [json.loads(line) for line in (pubmedqa / "queries.jsonl").read_text().splitlines() if line]
            report["pubmedqa_dev"] = run(
                [q["text"] for q in queries[: args.pubmedqa]], AnswerService(qlib, Settings()), dump
            )
    report["seconds"] = round(time.perf_counter() - t0, 1)
    if args.dump and dump is not None:
        args.dump.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in dump), encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for name, res in report.items():
        if not isinstance(res, dict):
            continue
        print(f"{name}: {res['articles']} articles (textstat {res['textstat']})")
        for a in ("clinician", "student", "patient"):
            r = res[a]
            assert isinstance(r, dict)
            fk, own, wps, served = r["fk"], r["fk_own"], r["words_per_sentence"], r["fk_as_served"]
            print(
                f"  {a:9s} FK grade {fk['mean'] if fk else '-':>6} (max {fk['max'] if fk else '-'}), "
                f"own {own['mean']:>6}, words/sentence {wps['mean']:>5}; "
                f"before render_answer {served['mean'] if served else '-'}"
            )
        print(
            f"  patient statements passing the meaning check {res['patient_meaning_check_share']}, cited "
            f"{res['patient_cited_share']}; in plain words: {res['patient_statements_plain_share']} of "
            f"{res['patient_statements']}; student differs from clinician: {res['student_differs_share']} "
            f"(statement texts {res['student_differs_text_share']}, key terms {res['student_differs_key_terms_share']})"
        )
    print(f"{report['seconds']} s", file=sys.stderr)


if __name__ == "__main__":
    main()
