"""Similarities of an article to an open story, under the stream's current IDF.

Kept apart from the stage so :mod:`newslens.stories.cluster` reads as the algorithm (candidates,
the mix of similarities, the threshold) and this module as the arithmetic.
"""

from __future__ import annotations

import math

from newslens.stories.state import ClusterState, StoryState
from newslens.stories.text import Features


def centroid_cosine(
    state: ClusterState, story: StoryState, vector: dict[str, float], kind: str
) -> float:
    """Cosine of a unit TF-IDF ``vector`` to the story's ``kind`` centroid ("body" or "title")."""
    centroid = story.body if kind == "body" else story.title
    norm = state.norm(story, kind)
    if not norm:
        return 0.0
    n1 = state.n_docs + 1
    df = state.df
    dot = 0.0
    for term, weight in vector.items():
        value = centroid.get(term)
        if value is not None:
            dot += weight * value * (math.log(n1 / (df.get(term, 0) + 1)) + 1.0)
    return dot / norm


def best_member_title(state: ClusterState, story: StoryState, title: dict[str, float]) -> float:
    """The highest cosine of a unit TF-IDF ``title`` vector to one member's headline.

    A follow-up often echoes one earlier headline of its story while the story's other headlines
    (and so its title centroid) say other things; this single-link view lets it match that one.
    """
    best = 0.0
    idf: dict[str, float] = {}  # a story's headlines share most terms: weigh each once
    for member in story.titles:
        if title.keys().isdisjoint(member):
            continue
        dot = norm = 0.0
        for term, tf in member.items():
            term_idf = idf.get(term)
            if term_idf is None:
                term_idf = idf[term] = state.idf(term)
            weight = tf * term_idf
            norm += weight * weight
            dot += weight * title.get(term, 0.0)
        if norm:
            best = max(best, dot / math.sqrt(norm))
    return best


def entity_share(state: ClusterState, story: StoryState, features: Features) -> float:
    """The IDF-weighted share of the article's entities, each by how many members have it."""
    if not features.entities:
        return 0.0
    covered = total = 0.0
    for key in features.entities:
        weight = state.idf("@" + key)
        total += weight
        count = story.entities.get(key)
        if count:
            covered += weight * min(1.0, count / story.size)
    return covered / total


def story_similarity(state: ClusterState, a: StoryState, b: StoryState) -> float:
    """Cosine of two stories' TF-IDF body centroids."""
    va, vb = state.weigh(a.body), state.weigh(b.body)
    if len(va) > len(vb):
        va, vb = vb, va
    return sum(w * vb.get(t, 0.0) for t, w in va.items())
