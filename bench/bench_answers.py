"""Answer quality across data sets: verdicts (per class), statement precision, abstention, latency.

Builds (once, then reuses) one library per data set under ``--work`` and runs ``eval answers`` on each set's
split. Splits are fixed by a hash of the query id, so "tune" and "report" never overlap:

    .venv/bin/python bench/bench_answers.py [--data ../shared/data] [--sets pubmedqa healthver ...]
        [--split report|tune|all] [--limit N] [--out results.json]

Sets: pubmedqa (verdicts, gold abstract), healthver (claims, stance-derived verdicts; its own dev/test files),
medquad (consumer questions → answer passages; a sample), bioasq (questions → gold snippets), scifact (claims
with their cited abstracts and SUPPORT / CONTRADICT / NOT_ENOUGH_INFO as yes / no / maybe verdicts; with
``--phrasing question`` asked "Is it true that ...?", like consumer claims phrased as questions), lay-claims
(consumer-health claims asked as questions, each with its own fact-check article for the public; a synthetic set
the team wrote blind to the code, ``bench/lay_claims/README.md``; lay-claims-crowded: the same articles among
MedQuAD's 16k consumer-health pages; lay-claims-a / -b / -c: one writer's part alone), consumer-meds (consumer
medication questions against sections of drug-information pages; synthetic, ``bench/consumer_meds/README.md``),
consumer-meds-2 (a second writer: passages in other styles, ``bench/consumer_meds_2/README.md``), consumer-meds-3
(a third writer, other drugs, ``bench/consumer_meds_3/README.md``), biomed-yesno (team-written BioASQ-style yes/no
questions over 2-4 real SciFact / PubMedQA abstracts each, ``bench/biomed_yesno/README.md``).

``--phrasing natural`` asks each claim as the yes/no question a person would type ("Vitamin D prevents falls." ->
"Does vitamin D prevent falls?"; claims the rule cannot turn into a question are left out), which the engine reads as
a question, not a claim to check (consumer claims asked as questions come in this form).

``--phrasing chatty`` wraps every question in conversation the way people write to a health service ("My GP
mentioned this last week. <question>"), with the templates the question-focus code was developed against;
``--phrasing chatty-heldout`` uses templates written before that code and never tuned on. The answer should not
change: abstention, statement precision and verdicts are compared against ``plain``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
from pathlib import Path

from clinevidence.answer.service import AnswerService
from clinevidence.eval.answers import eval_answers
from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.settings import load_settings

REPO = Path(__file__).resolve().parents[1]


def in_split(qid: str, split: str) -> bool:
    """Deterministic half split of a set's queries: 'tune' and 'report' are disjoint."""
    if split == "all":
        return True
    h = int(hashlib.sha1(qid.encode()).hexdigest()[:8], 16) % 2
    return (h == 0) == (split == "tune")


