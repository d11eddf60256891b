"""The clustering state: online document frequencies, open stories and their inverted index.

Kept apart from the stage so the stage reads as the algorithm and this module as the book-keeping.
Everything here is plain dicts and lists, so the state pickles and deep-copies.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from newslens.stories.text import Features, top_items


def story_id_for(seed_article_id: str) -> str:
    """A story's stable id: ``s`` + the first 12 hex digits of sha256(seed article id)."""
    return "s" + hashlib.sha256(seed_article_id.encode("utf-8")).hexdigest()[:12]


@dataclass
class StoryState:
    """One open story: sparse centroids (bounded), entity counts, time range, member count."""

    id: str
    order: int
    size: int = 0
    body: dict[str, float] = field(default_factory=dict)  # sum of unit-length tf vectors
    title: dict[str, float] = field(default_factory=dict)
    titled: int = 0  # members with a title
    titles: list[dict[str, float]] = field(default_factory=list)  # recent members' title tf
    entities: dict[str, int] = field(default_factory=dict)
    start: int | None = None  # date ordinals
    end: int | None = None
    last: int | None = None  # when the story last grew (ageing); the clock for undated seeds
    days: dict[int, int] = field(default_factory=dict)  # member date ordinal -> members
    keys: set[str] = field(default_factory=set)  # its entries in the inverted index
    dense: Any = None  # numpy vector sum when embeddings are on
    norms: dict[str, tuple[int, float]] = field(default_factory=dict)  # cache: kind -> (n, norm)

    def span_with(self, day: int) -> int:
        """The days the story would cover with a member dated ``day`` (0 while it has no dates)."""
        if self.start is None or self.end is None:
            return 0
        return max(self.end, day) - min(self.start, day)


@dataclass
class Member:
    """An article placed in an open story and not settled yet (see ``StoryClusterer._settle``)."""

    article_id: str
    story_id: str  # where it was placed
    day: int
    features: Features
    dense: Any = None


@dataclass
class ArchivedStory:
    """A closed story, compact: its heaviest centroid terms and entities, for undated articles.

    ``terms``/``weights`` are a unit-length TF-IDF profile frozen when the story closed (or built
    from a stored story's keywords); ``entities``/``shares`` the share of members naming each.
    About 1 KB a story, so an archive of 100k stories stays near 100 MB.
    """

    id: str
    terms: tuple[str, ...]
    weights: array  # type: ignore[type-arg]
    entities: tuple[str, ...]
    shares: array  # type: ignore[type-arg]
    keys: tuple[str, ...]  # its entries in the archive index
    start: int | None = None  # date ordinals
    end: int | None = None


def _trim(weights: dict[str, float], keep: int, values: dict[str, float]) -> dict[str, float]:
    """The ``keep`` entries of ``values`` heaviest by ``weights`` (raw values, TF-IDF rank)."""
    return {t: values[t] for t, _ in top_items(weights, keep)}


def _subtract(centroid: dict[str, float], vector: dict[str, float]) -> None:
    for term, weight in vector.items():
        value = centroid.get(term)
        if value is not None:
            if value - weight > 1e-9:
                centroid[term] = value - weight
            else:
                del centroid[term]


def _unit(tf: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in tf.values()))
    return {t: w / norm for t, w in tf.items()} if norm else {}


