"""Typed records shared by every stage.

Records are small frozen dataclasses: they cross module boundaries instead of dicts with implicit
keys, pickle for Ray, and compare by value so stages can be tested for determinism.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Generic, Literal, TypeVar

ContentType = Literal["text", "html"]


class Reason(StrEnum):
    """Why an input (or part of one) was refused. Stored in the quarantine table."""

    EMPTY = "empty"  # no bytes, or only whitespace
    BINARY = "binary"  # not text: NUL bytes, an image, an archive we cannot read
    UNDECODABLE = "undecodable"  # bytes that no plausible encoding turns into text
    MALFORMED_ROW = "malformed_row"  # a tabular row that does not fit its header
    MALFORMED_FILE = "malformed_file"  # JSON, feed, WARC or Parquet that does not parse
    NO_ARTICLE = "no_article"  # readable, but no article body could be found
    TOO_LARGE = "too_large"  # one document over the configured size limit
    UNKNOWN_FORMAT = "unknown_format"  # format could not be detected
    UNREADABLE = "unreadable"  # the file system refused (permissions, vanished file)
    FETCH_FAILED = "fetch_failed"  # a URL that did not answer with a page
    ROBOTS_DISALLOWED = "robots_disallowed"  # robots.txt forbids fetching the URL


@dataclass(frozen=True)
class Source:
    """One input to read: its display name (the provenance in ``source_path``) and its bytes.

    ``opener`` returns a fresh binary stream each call, so readers can sniff the head and then
    stream the whole input without loading it into memory.
    """

    name: str
    opener: Callable[[], IO[bytes]]
    size: int | None = None
    path: Path | None = None

    def open(self) -> IO[bytes]:
        return self.opener()

    def head(self, n: int = 8192) -> bytes:
        with self.opener() as stream:
            return stream.read(n)


@dataclass(frozen=True)
class ReadOptions:
    """Settings every reader may honour.

    ``column_map`` maps an input column (or JSON key) to an article field, overriding automatic
    mapping (``--map column=field``). ``outlet`` is the user's ``--outlet`` for every document.
    """

    column_map: tuple[tuple[str, str], ...] = ()
    outlet: str | None = None
    max_document_bytes: int = 20 * 1024 * 1024
    user_agent: str = "newslens/0.1 (+https://github.com/newslens/newslens)"
    fetch_delay_seconds: float = 1.0
    fetch_timeout_seconds: float = 20.0


@dataclass(frozen=True)
class RawDocument:
    """One input item as read, before cleaning: text or HTML plus the metadata that came with it.

    Metadata fields are the input's own values as strings (a date column stays a string until the
    cleaner parses it); ``None`` means the input did not say.
    """

    source_path: str
    content: str
    content_type: ContentType = "text"
    input_format: str = "text"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None
    language: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rejected:
    """An input (or a part of one) that was refused, with the reason and what to do about it.

    ``sample`` keeps up to a bounded number of the refused bytes so nothing ingested is lost.
    """

    source_path: str
    reason: Reason
    detail: str
    sample: bytes = b""


@dataclass(frozen=True)
class Article:
    """A cleaned raw document. Unknown metadata stays ``None``; nothing is invented."""

    id: str
    source_path: str
    body: str
    input_format: str = "text"
    url: str | None = None
    outlet: str | None = None
    original_outlet: str | None = None
    title: str | None = None
    author: str | None = None
    language: str | None = None
    published: dt.date | None = None
    published_earliest: dt.date | None = None
    published_latest: dt.date | None = None
    truncated: bool = False
    body_hash: str = ""
    removed_lines: tuple[str, ...] = field(default=(), compare=False)
    raw: str = field(default="", compare=False, repr=False)


T = TypeVar("T")


@dataclass(frozen=True)
class StageResult(Generic[T]):
    """What a stage returns: its outputs and the items it refused, each with a reason."""

    outputs: tuple[T, ...]
    dropped: tuple[Rejected, ...] = ()


@dataclass(frozen=True)
class ArticleText:
    """What the duplicate and story stages see of a stored article."""

    id: str
    seq: int
    body: str
    title: str | None = None
    outlet: str | None = None
    original_outlet: str | None = None
    published: dt.date | None = None
    published_earliest: dt.date | None = None
    published_latest: dt.date | None = None
    language: str | None = None

    @classmethod
    def of(cls, article: Article, seq: int) -> ArticleText:
        """The text of a cleaned article not stored yet, ``seq`` standing for its ingest order."""
        return cls(
            article.id,
            seq,
            article.body,
            article.title,
            article.outlet,
            article.original_outlet,
            article.published,
            article.published_earliest,
            article.published_latest,
            article.language,
        )


@dataclass(frozen=True)
class DedupeResult:
    """An article's MinHash signature and, when it is a copy, the earliest article with its text.

    ``duplicate_of`` is None for an original. The dedupe stage may also emit results for articles
    seen earlier when a newly added, earlier article becomes the original of their group.
    """

    article_id: str
    signature: bytes
    duplicate_of: str | None = None
    similarity: float = 0.0


@dataclass(frozen=True)
class KnownSignature:
    """A stored article's signature, with what orders copies (earliest first) and its link."""

    article_id: str
    seq: int
    published: dt.date | None
    signature: bytes
    duplicate_of: str | None = None
    outlet: str | None = None
    original_outlet: str | None = None