SETS: dict[str, dict[str, str]] = {
    "pubmedqa": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},
    "healthver": {
        "queries": "queries-dev.jsonl",
        "qrels": "qrels/dev.tsv",
        "report": "queries-test.jsonl",
        "report_qrels": "qrels/test.tsv",
    },  # fmt: skip
    "medquad": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},
    "bioasq-snippets": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},
    "scifact": {"queries": "queries.jsonl", "qrels": "qrels/train.tsv"},
    "pubmedqa-flat": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # derived: ``pubmedqa_flat``
    "lay-claims": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # derived: ``lay_claims``
    "lay-claims-crowded": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # the same among MedQuAD's pages
    # one writer's part
    **{f"lay-claims-{p}": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"} for p in "abcdefghi"},
    "consumer-meds": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS``
    "consumer-meds-2": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_2``
    "consumer-meds-3": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_3``
    "consumer-meds-4": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_4``
    "consumer-meds-5": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_5``
    "consumer-meds-6": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_6``
    "consumer-meds-7": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_7``
    "consumer-meds-8": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_8``
    "consumer-meds-9": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_9``
    "consumer-meds-10": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_10``
    "consumer-meds-11": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_11``
    "consumer-meds-12": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_12``
    "consumer-meds-13": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_13``
    "consumer-meds-14": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # ``CONSUMER_MEDS_14``
    "biomed-yesno": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # derived: ``biomed_yesno``
    "biomed-yesno-2": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # the same, a second writer (blind)
    "biomed-yesno-3": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # a third writer, 36 yes / 24 no (blind)
    "biomed-yesno-4": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # a fourth writer, 36 yes / 24 no (blind)
    "biomed-yesno-5": {"queries": "queries.jsonl", "qrels": "qrels/dev.tsv"},  # a fifth: null results (blind)
}
LAY_CLAIMS = REPO / "bench" / "lay_claims"  # synthetic, team-written (its README); not in ``--data``
CONSUMER_MEDS = REPO / "bench" / "consumer_meds"  # synthetic, team-written (its README); not in ``--data``
CONSUMER_MEDS_2 = REPO / "bench" / "consumer_meds_2"  # a second writer, other styles
BIOMED_YESNO = REPO / "bench" / "biomed_yesno"  # team-written questions over real abstracts (its README)
CONSUMER_MEDS_4 = REPO / "bench" / "consumer_meds_4"  # a fourth writer, non-oral forms too (written blind, session 8)
CONSUMER_MEDS_3 = REPO / "bench" / "consumer_meds_3"  # a third writer, other drugs (written blind, session 8)
CONSUMER_MEDS_5 = REPO / "bench" / "consumer_meds_5"  # a fifth writer, caregivers and long messages (blind, session 9)
CONSUMER_MEDS_6 = REPO / "bench" / "consumer_meds_6"  # a sixth writer, search-box questions too (blind, session 10)
CONSUMER_MEDS_7 = REPO / "bench" / "consumer_meds_7"  # a seventh writer, yes/no safety verdicts (blind, session 12)
CONSUMER_MEDS_8 = REPO / "bench" / "consumer_meds_8"  # an eighth writer, long leaflet pages (blind, session 13)
CONSUMER_MEDS_9 = REPO / "bench" / "consumer_meds_9"  # a ninth writer, other drugs, distractors (blind, session 14)
CONSUMER_MEDS_10 = REPO / "bench" / "consumer_meds_10"  # a tenth writer, other drugs and askers (blind, session 15)
CONSUMER_MEDS_11 = REPO / "bench" / "consumer_meds_11"  # an eleventh writer, younger askers (blind, session 16)
CONSUMER_MEDS_12 = REPO / "bench" / "consumer_meds_12"  # a twelfth: emails, travellers, "I read online" (blind, s17)
CONSUMER_MEDS_14 = REPO / "bench" / "consumer_meds_14"  # a fourteenth: grandparents, pharmacy queue, travel (s19)
CONSUMER_MEDS_13 = REPO / "bench" / "consumer_meds_13"  # a thirteenth: from work, two products, school (blind, s18)
BIOMED_YESNO_2 = REPO / "bench" / "biomed_yesno_2"  # a second writer's questions over the same abstracts (blind)
BIOMED_YESNO_3 = REPO / "bench" / "biomed_yesno_3"  # a third writer's, at the outside check's yes share (blind)
BIOMED_YESNO_4 = REPO / "bench" / "biomed_yesno_4"  # a fourth writer, shorter and mechanism questions (blind, s18)
BIOMED_YESNO_5 = REPO / "bench" / "biomed_yesno_5"  # a fifth writer, null results and comparators (blind, s19)


# Conversation around a question ({q}: the question; {ql}: the same with a lower-case first letter).
PHRASINGS: dict[str, list[str]] = {
    "plain": ["{q}"],
    "chatty": [
        "My mother was told about this by her doctor and we are worried. {ql}",
        "Hi, quick question from a worried husband. {ql}",
        "I have been reading online for hours and I'm confused. {ql}",
        "My GP mentioned this last week. {ql}",
    ],
    "question": ["Is it true that {qc}?"],  # a claim asked as a yes/no question
    "chatty-heldout": [  # written before the question-focus code, never tuned on
        "{q} I'm asking because my dad has just started treatment.",
        "Sorry if this is a silly question, {ql}",
        "We saw a specialist yesterday and she brought this up - {ql}",
        "Question for the pharmacist: {ql}",
        "{q} Thanks in advance for any help!",
        "Been on the forums all night. {q} Any advice appreciated.",
    ],
}


