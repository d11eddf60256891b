"""Boilerplate removal: junk lines go, genuine sentences stay (all cases written for newslens)."""

from __future__ import annotations

import pytest

from newslens.clean.boilerplate import (
    is_hashtag_line,
    is_sentence_like,
    remove_boilerplate,
    strip_inline_tail,
)
from newslens.clean.lexicon import boilerplate_cues

CUES = boilerplate_cues()
LEAD = "The harbour authority said on Thursday that the new ferry line would open in May."
END = "Officials expect the first crossing to sell out within hours."


def _clean(*lines: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    result = remove_boilerplate([LEAD, *lines, END], CUES)
    return result.kept, result.removed


@pytest.mark.parametrize(
    "junk",
    [
        "NEW You can now listen to Daily Planet articles!",
        "Listen to this article",
        "Share this article",
        "Share this storyComments",
        "Comments",
        "Close Button",
        "Copy to clipboardCopied",
        "Copy/paste the article video embed link below:",
        "ADVERTISEMENT",
        "Advertisement",
        "Story continues below advertisement",
        "Original source",
        "Copyright HARBOUR PRESS/AFP",
        "© 2021 Harbour Press. All rights reserved.",
        "Photo: Jane Roe/Harbour Press",
        "#Ferry #Harbour #Transport #News",
        "Read more: Ferry fares rise for the third year running",
        "Related: Harbour strike enters second week",
        "Sign up for our morning newsletter",
        "For more watch Harbour TV's report in the video above.",
        "Follow us on Mastodon",
        "Load comments (12)",
    ],
)
def test_boilerplate_junk_line_removed(junk: str) -> None:
    kept, removed = _clean(junk)
    assert kept == (LEAD, END)
    assert removed == (junk,)


@pytest.mark.parametrize(
    "sentence",
    [
        "Share prices of the ferry operator rose four percent on the news.",
        "The company said advertisement revenue had fallen sharply last year.",
        "Comments from the mayor drew criticism from the opposition.",
        "“Copyright law was never meant for this,” the lawyer said.",
        "Related projects in the north were cancelled last spring.",
        "Read more carefully, the contract tells a different story.",
        "Original sources of the funding were not disclosed.",
        "“Never.”",
        "“No,” she said.",
        "He called it “a disgrace”",
        "Subscribers to the old service will be moved automatically.",
        "The photo by a local teenager went around the world.",
        "Follow-up talks are set for next week.",
        "You might also like to know that the ferry is free for children.",
        "About the author of the report, little is known.",
        "Click-through rates on the booking site doubled.",
        "Scenes from the opening were broadcast live.",
    ],
)
def test_boilerplate_genuine_sentence_kept(sentence: str) -> None:
    kept, removed = _clean(sentence)
    assert kept == (LEAD, sentence, END)
    assert removed == ()


@pytest.mark.parametrize(
    ("line", "kept", "piece"),
    [
        (f"{LEAD} Advertisement", LEAD, "Advertisement"),
        (f"{LEAD} ADVERTISEMENT", LEAD, "ADVERTISEMENT"),
        ("“We will sail,” he said. Advertisement", "“We will sail,” he said.", "Advertisement"),
        ("They debated the advertisement", "They debated the advertisement", None),
        ("Its biggest cost is advertisement.", "Its biggest cost is advertisement.", None),
    ],
)
def test_boilerplate_inline_tail_cut(line: str, kept: str, piece: str | None) -> None:
    assert strip_inline_tail(line, CUES) == (kept, piece)


def test_boilerplate_related_tail_removed() -> None:
    headlines = ["You might also like", "Ferry fares rise again", "Storm closes the harbour"]
    result = remove_boilerplate([LEAD, END, *headlines], CUES)
    assert result.kept == (LEAD, END)
    assert result.removed == tuple(headlines)


def test_boilerplate_related_heading_stops_at_sentence() -> None:
    result = remove_boilerplate([LEAD, "Related", "Ferry fares rise again", END], CUES)
    assert result.kept == (LEAD, END)


def test_boilerplate_author_bio_removed() -> None:
    bio = ["About the Author", "Jane Roe", "Jane Roe covers transport for a regional weekly."]
    result = remove_boilerplate([LEAD, END, *bio], CUES)
    assert result.kept == (LEAD, END)
    assert result.removed == tuple(bio)


def test_boilerplate_caption_repeated_with_credit_removed() -> None:
    caption = "The new ferry at its berth in the old harbour."
    lines = [caption, f"{caption} Copyright JANE ROE/AFP", "Copyright JANE ROE/AFP", LEAD, END]
    result = remove_boilerplate(lines, CUES)
    assert result.kept == (LEAD, END)
    assert len(result.removed) == 3


def test_boilerplate_closing_gallery_removed() -> None:
    gallery = [
        "Scenes from the harbour",
        "Crowds wave at the ferry. Photo by Jane Roe/HP | License Photo",
    ]
    result = remove_boilerplate([LEAD, END, *gallery], CUES)
    assert result.kept == (LEAD, END)


def test_boilerplate_caption_with_credit_removed() -> None:
    caption = "The mayor cuts the ribbon on Thursday. (Jane Roe/Harbour Press)"
    assert _clean(caption) == ((LEAD, END), (caption,))


def test_boilerplate_verbatim_repeat_removed_once() -> None:
    result = remove_boilerplate([LEAD, LEAD, END], CUES)
    assert result.kept == (LEAD, END)
    assert result.removed == (LEAD,)


@pytest.mark.parametrize(
    ("label", "repeated", "dropped"),
    [
        ("Harbour Weekly Newsletter", True, True),
        ("Harbour Weekly Newsletter", False, False),
        ("The ferry sails at noon.", True, False),
    ],
)
def test_boilerplate_batch_repetition(label: str, repeated: bool, dropped: bool) -> None:
    result = remove_boilerplate(
        [LEAD, label, END], CUES, repeated=frozenset({label}) if repeated else frozenset()
    )
    assert (label in result.removed) is dropped


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("#Ferry #Harbour", True),
        ("We used #Ferry for the campaign, she said.", False),
        ("#OneTag", False),
    ],
)
def test_boilerplate_hashtag_line_shape(line: str, expected: bool) -> None:
    assert is_hashtag_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("He left.", True),
        ("“It is over,” he said.", True),
        ("He called it “a disgrace”", True),
        ("Who pays?", True),
        ("(Reporting by Jane Roe)", False),
        ("Ferry fares rise again", False),
        ("The ferry will", False),
    ],
)
def test_boilerplate_sentence_shape(line: str, expected: bool) -> None:
    assert is_sentence_like(line) is expected


