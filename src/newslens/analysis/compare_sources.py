"""Attribution: whom each outlet quotes, by kind of source and by speaker.

A quote's speaker is an actor id when the quote stage resolved one, and ``speaker_text`` keeps the
words the article used ("officials", "a source familiar with the talks", an unresolved "he"); the
cue is the reporting verb ("said") or "according to". The kinds, and the order in which they are
tried, are documented in the bundled ``data/analysis/sources.toml``, which also holds the word
lists (state media names, anonymity phrases, official and expert words). Only original articles
count: a wire copy repeats its original's sources.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from newslens.analysis.bundle import Bundle
from newslens.errors import ConfigError
from newslens.records import Actor, Quote

__all__ = [
    "SOURCE_KINDS",
    "Attribution",
    "SourceLexicon",
    "SpeakerCount",
    "attribution_by_outlet",
    "classify_quote",
    "load_source_lexicon",
]

DEFAULT_SOURCES = Path(__file__).resolve().parents[1] / "data" / "analysis" / "sources.toml"
#: the kinds of source, in the order they are tried
SOURCE_KINDS = (
    "state_media",
    "anonymous",
    "official",
    "expert",
    "named",
    "unnamed",
    "unattributed",
)
_LISTS = (
    "state_media",
    "anonymous_speakers",
    "anonymous_unnamed",
    "anonymous_context",
    "official",
    "expert",
    "unnamed_groups",
)
_INDEFINITE = re.compile(r"^(?:a|an|one|another)\s+", re.IGNORECASE)
_LOWER_WORDS = frozenset({"a", "an", "the", "one", "another", "he", "she", "they", "it", "we"})


def _words_pattern(phrases: Iterable[str], *, exact_short_caps: bool = False) -> re.Pattern[str]:
    """One word-boundary pattern for ``phrases`` (case-insensitive except short capitals)."""
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        words = phrase.replace("’", "'").split()
        body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in words)
        if exact_short_caps and phrase.isupper() and len(phrase) <= 4:
            body = f"(?-i:{body})"
        parts.append(body)
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class SourceLexicon:
    """The compiled word lists of a sources file."""

    state_media: re.Pattern[str]
    anonymous_speakers: re.Pattern[str]
    anonymous_unnamed: re.Pattern[str]
    anonymous_context: re.Pattern[str]
    official: re.Pattern[str]
    expert: re.Pattern[str]
    unnamed_groups: re.Pattern[str]


def load_source_lexicon(path: Path | None = None) -> SourceLexicon:
    """The source word lists in ``path`` (default: the bundled ``data/analysis/sources.toml``)."""
    path = path or DEFAULT_SOURCES
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"sources file {path}: cannot be read ({exc}); give a readable UTF-8 TOML file"
        ) from exc
    lists: dict[str, list[str]] = {}
    for name in _LISTS:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(
                f"sources file {path}: {name!r} is not a list of strings; give each of "
                f"{', '.join(_LISTS)} as a TOML list of phrases"
            )
        lists[name] = [v for v in value if v.strip()]
    unnamed = "|".join(
        r"\s+".join(re.escape(w) for w in p.split()) for p in lists["anonymous_unnamed"]
    )
    return SourceLexicon(
        state_media=_words_pattern(lists["state_media"], exact_short_caps=True),
        anonymous_speakers=_words_pattern(lists["anonymous_speakers"]),
        # "an official" / "a senior official" with nothing after it: no name given
        anonymous_unnamed=re.compile(
            rf"^(?:(?:a|an|one|another)\s+)(?:[\w-]+\s+){{0,3}}(?:{unnamed or '(?!x)x'})s?$",
            re.IGNORECASE,
        ),
        anonymous_context=_words_pattern(lists["anonymous_context"]),
        official=_words_pattern(lists["official"]),
        expert=_words_pattern(lists["expert"]),
        unnamed_groups=_words_pattern(lists["unnamed_groups"]),
    )


def _state_media_actor(actor: Actor, lexicon: SourceLexicon) -> bool:
    if actor.sector == "media" and (
        "state-media" in actor.id or any(role.startswith("state") for role in actor.roles)
    ):
        return True
    return any(lexicon.state_media.fullmatch(name) for name in (actor.name, *actor.aliases))


def _has_name(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", text) if w.lower() not in _LOWER_WORDS]
    return any(w[0].isupper() for w in words)


def classify_quote(
    quote: Quote,
    actor: Actor | None,
    sentence: str,
    lexicon: SourceLexicon,
) -> str:
    """The kind of source of ``quote`` (one of :data:`SOURCE_KINDS`).

    ``actor`` is the resolved speaker (None when unresolved) and ``sentence`` the text of the
    sentence the quote opens in ("" when unknown), read for anonymity phrases.
    """
    words = " ".join(quote.speaker_text.split())
    if actor is not None and _state_media_actor(actor, lexicon):
        return "state_media"
    if words and lexicon.state_media.search(words):
        return "state_media"
    if actor is None or actor.kind != "person":
        if words and (
            lexicon.anonymous_speakers.search(words) or lexicon.anonymous_unnamed.match(words)
        ):
            return "anonymous"
        if lexicon.anonymous_context.search(sentence):
            return "anonymous"
    speaker = quote.speaker or ""
    if (
        actor is not None and (actor.sector in ("government", "military") or actor.kind == "state")
    ) or (actor is None and speaker.startswith("state:")):
        return "official"
    roles = " ".join(actor.roles) if actor is not None else ""
    if actor is None and words and lexicon.official.search(_INDEFINITE.sub("", words)):
        return "official"
    if (words and lexicon.expert.search(words)) or (roles and lexicon.expert.search(roles)):
        return "expert"
    if not speaker and lexicon.unnamed_groups.search(words):
        return "unnamed"
    if speaker or _has_name(words):
        return "named"
    return "unnamed" if words else "unattributed"


@dataclass(frozen=True)
class SpeakerCount:
    """How many of an outlet's quotes one speaker gave, and the kind of source it is."""

    name: str
    kind: str
    count: int