_AUX = {"is", "are", "was", "were", "can", "could", "may", "might", "will", "would", "should", "must", "does", "do"}
_AUX |= {"did", "has", "have", "had"}
# Verbs claims are made with (their base form), to find the verb of "X increases Y" and ask "Does X increase Y?".
_CLAIM_VERBS = set(
    """increase decrease reduce cause inhibit promote induce improve prevent regulate activate impair enhance lead
    result correlate affect contribute protect mediate require bind block suppress lower raise predict trigger drive
    produce confer exacerbate attenuate lack influence impede metabolize metabolise phosphorylate kill possess
    participate generate exhibit happen occur decline rise diminish elevate worsen alter modulate control determine
    facilitate stimulate repress express target reverse restore limit slow accelerate delay prolong shorten extend
    associate depend act serve play remain provide show display undergo experience receive develop contain form
    localize localise interact recruit degrade stabilize stabilise destabilize disrupt maintain mimic negate
    outperform predispose rescue sensitize sensitise signal silence spread support sustain synergize transmit
    upregulate downregulate evade enable arise accumulate benefit help relieve cure treat work""".split()
)
_BEFORE_NOUN = {"the", "a", "an", "of", "in", "and", "with", "for", "to", "by", "on"}


def _base_verb(word: str) -> str | None:
    """ "increases" -> "increase", "carries" -> "carry"; None when the word is not a known claim verb."""
    for base in (word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else ""):
        if base in _CLAIM_VERBS:
            return base
    return None


def natural_question(claim: str) -> str | None:
    """The claim as a yes/no question in a person's words, or None when the simple rule cannot tell the verb."""
    toks = claim.strip().rstrip(".").split()
    low = [t.lower() for t in toks]
    if len(toks) < 3:
        return None
    head = toks[0]
    subj0 = head.lower() if head in ("A", "An", "The") or (head[:1].isupper() and head[1:].islower()) else head

    def subject(i: int) -> str:
        return " ".join([subj0, *toks[1:i]])

    for i in range(1, len(toks)):
        t, rest = low[i], " ".join(toks[i + 1 :])
        if t in ("that", "which", "who", "when", "if", "whereas", "while"):
            return None  # a clause before the verb: too hard for the rule
        if t in _AUX:
            nxt = low[i + 1] if i + 1 < len(low) else ""
            if t in ("has", "have", "had") and not re.match(r"^[a-z-]+(?:ed|en|wn|un)$", nxt):
                return f"{ {'has': 'Does', 'have': 'Do', 'had': 'Did'}[t] } {subject(i)} have {rest}?"
            return f"{t.capitalize()} {subject(i)} {rest}?"
        base = _base_verb(t) if t.endswith("s") else None
        if base and low[i - 1] not in _BEFORE_NOUN:
            return f"Does {subject(i)} {base} {rest}?"
        if t in _CLAIM_VERBS and low[i - 1].endswith("s") and not low[i - 1].endswith("ss"):
            return f"Do {subject(i)} {t} {rest}?"
    return None


def phrase(question: str, qid: str, phrasing: str) -> str | None:
    """The question as the phrasing writes it; the template is chosen by the query id (deterministic). None when
    the phrasing cannot ask this one (``natural``)."""
    if phrasing == "natural":
        return natural_question(question)
    if phrasing == "typo":
        return typo(question, qid)
    templates = PHRASINGS[phrasing]
    q = question.strip()
    template = random.Random(qid).choice(templates) if len(templates) > 1 else templates[0]
    ql = q[:1].lower() + q[1:] if not q[1:2].isupper() else q
    return template.format(q=q, ql=ql, qc=ql.rstrip(" .?!"))


