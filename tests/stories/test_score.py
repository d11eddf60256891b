"""Similarities of an article to a story: the best member headline and its bounded memory."""

from __future__ import annotations

import pytest

from newslens.stories.score import best_member_title, centroid_cosine
from newslens.stories.state import ClusterState, StoryState
from newslens.stories.text import Features, sublinear_tf


def features(title: str) -> Features:
    tf = sublinear_tf(title.lower().split())
    return Features(body=tf, title=tf, entities=(), surfaces={})


HEADLINES = [
    "court sentences britons to death",
    "families appeal for britons release",
    "minister calls envoy over britons",
]


def story_of(headlines: list[str], member_titles: int = 30) -> tuple[ClusterState, StoryState]:
    state = ClusterState(member_titles=member_titles)
    story = state.new_story("s1")
    for headline in headlines:
        state.count(features(headline))
        state.add(story, features(headline), 1, [], 200)
    return state, story


def test_score_best_member_title_finds_the_echoed_headline() -> None:
    state, story = story_of(HEADLINES)
    title = state.weigh(features("court sentences moroccan to death").title)
    best = best_member_title(state, story, title)
    centroid = centroid_cosine(state, story, title, "title")
    assert best > centroid > 0.0


def test_score_best_member_title_without_shared_terms_is_zero() -> None:
    state, story = story_of(HEADLINES)
    title = state.weigh(features("football results weekend").title)
    assert best_member_title(state, story, title) == 0.0


@pytest.mark.parametrize("keep", [0, 1, 2, 5])
def test_score_member_titles_keep_the_most_recent(keep: int) -> None:
    _, story = story_of(HEADLINES, member_titles=keep)
    kept = story.titles
    assert len(kept) == min(keep, len(HEADLINES))
    if keep:
        assert set(kept[-1]) == set(features(HEADLINES[-1]).title)


def test_score_member_titles_stay_bounded_after_a_merge() -> None:
    state, older = story_of(HEADLINES, member_titles=4)
    younger = state.new_story("s2")
    for headline in HEADLINES:
        state.add(younger, features(headline), 1, [], 200)
    state.merge(older, younger, 200)
    assert len(older.titles) == 4
