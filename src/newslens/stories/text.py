"""Text features for stories: terms, proper-noun entities, sparse-vector helpers, article dates.

The entity extractor is deliberately small (capitalised word runs with a stopword filter kept in
``data/stories/entity_stopwords.txt``); :func:`extract_entities` is the one seam a later NER stage
replaces.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newslens.records import ArticleText

_LETTER = r"[^\W\d_]"  # any Unicode letter: "Zoë", "Kürten" stay whole words
_WORD = re.compile(rf"{_LETTER}(?:{_LETTER}|['’\-])*{_LETTER}")
_CAP_TOKEN = re.compile(rf"{_LETTER}(?:{_LETTER}|['’\-])*|[.!?;:\n]|(?:(?!{_LETTER})[^\s.!?;:])+")
_SENTENCE_END = {".", "!", "?", ";", ":", "\n"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def _load_words(name: str, path: str | None = None) -> frozenset[str]:
    if path is not None:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = (
            resources.files("newslens")
            .joinpath("data", "stories", name)
            .read_text(encoding="utf-8")
        )
    words: set[str] = set()
    for line in text.splitlines():
        if not line.lstrip().startswith("#"):
            words.update(line.lower().split())
    return frozenset(words)


def fold(text: str) -> str:
    """``text`` without diacritics ("Zoë" -> "Zoe", "Dnipró" -> "Dnipro"), curly apostrophes
    straightened."""
    text = text.replace("’", "'")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4)
def aliases(path: str | None = None) -> dict[str, str]:
    """Spelling variant -> the form used (``data/stories/aliases.txt`` unless a path is given).

    Keys and values are lower-case and folded; a key is a word or a whole phrase.
    """
    if path is not None:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = (
            resources.files("newslens")
            .joinpath("data", "stories", "aliases.txt")
            .read_text(encoding="utf-8")
        )
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.lstrip().startswith("#") or ":" not in line:
            continue
        name, _, variants = line.partition(":")
        canonical = fold(name.strip().lower())
        for variant in variants.split(","):
            variant = " ".join(fold(variant.strip().lower()).split())
            if variant and variant != canonical:
                table[variant] = canonical
    return table


def normalise_name(phrase: str) -> str:
    """The matching key of a name: lower-cased, folded, its spelling variants mapped to one
    form (a whole-phrase alias first, then word by word)."""
    key = " ".join(fold(phrase.lower()).split())
    table = aliases()
    if key in table:
        return table[key]
    return " ".join(table.get(word, word) for word in key.split())


@lru_cache(maxsize=8)
def stopwords(path: str | None = None) -> frozenset[str]:
    """Words dropped from TF-IDF terms (``data/stories/stopwords.txt`` unless a path is given)."""
    return _load_words("stopwords.txt", path)


@lru_cache(maxsize=8)
def entity_stopwords(path: str | None = None) -> frozenset[str]:
    """Capitalised words that are not names alone (``data/stories/entity_stopwords.txt``)."""
    return _load_words("entity_stopwords.txt", path) | stopwords()


def _stem(word: str) -> str:
    # A light plural/possessive fold: "sanctions" and "sanction" should meet; nothing cleverer.
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str, stop: frozenset[str], stem_chars: int = 0) -> list[str]:
    """Lower-cased, lightly stemmed content words of ``text`` (no stopwords, no short words)."""
    out: list[str] = []
    table = aliases()
    for match in _WORD.findall(text):
        word = fold(match.lower())
        if len(word) < 3 or word in stop:
            continue
        word = _stem(word)
        word = table.get(word, word)
        if word not in stop:
            out.append(word[:stem_chars] if stem_chars else word)
    return out


def _is_capitalised(token: str) -> bool:
    return token[0].isupper() and any(c.isalpha() for c in token)


def extract_entities(text: str, stop: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """Proper-noun phrases in ``text`` as ``(key, surface)`` pairs, in order of appearance.

    A phrase is a run of capitalised words; a run at the start of a sentence is kept only when it
    has two or more words (a lone sentence-initial capital is usually an ordinary word). Title
    words, months, days and stopwords are stripped from both ends, and a descriptive prefix ending
    in a title word is dropped before a name of two or more words. ``key`` is the phrase used for
    matching (:func:`normalise_name`: lower-cased, diacritics folded, spelling variants mapped);
    ``surface`` is the text as written.
    """
    stop = entity_stopwords() if stop is None else stop
    found: list[tuple[str, str]] = []
    run: list[str] = []
    run_at_start = False
    at_start = True

    def flush() -> None:
        words = [w.replace("’", "'") for w in run]
        words = [w[:-2] if w.endswith("'s") else w for w in words]
        while words and words[0].lower() in stop:
            words.pop(0)
        while words and words[-1].lower() in stop:
            words.pop()
        # "Talvanese President Elena Moravec" -> "Elena Moravec": a title word inside the run
        # ends the descriptive prefix when a name of two or more words follows it
        for i in range(len(words) - 2, 0, -1):
            if words[i].lower() in stop:
                if len(words) - i - 1 >= 2:
                    words = words[i + 1 :]
                break
        if words and not (run_at_start and len(run) < 2):
            surface = " ".join(words)
            if len(surface) > 1:
                found.append((normalise_name(surface), surface))

    for token in _CAP_TOKEN.findall(text):
        if token[0].isalpha() and _is_capitalised(token):
            if not run:
                run_at_start = at_start
            run.append(token)
            at_start = False
            continue
        if run:
            flush()
            run = []
        at_start = token in _SENTENCE_END or (at_start and not token[0].isalpha())
    if run:
        flush()
    return found


# A wire dateline opening a body ("March 7 (UPI) --", "KYIV, Ukraine (AP) —"): not a label's part.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'/-]+(?: [A-Z][A-Z.'/-]+)*(?:, [A-Z][A-Za-z. ]{1,30})?,? "
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? )?"
    r"\([A-Z][A-Za-z.&-]*(?: [A-Za-z.&-]+){0,3}\)\s*(?:--|—|–|-)\s+"
)


def first_sentence(text: str, limit: int = 120) -> str:
    """The first sentence of ``text`` without a leading wire dateline, cut at a word boundary to
    at most ``limit`` characters."""
    stripped = _DATELINE.sub("", " ".join(text.split()), count=1)
    sentence = _SENTENCE.split(stripped, maxsplit=1)[0] if stripped else ""
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-–") + "…"


def sublinear_tf(items: Iterable[str]) -> dict[str, float]:
    """Term counts damped as ``1 + log(count)``."""
    return {term: 1.0 + math.log(n) for term, n in Counter(items).items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)


def normalised(vector: Mapping[str, float]) -> dict[str, float]:
    """``vector`` scaled to unit length (empty stays empty)."""
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def top_items(vector: Mapping[str, float], k: int) -> list[tuple[str, float]]:
    """The ``k`` heaviest entries, ties broken by key so the result is deterministic."""
    return sorted(vector.items(), key=lambda item: (-item[1], item[0]))[:k]


#: an interval wider than this says too little to place an article in time
MAX_INTERVAL = dt.timedelta(days=31)


def article_date(article: ArticleText) -> dt.date | None:
    """The article's date: published, else the middle of a narrow interval (a month at most).

    A one-sided bound ("on or after 2019-06-05") or a wide interval is no date: the article is
    then matched by text alone, as an undated one.
    """
    if article.published is not None:
        return article.published
    low, high = article.published_earliest, article.published_latest
    if low is not None and high is not None and high - low <= MAX_INTERVAL:
        return low + (high - low) / 2
    return None


@dataclass(frozen=True)
class Features:
    """What the clustering and the descriptions need from one article."""

    body: dict[str, float]  # sublinear term frequencies of title + body
    title: dict[str, float]  # sublinear term frequencies of the title
    entities: tuple[str, ...]  # distinct entity keys
    surfaces: dict[str, str]  # entity key -> first surface form
    mentions: dict[str, int] = field(default_factory=dict)  # entity key -> times named


def article_features(
    article: ArticleText, stop: frozenset[str], max_body_chars: int, stem_chars: int = 0
) -> Features:
    """Term and entity features of one article (the body cut to ``max_body_chars``)."""
    body = article.body[:max_body_chars] if max_body_chars > 0 else article.body
    title = article.title or ""
    title_terms = terms(title, stop, stem_chars)
    body_terms = terms(body, stop, stem_chars)
    pairs = extract_entities(title + ".\n" + body if title else body)
    surfaces: dict[str, str] = {}
    mentions: Counter[str] = Counter()
    for key, surface in pairs:
        surfaces.setdefault(key, surface)
        mentions[key] += 1
    return Features(
        body=sublinear_tf(title_terms + body_terms),
        title=sublinear_tf(title_terms),
        entities=tuple(surfaces),
        surfaces=surfaces,
        mentions=dict(mentions),
    )
