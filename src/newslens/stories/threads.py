"""Threads: stories that continue one another over weeks or months (same actors, same subject)."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Sequence

from newslens.records import Story, Thread
from newslens.stories.text import cosine, normalise_name, normalised


def thread_id_for(first_story_id: str) -> str:
    """A thread's stable id: ``t`` + the first 12 hex digits of sha256(its first story id)."""
    return "t" + hashlib.sha256(first_story_id.encode("utf-8")).hexdigest()[:12]


def _profile(story: Story, idf: dict[str, float], entity_weight: float) -> dict[str, float]:
    """A unit vector over the story's entities (``@`` keys, weighted up) and keywords, by IDF."""
    vector: dict[str, float] = {}
    for entity in story.entities:
        key = "@" + normalise_name(entity)
        vector[key] = entity_weight * idf.get(key, 1.0)
    for keyword in story.keywords:
        vector[keyword] = idf.get(keyword, 1.0)
    return normalised(vector)


def link_threads(
    stories: Sequence[Story],
    *,
    max_gap_days: int = 60,
    min_similarity: float = 0.2,
    entity_weight: float = 2.0,
    label_entities: int = 2,
) -> list[Thread]:
    """Link continuing stories into threads; stories that link to no other get no thread.

    Each story is a unit vector over its entities (names normalised: spelling variants, folded
    diacritics) and keywords, weighted by their IDF over the stories given (so the names every
    story shares, like the country at war, count little) and entities ``entity_weight`` times a
    keyword. Stories are taken in date order (undated ones last); each joins the thread whose
    profile (the sum of its stories' vectors) it is most similar to, when the cosine reaches
    ``min_similarity`` and it starts within ``max_gap_days`` of the thread's last date (an unknown
    date is no barrier); otherwise it starts a thread. Matching the whole thread, not one story,
    keeps threads from drifting through loosely related stories. Threads of two or more stories
    are kept, each with its stories in date order, labelled by its core entities and its top
    keyword ("China – Russia: coordination"); the result is sorted by start date, then id.
    """
    ordered = sorted(stories, key=lambda s: (s.start is None, s.start or 0, s.id))
    df: Counter[str] = Counter()
    for story in ordered:
        df.update({"@" + normalise_name(e) for e in story.entities} | set(story.keywords))
    n = len(ordered)
    idf = {key: math.log((n + 1) / (count + 1)) + 1.0 for key, count in df.items()}
    profiles: list[dict[str, float]] = []  # per thread: the sum of member vectors
    members: list[list[Story]] = []
    ends: list[dt.date | None] = []
    posting: dict[str, set[int]] = {}
    for story in ordered:
        vector = _profile(story, idf, entity_weight)
        candidates: set[int] = set()
        for key in vector:
            candidates |= posting.get(key, set())
        best, best_score = -1, min_similarity
        for t in sorted(candidates):
            end = ends[t]
            if (
                story.start is not None
                and end is not None
                and ((story.start - end).days > max_gap_days)
            ):
                continue
            score = cosine(vector, profiles[t])
            if score >= best_score and (best < 0 or score > best_score):
                best, best_score = t, score
        if best < 0:
            best = len(members)
            profiles.append({})
            members.append([])
            ends.append(None)
        profile = profiles[best]
        for key, weight in vector.items():
            profile[key] = profile.get(key, 0.0) + weight
            posting.setdefault(key, set()).add(best)
        members[best].append(story)
        day = story.end or story.start
        if day is not None and (ends[best] is None or day > ends[best]):  # type: ignore[operator]
            ends[best] = day
    threads = [_thread(group, label_entities) for group in members if len(group) > 1]
    threads.sort(key=lambda t: (t.start is None, t.start or 0, t.id))
    return threads


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
