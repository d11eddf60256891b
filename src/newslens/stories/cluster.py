"""Online, time-aware story clustering (in the spirit of Miranda et al. 2018).

Each article, in the order given, joins the best-matching *open* story or seeds a new one. The
match combines the TF-IDF cosine of the body (with the title) to the story centroid, the TF-IDF
cosine of the title to the story's title centroid, the share of the article's named entities the
story already has, optionally the cosine of dense sentence embeddings, and a penalty that grows
with the days between the article and the story's date range. Stories that have not grown for
``window_days`` leave the candidate set. Candidates come from an inverted index (term or entity ->
open stories), so the cost per article does not grow with the corpus.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newslens.records import ArticleText, StageResult, Story, StoryAssignment
from newslens.stories.archive import best_archived
from newslens.stories.score import (
    best_member_title,
    centroid_cosine,
    entity_share,
    story_similarity,
)
from newslens.stories.state import ClusterState, Member, StoryState
from newslens.stories.stream import Featurised, featurised
from newslens.stories.text import (
    Features,
    article_date,
    article_features,
    normalise_name,
    stopwords,
    top_items,
)


def _ordinal(day: dt.date | None) -> int | None:
    return day.toordinal() if day is not None else None


def sort_key(article: ArticleText) -> tuple[int, int, int]:
    """The order the pipeline feeds articles in: dated first by date, then undated; then seq."""
    day = article_date(article)
    return (0, day.toordinal(), article.seq) if day is not None else (1, 0, article.seq)


class StoryClusterer:
    """The ``stories`` stage: assign each article to a story, online.

    Settings (keyword arguments; defaults tuned on the news-2022 gold set, figures and the
    settings tried in docs/evaluation.md):

    - ``threshold`` (0.2): the least match score for joining a story; below it, a new story.
      ``undated_margin`` (0.1) is added for articles with no date at all.
    - ``window_days`` (4): a story not grown for this many days leaves the candidate set.
    - ``body_weight``, ``title_weight``, ``entity_weight``, ``dense_weight`` (0.55, 0.2, 0.1, 0.3):
      the mix of the similarities (normalised by their sum; dense only when embeddings are on).
    - ``member_title_weight`` (0.25), ``member_titles`` (10): the title similarity mixes in, at
      this weight, the best cosine to one of the story's recent headlines (0 = centroid only).
    - ``time_penalty`` (0.15): subtracted at ``window_days`` of distance to the story's dates,
      proportionally below that.
    - ``max_span_days`` (10; None = no limit): a story is one happening, so an article may not
      stretch a story's dates over more than this many days; later coverage starts a new story,
      which threads link (without it, a steady stream on one subject chains for weeks).
    - ``settle_margin`` (0.05; None = off): ``window_days`` after its date, when every story
      begun near it exists, an article is placed once more (see :meth:`_settle`).
    - ``max_body_chars`` (4000), ``stem_chars`` (0 = off): the part of the body read; a crude
      cross-spelling stem.
    - ``article_terms`` (100), ``centroid_terms`` (200), ``index_terms`` (20), ``max_candidates``
      (40): sparse vector sizes, index keys per article and candidates scored per article.
    - ``embedding_model`` (None = off): a local sentence-transformers model directory.
    - ``archive_terms`` (60, 0 = off), ``archive_limit`` (200,000), ``archive_margin`` (0.05): a
      closed story leaves a compact profile in an archive (the oldest leave first). An undated
      article may join an archived story of any time above ``threshold + undated_margin +
      archive_margin``; a late one (dated more than ``window_days`` before the clock, as in a
      later build) one within ``window_days`` of its date above ``threshold + archive_margin``.
    - ``merge_score`` (0 = off) and ``merge_similarity`` (0.45): when an article also matches a
      second open story by ``merge_score`` and the two centroids' cosine reaches
      ``merge_similarity``, the younger story is merged into the older (it cost precision).

    Stories from :meth:`prime` are never merged away (their articles are stored), and an
    assignment is given out only once its story has closed (or ``max_pending`` wait), so every
    assignment names the story its article ends in.
    """

    name = "stories"

    def __init__(
        self,
        *,
        threshold: float = 0.2,
        undated_margin: float = 0.1,
        window_days: int = 4,
        body_weight: float = 0.55,
        title_weight: float = 0.2,
        entity_weight: float = 0.1,
        dense_weight: float = 0.3,
        member_title_weight: float = 0.25,
        member_titles: int = 10,
        time_penalty: float = 0.15,
        max_span_days: int | None = 10,
        max_body_chars: int = 4000,
        stem_chars: int = 0,
        article_terms: int = 100,
        centroid_terms: int = 200,
        index_terms: int = 20,
        max_candidates: int = 40,
        embedding_model: str | None = None,
        embedding_batch_size: int = 64,
        stopwords_file: str | None = None,
        archive_terms: int = 60,
        archive_limit: int = 200_000,
        archive_margin: float = 0.05,
        merge_score: float = 0.0,
        merge_similarity: float = 0.45,
        settle_margin: float | None = 0.05,
        max_pending: int = 20_000,
    ) -> None:
        self.threshold = threshold
        self.undated_margin = undated_margin
        self.window_days = window_days
        self.body_weight = body_weight
        self.title_weight = title_weight
        self.entity_weight = entity_weight
        self.dense_weight = dense_weight
        self.member_title_weight = member_title_weight
        self.member_titles = member_titles
        self.time_penalty = time_penalty
        self.max_span_days = max_span_days
        self.max_body_chars = max_body_chars
        self.stem_chars = stem_chars
        self.article_terms = article_terms
        self.centroid_terms = centroid_terms
        self.index_terms = index_terms
        self.max_candidates = max_candidates
        self.embedding_model = embedding_model
        self.embedding_batch_size = embedding_batch_size
        self.stopwords_file = stopwords_file
        self.archive_terms = archive_terms
        self.archive_limit = archive_limit
        self.archive_margin = archive_margin
        self.merge_score = merge_score
        self.merge_similarity = merge_similarity
        self.settle_margin = settle_margin
        self.max_pending = max_pending
        self._stop: frozenset[str] | None = None
        self._model: Any = None
        self._primed = ClusterState(
            archive_terms=archive_terms, archive_limit=archive_limit, member_titles=member_titles
        )

    def setup(self) -> None:
        """Load the stopword list and, when configured, the sentence-embedding model."""
        self._stop = stopwords(self.stopwords_file)
        if self.embedding_model is not None and self._model is None:
            from newslens.stories.dense import load_model

            self._model = load_model(self.embedding_model)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_model"] = None  # rebuilt by setup() on the other side
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    # -- public API -------------------------------------------------------------------------

    def prime(self, existing: Iterable[tuple[ArticleText, str]]) -> None:
        """Rebuild the state of stored stories without reassigning their articles.

        ``existing`` pairs stored articles with their story ids. They are replayed in the
        pipeline's order (date, then seq), updating document frequencies, centroids and the
        clock exactly as clustering them did; stories that have aged out are closed again.
        """
        self._ready()
        pairs = sorted(existing, key=lambda pair: sort_key(pair[0]))
        state = self._primed
        story_ids = iter([story_id for _, story_id in pairs])
        for chunk in self._chunks([article for article, _ in pairs]):
            for article, features, dense in chunk:
                story_id = next(story_ids)
                day = _ordinal(article_date(article))
                state.advance(day, self.window_days)
                state.count(features)
                story = state.stories.get(story_id) or state.new_story(story_id)
                state.locked.add(story_id)
                self._add(state, story, features, day, dense)

    def prime_archive(self, stories: Iterable[Story]) -> None:
        """Let undated articles join stored stories of any time, from their descriptions.

        Each stored :class:`Story` enters the archive with its keywords (weighted by rank) and
        its entities; a story also primed through :meth:`prime` is matched as an open story
        instead. Call it before or after :meth:`prime`; it does not touch the open stories.
        """
        self._ready()
        state = self._primed
        for story in stories:
            terms = [(term, 1.0 / (1.0 + 0.1 * rank)) for rank, term in enumerate(story.keywords)]
            entities = list(dict.fromkeys(normalise_name(e) for e in story.entities))
            if terms or entities:
                state.archive_add(
                    story.id,
                    terms,
                    [(key, 1.0) for key in entities],
                    _ordinal(story.start),
                    _ordinal(story.end),
                )

    def __call__(self, batch: Sequence[ArticleText]) -> StageResult[StoryAssignment]:
        """One assignment per article, in batch order. Calls do not change the primed state."""
        return StageResult(tuple(self.assign(batch)))

    def assign(self, articles: Iterable[ArticleText]) -> Iterator[StoryAssignment]:
        """Cluster a stream lazily (for batches larger than memory), from the primed state."""
        self._ready()
        state = copy.deepcopy(self._primed)
        pending: deque[StoryAssignment] = deque()
        for chunk in self._chunks(articles):
            for article, features, dense in chunk:
                pending.append(self._assign_one(state, article, features, dense))
                # give out the assignments whose story can no longer be merged away
                while pending:
                    head = self._now(state, pending[0])
                    if head.story_id in state.stories and len(pending) <= self.max_pending:
                        break
                    state.locked.add(head.story_id)
                    if head.story_id in state.stories:  # forced out before it settled
                        state.fixed.add(head.article_id)
                    state.moved.pop(head.article_id, None)
                    pending.popleft()
                    yield head
        self._settle(state, None)
        for head in pending:
            yield self._now(state, head)

    # -- the algorithm ----------------------------------------------------------------------

    def _assign_one(
        self, state: ClusterState, article: ArticleText, features: Features, dense: Any
    ) -> StoryAssignment:
        day = _ordinal(article_date(article))
        if day is not None:
            self._settle(state, day - self.window_days)
        state.advance(day, self.window_days)
        state.count(features)
        vector = dict(top_items(state.weigh(features.body), self.article_terms))
        best: StoryState | None = None
        best_score = -math.inf
        scored: list[tuple[float, StoryState]] = []
        for story in self._candidates(state, vector, features):
            score = self._score(state, story, vector, features, day, dense)
            scored.append((score, story))
            if score > best_score or (
                score == best_score and best is not None and story.order < best.order
            ):
                best, best_score = story, score
        limit = self.threshold + (self.undated_margin if day is None else 0.0)
        # an undated article may belong to any time; a late one (dated before the open stories'
        # window, e.g. added in a later build) to the closed stories of its own days
        late = day is not None and state.clock is not None and day < state.clock - self.window_days
        if (day is None or late) and state.archive:
            archived, archived_score = best_archived(
                state,
                vector,
                features,
                day,
                body_weight=self.body_weight + self.title_weight,
                entity_weight=self.entity_weight,
                index_terms=self.index_terms,
                max_candidates=self.max_candidates,
                window_days=self.window_days,
                time_penalty=self.time_penalty,
                max_span_days=self.max_span_days,
            )
            if (
                archived is not None
                and archived_score >= limit + self.archive_margin
                and archived_score > best_score
            ):
                return StoryAssignment(article.id, archived.id, round(archived_score, 6))
        if best is None or best_score < limit:
            best = state.new_story(state.fresh_id(article.id))
            best_score = 1.0
        else:
            best = self._merge_matches(state, best, scored)
        self._add(state, best, features, day, dense)
        if day is not None and not late and self.settle_margin is not None:
            state.unsettled.append(Member(article.id, best.id, day, features, dense))
        return StoryAssignment(article.id, best.id, round(best_score, 6))

    def _settle(self, state: ClusterState, before: int | None) -> None:
        """Place again, once, each article dated before ``before`` (all when None).

        By then every story begun within ``window_days`` after the article exists, so an article
        that seeded or joined a story before the story it belongs to had formed (an online
        pass's order effect) moves there: it leaves its story and joins the best open one when
        that one scores at least ``threshold`` and ``settle_margin`` above its own story
        without it.
        """
        while state.unsettled and (before is None or state.unsettled[0].day < before):
            member = state.unsettled.popleft()
            story = state.stories.get(state.resolve(member.story_id))
            if story is None or member.article_id in state.fixed:
                state.fixed.discard(member.article_id)
                continue
            features, day, dense = member.features, member.day, member.dense
            state.remove(story, features, day, dense)
            vector = dict(top_items(state.weigh(features.body), self.article_terms))
            own = self._score(state, story, vector, features, day, dense) if story.size else -1.0
            target, best = story, max(own + (self.settle_margin or 0.0), self.threshold)
            for other in self._candidates(state, vector, features):
                if other is not story:
                    score = self._score(state, other, vector, features, day, dense)
                    if score > best:
                        target, best = other, score
            if target is not story:
                state.moved[member.article_id] = (target.id, round(best, 6))
                if not story.size:
                    state.drop(story)
            self._add(state, target, features, day, dense)

    @staticmethod
    def _now(state: ClusterState, assignment: StoryAssignment) -> StoryAssignment:
        """The assignment as it stands: moved by settling, its story followed through merges."""
        story_id, score = state.moved.get(assignment.article_id, (None, assignment.score))
        return StoryAssignment(
            assignment.article_id, state.resolve(story_id or assignment.story_id), score
        )

    def _merge_matches(
        self, state: ClusterState, best: StoryState, scored: list[tuple[float, StoryState]]
    ) -> StoryState:
        """Merge the other open stories the article matches well and that match ``best``."""
        if self.merge_score <= 0:
            return best
        others = sorted(
            (story for score, story in scored if score >= self.merge_score and story is not best),
            key=lambda s: s.order,
        )
        for other in others:
            if other.id not in state.stories or best.id not in state.stories:
                continue
            older, younger = (best, other) if best.order < other.order else (other, best)
            if younger.id in state.locked:
                continue
            if story_similarity(state, older, younger) >= self.merge_similarity:
                state.merge(older, younger, self.centroid_terms)
                best = older
        return best

    def _candidates(
        self, state: ClusterState, vector: dict[str, float], features: Features
    ) -> list[StoryState]:
        hits: dict[str, float] = {}
        for term, weight in top_items(vector, self.index_terms):
            for story_id in state.index.get(term, ()):
                hits[story_id] = hits.get(story_id, 0.0) + weight
        for key in features.entities:
            for story_id in state.index.get("@" + key, ()):
                hits[story_id] = hits.get(story_id, 0.0) + 0.05
        stories = [state.stories[s] for s in hits]
        stories.sort(key=lambda s: (-hits[s.id], s.order))
        return stories[: self.max_candidates]

    def _score(
        self,
        state: ClusterState,
        story: StoryState,
        vector: dict[str, float],
        features: Features,
        day: int | None,
        dense: Any,
    ) -> float:
        span = self.max_span_days
        if span is not None and day is not None and story.span_with(day) > span:
            return -1.0  # below any threshold: the story would outgrow one happening
        body = centroid_cosine(state, story, vector, "body")
        if features.title and story.titled:
            title_vector = state.weigh(features.title)
            title = centroid_cosine(state, story, title_vector, "title")
            if self.member_title_weight > 0 and story.titles:
                best = best_member_title(state, story, title_vector)
                title += self.member_title_weight * (best - title)
        else:
            title = body  # no title on one side: let the body speak for it
        entity = entity_share(state, story, features)
        total = self.body_weight * body + self.title_weight * title + self.entity_weight * entity
        weights = self.body_weight + self.title_weight + self.entity_weight
        if dense is not None and story.dense is not None:
            norm = float((story.dense @ story.dense) ** 0.5) or 1.0
            total += self.dense_weight * float(story.dense @ dense) / norm
            weights += self.dense_weight
        score = total / weights if weights else 0.0
        if day is not None and story.start is not None and story.end is not None:
            gap = max(0, story.start - day, day - story.end)
            score -= self.time_penalty * min(1.0, gap / max(self.window_days, 1))
        return score

    def _add(
        self,
        state: ClusterState,
        story: StoryState,
        features: Features,
        day: int | None,
        dense: Any,
    ) -> None:
        vector = state.weigh(features.body)
        keys = [t for t, _ in top_items(vector, self.index_terms)]
        keys += ["@" + k for k in features.entities[: self.index_terms]]
        state.add(story, features, day, keys, self.centroid_terms, dense)

    # -- plumbing ---------------------------------------------------------------------------

    def _ready(self) -> None:
        if self._stop is None or (self.embedding_model is not None and self._model is None):
            self.setup()

    def _chunks(self, articles: Iterable[ArticleText]) -> Iterator[Featurised]:
        stop = self._stop
        assert stop is not None

        def features_of(article: ArticleText) -> Features:
            return article_features(article, stop, self.max_body_chars, self.stem_chars)

        return featurised(articles, features_of, self._model, self.embedding_batch_size)