def typo(question: str, qid: str) -> str:
    """One letter dropped from the question's longest word (7+ letters; chosen by the query id): the slip of a
    consumer typing on a phone ("Lymphoma" -> "Lympoma")."""
    words = question.split()
    i = max(range(len(words)), key=lambda j: len(words[j].strip("?.,!")))
    word = words[i]
    if len(word.strip("?.,!")) < 7:
        return question
    k = random.Random(qid).randrange(1, len(word.strip("?.,!")) - 1)
    words[i] = word[:k] + word[k + 1 :]
    return " ".join(words)


SCIFACT_ANSWER = {"SUPPORT": "yes", "CONTRADICT": "no", "NOT_ENOUGH_INFO": "maybe"}


def scifact_claims(folder: Path, tmp: Path) -> tuple[Path, Path]:
    """SciFact claims as verdict questions: each claim's cited abstracts are in the library (the claim's "own"
    evidence, also for NOT_ENOUGH_INFO claims) and its label is the answer (SUPPORT yes, CONTRADICT no, NEI maybe)."""
    queries, qrels = tmp / "scifact-q.jsonl", tmp / "scifact-qrels.tsv"
    with (folder / "queries.jsonl").open(encoding="utf-8") as fh, queries.open("w", encoding="utf-8") as q_out:
        rows = ["query-id\tcorpus-id\tscore"]
        for line in fh:
            obj = json.loads(line)
            md = obj.get("metadata") or {}
            cited = md.get("cited_doc_ids") or list(md.get("evidence") or {})
            if md.get("label") not in SCIFACT_ANSWER or not cited:
                continue
            md["answer"] = SCIFACT_ANSWER[md["label"]]
            q_out.write(json.dumps(obj) + "\n")
            rows += [f"{obj['_id']}\t{doc}\t1" for doc in cited]
    qrels.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return queries, qrels


def _flat(doc: dict) -> dict:
    """A BEIR document with its section labels removed (the sections joined into the text)."""
    md = doc.get("metadata") or {}
    if md.get("sections"):
        doc["text"] = " ".join(sec["text"] for sec in md["sections"])
    doc["metadata"] = {k: v for k, v in md.items() if k != "sections"}
    return doc


def pubmedqa_flat(data: Path, out: Path) -> Path:
    """PubMedQA with its section labels removed (the sections joined into the text) and only its yes/no questions:
    biomedical yes/no questions over unstructured abstracts, the style of the outside BioASQ yes/no check."""
    out.mkdir(parents=True, exist_ok=True)
    src = data / "pubmedqa"
    with (src / "corpus.jsonl").open(encoding="utf-8") as fh, (out / "corpus.jsonl").open("w", encoding="utf-8") as w:
        w.writelines(json.dumps(_flat(json.loads(line))) + "\n" for line in fh)
    with (src / "queries.jsonl").open(encoding="utf-8") as fh, (out / "queries.jsonl").open("w", encoding="utf-8") as w:
        w.writelines(line for line in fh if json.loads(line)["metadata"].get("answer") in ("yes", "no"))
    (out / "qrels").mkdir(exist_ok=True)
    (out / "qrels" / "dev.tsv").write_text((src / "qrels" / "dev.tsv").read_text(encoding="utf-8"), encoding="utf-8")
    return out


