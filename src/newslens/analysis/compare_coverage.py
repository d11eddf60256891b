"""The coverage matrix: facts × outlets, who reported what and who left it out.

Facts are of three kinds:

- ``event``: a merged event; the articles of its evidence sentences carry it. Negated,
  hypothetical and claimed events are kept (they are facts as reported) and their label says so.
- ``quote``: quotes whose words are identical or nearly so in several articles (word sets with
  Jaccard >= 0.8, or a quote of 5+ words 90% inside another) are one fact.
- ``sentence``: sentences printed near-identically (content-word Jaccard >= 0.7, or a sentence of
  8+ content words 90% inside another) by two or more independent outlets; when fewer than five
  such sentences exist, the most central other sentences (TF-IDF cosine to the bundle's centroid)
  fill up to five, so a bundle whose outlets share no wording still shows its key sentences.
  Sentences under 6 content words, and sentences already behind an event or a quote, are skipped.

An outlet is an article's ``voice``. A copy (``duplicate_of`` set) carries a fact for its own
outlet, but a fact's *independent* outlets are the voices of the originals behind its articles,
so a wire story reprinted five times is one independent report. Facts are ordered by independent
outlets (most first), then outlets, then date (undated last), then kind (event, quote, sentence).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newslens.analysis.bundle import Bundle, Citation, SourceArticle
from newslens.analysis.compare_terms import STOP_WORDS, words_of
from newslens.analysis.text import centrality
from newslens.records import Event, Quote, Sentence

__all__ = ["FACT_KINDS", "Fact", "coverage_facts", "near_groups"]

FACT_KINDS = ("event", "quote", "sentence")
_LABEL_CHARS = 80
_MIN_SENTENCE_WORDS = 6
_KEY_SENTENCES = 5


@dataclass(frozen=True)
class Fact:
    """One row of the coverage matrix.

    ``outlets`` maps each outlet that carries the fact to its articles that do (copies included),
    ``independent`` lists the voices of the originals behind them, ``left_out`` the compared
    outlets that carry it in no article. ``sentence`` is one sentence an outlet printed, cited.
    """

    id: str
    kind: str  # event | quote | sentence
    label: str
    sentence: str
    citation: Citation | None
    date: dt.date | None
    outlets: Mapping[str, tuple[str, ...]]
    independent: tuple[str, ...]
    left_out: tuple[str, ...]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def near_groups(
    token_sets: Sequence[frozenset[str]],
    *,
    jaccard: float,
    containment: float,
    min_contained: int,
) -> list[list[int]]:
    """Indices of ``token_sets`` grouped transitively by near-identity, each group in index order.

    Two sets are near-identical when their Jaccard similarity is at least ``jaccard``, or when the
    smaller has ``min_contained`` or more tokens and at least ``containment`` of them lie in the
    other. Candidates come from a prefix filter (each set probes the index with its rarest
    tokens), so no pair that passes is missed and most pairs are never compared.
    """
    frequency: Counter[str] = Counter(t for s in token_sets for t in s)
    postings: dict[str, list[int]] = {}
    for i, tokens in enumerate(token_sets):
        for token in tokens:
            postings.setdefault(token, []).append(i)
    alpha = min(jaccard, containment)
    groups = _UnionFind(len(token_sets))
    for i, tokens in enumerate(token_sets):
        if not tokens:
            continue
        size = len(tokens)
        prefix = sorted(tokens, key=lambda t: (frequency[t], t))
        prefix = prefix[: size - math.ceil(alpha * size - 1e-9) + 1]
        seen: set[int] = set()
        for token in prefix:
            for j in postings[token]:
                other = token_sets[j]
                # probe from the smaller side only: the prefix filter is complete from there
                if j in seen or (len(other), j) <= (size, i):
                    continue
                seen.add(j)
                shared = len(tokens & other)
                if shared >= jaccard * len(tokens | other) or (
                    size >= min_contained and shared >= containment * size
                ):
                    groups.union(i, j)
    found: dict[int, list[int]] = {}
    for i in range(len(token_sets)):
        found.setdefault(groups.find(i), []).append(i)
    return list(found.values())


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:12]


def _short(text: str, limit: int = _LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _earliest(articles: Iterable[SourceArticle]) -> SourceArticle:
    """The earliest original among ``articles`` (a copy only when there is no original)."""
    return min(
        articles,
        key=lambda a: (
            a.duplicate_of is not None,
            a.published is None,
            a.published or dt.date.min,
            a.id,
        ),
    )


class _Builder:
    """Turns the bundle's events, quotes and sentences into facts."""

    def __init__(self, bundle: Bundle, outlets: Sequence[str]) -> None:
        self.bundle = bundle
        self.outlets = tuple(outlets)
        self.sentence_at: dict[tuple[str, int], Sentence] = {
            (s.article_id, s.index): s
            for article_id, sentences in bundle.sentences.items()
            if article_id in bundle.articles
            for s in sentences
        }
        self.covered: set[tuple[str, int]] = set()  # sentences behind an event or a quote

    def fact(
        self,
        kind: str,
        fact_id: str,
        label: str,
        sentence: str,
        cited: str,
        ids: Iterable[str],
        date: dt.date | None = None,
    ) -> Fact:
        """A fact carried by the articles ``ids``; ``date`` defaults to the earliest published."""
        articles = [self.bundle.articles[i] for i in dict.fromkeys(ids)]
        by_outlet: dict[str, list[str]] = {}
        for article in sorted(articles, key=lambda a: a.id):
            by_outlet.setdefault(article.voice, []).append(article.id)
        independent = set()
        for article in articles:
            root = self.bundle.articles.get(self.bundle.root(article.id), article)
            independent.add(root.voice)
        order = {name: i for i, name in enumerate(self.outlets)}
        carried = sorted(by_outlet, key=lambda o: (order.get(o, len(order)), o))
        source = self.bundle.articles[cited]
        dates = [a.published for a in articles if a.published is not None]
        return Fact(
            fact_id,
            kind,
            label,
            sentence,
            Citation.of(source),
            date or (min(dates) if dates else None),
            {o: tuple(by_outlet[o]) for o in carried},
            tuple(sorted(independent, key=lambda o: (order.get(o, len(order)), o))),
            tuple(o for o in self.outlets if o not in by_outlet),
        )

    def event_label(self, event: Event) -> str:
        name = self.bundle.actor_name
        if event.date is not None:
            when = event.date.isoformat()
        elif event.date_earliest is not None or event.date_latest is not None:
            first = event.date_earliest.isoformat() if event.date_earliest else ""
            last = event.date_latest.isoformat() if event.date_latest else ""
            when = f"{first}..{last}"
        else:
            when = ""
        who = name(event.source) or "?"
        if event.target is not None:
            who = f"{who} → {name(event.target)}"
        flags = [flag for flag, on in (("hypothetical", event.hypothetical),) if on]
        if event.claimed_by is not None:
            flags.append(f"claimed by {name(event.claimed_by)}")
        what = ("not " if event.negated else "") + event.type
        label = " ".join(part for part in (when, what, who) if part)
        return f"{label} ({'; '.join(flags)})" if flags else label

    def events(self) -> list[Fact]:
        facts = []
        for event in self.bundle.events:
            evidence = [e for e in event.evidence if e.article_id in self.bundle.articles]
            if not evidence:
                continue
            ids = [e.article_id for e in evidence]
            cited = _earliest(self.bundle.articles[i] for i in ids).id
            shown = next(e for e in evidence if e.article_id == cited)
            self.covered.update((e.article_id, e.sentence_index) for e in evidence)
            label = self.event_label(event)
            date = event.date or event.date_earliest
            fact_id = f"event:{event.id}"
            facts.append(self.fact("event", fact_id, label, shown.sentence, cited, ids, date))
        return facts

    def speaker(self, quote: Quote) -> str:
        if quote.speaker is not None:
            return self.bundle.actor_name(quote.speaker) or quote.speaker
        return " ".join(quote.speaker_text.split()) or "unattributed"

    def quotes(self) -> list[Fact]:
        quotes = sorted(
            (q for q in self.bundle.quotes if q.article_id in self.bundle.articles),
            key=lambda q: (q.article_id, q.sentence_index, q.id),
        )
        tokens = [frozenset(words_of(q.text)) for q in quotes]
        facts = []
        for group in near_groups(tokens, jaccard=0.8, containment=0.9, min_contained=5):
            members = [quotes[i] for i in group if tokens[i]]
            if not members:
                continue
            cited = _earliest(self.bundle.articles[q.article_id] for q in members).id
            shown = next(q for q in members if q.article_id == cited)
            self.covered.update((q.article_id, q.sentence_index) for q in members)
            text = _short(shown.text)
            label = (
                f'{self.speaker(shown)}: "{text}"'
                if shown.direct
                else f"{self.speaker(shown)}: {text}"
            )
            where = self.sentence_at.get((shown.article_id, shown.sentence_index))
            sentence = where.text if where is not None else shown.text
            ids = [q.article_id for q in members]
            facts.append(self.fact("quote", f"quote:{shown.id}", label, sentence, cited, ids))
        return facts

    def sentences(self) -> list[Fact]:
        candidates = [s for key, s in sorted(self.sentence_at.items()) if key not in self.covered]
        tokens = [
            frozenset(w for w in words_of(s.text) if w not in STOP_WORDS and w.isalpha())
            for s in candidates
        ]
        groups = [
            [candidates[i] for i in group]
            for group in near_groups(tokens, jaccard=0.7, containment=0.9, min_contained=8)
            if max(len(tokens[i]) for i in group) >= _MIN_SENTENCE_WORDS
        ]
        facts = [self.sentence_fact(group) for group in groups]
        shared = [f for f in facts if len(f.independent) >= 2]
        if len(shared) >= _KEY_SENTENCES:
            return shared
        rest = [f for f in facts if len(f.independent) < 2]
        corpus = [
            s.text for s in candidates if self.bundle.articles[s.article_id].duplicate_of is None
        ]
        scores = centrality([f.sentence for f in rest], corpus)
        ranked = sorted(zip(scores, rest, strict=True), key=lambda p: (-p[0], p[1].id))
        return shared + [f for score, f in ranked[: _KEY_SENTENCES - len(shared)] if score > 0]

    def sentence_fact(self, group: list[Sentence]) -> Fact:
        cited = _earliest(self.bundle.articles[s.article_id] for s in group).id
        shown = next(s for s in group if s.article_id == cited)
        fact_id = f"sentence:{_digest(shown.article_id, str(shown.index))}"
        ids = [s.article_id for s in group]
        return self.fact("sentence", fact_id, _short(shown.text), shown.text, cited, ids)


def coverage_facts(
    bundle: Bundle, outlets: Sequence[str], *, max_facts: int = 40
) -> tuple[Fact, ...]:
    """The bundle's facts and who carries each, most widely reported first, at most ``max_facts``.

    ``outlets`` are the compared outlets, in the order ``left_out`` lists them.
    """
    builder = _Builder(bundle, outlets)
    facts = [*builder.events(), *builder.quotes(), *builder.sentences()]
    rank = {kind: i for i, kind in enumerate(FACT_KINDS)}
    facts.sort(
        key=lambda f: (
            -len(f.independent),
            -len(f.outlets),
            f.date is None,
            f.date or dt.date.min,
            rank[f.kind],
            f.label,
            f.id,
        )
    )
    return tuple(facts[: max(0, max_facts)])
