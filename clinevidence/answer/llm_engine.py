"""The LLM engine: the model writes the article from delimited passages; only grounded statements survive.

Flow: screen out instruction-like documents -> prompt with the top passages as keyed data -> call the provider
(tenacity retries on retryable errors only) -> parse tolerantly (one repair request) -> map keys back to passage
ids, counting invented ones -> keep statements that the support checker finds in a cited passage, whose numbers
and codes appear in the supporting sentence -> fall back to the extractive article when too little survives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential, wait_none

from ..ingest.flagger import is_instruction_like
from ..retrieval.search import Evidence, RankedPassage
from ..text import content_words, split_sentences
from .draft import Draft, DraftStatement
from .extractive import follow_ups as library_follow_ups
from .llm_output import OutputError, RawAnswer, RawStatement, StatementStream, parse_json, read_answer
from .models import Audience, Verdict
from .prompts import (
    PROMPT_VERSION,
    REPAIR_PROMPT,
    PromptPassage,
    answer_schema,
    system_prompt,
    user_prompt,
)
from .providers import (
    Completion,
    Message,
    Options,
    Provider,
    ProviderError,
    ProviderUnavailable,
    make_provider,
)
from .question import RECOMMEND_WORDS, QuestionAnalysis, verdict_label
from .screening import Flagger, ScreenReport, screen_evidence
from .support import is_supported, support, terms

if TYPE_CHECKING:
    from ..settings import Settings
    from .service import Engine

TOO_FEW = "extractive: too few supported statements"
# Numbers and identifier-like tokens (codes with digits, hyphenated codes): a statement's must all appear in the
# one passage sentence that supports it, so a model cannot bolt a figure or a code onto a true sentence.
_ANCHOR = re.compile(r"(?<![\w.])(?:\d+(?:[.,]\d+)*|[A-Za-z]*\d[\w-]*|[A-Z]{2,}(?:-[A-Za-z0-9]+)+)(?![\w])")


@dataclass(slots=True)
class CallStats:
    calls: int = 0
    tokens_in: int | None = None
    tokens_out: int | None = None
    latency_ms: float = 0.0
    model: str = ""
    structured: str = ""

    def add(self, c: Completion) -> None:
        if c.tokens_in is not None:
            self.tokens_in = (self.tokens_in or 0) + c.tokens_in
        if c.tokens_out is not None:
            self.tokens_out = (self.tokens_out or 0) + c.tokens_out
        self.latency_ms = round(self.latency_ms + c.latency_ms, 1)
        self.model = c.model or self.model
        self.structured = c.structured

    def details(self) -> dict[str, object]:
        return {
            "model": self.model,
            "llm_calls": self.calls,
            "tokens_in": self.tokens_in,
            "tokens_out": self.tokens_out,
            "latency_ms": self.latency_ms,
            "structured_output": self.structured,
        }


@dataclass(slots=True)
class Prepared:
    messages: list[Message]
    schema: dict
    keymap: dict[str, RankedPassage]
    evidence: Evidence
    screen: ScreenReport
    stats: CallStats = field(default_factory=CallStats)


@dataclass(slots=True)
class Counts:
    total: int = 0
    supported: int = 0
    unsupported: int = 0
    rejected: int = 0
    invented_keys: int = 0


def _anchors(text: str) -> set[str]:
    return {a.lower().replace(",", "") for a in _ANCHOR.findall(text)}


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, ProviderError) and exc.retryable


class LLMEngine:
    """Abstractive articles from a chat model, grounded like the extractive ones (or replaced by them)."""

    name = "llm"
    version = PROMPT_VERSION

    def __init__(
        self,
        provider: Provider | None,
        fallback_engine: Engine,
        *,
        min_supported: float = 0.5,
        min_statements: int = 2,
        max_passages: int = 12,
        max_passage_chars: int = 24_000,
        max_retries: int = 2,
        retry_wait: float = 0.5,
        fallback_on_error: bool = False,
        options: Options | None = None,
        flagger: Flagger | None = None,
        unavailable: str = "",
    ) -> None:
        self.provider = provider
        self.fallback_engine = fallback_engine
        self.min_supported = min_supported
        self.min_statements = min_statements
        self.max_passages = max_passages
        self.max_passage_chars = max_passage_chars
        self.max_retries = max_retries
        self.retry_wait = retry_wait
        self.fallback_on_error = fallback_on_error
        self.options = options or Options()
        self.flagger = flagger
        self.unavailable = unavailable

    # -- public ------------------------------------------------------------------------------------
    def draft(self, analysis: QuestionAnalysis, evidence: Evidence, audience: Audience) -> Draft:
        prep_or_draft = self._prepare(analysis, evidence, audience)
        if isinstance(prep_or_draft, Draft):
            return prep_or_draft
        prep = prep_or_draft
        try:
            first = self._call(prep, prep.messages)
        except ProviderError as exc:
            return self._on_error(exc, analysis, prep, audience)
        return self._finish(first, analysis, prep, audience)

    def stream_draft(self, analysis: QuestionAnalysis, evidence: Evidence, audience: Audience) -> Iterator[str | Draft]:
        """Yield each statement's text once the model has written it and it passes grounding (never text that
        would be stripped), then the finished Draft (always last; it may still fall back)."""
        prep_or_draft = self._prepare(analysis, evidence, audience)
        if isinstance(prep_or_draft, Draft):
            yield prep_or_draft
            return
        prep = prep_or_draft
        assert self.provider is not None
        if not getattr(self.provider, "supports_streaming", False):
            yield self.draft(analysis, evidence, audience)
            return
        preview = StatementStream()
        prep.stats.calls += 1
        try:
            chunks = self.provider.stream(prep.messages, schema=prep.schema, options=self.options)
            while True:
                try:
                    chunk = next(chunks)
                except StopIteration as stop:
                    completion: Completion = stop.value
                    break
                for st in preview.feed(chunk):
                    if self._ground(st, prep, Counts()) is not None:
                        yield st.text + "\n"
        except ProviderError as exc:
            if not exc.retryable or self.max_retries == 0:
                yield self._on_error(exc, analysis, prep, audience)
                return
            try:  # the stream failed; the remaining attempts go through the plain call
                first = self._call(prep, prep.messages, attempts=self.max_retries)
            except ProviderError as exc2:
                yield self._on_error(exc2, analysis, prep, audience)
                return
            yield self._finish(first, analysis, prep, audience)
            return
        prep.stats.add(completion)
        yield self._finish(completion, analysis, prep, audience)

    # -- steps -------------------------------------------------------------------------------------
    def _prepare(self, analysis: QuestionAnalysis, evidence: Evidence, audience: Audience) -> Prepared | Draft:
        screened, report = screen_evidence(evidence, self.flagger)
        if self.provider is None:
            return self._fallback(analysis, screened, audience, self.unavailable or "no LLM configured", report)
        if not screened.passages:
            return self._fallback(analysis, screened, audience, "extractive: no usable passages", report)
        items: list[PromptPassage] = []
        used = 0
        for rp in screened.passages[: self.max_passages]:
            if items and used + len(rp.passage.text) > self.max_passage_chars:
                break
            used += len(rp.passage.text)
            items.append(PromptPassage(f"P{len(items) + 1}", rp))
        keymap = {it.key: it.rp for it in items}
        messages = [
            Message("system", system_prompt(audience)),
            Message("user", user_prompt(analysis.question, analysis.question_type, items)),
        ]
        return Prepared(messages, answer_schema(list(keymap)), keymap, screened, report)

    def _call(self, prep: Prepared, messages: list[Message], attempts: int | None = None) -> Completion:
        assert self.provider is not None
        provider = self.provider
        n = (self.max_retries + 1) if attempts is None else attempts
        wait = wait_exponential(multiplier=self.retry_wait, max=8 * self.retry_wait) if self.retry_wait else wait_none()
        retrying = Retrying(
            stop=stop_after_attempt(max(1, n)), wait=wait, retry=retry_if_exception(_retryable), reraise=True
        )

        def once() -> Completion:
            prep.stats.calls += 1
            return provider.complete(messages, schema=prep.schema, options=self.options)

        completion: Completion = retrying(once)
        prep.stats.add(completion)
        return completion

    def _finish(self, first: Completion, analysis: QuestionAnalysis, prep: Prepared, audience: Audience) -> Draft:
        try:
            raw = read_answer(parse_json(first.text))
        except OutputError as err:
            repair = [
                *prep.messages,
                Message("assistant", first.text[:4000]),
                Message("user", REPAIR_PROMPT.format(error=str(err))),
            ]
            try:
                second = self._call(prep, repair)
                raw = read_answer(parse_json(second.text))
            except ProviderError as exc:
                return self._on_error(exc, analysis, prep, audience)
            except OutputError as err2:
                reason = f"extractive: malformed JSON twice ({err2})"
                return self._fallback(analysis, prep.evidence, audience, reason, prep.screen, prep.stats)
        return self._build(raw, analysis, prep, audience)

    def _on_error(self, exc: ProviderError, analysis: QuestionAnalysis, prep: Prepared, audience: Audience) -> Draft:
        if self.fallback_on_error:
            reason = f"extractive: LLM unavailable ({exc})"
            return self._fallback(analysis, prep.evidence, audience, reason, prep.screen, prep.stats)
        attempts = prep.stats.calls
        raise ProviderError(
            f"The LLM did not answer ({exc}; {attempts} attempt{'s' if attempts != 1 else ''}). Try again later, set "
            "CLINEVIDENCE_LLM_FALLBACK=extractive to answer without it, or use --engine extractive.",
            retryable=exc.retryable,
            status=exc.status,
        ) from exc

    def _fallback(
        self,
        analysis: QuestionAnalysis,
        evidence: Evidence,
        audience: Audience,
        reason: str,
        screen: ScreenReport,
        stats: CallStats | None = None,
    ) -> Draft:
        d = self.fallback_engine.draft(analysis, evidence, audience)
        d.details = {
            **d.details,
            **(stats.details() if stats else {}),
            **screen.details(),
            "prompt_version": PROMPT_VERSION,
            "fallback": reason if reason.startswith("extractive") else f"extractive: {reason}",
            "answered_by": self.fallback_engine.version,
        }
        return d

    # -- grounding ---------------------------------------------------------------------------------
    def _ground(self, st: RawStatement, prep: Prepared, counts: Counts) -> DraftStatement | None:
        counts.total += 1
        keys = [k for k in st.keys if k in prep.keymap]
        counts.invented_keys += len(st.keys) - len(keys)
        words = st.text.split()
        if not keys or len(words) < 3 or len(content_words(st.text)) < 2 or is_instruction_like(st.text):
            counts.rejected += 1
            return None
        cited = [prep.keymap[k] for k in keys]
        if not any(is_supported(support(st.text, rp.passage.text).score) for rp in cited):
            counts.unsupported += 1
            return None
        anchors = _anchors(st.text)
        if anchors and not any(_anchored(st.text, anchors, rp.passage.text) for rp in cited):
            counts.rejected += 1
            return None
        counts.supported += 1
        return DraftStatement(text=st.text, keys=[rp.passage.id for rp in cited])

    def _build(self, raw: RawAnswer, analysis: QuestionAnalysis, prep: Prepared, audience: Audience) -> Draft:
        counts = Counts()
        seen: set[str] = set()

        def keep(items: list[RawStatement]) -> list[DraftStatement]:
            out = []
            for st in items:
                norm = " ".join(content_words(st.text))
                if norm in seen:  # a repeat (summary restated in a section) is neither shown nor counted
                    continue
                seen.add(norm)
                d = self._ground(st, prep, counts)
                if d is not None:
                    out.append(d)
            return out

        summary = keep(raw.summary)
        sections: list[tuple[str, list[DraftStatement]]] = []
        for heading, items in raw.sections:
            kept = keep(items)
            if kept:
                existing = next((lst for h, lst in sections if h == heading), None)
                if existing is None:
                    sections.append((heading, kept))
                else:
                    existing.extend(kept)
        if not summary and sections:
            summary = [sections[0][1].pop(0)]
            sections = [(h, lst) for h, lst in sections if lst]
        details: dict[str, object] = {
            **prep.stats.details(),
            **prep.screen.details(),
            "prompt_version": PROMPT_VERSION,
            "provider": getattr(self.provider, "name", ""),
            "passages_in_prompt": len(prep.keymap),
            "invented_keys": counts.invented_keys,
            "statements_total": counts.total,
            "statements_supported": counts.supported,
            "statements_unsupported": counts.unsupported,
            "statements_rejected": counts.rejected,
            "statements_stripped": counts.total - counts.supported,
        }
        verdict = Verdict(raw.verdict)
        if verdict is not Verdict.insufficient:
            enough = counts.supported >= self.min_statements and counts.supported >= self.min_supported * counts.total
            if not enough:
                d = self._fallback(analysis, prep.evidence, audience, TOO_FEW, prep.screen, prep.stats)
                d.details = {**details, **d.details}
                return d
        else:
            summary, sections = [], []
        label = verdict_label(
            analysis.question_type,
            str(verdict),
            recommendation_style=any(RECOMMEND_WORDS.search(s.text) for s in summary),
        )
        used_docs = {prep.keymap[k].doc.id for k in prep.keymap}
        kept_text = " ".join(s.text for s in [*summary, *(x for _, lst in sections for x in lst)])
        follow = _safe_follow_ups(raw.follow_ups, analysis, kept_text) or library_follow_ups(
            analysis, prep.evidence, used_docs
        )
        return Draft(
            title=f"{_safe_topic(raw.title_topic, analysis)}: {label}",
            verdict=verdict,
            verdict_label=label,
            summary=summary,
            sections=sections,
            follow_ups=follow[:4],
            details=details,
        )


def _anchored(statement: str, anchors: set[str], passage_text: str) -> bool:
    """Some single sentence of the passage supports the statement and contains all its numbers and codes."""
    for sent in split_sentences(passage_text):
        if anchors <= _anchors(sent) and is_supported(support(statement, sent).score):
            return True
    return False


def _stems(text: str) -> frozenset[str]:
    return terms(text)


def _safe_topic(topic: str, analysis: QuestionAnalysis) -> str:
    """The model's topic only when made of the question's own words (or its concepts' names): titles are shown
    everywhere and are not support-checked, so they may not carry anything from the documents."""
    allowed = _stems(" ".join([analysis.question, analysis.context, analysis.topic, *analysis.expansions]))
    for c in analysis.concepts:
        allowed |= _stems(" ".join(c.synonyms))
    words = _stems(topic)
    if topic and words and words <= allowed and len(topic) <= 80 and not is_instruction_like(topic):
        return topic.rstrip(" .:")
    return analysis.topic


def _safe_follow_ups(items: list[str], analysis: QuestionAnalysis, kept_text: str) -> list[str]:
    """Model follow-ups that are plain questions: no instruction-like text, and any number or code they carry
    appears in the question or in a grounded statement."""
    known = _anchors(analysis.question + " " + kept_text)
    out: list[str] = []
    for q in items:
        q = q.strip()
        if not q or len(q.split()) < 3 or len(q.split()) > 25 or is_instruction_like(q):
            continue
        if not _anchors(q) <= known:
            continue
        out.append(q if q.endswith("?") else q.rstrip(".") + "?")
    return out[:3]


def build_llm_engine(settings: Settings, fallback: Engine | None = None) -> LLMEngine:
    """The LLM engine for these settings. Nothing configured: a clear error, or - only when the operator chose
    fallback=extractive - an engine that answers extractively and says so in the receipt."""
    if fallback is None:
        from .extractive import ExtractiveEngine

        fallback = ExtractiveEngine(settings.answer.max_statements, settings.answer.min_coverage)
    llm = settings.llm
    extractive_fallback = llm.fallback == "extractive"
    try:
        provider: Provider | None = make_provider(llm)
        unavailable = ""
    except ProviderUnavailable as exc:
        if not extractive_fallback:
            raise
        provider, unavailable = None, f"extractive: {exc}"
    return LLMEngine(
        provider,
        fallback,
        max_retries=llm.max_retries,
        fallback_on_error=extractive_fallback,
        unavailable=unavailable,
    )