def lay_claims(out: Path, crowd: Path | None = None, part: str = "[abcd]") -> Path:
    """The synthetic lay claims set (``bench/lay_claims``, written in parts ``corpus-a.jsonl``, ``queries-a.jsonl``,
    ``qrels-a.tsv``, ...) joined into one BEIR folder: consumer-health claims asked as questions, each with its own
    fact-check article written for the public (the style of the outside consumer-claims check)."""
    (out / "qrels").mkdir(parents=True, exist_ok=True)
    for kind, target in (("corpus", "corpus.jsonl"), ("queries", "queries.jsonl")):
        parts = sorted(LAY_CLAIMS.glob(f"{kind}-{part}.jsonl"))
        if kind == "corpus" and crowd is not None:
            parts.append(crowd)  # other pages written for the public compete with the claims' own articles
        (out / target).write_text("".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
    rows = ["query-id\tcorpus-id\tscore"]
    for qrels in sorted(LAY_CLAIMS.glob(f"qrels-{part}.tsv")):
        lines = qrels.read_text(encoding="utf-8").splitlines()
        rows += [r for r in lines if r.strip() and not r.startswith("query-id")]
    (out / "qrels" / "dev.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return out


def biomed_yesno(data: Path, out: Path, questions: Path = BIOMED_YESNO) -> Path:
    """The team-written biomedical yes/no questions (``bench/biomed_yesno``) over the SciFact and PubMedQA abstracts
    together (ids prefixed by their set; PubMedQA's section labels removed, as unstructured PubMed abstracts come):
    each question is answered by 2-4 abstracts among 6k, the style of the outside BioASQ yes/no check."""
    (out / "qrels").mkdir(parents=True, exist_ok=True)
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as w:
        for source in ("scifact", "pubmedqa"):
            with (data / source / "corpus.jsonl").open(encoding="utf-8") as fh:
                for line in fh:
                    doc = _flat(json.loads(line))
                    doc["_id"] = f"{source}:{doc['_id']}"
                    w.write(json.dumps(doc) + "\n")
    for name in ("queries.jsonl", "qrels/dev.tsv"):
        (out / name).write_text((questions / name).read_text(encoding="utf-8"), encoding="utf-8")
    return out


def _set_folder(data: Path, name: str, work: Path) -> Path:
    if name == "biomed-yesno":
        return biomed_yesno(data, work / f"{name}-data")
    if name == "biomed-yesno-2":
        return biomed_yesno(data, work / f"{name}-data", BIOMED_YESNO_2)
    if name == "biomed-yesno-3":
        return biomed_yesno(data, work / f"{name}-data", BIOMED_YESNO_3)
    if name == "biomed-yesno-4":
        return biomed_yesno(data, work / f"{name}-data", BIOMED_YESNO_4)
    if name == "biomed-yesno-5":
        return biomed_yesno(data, work / f"{name}-data", BIOMED_YESNO_5)
    if name.startswith("consumer-meds"):
        return {
            "consumer-meds-2": CONSUMER_MEDS_2,
            "consumer-meds-3": CONSUMER_MEDS_3,
            "consumer-meds-4": CONSUMER_MEDS_4,
            "consumer-meds-5": CONSUMER_MEDS_5,
            "consumer-meds-6": CONSUMER_MEDS_6,
            "consumer-meds-7": CONSUMER_MEDS_7,
            "consumer-meds-8": CONSUMER_MEDS_8,
            "consumer-meds-9": CONSUMER_MEDS_9,
            "consumer-meds-10": CONSUMER_MEDS_10,
            "consumer-meds-11": CONSUMER_MEDS_11,
            "consumer-meds-12": CONSUMER_MEDS_12,
            "consumer-meds-13": CONSUMER_MEDS_13,
            "consumer-meds-14": CONSUMER_MEDS_14,
        }.get(name, CONSUMER_MEDS)
    if name == "pubmedqa-flat":
        return pubmedqa_flat(data, work / f"{name}-data")
    if name.startswith("lay-claims"):
        crowd = data / "medquad" / "corpus.jsonl" if name == "lay-claims-crowded" else None
        # "lay-claims" and "-crowded" are parts A-D, as measured since session 7; part E (session 15) stands alone
        part = name.removeprefix("lay-claims-") if len(name) == len("lay-claims-a") else "[abcd]"
        return lay_claims(work / f"{name}-data", crowd, part)
    return data / name


def library_for(data: Path, name: str, work: Path) -> tuple[Library, Path]:
    """The set's library (built once under ``work``) and the folder its queries and qrels are read from."""
    folder = _set_folder(data, name, work)
    path = work / name
    if name.startswith(("lay-claims", "consumer-meds", "biomed-yesno")):  # a library per corpus version
        # Both biomed-yesno question sets share one library (the same abstracts).
        kind = "biomed-yesno" if name.startswith("biomed-yesno") else name
        path = work / f"{kind}-{hashlib.sha1((folder / 'corpus.jsonl').read_bytes()).hexdigest()[:8]}"
    fresh = not path.exists()
    lib = Library(path)
    if fresh:
        ingest(lib, [folder], "beir")
    return lib, folder


def subset(src: Path, qrels: Path | None, split: str, limit: int | None, out: Path, phrasing: str = "plain") -> Path:
    keep = set(qrels_ids(qrels)) if qrels else None
    n = 0
    with src.open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as w:
        for line in fh:
            obj = json.loads(line)
            if keep is not None and obj["_id"] not in keep:
                continue
            if not in_split(obj["_id"], split):
                continue
            if phrasing != "plain":
                asked = phrase(obj["text"], obj["_id"], phrasing)
                if asked is None:
                    continue
                obj["text"] = asked
                line = json.dumps(obj) + "\n"
            w.write(line)
            n += 1
            if limit and n >= limit:
                break
    return out


def qrels_ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [line.split("\t")[0] for line in fh if line.strip() and not line.startswith("query-id")]


def run(
    data: Path,
    name: str,
    split: str,
    limit: int | None,
    work: Path,
    answers_dir: Path | None,
    phrasing: str = "plain",
) -> dict:
    spec = SETS[name]
    lib, folder = library_for(data, name, work)
    service = AnswerService(lib, load_settings())
    if name == "healthver" and split != "all":
        queries = folder / (spec["report"] if split == "report" else spec["queries"])
        qrels = folder / (spec["report_qrels"] if split == "report" else spec["qrels"])
        q_split = "all"
    else:
        queries, qrels, q_split = folder / spec["queries"], folder / spec["qrels"], split
    with tempfile.TemporaryDirectory() as tmp:
        if name == "scifact":
            queries, qrels = scifact_claims(folder, Path(tmp))
        qfile = subset(queries, qrels, q_split, limit, Path(tmp) / "q.jsonl", phrasing)
        if answers_dir is not None:
            answers_dir.mkdir(parents=True, exist_ok=True)
            suffix = "" if phrasing == "plain" else f"-{phrasing}"
            with (answers_dir / f"{name}-{split}{suffix}.jsonl").open("w", encoding="utf-8") as fh:
                return eval_answers(service, qfile, qrels, answers_out=fh)
        return eval_answers(service, qfile, qrels)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--sets", nargs="+", default=["pubmedqa", "healthver", "medquad", "bioasq-snippets"])
    ap.add_argument("--split", default="report", choices=["report", "tune", "all"])
    ap.add_argument("--limit", type=int, default=None, help="at most N queries per set (medquad: default 600)")
    ap.add_argument("--work", type=Path, default=REPO / "var" / "bench-answers")
    ap.add_argument("--answers-dir", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--phrasing", default="plain", choices=sorted([*PHRASINGS, "natural", "typo"]))
    args = ap.parse_args(argv)
    results = {}
    for name in args.sets:
        limit = args.limit or (600 if name == "medquad" else None)
        res = run(args.data, name, args.split, limit, args.work, args.answers_dir, args.phrasing)
        keep = ("queries", "verdict_accuracy", "verdict_macro_f1", "abstain_rate", "statements_per_answer",
                "statement_precision", "bottom_line_precision", "gold_cited_rate", "statements_supported_rate",
                "latency_p95_ms")  # fmt: skip
        row = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in res.items() if k in keep}
        pc = res.get("verdict_per_class") or {}
        row["per_class"] = {
            k: {m: (round(x, 2) if isinstance(x, float) else x) for m, x in v.items() if m in ("precision", "recall")}
            for k, v in pc.items()
        }
        results[name] = row
        print(name, json.dumps(row), flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
