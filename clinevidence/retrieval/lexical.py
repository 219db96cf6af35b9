"""BM25 lexical index on tantivy: incremental, on disk (mmap), never fed raw user syntax."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import tantivy

from ..text import safe_query_terms

ANALYZER = "clin_en"
WRITER_WAIT_S = 60.0


@dataclass(slots=True, frozen=True)
class Hit:
    key: str
    doc_id: str
    score: float


class LexicalIndex(Protocol):
    """What the retriever needs from a lexical engine."""

    def add(self, rows: Iterable[tuple[str, str, str, str]]) -> None: ...
    def delete_docs(self, doc_ids: Iterable[str]) -> None: ...
    def commit(self) -> None: ...
    def search(self, question: str, limit: int, doc_ids: Sequence[str] | None = None) -> list[Hit]: ...
    def count(self) -> int: ...


def _typo_prefixes(term: str, three: int, two: int, inserted: int) -> list[tuple[str, int]]:
    """Prefixes (and how many terms to read under each) where a typo's intended word sits: its first three letters,
    its first two (for commoner words, "ashtma"), and a letter inserted after the first ("dagnose": "dia...")."""
    out = [(term[:3], three), (term[:2], two)]
    return out + [(term[0] + c + term[1], inserted) for c in "abcdefghijklmnopqrstuvwxyz" if c != term[1]]


def _analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stopword("english"))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


class TantivyIndex:
    """One tantivy index of (key, doc_id, title, body) rows; keys are passage or document ids."""

    def __init__(self, path: Path, *, title_boost: float = 1.0, heap_bytes: int = 256_000_000) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("key", stored=True, tokenizer_name="raw")
        sb.add_text_field("doc_id", stored=True, tokenizer_name="raw")
        sb.add_text_field("title", stored=False, tokenizer_name=ANALYZER, index_option="freq")
        sb.add_text_field("body", stored=False, tokenizer_name=ANALYZER, index_option="freq")
        self._schema = sb.build()
        self._index = tantivy.Index(self._schema, path=str(path), reuse=True)
        self._index.register_tokenizer(ANALYZER, _analyzer())
        self._title_boost = title_boost
        self._heap = heap_bytes
        self._writer: tantivy.IndexWriter | None = None
        self._lock = threading.Lock()
        self._searcher = self._index.searcher()
        self._word_analyzer = _analyzer()

    def _w(self) -> tantivy.IndexWriter:
        if self._writer is None:
            # A directory has one writer at a time. Another process sharing it (a server catching its index up
            # while `clinevidence ingest` runs) holds it only briefly: wait for it rather than fail the ingest.
            deadline = time.monotonic() + WRITER_WAIT_S
            while not self.try_writer():
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"the index at {self.path} stayed locked by another process for {WRITER_WAIT_S:.0f} s "
                        "(a server rebuilding its index there?); run the same command again later: an ingest resumes"
                    )
                time.sleep(0.05)
        assert self._writer is not None
        return self._writer

    def try_writer(self) -> bool:
        """Take this index's writer unless another (this process or another) holds the directory: False then."""
        if self._writer is None:
            try:
                self._writer = self._index.writer(heap_size=self._heap, num_threads=2)
            except ValueError as exc:
                if "LockBusy" in str(exc):
                    return False
                raise
        return True

    def release_writer(self) -> None:
        """Drop the writer and its uncommitted changes (frees the directory for another writer)."""
        with self._lock:
            if self._writer is not None:
                self._writer.rollback()
                self._writer = None

    @property
    def has_writer(self) -> bool:
        return self._writer is not None

    def add(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        w = self._w()
        for key, doc_id, title, body in rows:
            w.add_document(tantivy.Document(key=key, doc_id=doc_id, title=title, body=body))

    def delete_docs(self, doc_ids: Iterable[str]) -> None:
        w = self._w()
        for doc_id in doc_ids:
            w.delete_documents_by_term("doc_id", doc_id)

    def commit(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.commit()
                self._writer.wait_merging_threads()
                self._writer = None
            self._index.reload()
            self._searcher = self._index.searcher()

    def delete_all(self) -> None:
        """Remove every row at the next commit (rows added after this call stay): a rebuild readers never see."""
        self._w().delete_all_documents()

    def clear(self) -> None:
        self.delete_all()
        self.commit()

    def count(self) -> int:
        return int(self._searcher.num_docs)

    def analyze(self, word: str) -> str:
        """The index form of one word (lower-cased, stemmed); "" for a stop word."""
        tokens = self._word_analyzer.analyze(word)
        return tokens[0] if tokens else ""

    def idf(self, word: str) -> float:
        """BM25-style inverse document frequency of one word in this index (unknown words get the highest)."""
        import math

        term = self.analyze(word)
        n = int(self._searcher.num_docs)
        df = int(self._searcher.doc_freq("body", term)) if term else n
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def known(self, word: str) -> bool | None:
        """Whether the library's vocabulary has ``word`` (after the index's own analysis); None for stop words."""
        tokens = self._word_analyzer.analyze(word)
        if not tokens:
            return None
        s = self._searcher
        return bool(s.doc_freq("body", tokens[0]) or s.doc_freq("title", tokens[0]))

    def has_relative(self, word: str, span: int = 6) -> bool:
        """Whether the library has a word related to ``word`` by form: one sharing its first ``span`` letters
        ("cirrotics" / "cirrhosis" no, "cystoscopist" / "cystoscopy" yes) or one of ``span``+ letters inside it
        ("autorefraction" / "refraction", "underprescribe" / "prescribe")."""
        tokens = self._word_analyzer.analyze(word)
        if not tokens:
            return True
        term = tokens[0]
        if len(term) <= span:
            return bool(self.known(word))
        for field in ("body", "title"):
            if self._searcher.terms_with_prefix(field, term[:span], limit=1):
                return True
        s = self._searcher
        return any(
            s.doc_freq("body", term[i : i + n]) or s.doc_freq("title", term[i : i + n])
            for n in range(len(term) - 1, span - 1, -1)
            for i in range(0, len(term) - n + 1)
        )

    def closest_term(self, word: str, max_edits: int = 2) -> str | None:
        """The library term nearest to an unknown ``word`` (a typo: "sildenafl" -> "sildenafil"), or None.

        Candidates share the word's first three letters (two, among the commoner terms); the fewest edits win
        (Damerau-Levenshtein: one edit, two for words of 10 letters or more), then the more frequent term. Known
        words and words under 6 letters are never changed ("company" must not become "comparative" just because
        the library lacks it).
        """
        from rapidfuzz.distance import DamerauLevenshtein

        tokens = self._word_analyzer.analyze(word)
        if not tokens or len(word) < 6 or len(tokens[0]) < 4 or self.known(word):
            return None
        term, typed = tokens[0], word.lower()
        limit = 1 if len(term) < 10 else max_edits
        # The stemmer may cut the typo where it would not cut the word ("allopurinal" -> "allopurin", "allopurinol"
        # stays whole): the typed word is held against the term as well.
        typed_limit = 1 if len(typed) < 10 else max_edits
        best: tuple[int, int, str] | None = None
        # Rare terms sharing 3 letters, the commoner ones sharing 2 ("ashtma"), and a letter dropped after the first
        # ("dagnose": "dia...", "dba...", ... one of which is the word).
        pools = [(f, prefix, n) for f in ("body", "title") for prefix, n in _typo_prefixes(term, 20000, 5000, 2000)]
        for field, prefix, n in pools:
            for cand, df in self._searcher.terms_with_prefix(field, prefix, limit=n):
                if not cand.isalpha():
                    continue
                d = DamerauLevenshtein.distance(term, cand, score_cutoff=limit + 1)
                if d > limit:
                    d = DamerauLevenshtein.distance(typed, cand, score_cutoff=typed_limit + 1)
                    d = d if d <= typed_limit and len(cand) > len(term) else limit + 1
                if d <= limit and (best is None or (d, -df) < (best[0], -best[1])):
                    best = (d, df, cand)
        return best[2] if best else None

    def stem_prefix_terms(self, word: str, limit: int = 3) -> list[str]:
        """Library terms the stemmer cut shorter than the typo's own stem ("larngeal" stays whole, "laryngeal" is
        "laryng"): terms of 5+ letters, no longer than the typo's stem, sharing its first letters (or with a letter
        inserted after the first), within one edit of a prefix of it, commonest first. Callers check the surface word
        against what was typed."""
        from rapidfuzz.distance import DamerauLevenshtein

        tokens = self._word_analyzer.analyze(word)
        if not tokens or len(word) < 6 or self.known(word):
            return []
        term = tokens[0]
        found: dict[str, int] = {}
        for field in ("body", "title"):
            for prefix, n in _typo_prefixes(term, 5000, 2000, 1000):
                for cand, df in self._searcher.terms_with_prefix(field, prefix, limit=n):
                    # a long word's stem may be short ("eradication" -> "erad"): the caller's surface check guards it
                    if len(cand) < (4 if len(term) >= 9 else 5) or len(cand) > len(term) or not cand.isalpha():
                        continue
                    near = min(
                        DamerauLevenshtein.distance(term[:cut], cand, score_cutoff=1)
                        for cut in (len(cand) - 1, len(cand), len(cand) + 1)
                    )
                    if near <= 1:
                        found[cand] = max(found.get(cand, 0), df)
        return sorted(found, key=lambda c: (-found[c], c))[:limit]

    def _query(self, question: str) -> tantivy.Query | None:
        terms = safe_query_terms(question)
        if not terms:
            return None
        text = " ".join(terms)
        boosts = {"title": self._title_boost, "body": 1.0}
        # Terms are plain [a-z0-9]+ words, so the parser sees no operators; lenient parsing as a second guard.
        query, _errors = self._index.parse_query_lenient(text, ["title", "body"], field_boosts=boosts)
        return query

    def term_hits(self, term: str, limit: int) -> list[Hit]:
        """Documents whose body holds the index term ``term`` as is (already analysed: a stem such as "diagnos",
        which a search would analyse again)."""
        query = tantivy.Query.term_query(self._schema, "body", term)
        searcher = self._searcher
        hits: list[Hit] = []
        for score, address in searcher.search(query, limit).hits:
            d = searcher.doc(address)
            hits.append(Hit(key=d["key"][0], doc_id=d["doc_id"][0], score=float(score)))
        return hits

    def search(self, question: str, limit: int, doc_ids: Sequence[str] | None = None) -> list[Hit]:
        query = self._query(question)
        if query is None or limit <= 0:
            return []
        if doc_ids is not None:
            if not doc_ids:
                return []
            restrict = tantivy.Query.term_set_query(self._schema, "doc_id", list(doc_ids))
            query = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, restrict)])
        searcher = self._searcher
        result = searcher.search(query, limit)
        hits: list[Hit] = []
        for score, address in result.hits:
            d = searcher.doc(address)
            hits.append(Hit(key=d["key"][0], doc_id=d["doc_id"][0], score=float(score)))
        return hits
