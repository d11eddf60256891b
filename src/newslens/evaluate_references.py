"""Score actor references and quote speakers against a hand-annotated gold of whole articles.

Two gold files, one JSON object per line (docs/formats.md, "Reference and speaker gold"):

- mentions: ``{"seed": "001", "context": "He said Beijing was", "mention": "He", "actor":
  "person:xi-jinping", "kind": "pronoun"}``. ``context`` occurs once in the article and holds the
  mention once; ``actor`` is an id, a list of ids ("the two leaders") or null (a place use, an
  expletive "it": nothing may resolve there). ``kind`` says what sort of expression it is, so the
  score is broken down by it.
- quotes: ``{"seed": "001", "words": "intensify strategic coordination", "speaker":
  "person:xi-jinping", "direct": true, ...}``: ``words`` lie inside one attributed statement;
  ``speaker`` is an id, a list of ids (a joint statement) or null (an unnamed source).

A mention is right when the actors the system resolves over its span are exactly the gold ones
(none for null). The system's view is the event coder's: resolved mentions plus the pronouns and
group phrases it settles (:func:`newslens.events.coder_coref.reference_index`), so what is scored
is what events are coded from. A quote is right when a quote the system extracted holds the words
and its speaker is the gold one (for a joint statement, one of them: a quote has one speaker);
a quote not extracted is wrong.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslens.errors import InputError

__all__ = [
    "ReferenceScore", "load_gold", "quotes_in_body", "read_articles", "score_mentions",
    "score_quotes",
]  # fmt: skip


@dataclass
class ReferenceScore:
    """Right and total, overall and by kind, with the wrong items for reading."""

    right: int = 0
    total: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [right, total]
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def add(self, kind: str, ok: bool, item: dict[str, Any]) -> None:
        self.total += 1
        self.right += ok
        counts = self.by_kind.setdefault(kind, [0, 0])
        counts[0] += ok
        counts[1] += 1
        if not ok:
            self.wrong.append(item)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The gold lines of ``path``; a line that is not a JSON object is an InputError naming it."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}:{number}: not JSON ({exc.msg}): fix or remove the line"
            ) from exc
        if not isinstance(row, dict) or "seed" not in row:
            raise InputError(f'{path}:{number}: expected an object with "seed"')
        rows.append(row)
    return rows


@dataclass(frozen=True)
class ReadArticle:
    """One article as ``newslens build`` reads it: cleaned body, parse, references, quotes."""

    body: str
    doc: Any
    actor_at: Any  # token index -> the actors it stands for
    quotes: list[Any]


def read_articles(raw: dict[str, str]) -> dict[str, ReadArticle]:
    """Clean, parse and resolve each raw article (key -> text) as the build does."""
    from newslens.clean import clean_documents
    from newslens.events.coder_coref import reference_index
    from newslens.events.quotes import extract_quotes, load_quote_cues
    from newslens.models import load_model
    from newslens.nlp.actors import resolve_actors
    from newslens.nlp.gazetteer import load_gazetteer
    from newslens.records import RawDocument

    nlp, gazetteer, cues = load_model(), load_gazetteer(), load_quote_cues()
    out = {}
    for key, text in raw.items():
        body = clean_documents([RawDocument(key, text)]).outputs[0]
        doc = nlp(body.body)
        mentions, actors = resolve_actors(body.id, doc, gazetteer)
        actor_at = reference_index(doc, mentions, actors)  # one resolution, as in the build
        quotes = extract_quotes(body.id, doc, mentions, cues, actor_at)
        out[key] = ReadArticle(body.body, doc, actor_at, quotes)
    return out


def _ids(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(value)


def _covering(doc: Any, actor_at: Any, start: int, end: int) -> frozenset[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return frozenset()
    return frozenset(a for tok in span for a in actor_at.get(tok.i, ()))


def score_mentions(
    gold: Iterable[dict[str, Any]], texts: dict[str, str], views: dict[str, tuple[Any, Any]]
) -> ReferenceScore:
    """``texts``: article key -> text; ``views``: key -> (parsed doc, token -> actors)."""
    score = ReferenceScore()
    for row in gold:
        text = texts[row["seed"]]
        at = text.find(row["context"])
        if at < 0:
            raise InputError(f"context {row['context']!r} is not in article {row['seed']}")
        start = at + row["context"].index(row["mention"])
        doc, actor_at = views[row["seed"]]
        found = _covering(doc, actor_at, start, start + len(row["mention"]))
        want = _ids(row.get("actor"))
        score.add(row.get("kind", "?"), found == want, {**row, "found": sorted(found)})
    return score


def quotes_in_body(gold: Iterable[dict[str, Any]], bodies: dict[str, str]) -> list[dict[str, Any]]:
    """The gold quotes whose words are in the cleaned body (a photo caption the cleaner removed
    cannot be quoted from, as a gold mention there cannot be resolved)."""
    flat = {k: " ".join(v.split()) for k, v in bodies.items()}
    return [r for r in gold if " ".join(r["words"].split()) in flat[r["seed"]]]


def score_quotes(gold: Iterable[dict[str, Any]], quotes: dict[str, list[Any]]) -> ReferenceScore:
    """``quotes``: article key -> the system's quotes (records with ``text`` and ``speaker``)."""
    score = ReferenceScore()
    for row in gold:
        words = " ".join(row["words"].split())
        hits = [q for q in quotes[row["seed"]] if words in " ".join(q.text.split())]
        want = _ids(row.get("speaker"))
        said = hits[0].speaker if hits else None
        ok = bool(hits) and (said in want if want else said is None)
        kind = "direct" if row.get("direct") else "indirect"
        found = {"found": said if hits else "(no quote)"}
        score.add(kind, ok, {**row, **found})
    return score


def summary(score: ReferenceScore) -> dict[str, Any]:
    """The score as JSON-ready numbers."""
    return {
        "right": score.right,
        "total": score.total,
        "share": round(score.share, 3),
        "by_kind": {k: {"right": r, "total": t} for k, (r, t) in sorted(score.by_kind.items())},
    }


def kinds_table(score: ReferenceScore) -> list[tuple[str, int, int]]:
    """(kind, right, total), most frequent kind first."""
    counts = Counter({k: t for k, (_, t) in score.by_kind.items()})
    return [(k, score.by_kind[k][0], score.by_kind[k][1]) for k, _ in counts.most_common()]