@dataclass
class ClusterState:
    """Document frequencies, the open stories, the inverted index and the clock."""

    df: dict[str, int] = field(default_factory=dict)
    n_docs: int = 0
    stories: dict[str, StoryState] = field(default_factory=dict)
    index: dict[str, set[str]] = field(default_factory=dict)
    clock: int | None = None
    created: int = 0
    archive: dict[str, ArchivedStory] = field(default_factory=dict)  # closed, oldest first
    archive_index: dict[str, list[str]] = field(default_factory=dict)
    archive_terms: int = 0  # terms kept per archived story (0 = no archive)
    archive_limit: int = 0  # most stories archived; the oldest leave first
    member_titles: int = 0  # members' title vectors kept per open story (the most recent)
    locked: set[str] = field(default_factory=set)  # stories another story may not be merged from
    merged: dict[str, str] = field(default_factory=dict)  # story merged away -> the one it joined
    unsettled: deque[Member] = field(default_factory=deque)  # by date: placed, not yet settled
    moved: dict[str, tuple[str, float]] = field(default_factory=dict)  # article -> story, score
    fixed: set[str] = field(default_factory=set)  # given out (max_pending) before settling

    def resolve(self, story_id: str) -> str:
        """The story ``story_id`` lives on in, following merges."""
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def count(self, features: Features) -> None:
        """Update the document frequencies with one article (terms and ``@``entities)."""
        self.n_docs += 1
        df = self.df
        for term in features.body:
            df[term] = df.get(term, 0) + 1
        for key in features.entities:
            ekey = "@" + key
            df[ekey] = df.get(ekey, 0) + 1

    def idf(self, key: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(key, 0) + 1)) + 1.0

    def weigh(self, tf: dict[str, float]) -> dict[str, float]:
        """A unit-length TF-IDF vector under the current document frequencies."""
        n1 = self.n_docs + 1
        df = self.df
        vector = {t: w * (math.log(n1 / (df.get(t, 0) + 1)) + 1.0) for t, w in tf.items()}
        return _unit(vector)

    def norm(self, story: StoryState, kind: str) -> float:
        """The TF-IDF norm of a story centroid, cached until the story or the IDF moves."""
        cached = story.norms.get(kind)
        if cached is not None and cached[0] * 1.05 >= self.n_docs:
            return cached[1]
        centroid = story.body if kind == "body" else story.title
        n1 = self.n_docs + 1
        df = self.df
        total = 0.0
        for t, w in centroid.items():
            x = w * (math.log(n1 / (df.get(t, 0) + 1)) + 1.0)
            total += x * x
        value = math.sqrt(total)
        story.norms[kind] = (self.n_docs, value)
        return value

    def fresh_id(self, article_id: str) -> str:
        """The id of a story seeded by ``article_id``, salted if that id is taken."""
        story_id = story_id_for(article_id)
        salt = 1
        while story_id in self.stories:  # the same article id seeded twice: stay unique
            story_id = story_id_for(f"{article_id}#{salt}")
            salt += 1
        return story_id

    def new_story(self, story_id: str) -> StoryState:
        story = StoryState(id=story_id, order=self.created)
        self.created += 1
        self.stories[story_id] = story
        return story

    def add(
        self,
        story: StoryState,
        features: Features,
        day: int | None,
        index_keys: list[str],
        centroid_terms: int,
        dense: Any = None,
    ) -> None:
        """Add one article to a story: centroids, entities, dates and its index entries."""
        story.size += 1
        for t, w in _unit(features.body).items():
            story.body[t] = story.body.get(t, 0.0) + w
        if len(story.body) > 2 * centroid_terms:
            story.body = _trim(self._tfidf(story.body), centroid_terms, story.body)
        if features.title:
            story.titled += 1
            title = _unit(features.title)
            for t, w in title.items():
                story.title[t] = story.title.get(t, 0.0) + w
            if self.member_titles > 0:
                story.titles.append(title)
                del story.titles[: -self.member_titles]
        for key in features.entities:
            story.entities[key] = story.entities.get(key, 0) + 1
        if len(story.entities) > 4 * centroid_terms:
            story.entities = dict(
                sorted(story.entities.items(), key=lambda kv: (-kv[1], kv[0]))[:centroid_terms]
            )
        if day is not None:
            story.days[day] = story.days.get(day, 0) + 1
            story.start = day if story.start is None else min(story.start, day)
            story.end = day if story.end is None else max(story.end, day)
            story.last = day if story.last is None else max(story.last, day)
        elif story.last is None:
            story.last = self.clock
        if dense is not None:
            story.dense = dense.copy() if story.dense is None else story.dense + dense
        story.norms.clear()
        for key in index_keys:
            if key not in story.keys:
                story.keys.add(key)
                self.index.setdefault(key, set()).add(story.id)

    def remove(self, story: StoryState, features: Features, day: int, dense: Any = None) -> None:
        """Take one article added with :meth:`add` out of a story again (its index keys stay).

        Terms trimmed from the centroid since are skipped; the story's dates shrink to those of
        the members left (``last``, the ageing clock, stays).
        """
        story.size -= 1
        _subtract(story.body, _unit(features.body))
        if features.title:
            story.titled -= 1
            title = _unit(features.title)
            _subtract(story.title, title)
            if title in story.titles:
                story.titles.remove(title)
        for key in features.entities:
            count = story.entities.get(key, 0) - 1
            if count > 0:
                story.entities[key] = count
            else:
                story.entities.pop(key, None)
        left = story.days.get(day, 0) - 1
        if left > 0:
            story.days[day] = left
        else:
            story.days.pop(day, None)
            story.start = min(story.days, default=None)
            story.end = max(story.days, default=None)
        if dense is not None and story.dense is not None:
            story.dense = story.dense - dense
        story.norms.clear()

    def drop(self, story: StoryState) -> None:
        """Forget an open story left with no members (nothing is archived)."""
        self._unindex(story)
        del self.stories[story.id]

    def _tfidf(self, centroid: dict[str, float]) -> dict[str, float]:
        return {t: w * self.idf(t) for t, w in centroid.items()}

    def advance(self, day: int | None, window_days: int) -> None:
        """Move the clock to ``day`` and close the stories not grown within ``window_days``."""
        if day is None or (self.clock is not None and day <= self.clock):
            return
        self.clock = day
        horizon = day - window_days
        closed = []
        for story in self.stories.values():
            if story.last is None:
                story.last = day
            elif story.last < horizon:
                closed.append(story)
        for story in closed:
            self.close(story)

    def close(self, story: StoryState) -> None:
        """Drop a story from the candidate set; a compact profile goes to the archive."""
        if self.archive_terms > 0 and story.size:
            profile = self.weigh(story.body)
            terms = top_items(profile, self.archive_terms)
            entities = sorted(story.entities.items(), key=lambda kv: (-kv[1], kv[0]))
            entities = entities[: max(1, self.archive_terms // 3)]
            self.archive_add(
                story.id,
                terms,
                [(key, min(1.0, count / story.size)) for key, count in entities],
                story.start,
                story.end,
            )
        self._unindex(story)
        del self.stories[story.id]

    def archive_add(
        self,
        story_id: str,
        terms: list[tuple[str, float]],
        entities: list[tuple[str, float]],
        start: int | None = None,
        end: int | None = None,
    ) -> None:
        """Archive one story profile (replacing an older profile of the same id)."""
        if story_id in self.archive:
            self._archive_drop(story_id)
        norm = math.sqrt(sum(w * w for _, w in terms)) or 1.0
        keys = tuple(t for t, _ in terms[:12]) + tuple("@" + k for k, _ in entities[:6])
        self.archive[story_id] = ArchivedStory(
            id=story_id,
            terms=tuple(t for t, _ in terms),
            weights=array("f", [w / norm for _, w in terms]),
            entities=tuple(k for k, _ in entities),
            shares=array("f", [w for _, w in entities]),
            keys=keys,
            start=start,
            end=end,
        )
        for key in keys:
            self.archive_index.setdefault(key, []).append(story_id)
        while self.archive_limit and len(self.archive) > self.archive_limit:
            self._archive_drop(next(iter(self.archive)))

    def _archive_drop(self, story_id: str) -> None:
        archived = self.archive.pop(story_id)
        for key in archived.keys:
            posting = self.archive_index.get(key)
            if posting is not None:
                posting.remove(story_id)
                if not posting:
                    del self.archive_index[key]

    def merge(self, into: StoryState, other: StoryState, centroid_terms: int) -> None:
        """Fold ``other`` into ``into`` (centroids, entities, dates, index) and drop ``other``."""
        into.size += other.size
        for t, w in other.body.items():
            into.body[t] = into.body.get(t, 0.0) + w
        if len(into.body) > 2 * centroid_terms:
            into.body = _trim(self._tfidf(into.body), centroid_terms, into.body)
        into.titled += other.titled
        for t, w in other.title.items():
            into.title[t] = into.title.get(t, 0.0) + w
        if self.member_titles > 0:
            into.titles.extend(other.titles)
            del into.titles[: -self.member_titles]
        for key, count in other.entities.items():
            into.entities[key] = into.entities.get(key, 0) + count
        for day, count in other.days.items():
            into.days[day] = into.days.get(day, 0) + count
        for name in ("start", "end", "last"):
            a, b = getattr(into, name), getattr(other, name)
            if b is not None:
                pick = min if name == "start" else max
                setattr(into, name, b if a is None else pick(a, b))
        if other.dense is not None:
            into.dense = other.dense.copy() if into.dense is None else into.dense + other.dense
        into.norms.clear()
        self._unindex(other)
        del self.stories[other.id]
        for key in other.keys:
            if key not in into.keys:
                into.keys.add(key)
                self.index.setdefault(key, set()).add(into.id)
        self.merged[other.id] = into.id

    def _unindex(self, story: StoryState) -> None:
        for key in story.keys:
            posting = self.index.get(key)
            if posting is not None:
                posting.discard(story.id)
                if not posting:
                    del self.index[key]
