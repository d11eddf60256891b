"""Thread linking and story descriptions."""

from __future__ import annotations

import datetime as dt

from newslens.records import ArticleText, Story
from newslens.stories import describe_stories, link_threads, thread_id_for

D = dt.date


def story(
    ident: str, start: dt.date, entities: tuple[str, ...], keywords: tuple[str, ...]
) -> Story:
    return Story(ident, ident, keywords, entities, start, start, (f"{ident}-a",), ("X",))


CHINA_RUSSIA = ("China", "Russia", "Xi Jinping", "Vladimir Putin")
STORIES = [
    story("s-call", D(2022, 2, 25), CHINA_RUSSIA, ("call", "coordination", "ukraine", "talks")),
    story("s-quake", D(2022, 3, 1), ("Port Seren", "Elena Moravec"), ("earthquake", "bridge")),
    story("s-summit", D(2022, 3, 20), CHINA_RUSSIA, ("summit", "coordination", "ukraine")),
    story(
        "s-statement",
        D(2022, 4, 30),
        ("China", "Russia", "Xi Jinping"),
        ("statement", "coordination", "partnership"),
    ),
    story("s-far", D(2022, 12, 1), CHINA_RUSSIA, ("coordination", "ukraine", "talks")),
    story("s-other", D(2022, 3, 21), ("China", "Taiwan"), ("election", "vote")),
]


def test_link_threads_links_continuing_stories_only() -> None:
    threads = link_threads(STORIES)
    assert len(threads) == 1
    thread = threads[0]
    assert thread.story_ids == ("s-call", "s-summit", "s-statement")
    assert thread.id == thread_id_for("s-call")
    assert (thread.start, thread.end) == (D(2022, 2, 25), D(2022, 4, 30))
    assert thread.label == "China – Russia: coordination"


def test_link_threads_is_deterministic_whatever_the_order() -> None:
    assert link_threads(STORIES) == link_threads(list(reversed(STORIES)))


def test_link_threads_empty() -> None:
    assert link_threads([]) == []


def test_describe_stories_fields() -> None:
    arts = [
        ArticleText(
            "b",
            2,
            "Rescuers searched the rubble of the Amber Bridge in Port Seren after "
            "the earthquake. Mayor Elena Moravec said twelve died.",
            "Quake toll rises",
            "KST",
            published=D(2025, 3, 4),
        ),
        ArticleText(
            "a",
            1,
            "An earthquake collapsed the Amber Bridge in Port Seren on Monday, Elena Moravec said.",
            "Earthquake collapses Amber Bridge in Port Seren",
            "CPA",
            published=D(2025, 3, 3),
        ),
        ArticleText(
            "c",
            3,
            "The earthquake in Port Seren destroyed the Amber Bridge. Elena "
            "Moravec visited the harbour.",
            None,
            "CPA",
        ),
    ]
    other = [ArticleText("d", 4, "Grain talks resumed in Dorun. Dario Lenz spoke.", None, "X")]
    stories = describe_stories({"s1": arts, "s2": other})
    first, second = stories
    assert first.id == "s1" and first.thread_id is None
    assert first.label == "Earthquake collapses Amber Bridge in Port Seren"
    assert first.article_ids == ("a", "b", "c")
    assert first.outlets == ("CPA", "KST")
    assert (first.start, first.end) == (D(2025, 3, 3), D(2025, 3, 4))
    assert {"Port Seren", "Elena Moravec", "Amber Bridge"} <= set(first.entities)
    assert "earthquake" in first.keywords
    assert second.label == "Grain talks resumed in Dorun."
    assert (second.start, second.end) == (None, None)
