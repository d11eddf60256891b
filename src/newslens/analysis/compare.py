"""Outlet comparison for one scope (a story, a thread, a query): who reported what, in which words,
citing whom.

:func:`compare_outlets` is a pure function over a :class:`~newslens.analysis.bundle.Bundle`. Its
four parts live in their own modules, each documenting its method:

- the coverage matrix, facts × outlets (:mod:`newslens.analysis.compare_coverage`);
- distinctive wording per outlet, Fightin' Words log-odds (:mod:`~.compare_terms`);
- competing terms for the same referent (:mod:`~.compare_referents`);
- attribution, whom each outlet quotes (:mod:`~.compare_sources`).

An outlet is an article's ``voice`` (the original outlet of a credited wire copy, else the
outlet). Copies (``duplicate_of`` set) carry facts for their outlet in the matrix but never count
as independent reports, and they are left out of word, referent and source counts, where they
would only repeat their original.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslens.analysis.bundle import Bundle
from newslens.analysis.compare_coverage import Fact, coverage_facts
from newslens.analysis.compare_referents import ReferentUsage, count_referents, load_referents
from newslens.analysis.compare_sources import (
    SOURCE_KINDS,
    Attribution,
    SpeakerCount,
    attribution_by_outlet,
    load_source_lexicon,
)
from newslens.analysis.compare_terms import DistinctiveTerm, distinctive_terms

__all__ = [
    "Attribution",
    "Comparison",
    "DistinctiveTerm",
    "Fact",
    "OutletSummary",
    "ReferentUsage",
    "SpeakerCount",
    "compare_outlets",
]

_DIGITS = 3  # decimals of z-scores and log-odds in to_dict


@dataclass(frozen=True)
class OutletSummary:
    """One compared outlet: its articles in the bundle, originals and copies."""

    name: str
    articles: int
    originals: int
    copies: int


@dataclass(frozen=True)
class Comparison:
    """What :func:`compare_outlets` returns; every mapping keyed by outlet holds every outlet."""

    outlets: tuple[OutletSummary, ...]
    facts: tuple[Fact, ...]
    terms: Mapping[str, tuple[DistinctiveTerm, ...]]
    referents: tuple[ReferentUsage, ...]
    attribution: Mapping[str, Attribution]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (dates as ISO strings, floats rounded to 3 decimals)::

            outlets      [{name, articles, originals, copies}]
            facts        [{id, kind, label, sentence, citation: {article_id, outlet, url,
                           published} | null, date, outlets: {outlet: [article ids]},
                           independent: [outlets], left_out: [outlets]}]
            terms        {outlet: [{term, z, delta, count, others}]}
            referents    [{id, label, terms: [used terms], counts: {outlet: {term: n}},
                           totals: {term: n}}]
            attribution  {outlet: {quotes, kinds: {kind: n}, speakers: [{name, kind, count}]}}

        Outlets keep the order of ``outlets``; ``kind`` of a fact is event, quote or sentence;
        source kinds are those of :data:`~newslens.analysis.compare_sources.SOURCE_KINDS`.
        """
        return {
            "outlets": [
                {
                    "name": o.name,
                    "articles": o.articles,
                    "originals": o.originals,
                    "copies": o.copies,
                }
                for o in self.outlets
            ],
            "facts": [_fact_dict(f) for f in self.facts],
            "terms": {
                outlet: [
                    {
                        "term": t.term,
                        "z": round(t.z, _DIGITS),
                        "delta": round(t.delta, _DIGITS),
                        "count": t.count,
                        "others": t.others,
                    }
                    for t in terms
                ]
                for outlet, terms in self.terms.items()
            },
            "referents": [
                {
                    "id": r.id,
                    "label": r.label,
                    "terms": list(r.terms),
                    "counts": {
                        o.name: dict(r.counts[o.name]) for o in self.outlets if o.name in r.counts
                    },
                    "totals": dict(r.totals),
                }
                for r in self.referents
            ],
            "attribution": {
                outlet: {
                    "quotes": a.quotes,
                    "kinds": dict(a.kinds),
                    "speakers": [
                        {"name": s.name, "kind": s.kind, "count": s.count} for s in a.speakers
                    ],
                }
                for outlet, a in self.attribution.items()
            },
        }


def _fact_dict(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "kind": fact.kind,
        "label": fact.label,
        "sentence": fact.sentence,
        "citation": fact.citation.as_dict() if fact.citation else None,
        "date": fact.date.isoformat() if fact.date else None,
        "outlets": {outlet: list(ids) for outlet, ids in fact.outlets.items()},
        "independent": list(fact.independent),
        "left_out": list(fact.left_out),
    }


def _outlets(bundle: Bundle) -> tuple[OutletSummary, ...]:
    """The bundle's outlets, most articles first, then by name."""
    counts: dict[str, list[int]] = {}
    for article in bundle.articles.values():
        originals_copies = counts.setdefault(article.voice, [0, 0])
        originals_copies[article.duplicate_of is not None] += 1
    found = [OutletSummary(name, o + c, o, c) for name, (o, c) in counts.items()]
    return tuple(sorted(found, key=lambda s: (-s.articles, s.name)))


def compare_outlets(
    bundle: Bundle,
    *,
    top_terms: int = 12,
    max_facts: int = 40,
    referents_path: Path | None = None,
    sources_path: Path | None = None,
) -> Comparison:
    """Compare the outlets of ``bundle``: coverage, wording, naming and sources.

    ``top_terms`` caps each outlet's distinctive terms (only terms with z > 1.96 are listed, so
    there may be fewer); ``max_facts`` caps the coverage matrix's rows, most widely reported
    first. ``referents_path`` and ``sources_path`` replace the bundled word lists
    (``data/analysis/referents.toml`` and ``sources.toml``, whose headers give the format).

    Raises :class:`~newslens.errors.ConfigError` when a word list cannot be read.
    """
    outlets = _outlets(bundle)
    names = [o.name for o in outlets]
    referents = load_referents(referents_path)
    lexicon = load_source_lexicon(sources_path)
    terms = distinctive_terms(bundle, top=top_terms)
    attribution = attribution_by_outlet(bundle, lexicon)
    empty = dict.fromkeys(SOURCE_KINDS, 0)
    return Comparison(
        outlets=outlets,
        facts=coverage_facts(bundle, names, max_facts=max_facts),
        terms={name: terms.get(name, ()) for name in names},
        referents=count_referents(bundle, referents),
        attribution={
            name: attribution.get(name, Attribution(name, 0, empty, ())) for name in names
        },
    )
