"""Story descriptions: a representative headline, keywords, entities, dates, outlets, members."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from newslens.records import ArticleText, Story
from newslens.stories.cluster import sort_key
from newslens.stories.text import (
    Features,
    article_date,
    article_features,
    cosine,
    first_sentence,
    normalised,
    stopwords,
    top_items,
)


def _idf(features: list[Features]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for f in features:
        df.update(f.body)
        df.update("@" + key for key in f.entities)
    n = len(features)
    return {t: math.log((n + 1) / (count + 1)) + 1.0 for t, count in df.items()}


def _weigh(tf: Mapping[str, float], idf: Mapping[str, float]) -> dict[str, float]:
    return normalised({t: w * idf.get(t, 1.0) for t, w in tf.items()})


def describe_stories(
    articles_by_story: Mapping[str, Sequence[ArticleText]],
    *,
    keywords: int = 8,
    entities: int = 8,
    label_chars: int = 120,
    max_body_chars: int = 4000,
    stopwords_file: str | None = None,
) -> list[Story]:
    """One :class:`Story` per story id, in the mapping's order (``thread_id`` left None).

    - label: the title closest to the story's TF-IDF centroid; without titles, the first sentence
      of the most central article's body, shortened to ``label_chars``;
    - keywords: the heaviest centroid terms (IDF over all the articles given, so distinctive);
    - entities: the proper-noun phrases most members name (then named most often), as most
      often written;
    - start/end: the least and greatest article date (published, else the interval's middle);
    - outlets: the distinct outlets, sorted; article_ids: in date, then seq, order.
    """
    stop = stopwords(stopwords_file)
    featured = {
        story_id: [
            (a, article_features(a, stop, max_body_chars)) for a in sorted(arts, key=sort_key)
        ]
        for story_id, arts in articles_by_story.items()
    }
    idf = _idf([f for members in featured.values() for _, f in members])
    stories: list[Story] = []
    for story_id, members in featured.items():
        vectors = [_weigh(f.body, idf) for _, f in members]
        centroid: dict[str, float] = {}
        for vector in vectors:
            for t, w in vector.items():
                centroid[t] = centroid.get(t, 0.0) + w
        stories.append(
            Story(
                id=story_id,
                label=_label(members, vectors, centroid, idf, label_chars),
                keywords=tuple(t for t, _ in top_items(centroid, keywords)),
                entities=_entities(members, idf, entities),
                start=min((d for a, _ in members if (d := article_date(a))), default=None),
                end=max((d for a, _ in members if (d := article_date(a))), default=None),
                article_ids=tuple(a.id for a, _ in members),
                outlets=tuple(sorted({a.outlet for a, _ in members if a.outlet})),
            )
        )
    return stories


def _label(
    members: list[tuple[ArticleText, Features]],
    vectors: list[dict[str, float]],
    centroid: dict[str, float],
    idf: Mapping[str, float],
    label_chars: int,
) -> str:
    best_title, best_score = "", -1.0
    for article, features in members:
        if article.title and article.title.strip():
            score = cosine(_weigh(features.title, idf), centroid) if features.title else 0.0
            if score > best_score:
                best_title, best_score = " ".join(article.title.split()), score
    if best_title:
        return best_title
    if not members:
        return ""
    central = max(range(len(members)), key=lambda i: (cosine(vectors[i], centroid), -i))
    return first_sentence(members[central][0].body, label_chars)


def _entities(
    members: list[tuple[ArticleText, Features]], idf: Mapping[str, float], k: int
) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    for _, features in members:
        counts.update(features.entities)
        mentions.update(features.mentions)
        for key, surface in features.surfaces.items():
            surfaces.setdefault(key, Counter())[surface] += 1
    # the core actors: named by most members, then most often, then the most distinctive
    ranked = sorted(
        counts, key=lambda key: (-counts[key], -mentions[key], -idf.get("@" + key, 1.0), key)
    )
    return tuple(
        sorted(surfaces[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for key in ranked[:k]
    )
