"""Matching against the archive of closed stories (undated and late articles)."""

from __future__ import annotations

import math

from newslens.stories.state import ArchivedStory, ClusterState
from newslens.stories.text import Features, top_items


def best_archived(
    state: ClusterState,
    vector: dict[str, float],
    features: Features,
    day: int | None,
    *,
    body_weight: float,
    entity_weight: float,
    index_terms: int,
    max_candidates: int,
    window_days: int,
    time_penalty: float,
    max_span_days: int | None = None,
) -> tuple[ArchivedStory | None, float]:
    """The best-matching archived (closed) story for an undated or late article, and its score.

    Candidates come from the archive's inverted index (the article's heaviest terms and its
    entities); stories still open are left to the open-story match. The score mixes the cosine of
    the article's unit TF-IDF ``vector`` with the archived profile (``body_weight``) and the
    IDF-weighted share of the article's entities the story named (``entity_weight``); for a dated
    article only stories within ``window_days`` count, with the time penalty, and none it would
    stretch over more than ``max_span_days``.
    """
    hits: dict[str, float] = {}
    for term, weight in top_items(vector, index_terms):
        for story_id in state.archive_index.get(term, ()):
            hits[story_id] = hits.get(story_id, 0.0) + weight
    for key in features.entities:
        for story_id in state.archive_index.get("@" + key, ()):
            hits[story_id] = hits.get(story_id, 0.0) + 0.05
    ranked = sorted((s for s in hits if s not in state.stories), key=lambda s: (-hits[s], s))
    best: ArchivedStory | None = None
    best_score = -math.inf
    weights = body_weight + entity_weight or 1.0
    for story_id in ranked[:max_candidates]:
        archived = state.archive[story_id]
        gap = 0
        if day is not None and archived.start is not None and archived.end is not None:
            gap = max(0, archived.start - day, day - archived.end)
            if gap > window_days:
                continue
            span = max(archived.end, day) - min(archived.start, day)
            if max_span_days is not None and span > max_span_days:
                continue
        body = sum(
            vector.get(t, 0.0) * w for t, w in zip(archived.terms, archived.weights, strict=True)
        )
        entity = 0.0
        if features.entities:
            shares = dict(zip(archived.entities, archived.shares, strict=True))
            covered = total = 0.0
            for key in features.entities:
                idf = state.idf("@" + key)
                total += idf
                covered += idf * shares.get(key, 0.0)
            entity = covered / total
        score = (body_weight * body + entity_weight * entity) / weights
        score -= time_penalty * min(1.0, gap / max(window_days, 1))
        if score > best_score:
            best, best_score = archived, score
    return best, best_score