# Regression (issue 2): a scrape holding a whole article on one line that ends with gallery
# captions lost the whole article, because the line ended with a photo credit.
ONE_LINE_ARTICLE = " ".join(
    [
        "Ferry crews in Port Calder returned to work on Monday after a two-week strike ended.",
        "The union said members had accepted a new contract by a wide margin.",
        "Management said the first crossings would leave on schedule, Aug. 4, 2031.",
        "Passengers wait at the ferry terminal in Port Calder, Monday, Aug. 4, 2031.",
        "(AP Photo/Jane Roe)",
        "A crew member ties a line on the quay, Monday, Aug. 4, 2031. (AP Photo/Jane Roe, File)",
    ]
)


def test_boilerplate_issue2_long_line_keeps_body_and_loses_trailing_captions() -> None:
    result = remove_boilerplate([ONE_LINE_ARTICLE], CUES)
    (kept,) = result.kept
    assert kept.startswith("Ferry crews in Port Calder returned to work on Monday")
    assert kept.endswith("would leave on schedule, Aug. 4, 2031.")
    assert result.removed == (
        "Passengers wait at the ferry terminal in Port Calder, Monday, Aug. 4, 2031. "
        "(AP Photo/Jane Roe)",
        "A crew member ties a line on the quay, Monday, Aug. 4, 2031. (AP Photo/Jane Roe, File)",
    )


def test_boilerplate_long_line_without_sentence_before_credit_is_kept() -> None:
    line = " ".join(["word"] * 80) + " (AP Photo/Jane Roe)"
    assert remove_boilerplate([line], CUES).kept == (line,)


def test_boilerplate_gentle_pass_keeps_repeated_lines() -> None:
    # An interview that puts the same question to each guest: an HTML extractor's body, in which
    # repetition is content, not a scraping artefact.
    question = "What do you miss most about the old harbour?"
    lines = [LEAD, question, "The ferries at dawn.", question, "The fish market.", END]
    assert remove_boilerplate(lines, CUES, gentle=True).kept == tuple(lines)
    assert remove_boilerplate(lines, CUES).kept.count(question) == 1


@pytest.mark.parametrize(
    ("line", "junk"),
    [
        ("<div class='embed'></div>", True),
        ('<iframe src="https://video.example/1"></iframe>', True),
        ("</p>", True),
        ("<The Palace: Jang Noksu>", False),
        ("<Untitled> is the name of the exhibition.", False),
    ],
)
def test_boilerplate_markup_lines_need_real_tags(line: str, junk: bool) -> None:
    removed = remove_boilerplate([LEAD, line, END], CUES).removed
    assert (line in removed) is junk
