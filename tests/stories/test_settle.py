"""Settling: ``window_days`` after its date an article is placed once more, under the stream's
statistics and stories as they stand then, and moves when another story now fits it better."""

from __future__ import annotations

import datetime as dt

from newslens.records import ArticleText
from newslens.stories import StoryClusterer, sort_key
from newslens.stories.state import ClusterState
from newslens.stories.text import article_features, stopwords

DAY = dt.date(2025, 6, 2)

# The first report names the flood, the village and the minister in one breath; each later
# report shares one of these with it, and the reservoir's name with the others.
FIRST = ArticleText(
    "first",
    0,
    "Floodwater broke the Ostrava dam near Lenvik overnight. Soldiers evacuated Harrowgate "
    "village before dawn. Minister Kaldor promised compensation for ruined barley farms.",
    "Lenvik dam bursts as Harrowgate evacuated; Kaldor vows compensation",
    "Wire One",
    published=DAY,
)
FOLLOWERS = [
    ArticleText(
        f"next-{i}",
        i,
        body,
        title,
        outlet,
        published=DAY + dt.timedelta(days=i // 3),
    )
    for i, (title, body, outlet) in enumerate(
        [
            (
                "Ostrava reservoir collapse: floodwater reaches Lenvik",
                "The Ostrava reservoir wall gave way; floodwater reached Lenvik overnight as "
                "engineers watched the reservoir collapse.",
                "Daily Two",
            ),
            (
                "Ostrava reservoir collapse: Harrowgate village evacuated",
                "Soldiers evacuated Harrowgate village after the Ostrava reservoir collapse, "
                "engineers said.",
                "Courier Three",
            ),
            (
                "Ostrava reservoir collapse: Kaldor promises compensation",
                "Minister Kaldor promised compensation for barley farms after the Ostrava "
                "reservoir collapse, engineers said.",
                "Gazette Four",
            ),
            (
                "Engineers inspect Ostrava reservoir collapse",
                "Engineers inspected the Ostrava reservoir collapse site a day later.",
                "Daily Two",
            ),
        ],
        start=1,
    )
]
OTHER = ArticleText(
    "other",
    9,
    "Parliament in Velmar passed the budget after a long night of votes on pensions.",
    "Velmar parliament passes budget",
    "Wire One",
    published=DAY,
)


def _cluster(settle_margin: float | None) -> dict[str, str]:
    clusterer = StoryClusterer(settle_margin=settle_margin, threshold=0.45)
    clusterer.setup()
    articles = sorted([FIRST, *FOLLOWERS, OTHER], key=sort_key)
    return {a.article_id: a.story_id for a in clusterer(articles).outputs}


def test_settle_moves_an_article_that_now_fits_another_story() -> None:
    unsettled = _cluster(None)
    settled = _cluster(0.05)
    # placed online, every report stood alone: the IDF of five articles moved under them
    assert len(set(unsettled.values())) == 6
    # settled, the evacuation report joins the first report, which shares its village
    assert settled["next-2"] == settled["first"] == unsettled["first"]
    assert {k: v for k, v in settled.items() if k != "next-2"} == {
        k: v for k, v in unsettled.items() if k != "next-2"
    }


def test_settle_leaves_unrelated_articles_alone() -> None:
    settled = _cluster(0.05)
    assert list(settled.values()).count(settled["other"]) == 1


def test_settled_stream_matches_the_batch_and_names_final_stories() -> None:
    clusterer = StoryClusterer(threshold=0.45)
    clusterer.setup()
    articles = sorted([FIRST, *FOLLOWERS, OTHER], key=sort_key)
    streamed = {a.article_id: a.story_id for a in clusterer.assign(iter(articles))}
    assert streamed == _cluster(0.05)
    # the story next-2 seeded is gone: no assignment names it
    assert len(set(streamed.values())) == 5


def test_remove_undoes_add() -> None:
    state = ClusterState(member_titles=10)
    stop = stopwords()
    one = article_features(FIRST, stop, 4000)
    two = article_features(FOLLOWERS[0], stop, 4000)
    day = DAY.toordinal()
    story = state.new_story("s1")
    state.add(story, one, day, ["dam"], 200)
    before = (dict(story.body), dict(story.title), dict(story.entities), story.size)
    state.add(story, two, day + 1, ["dam"], 200)
    assert story.end == day + 1
    state.remove(story, two, day + 1)
    assert story.size == before[3] and story.entities == before[2]
    assert story.body.keys() == before[0].keys() and story.title.keys() == before[1].keys()
    assert all(abs(story.body[t] - w) < 1e-9 for t, w in before[0].items())
    assert (story.start, story.end) == (day, day)
    assert len(story.titles) == 1