@dataclass(frozen=True)
class Attribution:
    """One outlet's quotes: counts per kind of source (all kinds, zeros included), per speaker."""

    outlet: str
    quotes: int
    kinds: Mapping[str, int]
    speakers: tuple[SpeakerCount, ...]


def _speaker_name(quote: Quote, bundle: Bundle) -> str:
    if quote.speaker is not None:
        return bundle.actor_name(quote.speaker) or quote.speaker
    return " ".join(quote.speaker_text.split()) or "(unattributed)"


def attribution_by_outlet(
    bundle: Bundle, lexicon: SourceLexicon | None = None
) -> dict[str, Attribution]:
    """Each outlet's quotes by kind of source and by speaker (most quoted first).

    Quotes from copies, and from articles the bundle does not hold, are left out.
    """
    lexicon = lexicon or load_source_lexicon()
    kinds: dict[str, Counter[str]] = {}
    speakers: dict[str, Counter[tuple[str, str]]] = {}
    for quote in sorted(bundle.quotes, key=lambda q: (q.article_id, q.sentence_index, q.id)):
        article = bundle.articles.get(quote.article_id)
        if article is None or article.duplicate_of is not None:
            continue
        sentence = next(
            (
                s.text
                for s in bundle.sentences.get(quote.article_id, ())
                if s.index == quote.sentence_index
            ),
            "",
        )
        actor = bundle.actors.get(quote.speaker) if quote.speaker else None
        kind = classify_quote(quote, actor, sentence, lexicon)
        kinds.setdefault(article.voice, Counter())[kind] += 1
        speakers.setdefault(article.voice, Counter())[(_speaker_name(quote, bundle), kind)] += 1
    result = {}
    for outlet in sorted(kinds):
        by_speaker = sorted(speakers[outlet].items(), key=lambda item: (-item[1], item[0]))
        result[outlet] = Attribution(
            outlet,
            sum(kinds[outlet].values()),
            {kind: kinds[outlet][kind] for kind in SOURCE_KINDS},
            tuple(SpeakerCount(name, kind, n) for (name, kind), n in by_speaker),
        )
    return result
