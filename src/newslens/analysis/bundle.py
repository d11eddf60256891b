"""What the analyses read: one scope's articles, sentences, events, quotes, actors and stories.

The report edge gathers a :class:`Bundle` from the store; timeline, comparison and summary are
pure functions over it, so they run (and are tested) without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from newslens.records import Actor, Event, Quote, Sentence, Story, Thread


@dataclass(frozen=True)
class SourceArticle:
    """An article as the analyses cite it."""

    id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: dt.date | None
    published_earliest: dt.date | None = None
    published_latest: dt.date | None = None
    original_outlet: str | None = None
    duplicate_of: str | None = None
    story_id: str | None = None
    thread_id: str | None = None

    @property
    def voice(self) -> str:
        """The outlet that wrote it: the original outlet of a wire copy, else the outlet."""
        return self.original_outlet or self.outlet or "unknown outlet"


@dataclass(frozen=True)
class Citation:
    """Where a sentence comes from: ``{article_id, outlet, url, published}`` in exports."""

    article_id: str
    outlet: str | None
    url: str | None
    published: dt.date | None

    @classmethod
    def of(cls, article: SourceArticle) -> Citation:
        return cls(article.id, article.outlet, article.url, article.published)

    def as_dict(self) -> dict[str, str | None]:
        published = self.published.isoformat() if self.published else None
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "url": self.url,
            "published": published,
        }


@dataclass(frozen=True)
class Scope:
    """What a user asked about; every part is optional."""

    actors: tuple[str, ...] = ()  # actor ids
    #: the actors the scope is about: the asked-for ones, else the most mentioned (for relations)
    focus: tuple[str, ...] = ()
    query: str | None = None
    story_id: str | None = None
    thread_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    title: str = ""


@dataclass(frozen=True)
class Bundle:
    """One scope's material. ``articles`` includes copies, so citations can name them."""

    scope: Scope
    articles: Mapping[str, SourceArticle]
    sentences: Mapping[str, tuple[Sentence, ...]] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    actors: Mapping[str, Actor] = field(default_factory=dict)
    stories: tuple[Story, ...] = ()
    threads: tuple[Thread, ...] = ()
    #: actor id -> the scope actor it stands for ("Xi Jinping" stands for China)
    sides: Mapping[str, str] = field(default_factory=dict)

    def originals(self) -> list[SourceArticle]:
        """The articles that are not copies of another, in date order."""
        found = [a for a in self.articles.values() if a.duplicate_of is None]
        return sorted(found, key=lambda a: (a.published is None, a.published or dt.date.min, a.id))

    def root(self, article_id: str) -> str:
        """The article a copy was copied from (itself when it is no copy)."""
        seen: set[str] = set()
        current = article_id
        while current not in seen:
            seen.add(current)
            article = self.articles.get(current)
            if article is None or article.duplicate_of is None:
                return current
            current = article.duplicate_of
        return current

    def actor_name(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id
