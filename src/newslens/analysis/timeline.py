"""Timelines: dated, ranked, cited entries from merged events and story milestones.

Each entry is one thing that happened: its date or interval, its PLOVER type, who acted on whom,
one sentence taken verbatim from a source article, and the articles that reported it.

What goes in, and why:

- Merged events that happened. Negated and hypothetical events are left out ("did not meet",
  "could impose sanctions" are not things that happened); ``include_unrealised`` keeps them.
- Background restatements ("since Russia invaded Ukraine on 24 February") land on the date of the
  original event: the date their own sentence states, or the date of the same event (type and
  actors) reported first-hand elsewhere in the bundle, into which they then fold as one more
  citation. A restatement with neither says only that it happened before the article, so it is
  placed as an interval ending at the article's date, or left out when that is unknown too.
- Story milestones: each story's start, labelled by its most representative headline, so a
  happening the event coder missed still appears.
- Entries reported by the same sentence with the same type and date are one entry (``NATO and
  the U.S. called on China`` is one demand, by two sources).

Ranking (``importance``): independent outlets reporting it (copies of one wire story count once)
weigh most, then the number of independent articles, then centrality (the TF-IDF cosine of the
entry's sentence to the centroid of the bundle's sentences), and a bonus worth three outlets when
source and target stand for two different actors the user asked about (asked about China and Russia,
their dealings with each other come before Russia's with everyone else). The ``limit`` best are kept
and shown in date order."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newslens.analysis.bundle import Bundle, Citation
from newslens.analysis.text import centrality
from newslens.records import Event, Evidence

OUTLET_WEIGHT = 1.0
ARTICLE_WEIGHT = 0.3
CENTRALITY_WEIGHT = 1.5
SCOPE_BONUS = 3.0
#: the centroid of "what the scope is about" is built from each article's first sentences ...
LEAD_SENTENCES = 3
#: ... and from at most this many of them
MAX_CENTROID_SENTENCES = 4000
#: sentences of this many words read well as an entry's summary
GOOD_LENGTH = range(8, 46)


@dataclass(frozen=True)
class TimelineEntry:
    """One dated happening, as ``newslens timeline --json`` prints it."""

    date: dt.date | None
    date_earliest: dt.date | None
    date_latest: dt.date | None
    type: str  # a PLOVER type, or STORY for a story milestone
    source: str | None  # actor names
    target: str | None
    summary: str  # one sentence, verbatim from a source article
    citations: tuple[Citation, ...]
    kind: str = "event"  # event | story
    importance: float = 0.0
    outlets: int = 0  # independent outlets
    background: bool = False
    claimed_by: str | None = None
    between_scope: bool = False  # source and target stand for two different asked-for actors
    #: (source, target) as the asked-for actors they stand for, else actor ids; for folding
    sides: tuple[str | None, str | None] = (None, None)
    event_ids: tuple[str, ...] = ()
    story_id: str | None = None
    #: other events the same sentence reports ("DISAPPROVE NATO → China"), shown with it
    also: tuple[str, ...] = ()

    def sort_key(self) -> tuple[bool, dt.date, str]:
        day = self.date or self.date_earliest or self.date_latest
        return (day is None, day or dt.date.max, self.summary)

    def to_dict(self) -> dict[str, object]:
        def iso(day: dt.date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "date": iso(self.date),
            "date_earliest": iso(self.date_earliest),
            "date_latest": iso(self.date_latest),
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "summary": self.summary,
            "citations": [c.as_dict() for c in self.citations],
            "kind": self.kind,
            "importance": round(self.importance, 3),
            "outlets": self.outlets,
            "background": self.background,
            "claimed_by": self.claimed_by,
            "event_ids": list(self.event_ids),
            "story_id": self.story_id,
            "also": list(self.also),
        }


def build_timeline(
    bundle: Bundle,
    *,
    limit: int = 30,
    include_unrealised: bool = False,
    milestones: bool = True,
) -> list[TimelineEntry]:
    """The ``limit`` most important entries of the bundle, in date order (undated last)."""
    events = [e for e in bundle.events if include_unrealised or not (e.negated or e.hypothetical)]
    firsthand = [e for e in events if not e.background]
    entries = [_event_entry(bundle, e) for e in firsthand]
    for event in (e for e in events if e.background):
        entry = _background_entry(bundle, event, entries)
        if entry is not None:
            entries.append(entry)
    entries = _fold_same_day(bundle, _fold_same_report(entries))
    if milestones:
        cited = {c.article_id for e in entries for c in e.citations}
        entries += [m for m in _milestones(bundle) if not _covered(m, cited)]
    entries = [e for e in entries if e.citations and _in_range(bundle, e)]
    entries = _one_per_sentence(_ranked(bundle, entries))[: max(limit, 0)]
    return sorted(entries, key=TimelineEntry.sort_key)


def _citations(bundle: Bundle, evidence: Sequence[Evidence]) -> tuple[Citation, ...]:
    """One citation per independent article (copies collapse into their original), by date."""
    seen: dict[str, Citation] = {}
    for item in evidence:
        root = bundle.root(item.article_id)
        article = bundle.articles.get(root) or bundle.articles.get(item.article_id)
        if article is None or root in seen:
            continue
        seen[root] = Citation.of(article)
    return tuple(sorted(seen.values(), key=_citation_order))


def _citation_order(citation: Citation) -> tuple[object, ...]:
    """Dated reports first, oldest first; undated or outlet-less citations never break the sort."""
    published = citation.published
    return (published is None, published or dt.date.min, citation.outlet or "", citation.article_id)


def _voices(bundle: Bundle, citations: Sequence[Citation]) -> int:
    return len({bundle.articles[c.article_id].voice for c in citations})


def _best_sentence(bundle: Bundle, evidence: Sequence[Evidence]) -> str:
    """The evidence sentence to show: a readable length, from the earliest report."""

    def key(item: Evidence) -> tuple[bool, dt.date, int]:
        article = bundle.articles.get(bundle.root(item.article_id))
        words = len(item.sentence.split())
        published = article.published if article else None
        return (words not in GOOD_LENGTH, published or dt.date.max, item.sentence_index)

    return _clean(min(evidence, key=key).sentence)


def _clean(sentence: str) -> str:
    return re.sub(r"\s+", " ", sentence).strip()


def _event_entry(bundle: Bundle, event: Event) -> TimelineEntry:
    citations = _citations(bundle, event.evidence)
    earliest, latest = event.date_earliest, event.date_latest
    if event.date is None and earliest is None and latest is None and citations:
        # An undated present act in an undated article: the article's interval bounds it.
        article = bundle.articles[citations[0].article_id]
        earliest, latest = article.published_earliest, article.published_latest
    return TimelineEntry(
        date=event.date,
        date_earliest=earliest,
        date_latest=latest,
        type=event.type,
        source=bundle.actor_name(event.source),
        target=bundle.actor_name(event.target),
        summary=_best_sentence(bundle, event.evidence) if event.evidence else "",
        citations=citations,
        outlets=_voices(bundle, citations),
        background=event.background,
        claimed_by=bundle.actor_name(event.claimed_by),
        between_scope=_between_scope(bundle, event),
        sides=(_side(bundle, event.source), _side(bundle, event.target)),
        event_ids=(event.id,),
    )


def _between_scope(bundle: Bundle, event: Event) -> bool:
    def side(actor: str | None) -> str | None:
        if actor is None:
            return None
        asked = bundle.scope.focus or bundle.scope.actors
        return bundle.sides.get(actor, actor if actor in asked else None)

    a, b = side(event.source), side(event.target)
    return a is not None and b is not None and a != b


def _same_happening(entry: TimelineEntry, event: Event, bundle: Bundle) -> bool:
    if entry.background or entry.type != event.type or entry.date is None:
        return False
    names = {bundle.actor_name(event.source), bundle.actor_name(event.target)} - {None}
    return bool(names) and names <= {entry.source, entry.target}


def _background_entry(
    bundle: Bundle, event: Event, entries: list[TimelineEntry]
) -> TimelineEntry | None:
    """A restatement placed on its original date, or folded into the first-hand report."""
    entry = _event_entry(bundle, event)
    if event.date is not None or event.date_earliest is not None:
        return entry
    for index, known in enumerate(entries):
        if _same_happening(known, event, bundle):
            merged = _merge_citations(known.citations, entry.citations)
            entries[index] = replace(known, citations=merged, outlets=_voices(bundle, merged))
            return None
    reported = [c.published for c in entry.citations if c.published]
    if not reported:
        return None
    return replace(entry, date_earliest=None, date_latest=min(reported))


def _merge_citations(a: Sequence[Citation], b: Sequence[Citation]) -> tuple[Citation, ...]:
    seen = {c.article_id: c for c in [*a, *b]}
    return tuple(sorted(seen.values(), key=_citation_order))


def _fold_same_report(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Entries of one type, date and sentence become one, listing every source and target."""
    folded: dict[tuple[object, ...], TimelineEntry] = {}
    names: dict[tuple[object, ...], tuple[list[str], list[str]]] = {}
    for entry in entries:
        key = (entry.type, entry.date, entry.date_latest, entry.summary)
        sources, targets = names.setdefault(key, ([], []))
        for found, name in ((sources, entry.source), (targets, entry.target)):
            if name and name not in found:
                found.append(name)
        known = folded.get(key)
        if known is None:
            folded[key] = entry
            continue
        folded[key] = replace(
            known,
            source=" and ".join(sources) or None,
            target=" and ".join(targets) or None,
            citations=_merge_citations(known.citations, entry.citations),
            outlets=max(known.outlets, entry.outlets),
            between_scope=known.between_scope or entry.between_scope,
            event_ids=known.event_ids + entry.event_ids,
        )
    return list(folded.values())


