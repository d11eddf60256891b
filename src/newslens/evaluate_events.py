"""Score the event coder against gold sentences (``newslens eval events --gold FILE.jsonl``).

A gold file has one sentence per line with the events a careful coder expects (docs/formats.md):
``{"id": "t1", "text": "...", "events": [{"type": "ASSAULT", "source": "Russian forces",
"target": "Kharkiv", "source_country": "RUS", "target_country": "UKR"}]}``; ``"events": []``
means no event. Each sentence is coded on its own, as a one-sentence article, by the same parse,
actor resolver, lexicon and classifier as ``newslens build``.

What counts as a predicted event: one that is asserted, not negated, hypothetical or background
(those the coder keeps, flagged, but a gold file lists what happened); ``flagged=True`` counts
them too. Measures:

- per type: a sentence is a true positive for a type when both gold and prediction have it, a
  false positive when only the prediction does, a false negative when only the gold does;
  precision, recall, F1 by type, and micro and macro averages over the gold types;
- the confusion table: for each gold event, the type predicted for it (its own type when the
  sentence has it, else the sentence's first predicted type, else NONE); for each predicted type
  of a no-event sentence, the row NONE;
- type + source country: the share of gold events with a predicted event of the same type whose
  source's country (ISO alpha-3, None for an international body) is the gold one; and type +
  dyad: the same with the target's country right too (None where the gold has no target);
- events found: the share of sentences with gold events where anything was predicted; and other
  types per sentence: predicted types that are not gold, per sentence.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslens.errors import InputError
from newslens.records import Actor, Event

NONE = "NONE"


@dataclass(frozen=True)
class GoldEvent:
    type: str
    source_country: str | None = None
    target_country: str | None = None
    source: str | None = None
    target: str | None = None


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class Coded:
    """What the coder found in one sentence: (type, source country, target country) each."""

    events: tuple[tuple[str, str | None, str | None], ...]


@dataclass
class EventScores:
    """The measures of the module docstring."""

    sentences: int = 0
    gold_events: int = 0
    by_type: dict[str, dict[str, float]] = field(default_factory=dict)
    micro: dict[str, float] = field(default_factory=dict)
    macro_f1: float = 0.0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    type_and_source_country: float = 0.0
    #: type, source country and target country all right (the dyad a reader checks)
    type_and_dyad_country: float = 0.0
    events_found: float = 0.0
    other_types_per_sentence: float = 0.0
    model: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "gold_events": self.gold_events,
            "by_type": self.by_type,
            "micro": self.micro,
            "macro_f1": self.macro_f1,
            "confusion": self.confusion,
            "type_and_source_country": self.type_and_source_country,
            "type_and_dyad_country": self.type_and_dyad_country,
            "events_found": self.events_found,
            "other_types_per_sentence": self.other_types_per_sentence,
            "model": self.model,
        }


def read_gold_events(path: Path) -> list[GoldSentence]:
    """The gold sentences of a JSON-lines file; a malformed line is an error naming it."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read gold file {path}: {exc.strerror}") from exc
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            events = tuple(
                GoldEvent(
                    str(e["type"]).upper(),
                    e.get("source_country"),
                    e.get("target_country"),
                    e.get("source"),
                    e.get("target"),
                )
                for e in record.get("events", [])
            )
            out.append(GoldSentence(str(record.get("id", number)), str(record["text"]), events))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path}:{number}: not a gold sentence ({exc}); each line must be JSON like "
                '{"id": "1", "text": "...", "events": [{"type": "ASSAULT", "source_country": '
                '"RUS"}]} (docs/formats.md)'
            ) from exc
    if not out:
        raise InputError(f"{path} has no gold sentences")
    return out


def _country(actor_id: str | None, actors: dict[str, Actor]) -> str | None:
    if not actor_id:
        return None
    if actor_id.startswith("state:"):
        return actor_id.split(":", 1)[1]
    actor = actors.get(actor_id)
    return actor.country if actor else None


@dataclass(frozen=True)
class Parsed:
    """One sentence parsed as a one-sentence article, with its mentions and actors."""

    doc: Any
    mentions: tuple[Any, ...]
    actors: tuple[Actor, ...]


def parse_sentences(texts: Sequence[str]) -> list[Parsed]:
    """Parse each text and resolve its actors, as the language stage does."""
    from newslens.models import load_model as load_spacy
    from newslens.nlp.actors import resolve_actors
    from newslens.nlp.gazetteer import load_gazetteer

    nlp, gazetteer = load_spacy(), load_gazetteer()
    out = []
    for n, doc in enumerate(nlp.pipe(list(texts), batch_size=64)):
        mentions, actors = resolve_actors(f"s{n}", doc, gazetteer)
        out.append(Parsed(doc, tuple(mentions), tuple(actors)))
    return out


def candidates(parsed: Sequence[Parsed]) -> list[tuple[int, int, str]]:
    """(sentence number, sentence index, text) of every candidate sentence for the classifier."""
    from newslens.events.coder import candidate_sentences

    return [
        (n, index, text)
        for n, p in enumerate(parsed)
        for index, text in candidate_sentences(p.doc, p.mentions)
    ]


