"""Threads: stories that continue one another over weeks or months (same actors, same subject)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from newslens.records import Story, Thread


def thread_id_for(first_story_id: str) -> str:
    """A thread's stable id: ``t`` + the first 12 hex digits of sha256(its first story id)."""
    return "t" + hashlib.sha256(first_story_id.encode("utf-8")).hexdigest()[:12]


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def link_threads(
    stories: Sequence[Story],
    *,
    max_gap_days: int = 60,
    min_shared_entities: int = 2,
    min_entity_overlap: float = 0.4,
    min_keyword_overlap: float = 0.25,
    label_entities: int = 2,
) -> list[Thread]:
    """Link continuing stories into threads; stories that link to no other get no thread.

    Two stories link when they share at least ``min_shared_entities`` of their top entities, their
    entity sets overlap by ``min_entity_overlap`` (of the smaller set) and their keyword sets by
    ``min_keyword_overlap``, and the later one starts within ``max_gap_days`` of the earlier one's
    end (an unknown date is no barrier). Each story links only to its best earlier match, which
    keeps threads from chaining through loosely related stories. Threads are the connected
    components, each with its stories in date order, labelled by its core entities and its top
    keyword ("China – Russia: coordination"). The result is sorted by start date, then id.
    """
    ordered = sorted(stories, key=lambda s: (s.start is None, s.start or 0, s.id))
    ents = [{e.lower() for e in s.entities} for s in ordered]
    keys = [set(s.keywords) for s in ordered]
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    posting: dict[str, list[int]] = {}
    for i, story in enumerate(ordered):
        shared: Counter[int] = Counter()
        for entity in ents[i]:
            shared.update(posting.get(entity, ()))
        best, best_score = -1, 0.0
        for j, n in sorted(shared.items()):
            if n < min_shared_entities or not _within(ordered[j], story, max_gap_days):
                continue
            entity_overlap = _overlap(ents[i], ents[j])
            keyword_overlap = _overlap(keys[i], keys[j])
            if entity_overlap < min_entity_overlap or keyword_overlap < min_keyword_overlap:
                continue
            score = entity_overlap + keyword_overlap
            if score > best_score:
                best, best_score = j, score
        if best >= 0:
            parent[find(i)] = find(best)
        for entity in ents[i]:
            posting.setdefault(entity, []).append(i)
    groups: dict[int, list[Story]] = {}
    for i, story in enumerate(ordered):
        groups.setdefault(find(i), []).append(story)
    threads = [_thread(members, label_entities) for members in groups.values() if len(members) > 1]
    threads.sort(key=lambda t: (t.start is None, t.start or 0, t.id))
    return threads


def _within(earlier: Story, later: Story, max_gap_days: int) -> bool:
    if earlier.end is None or later.start is None:
        return True
    return (later.start - earlier.end).days <= max_gap_days


def _thread(members: list[Story], label_entities: int) -> Thread:
    entity_counts: Counter[str] = Counter()
    surfaces: dict[str, str] = {}
    for story in members:
        for entity in dict.fromkeys(e.lower() for e in story.entities):
            entity_counts[entity] += 1
        for entity in story.entities:
            surfaces.setdefault(entity.lower(), entity)
    first_seen = {e: i for i, e in enumerate(surfaces)}
    core = sorted(entity_counts, key=lambda e: (-entity_counts[e], first_seen[e]))[:label_entities]
    core_words = {w for e in core for w in e.split()}
    keyword_counts: Counter[str] = Counter()
    for story in members:
        keyword_counts.update(k for k in story.keywords if k not in core_words)
    keyword = min(keyword_counts, key=lambda k: (-keyword_counts[k], k), default="")
    names = " – ".join(sorted(surfaces[e] for e in core))
    label = f"{names}: {keyword}" if names and keyword else names or keyword
    starts = [s.start for s in members if s.start is not None]
    ends = [s.end for s in members if s.end is not None]
    return Thread(
        id=thread_id_for(members[0].id),
        label=label,
        story_ids=tuple(s.id for s in members),
        start=min(starts, default=None),
        end=max(ends, default=None),
    )