def _side(bundle: Bundle, actor: str | None) -> str | None:
    return bundle.sides.get(actor, actor) if actor else None


def _compatible(a: TimelineEntry, b: TimelineEntry) -> bool:
    """Same type and day, and no side that disagrees ("Russia → ?" fits "Putin → Ukraine")."""
    if a.kind != "event" or b.kind != "event" or a.type != b.type or a.date != b.date:
        return False
    pairs = list(zip(a.sides, b.sides, strict=True))
    return all(x is None or y is None or x == y for x, y in pairs) and any(
        x is not None and x == y for x, y in pairs
    )


def _fold_same_day(bundle: Bundle, entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Reports of one dated happening told in different sentences become one entry.

    Restatements rarely merge as events (one says "Russia's invasion", another "since Putin
    sent his troops into Ukraine"); on the same stated day, with the same type and agreeing
    sides, they are one happening, and every report of it counts towards its importance.
    """
    kept: list[TimelineEntry] = []
    same_day: dict[tuple[str, dt.date], list[int]] = {}  # (type, day) -> indices into kept
    for entry in sorted(entries, key=lambda e: (e.background, -len(e.citations), e.sort_key())):
        if entry.date is None:
            kept.append(entry)
            continue
        slots = same_day.setdefault((entry.type, entry.date), [])
        for index in slots:
            known = kept[index]
            if _compatible(known, entry):
                citations = _merge_citations(known.citations, entry.citations)
                kept[index] = replace(
                    known,
                    source=known.source or entry.source,
                    target=known.target or entry.target,
                    sides=(known.sides[0] or entry.sides[0], known.sides[1] or entry.sides[1]),
                    citations=citations,
                    outlets=_voices(bundle, citations),
                    event_ids=known.event_ids + entry.event_ids,
                )
                break
        else:
            slots.append(len(kept))
            kept.append(entry)
    return kept


def _milestones(bundle: Bundle) -> list[TimelineEntry]:
    found = []
    for story in bundle.stories:
        evidence = [Evidence(a, 0, "", None) for a in story.article_ids if a in bundle.articles]
        citations = _citations(bundle, evidence)
        if not citations or not story.label:
            continue
        found.append(
            TimelineEntry(
                date=story.start,
                date_earliest=story.start,
                date_latest=story.end,
                type="STORY",
                source=None,
                target=None,
                summary=_clean(story.label),
                citations=citations,
                kind="story",
                outlets=_voices(bundle, citations),
                story_id=story.id,
            )
        )
    return found


def _covered(milestone: TimelineEntry, cited: set[str]) -> bool:
    """A story whose every article already backs an event entry adds nothing."""
    return all(c.article_id in cited for c in milestone.citations)


def _in_range(bundle: Bundle, entry: TimelineEntry) -> bool:
    start, end = bundle.scope.date_from, bundle.scope.date_to
    first = entry.date or entry.date_earliest
    last = entry.date or entry.date_latest
    if start and last and last < start:
        return False
    return not (end and first and first > end)


def _ranked(bundle: Bundle, entries: list[TimelineEntry]) -> list[TimelineEntry]:
    scores = centrality([e.summary for e in entries], _bundle_text(bundle))
    ranked = []
    for entry, central in zip(entries, scores, strict=True):
        importance = (
            OUTLET_WEIGHT * entry.outlets
            + ARTICLE_WEIGHT * len(entry.citations)
            + CENTRALITY_WEIGHT * central
            + (SCOPE_BONUS if entry.between_scope else 0.0)
        )
        ranked.append(replace(entry, importance=importance))
    ranked.sort(key=lambda e: (-e.importance, e.sort_key()))
    return ranked


def _one_per_sentence(ranked: list[TimelineEntry]) -> list[TimelineEntry]:
    """One entry per sentence: the best-ranked reading, the others listed in ``also``.

    One sentence often reports several events ("pressed the Chinese president ..., accusing
    China of ..."): a reader wants the sentence once, with what else it says.
    """
    kept: dict[tuple[str, object], TimelineEntry] = {}
    for entry in ranked:
        key = (entry.summary, entry.date or entry.date_latest)
        known = kept.get(key)
        if known is None:
            kept[key] = entry
            continue
        reading = f"{entry.type} {entry.source or '—'} → {entry.target or '—'}"
        kept[key] = replace(
            known, also=(*known.also, reading), event_ids=known.event_ids + entry.event_ids
        )
    return list(kept.values())


def _bundle_text(bundle: Bundle) -> list[str]:
    """What the scope is about: each article's lead (its first sentences), capped so a scope of
    thousands of articles still ranks in a moment."""
    leads = [
        s.text
        for article in sorted(bundle.sentences)
        for s in bundle.sentences[article][:LEAD_SENTENCES]
    ]
    if len(leads) <= MAX_CENTROID_SENTENCES:
        return leads
    step = len(leads) / MAX_CENTROID_SENTENCES  # an even, deterministic sample
    return [leads[int(i * step)] for i in range(MAX_CENTROID_SENTENCES)]