def code_parsed(
    parsed: Sequence[Parsed],
    predictions: dict[int, dict[int, dict[str, float]]] | None,
    lexicon: Any,
    rule: Any = None,
    flagged: bool = False,
    cues: Any = None,
) -> list[Coded]:
    """Code parsed sentences with the classifier's probabilities (None: the lexicon alone);
    ``cues``: the model's learned cue words, or a function of the sentence's number giving them
    (cross-validation: each fold's own)."""
    from newslens.events.coder import code_events

    out = []
    for n, p in enumerate(parsed):
        events = code_events(
            f"s{n}",
            p.doc,
            p.mentions,
            (),
            None,
            None,
            lexicon,
            p.actors,
            predictions=None if predictions is None else predictions.get(n, {}),
            rule=rule,
            cues=cues(n) if callable(cues) else cues,
        )
        by_id = {a.id: a for a in p.actors}
        out.append(
            Coded(
                tuple(
                    (e.type, _country(e.source, by_id), _country(e.target, by_id))
                    for e in events
                    if flagged or not _is_flagged(e)
                )
            )
        )
    return out


def code_sentences(
    texts: Sequence[str],
    event_model: str | None = None,
    lexicon: str | None = None,
    flagged: bool = False,
) -> list[Coded]:
    """Code each text as a one-sentence article, as ``newslens build`` would."""
    from newslens.events.classifier import Predictor, load_model
    from newslens.events.coder import load_lexicon

    lex = load_lexicon(Path(lexicon) if lexicon else None)
    classifier = None if event_model == "none" else load_model(event_model)
    parsed = parse_sentences(texts)
    if classifier is None:
        return code_parsed(parsed, None, lex, flagged=flagged)
    wanted = candidates(parsed)
    predictions: dict[int, dict[int, dict[str, float]]] = {}
    probabilities = Predictor(classifier).for_texts([w[2] for w in wanted])
    for (n, index, _), probs in zip(wanted, probabilities, strict=True):
        predictions.setdefault(n, {})[index] = probs
    return code_parsed(parsed, predictions, lex, flagged=flagged, cues=classifier.cues)


def _is_flagged(event: Event) -> bool:
    return event.negated or event.hypothetical or event.background


def score_events(gold: Sequence[GoldSentence], coded: Sequence[Coded]) -> EventScores:
    """The measures of the module docstring."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = {}
    right_country = right_dyad = found = with_gold = other = 0
    for sentence, result in zip(gold, coded, strict=True):
        gold_types = {e.type for e in sentence.events}
        predicted = [e[0] for e in result.events]
        types = set(predicted)
        for kind in gold_types & types:
            tp[kind] += 1
        for kind in types - gold_types:
            fp[kind] += 1
        for kind in gold_types - types:
            fn[kind] += 1
        other += len(types - gold_types)
        if sentence.events:
            with_gold += 1
            found += bool(predicted)
        for event in sentence.events:
            guess = event.type if event.type in types else (predicted[0] if predicted else NONE)
            confusion.setdefault(event.type, Counter())[guess] += 1
            right_country += any(
                kind == event.type and source == event.source_country
                for kind, source, _ in result.events
            )
            right_dyad += (event.type, event.source_country, event.target_country) in result.events
        if not sentence.events:
            for kind in sorted(types) or [NONE]:
                confusion.setdefault(NONE, Counter())[kind] += 1
    kinds = sorted(set(tp) | set(fn) | set(fp))
    by_type = {k: _prf(tp[k], fp[k], fn[k]) for k in kinds}
    gold_kinds = [k for k in kinds if tp[k] + fn[k]]
    n_gold = sum(len(s.events) for s in gold)
    return EventScores(
        sentences=len(gold),
        gold_events=n_gold,
        by_type=by_type,
        micro=_prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        macro_f1=round(sum(by_type[k]["f1"] for k in gold_kinds) / len(gold_kinds), 4)
        if gold_kinds
        else 0.0,
        confusion={k: dict(sorted(v.items())) for k, v in sorted(confusion.items())},
        type_and_source_country=round(right_country / n_gold, 4) if n_gold else 0.0,
        type_and_dyad_country=round(right_dyad / n_gold, 4) if n_gold else 0.0,
        events_found=round(found / with_gold, 4) if with_gold else 0.0,
        other_types_per_sentence=round(other / len(gold), 4) if gold else 0.0,
    )


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
        "support": tp + fn,
    }


def evaluate_events(
    gold_path: Path,
    event_model: str | None = None,
    lexicon: str | None = None,
    flagged: bool = False,
) -> EventScores:
    """Code every gold sentence and score the result."""
    gold = read_gold_events(gold_path)
    scores = score_events(
        gold, code_sentences([g.text for g in gold], event_model, lexicon, flagged)
    )
    scores.model = event_model or "bundled"
    return scores
