"""The starter library answers the seed question and common clinical questions sensibly, offline."""

from __future__ import annotations

import json
from pathlib import Path

from clinevidence.answer.models import Verdict
from clinevidence.answer.question import analyze, mentions
from clinevidence.answer.service import AnswerService
from clinevidence.library import Library
from clinevidence.settings import Settings

from .test_answers import assert_grounded

QUESTIONS = Path(__file__).parent.parent / "bench" / "starter_questions.jsonl"
SEED = "Is it safe to use tamoxifen with T-DM1 in patients with HER2-positive breast cancer?"


def test_seed_question_end_to_end(starter_library: Library) -> None:
    a = AnswerService(starter_library, Settings()).ask(SEED)
    assert a.title == "Tamoxifen with T-DM1: Not Recommended"
    assert a.verdict == Verdict.no
    assert {r.type_label for r in a.references} == {"Guideline", "Research"}
    assert a.summary and all(s.citations for s in a.summary)
    assert len(a.sections) >= 2
    assert 2 <= len(a.follow_ups) <= 4
    assert_grounded(a, starter_library)


def test_starter_questions_verdicts(starter_library: Library) -> None:
    service = AnswerService(starter_library, Settings())
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    assert len(rows) >= 26
    right = 0
    for row in rows:
        a = service.ask(row["q"])
        assert a.verdict != Verdict.insufficient, row["q"]
        assert_grounded(a, starter_library)
        right += a.verdict == row["expected"]
    assert right / len(rows) >= 0.9


def test_follow_up_inherits_context(starter_library: Library) -> None:
    first = "Is it safe to use tamoxifen with T-DM1 in HER2-positive breast cancer?"
    an = analyze("What about with pertuzumab?", context=first)
    names = [c.display.lower() for c in an.concepts]
    assert "pertuzumab" in names and "tamoxifen" in names
    assert an.topic.lower().startswith("tamoxifen with pertuzumab")
    a = AnswerService(starter_library, Settings()).ask("What about with pertuzumab?", context=first)
    # endocrine therapy may be added to pertuzumab-trastuzumab maintenance: not the T-DM1 answer again
    assert a.verdict == Verdict.yes
    assert a.title.startswith("Tamoxifen with pertuzumab")
    assert_grounded(a, starter_library)


def test_synonyms_are_whole_words() -> None:
    mi = next(c for c in analyze("Is aspirin effective after myocardial infarction?").concepts if c.kind == "condition")
    assert mentions("after an MI the patient", mi)
    assert not mentions("took 30 minutes", mi)


def test_patient_mode_is_plainer_and_still_cited(starter_library: Library) -> None:
    from clinevidence.answer.audience import flesch_kincaid_grade
    from clinevidence.answer.models import Audience

    service = AnswerService(starter_library, Settings())
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()][:12]
    clin, pat = [], []
    for row in rows:
        c = service.ask(row["q"], Audience.clinician)
        p = service.ask(row["q"], Audience.patient)
        assert p.verdict == c.verdict  # plain language never changes the answer
        assert "clinician" in p.notice
        assert_grounded(p, starter_library)
        assert len(p.all_statements()) <= 6
        clin.append(flesch_kincaid_grade(" ".join(s.text for s in c.all_statements())))
        pat.append(flesch_kincaid_grade(" ".join(s.text for s in p.all_statements())))
    assert sum(pat) / len(pat) <= sum(clin) / len(clin) - 2.0