@dataclass(frozen=True)
class StoryAssignment:
    """One article placed in one story by the online clustering (score: its match, 1.0 = seed)."""

    article_id: str
    story_id: str
    score: float


@dataclass(frozen=True)
class Story:
    """Articles about one real-world happening within a short window."""

    id: str
    label: str
    keywords: tuple[str, ...]
    entities: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    thread_id: str | None = None


@dataclass(frozen=True)
class Thread:
    """Stories that continue one another over weeks or months, in order."""

    id: str
    label: str
    story_ids: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article body (character offsets into the body)."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    """A person, state, government body or organisation, with aliases, country and roles.

    ``id`` is a stable key: ``state:CHN`` for a country's government (capital and seat metonyms
    and demonyms resolve there), ``person:xi-jinping``, ``org:nato``. ``country`` is ISO 3166-1
    alpha-3; ``sector`` is PLOVER's (government, military, media, business, civilian, rebel,
    international organisation…).
    """

    id: str
    name: str
    kind: str  # person | state | organisation
    country: str | None = None
    sector: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A span of a sentence that refers to an actor, and how it was resolved.

    ``how`` is one of: name (the full name), alias (a known alternative or short name), title (a
    role phrase such as "the Chinese leader"), metonymy (a capital or seat used as an agent),
    demonym ("Chinese" standing for China), pronoun.
    """

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    actor_id: str
    how: str


@dataclass(frozen=True)
class Reference:
    """A pronoun, "the latter" or group phrase ("the two leaders") resolved to actors, with the
    named mentions it goes back to (``antecedents``), so a reader can see why.

    ``how`` is one of: pronoun ("he", "they"), possessive ("his", "its"; "his country" stands
    for the person's state), ordinal ("the latter"), group ("the two leaders"), definite ("the
    ministry": the one such body named just before).
    """

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    actor_ids: tuple[str, ...]
    how: str
    antecedents: tuple[Mention, ...]


@dataclass(frozen=True)
class TimeExpression:
    """A time expression resolved against the article's publication date (or its content).

    ``date`` when the expression names one day, else ``earliest``/``latest`` bounds; ``anchor``
    says what it was resolved against: published, stated (an explicit date), inferred, event.
    """

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    date: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    anchor: str = "published"


@dataclass(frozen=True)
class ArticleAnalysis:
    """What the language stage found in one article (``skipped`` says why it found nothing)."""

    article_id: str
    language: str | None
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    published_earliest: dt.date | None = None
    published_latest: dt.date | None = None
    doc: bytes = field(default=b"", compare=False, repr=False)
    skipped: str | None = None


@dataclass(frozen=True)
class Evidence:
    """One sentence that reports an event, in one article."""

    article_id: str
    sentence_index: int
    sentence: str
    outlet: str | None = None


@dataclass(frozen=True)
class Event:
    """Who did what to whom, when: a PLOVER event with its evidence sentences.

    ``type`` is one of PLOVER's 18 types; ``source``/``target`` are actor ids (target may be
    None). ``date`` or ``date_earliest``/``date_latest`` is the date of the event, not of the
    article; ``date_basis`` says where it came from (``expression``: a time expression of the
    sentence; ``published``: the article's date, for a present act; ``none``). ``claimed_by``
    is the speaker's actor id when the event is reported inside a quote or reported speech (the
    speaker claims it, the outlet does not assert it). ``signal`` says what coded it:
    ``lexicon`` (a trigger of the lexicon), ``classifier`` (the learned event model alone) or
    ``both`` (a lexicon trigger whose type the model also gave the sentence); ``confidence`` is the
    model's probability of the event's type for its sentence (None without a model).
    """

    id: str
    type: str
    source: str | None
    target: str | None
    evidence: tuple[Evidence, ...]
    date: dt.date | None = None
    date_earliest: dt.date | None = None
    date_latest: dt.date | None = None
    date_basis: str = "none"
    negated: bool = False
    hypothetical: bool = False
    background: bool = False
    claimed_by: str | None = None
    location: str | None = None
    verb: str = ""
    signal: str = "lexicon"
    confidence: float | None = None


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker: direct ("…") or indirect (said that …), with the cue."""

    id: str
    article_id: str
    sentence_index: int
    speaker: str | None  # actor id, None when unresolved
    speaker_text: str
    text: str
    direct: bool
    cue: str


@dataclass(frozen=True)
class EventInput:
    """What the event stage reads for one article: the article and its language analysis."""

    article: ArticleText
    analysis: ArticleAnalysis


@dataclass(frozen=True)
class ArticleEvents:
    """The events, quotes and resolved references (pronouns, groups) of one article."""

    article_id: str
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    references: tuple[Reference, ...] = ()
