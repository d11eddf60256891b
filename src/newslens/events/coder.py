"""Code PLOVER events from spaCy parses and resolved actor mentions.

``code_events`` reads one parsed article body and returns its events. Decisions:

- Triggers: multiword phrasings of the lexicon first (the event verb is the first verb of the
  match; verbs inside a match code nothing else), then verb lemmas, then event nouns owned by an
  actor ("Russia's invasion", background) or framing a clause ("In a phone call with Putin, Xi
  said": the clause's subject is the source).
- Source: the agent (subject, a passive's "by" phrase, or the subject inherited through xcomp and
  coordination); target: the passive subject, else the nearest actor among the objects and
  target prepositions. Coordinated subjects give one event per conjunct; for symmetric types
  (CONSULT, AGREE, COOPERATE) without another target, "X and Y met" gives one event X -> Y.
  An unnamed agent or target is placed by its city or capital ("police in Kabul", "shelled
  Kharkiv": ``coder_nationals.py``). An event with neither a source nor a target actor is
  dropped. Pronouns and "the two leaders" stand for the actors ``coder_coref.py`` resolves;
  "I"/"we" in a claim are its speaker (or the speaker's country); an event whose agent is a
  pronoun left unresolved is not coded. Non-event
  senses ("met the demand", "sanctioned by the Kremlin" as approval, a politician "attacking" a
  rival: DISAPPROVE) are settled by ``coder_senses.py``.
- "refused to condemn" is REJECT, "threatened to impose sanctions" THREATEN and "urged X to
  condemn" DEMAND (X the target): the governing verb codes the event, the inner verb nothing.
- Flags (``coder_flags.py``): negated (a negation on the verb or its governors, "failed to",
  "no intention of", "neither ... nor"), hypothetical (a modal such as could/would/will, "plans
  to", "is due/set/expected to", "suspected"/"alleged", an if/unless clause), background
  (since/after/following clauses, the past perfect, "last month"-like phrases, nouns owned by
  an actor but for talks and stances, or an expression date more than ``background_days`` before
  publication). Pledges ("vowed to deepen cooperation",
  "is willing to act as a mediator") are the act of pledging: neither hypothetical nor future.
  Offers to mediate are COOPERATE.
- Date: the time expression of the event's clause fewest dependency edges from the verb (then
  the nearest; then one of the governing clauses, for reported speech, but never the statement's
  day for a negated, hypothetical or background act), basis "expression"; else the publication
  date for a present or past act that is neither background, hypothetical nor negated (basis
  "published"); else none.
- claimed_by: the subject of the nearest reporting verb whose complement holds the event, else
  the object of "according to".
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newslens.events.coder_coref import ActorAt, reference_index
from newslens.events.coder_flags import Trigger, dated, flags_of, frame, pick_time
from newslens.events.coder_frames import (
    asked_clause,
    event_noun,
    implied_actors,
    mediators,
    received_roles,
    reciprocal,
    support_targets,
    support_verb,
)
from newslens.events.coder_lexicon import (
    Cues,
    Lexicon,
    cued_types,
    learned_cues,
    lexicon_types,
    load_lexicon,
    match_phrases,
)
from newslens.events.coder_nationals import (
    place_target,
    placed_subject,
    stated_state,
    with_nationals,
)
from newslens.events.coder_nouns import by_phrase, noun_sources
from newslens.events.coder_senses import (
    armed_subject,
    first_person_source,
    sense_type,
    unresolved_subject,
)
from newslens.events.coder_syntax import (
    actors_of,
    governors,
    location_of,
    speaker_of,
    subjects_of,
    targets_of,
)
from newslens.events.combine import Rule, added_type, judge, without_repeats
from newslens.records import Actor, Event, Evidence, Mention, TimeExpression

__all__ = ["Lexicon", "candidate_sentences", "code_events", "event_id", "load_lexicon"]

Token = Any
ABSORBING = frozenset({"REJECT", "THREATEN", "DEMAND"})


def event_id(
    article_id: str, sentence_index: int, kind: str, source: str | None, target: str | None
) -> str:
    """A stable event id from the article, sentence, type and actors."""
    key = "\x1f".join([article_id, str(sentence_index), kind, source or "", target or ""])
    return "e" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:14]


def _triggers(sent: Any, lexicon: Lexicon) -> list[Trigger]:
    tokens = list(sent)
    out: list[Trigger] = []
    covered: set[int] = set()
    for match in match_phrases(lexicon, tokens):
        hit = [tokens[i] for i in match.tokens]
        verbs = [t for t in hit if t.pos_ in ("VERB", "AUX")]
        anchor = verbs[0] if verbs else hit[-1]
        out.append(Trigger(anchor, match.type, match.phrase, noun=not verbs))
        covered.update(range(tokens[match.tokens[0]].i, tokens[match.tokens[-1]].i + 1))
    for tok in tokens:
        if tok.i in covered:
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in lexicon.verbs:
            out.append(Trigger(tok, lexicon.verbs[lemma], lemma))
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in lexicon.nouns:
            out.append(Trigger(tok, lexicon.nouns[lemma], lemma, noun=True))
    return sorted(out, key=lambda t: t.anchor.i)


def _absorbed(trigger: Trigger, anchors: Mapping[int, str]) -> bool:
    """Whether a governing verb codes this event (refused to, urged to, demanded that Y go)."""
    node = trigger.anchor
    if node.dep_ == "ccomp" and anchors.get(node.head.i) == "DEMAND" and asked_clause(node):
        return True
    while node.dep_ in ("xcomp", "pcomp", "pobj", "prep", "conj", "acl") and node.head.i != node.i:
        if node.dep_ == "conj":
            return False
        node = node.head
        if anchors.get(node.i) in ABSORBING:
            return True
    return False


def _retype(trigger: Trigger, lexicon: Lexicon) -> str:
    for node in list(governors(trigger.anchor))[1:]:
        lemma = node.lemma_.lower()
        if lemma in lexicon.cues.refusal:
            return "REJECT"
        if lemma in lexicon.cues.threat:
            return "THREATEN"
    return trigger.type


def _pairs(
    kind: str, sources: list[str], targets: list[str], lexicon: Lexicon
) -> Iterable[tuple[str | None, str | None]]:
    if kind in lexicon.symmetric and len(sources) > 1 and not targets:  # "X and Y met"; with
        for i, source in enumerate(sources):  # a counterpart ("X and Y met Z") each meets Z
            for target in sources[i + 1 :]:
                yield source, target
        return
    none: list[str | None] = [None]
    for agent in [*sources] or none:
        for patient in [*targets] or none:
            if agent is not None or patient is not None:
                yield agent, patient


def candidate_sentences(
    doc: Any,
    mentions: Sequence[Mention],
    lexicon: Lexicon | None = None,
    cues: Mapping[str, Collection[str]] | None = None,
    rule: Rule | None = None,
) -> list[tuple[int, str]]:
    """The sentences the classifier reads: (index, text) of each with a resolved actor mention
    and a verb. With ``lexicon`` (and the model's learned ``cues``), only those where the model
    can change what ``rule`` codes: a lexicon trigger (rules 1-4) or, under the cue, a word of a
    type (rule 5); the rest need no embedding (``combine.py``)."""
    with_actor = {m.sentence_index for m in mentions}
    sents = [
        (index, sent)
        for index, sent in enumerate(doc.sents)
        if index in with_actor and any(t.pos_ == "VERB" for t in sent)
    ]
    rule = rule or Rule()
    if lexicon is not None and rule.cue:
        cued = _cue(lexicon, cues, rule)
        sents = [(i, sent) for i, sent in sents if cued(sent) or _triggers(sent, lexicon)]
    return [(index, sent.text.strip()) for index, sent in sents]


def _cue(
    lexicon: Lexicon, cues: Mapping[str, Collection[str]] | None, rule: Rule
) -> Callable[[Any], frozenset[str]]:
    """The types whose words a sentence holds, for rule 5's cue. Learned cue words count only
    for types the lexicon has no words for (a user's own categories): for PLOVER types they let
    in mostly wrong events on real news (combine.py)."""
    own = lexicon_types(lexicon) if cues and not rule.learned_cues_everywhere else ()
    return lambda sent: cued_types(lexicon, sent) | learned_cues(cues, sent, own)


def code_events(
    article_id: str,
    doc: Any,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpression],
    published: dt.date | None,
    outlet: str | None,
    lexicon: Lexicon,
    actors: Sequence[Actor] = (),
    predictions: Mapping[int, Mapping[str, float]] | None = None,
    rule: Rule | None = None,
    cues: Mapping[str, Collection[str]] | None = None,
    actor_at: ActorAt | None = None,
) -> list[Event]:
    """The PLOVER events of one parsed article body (see the module docstring for the rules).

    ``mentions`` and ``times`` are those of the same body (character offsets into ``doc.text``);
    ``actors``, when given, lets "his country" stand for the speaker's country and tells persons
    from states for the pronoun resolver (``coder_coref.py``). ``predictions``: the event
    classifier's probabilities by label for candidate sentences (by sentence index), combined
    with the lexicon by ``rule`` (``combine.py``); without them the lexicon codes alone.
    ``cues``: the model's learned cue words by type, which count beside the lexicon's words
    when the model adds an event (rule 5). ``actor_at``: the article's reference index when the
    caller has it (the event stage resolves once for events, quotes and stored references)."""
    if actor_at is None:
        actor_at = reference_index(doc, mentions, actors)
    actor_at = with_nationals(actor_at, doc)  # "detained two Canadian citizens" (coder_nationals)
    countries = {a.id: f"state:{a.country}" for a in actors if a.country}
    countries.update({a.id: a.id for a in actors if a.id.startswith("state:")})
    rule = rule or Rule()
    cued = _cue(lexicon, cues, rule)
    events: dict[str, Event] = {}
    for index, sent in enumerate(doc.sents):
        triggers = _triggers(sent, lexicon)
        anchors = {t.anchor.i: t.type for t in triggers}
        sent_times = [t for t in times if t.sentence_index == index]
        context = _Context(article_id, index, actor_at, countries, published, outlet)
        found: dict[str, Event] = {}
        for trigger in triggers:
            if _absorbed(trigger, anchors):
                continue
            for event in _code(context, sent, trigger, sent_times, lexicon):
                found.setdefault(event.id, event)
        probs = predictions.get(index) if predictions else None
        coded = judge(list(found.values()), probs, rule)
        extra = added_type(coded, probs, rule, cued(sent) if probs else None)
        if extra is not None:
            coded += _model_events(context, sent, extra, sent_times, lexicon)
        for event in without_repeats(coded):
            events.setdefault(event.id, event)
    return list(events.values())


def _model_events(
    ctx: _Context,
    sent: Any,
    extra: tuple[str, float],
    times: Sequence[TimeExpression],
    lexicon: Lexicon,
) -> list[Event]:
    """The events of a type the classifier alone found, anchored on the sentence's event verb."""
    kind, p = extra
    anchor = event_verb(sent, ctx.actor_at, lexicon)
    if anchor is None:
        return []
    trigger = Trigger(anchor, kind, anchor.lemma_.lower())
    return [
        replace(event, signal="classifier", confidence=p)
        for event in _code(ctx, sent, trigger, times, lexicon, loose=True)
        if event.type == kind
    ]


def _loose_actors(anchor: Token, actor_at: ActorAt) -> tuple[list[str], list[str]]:
    """Sources and targets from anywhere in the verb's phrases, for an event the classifier
    found: the agent ("by the Commission"), else the subject ("Belarusian guards", "Vietnam's
    foreign minister", "talks between X and Y were held"); targets from the objects and
    prepositions, and the passive subject when an agent is named."""

    def found(tokens: Iterable[Token]) -> list[str]:
        out: list[str] = []
        for child in tokens:
            for tok in sorted(child.subtree, key=lambda t: t.i):
                out += [a for a in actor_at.get(tok.i, ()) if a not in out]
        return out

    children = list(anchor.children)
    agent = [c for c in children if c.dep_ == "agent"]
    subject = [c for c in children if c.dep_ == "nsubj"]
    passive = [c for c in children if c.dep_ == "nsubjpass"]
    objects = [c for c in children if c.dep_ in ("dobj", "dative", "prep", "attr", "npadvmod")]
    sources = found(agent) or found(subject) or found(passive)
    targets = found([*objects, *(passive if agent or subject else [])])
    return sources, [t for t in targets if t not in sources]


def event_verb(sent: Any, actor_at: ActorAt, lexicon: Lexicon) -> Token | None:
    """The verb a sentence's event hangs on: the shallowest verb that is not a reporting verb
    ("said", "told") and has an actor among its subjects or objects, else such a reporting verb
    ("announced a mobilisation"); else the shallowest non-reporting verb."""
    verbs = [t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() not in lexicon.cues.reporting]
    verbs.sort(key=lambda t: (_depth(t), t.i))
    reporting = [t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in lexicon.cues.reporting]
    verbs += sorted(reporting, key=lambda t: (_depth(t), t.i))  # "announced a mobilisation"
    for verb in verbs:
        parts = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative")]
        parts += [p for c in verb.children if c.dep_ in ("prep", "agent") for p in c.children]
        if any(actors_of(part, actor_at, None) for part in parts):
            return verb
    return verbs[0] if verbs else None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


@dataclass(frozen=True)
class _Context:
    """What every event of one sentence shares."""

    article_id: str
    index: int
    actor_at: ActorAt
    countries: Mapping[str, str]
    published: dt.date | None
    outlet: str | None


def _agents(trigger: Trigger, ctx: _Context, speaker: str | None, cues: Cues) -> list[str] | None:
    """The event's sources; None when its agent is a pronoun left unresolved (no event)."""
    anchor = trigger.anchor
    country = ctx.countries.get(speaker) if speaker else None
    if trigger.noun:
        return noun_sources(trigger, ctx.actor_at, country, cues)
    sources, _ = subjects_of(anchor, ctx.actor_at, country, cues.controlled_preps, cues.commands)
    if sources:
        return sources
    by = by_phrase(anchor, ctx.actor_at, country)  # a subjectless gerund: "shelling by X"
    if by:
        return by
    own = first_person_source(anchor, speaker, ctx.countries)
    if own is not None:
        return [own]
    placed = placed_subject(anchor, cues.local_agents, cues.seated_agents)  # "police in Kabul"
    if placed is not None:
        return [placed]
    return None if unresolved_subject(anchor) else []


def _code(
    ctx: _Context,
    sent: Any,
    trigger: Trigger,
    times: Sequence[TimeExpression],
    lexicon: Lexicon,
    loose: bool = False,
) -> list[Event]:
    """The events of one trigger; ``loose`` (for a type the classifier found): when the strict
    syntax finds neither source nor target, take the actors anywhere in the verb's subject and
    object phrases (``_loose_actors``)."""
    anchor = trigger.anchor
    kind = _retype(trigger, lexicon)
    speaker = speaker_of(anchor, ctx.actor_at, lexicon.cues)
    sources = _agents(trigger, ctx, speaker, lexicon.cues)
    if sources is None:
        return []
    sensed = sense_type(anchor, trigger.verb, kind, sources[0] if sources else None, lexicon)
    if sensed is None:
        return []
    kind = sensed
    targets = targets_of(
        anchor,
        ctx.actor_at,
        lexicon.cues,
        sources,
        kind in lexicon.in_target,
        deep=kind not in ("DEMAND", "AGREE"),  # "agreed to embargo X": X is no party
        symmetric=kind in lexicon.symmetric,
    )
    if loose and not sources and not targets:
        sources, targets = _loose_actors(anchor, ctx.actor_at)
    if kind == "AGREE":  # "a deal brokered by Turkey": the broker is no party
        brokers = mediators(sent, ctx.actor_at, lexicon.cues.mediation)
        sources, targets = [[a for a in x if a not in brokers] for x in (sources, targets)]
    noun = event_noun(anchor, trigger.verb) if trigger.noun else None
    if not targets and kind in lexicon.in_target:  # "Russia shelled Kharkiv" (coder_nationals)
        strikers = lexicon.nouns.keys() | lexicon.cues.armed_agents
        struck = place_target(anchor, noun, ctx.actor_at, strikers, lexicon.cues.struck_preps)
        own = {ctx.countries.get(s, s) for s in sources}  # "Kyiv's forces struck Crimea"
        targets = [struck] if struck and struck not in own else []
    support = support_verb(noun, lexicon.cues) if noun is not None else None
    if support is not None and not targets:
        targets = support_targets(support, ctx.actor_at, lexicon.cues, sources)
    sources, targets = implied_actors(
        anchor, noun, kind, ctx.actor_at, lexicon.cues, sources, targets
    )
    received = received_roles(anchor, noun, lexicon.cues, ctx.actor_at, loose)
    if received is not None:  # "Moscow faced sanctions from Japan" (coder_frames)
        sources, targets = received
    negated, hypothetical, background = flags_of(trigger, lexicon)
    text = sent.text
    if any(p in text.lower() for p in lexicon.cues.background_phrases):
        background = True
    skip = {
        t.i
        for tok in sent
        if tok.i != anchor.i and tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon.nouns
        for t in tok.subtree
    }
    time, inherited = pick_time(trigger, times, skip=skip - {anchor.i})
    if inherited and (negated or hypothetical or background):
        time = None  # the statement's day is not the day of a possible or earlier act
    base: dict[str, Any] = {
        "negated": negated,
        "hypothetical": hypothetical,
        "background": background,
        "date_basis": "none",
    }
    dated(base, time, ctx.published, lexicon.cues.background_days)
    location = location_of(frame(trigger), lexicon.cues)
    if kind.lower() in lexicon.cues.local_types and not sources:
        sources = [s for s in [stated_state(anchor, location)] if s]  # "rallied in Paris"
    evidence = (Evidence(ctx.article_id, ctx.index, text, ctx.outlet),)
    out = []
    if len(sources) > 1 and not targets and reciprocal(anchor):
        pairs: Iterable[tuple[str | None, str | None]] = [
            (a, b) for a in sources for b in sources if a != b
        ]
    else:
        pairs = _pairs(kind, sources, targets, lexicon)
    armed = trigger.verb in lexicon.cues.needs_target and armed_subject(anchor, lexicon)
    for source, target in pairs:
        if target is None and trigger.verb in lexicon.cues.needs_target and not armed:
            continue
        out.append(
            Event(
                id=event_id(ctx.article_id, ctx.index, kind, source, target),
                type=kind,
                source=source,
                target=target,
                evidence=evidence,
                claimed_by=speaker,
                location=location,
                verb=trigger.verb,
                **base,
            )
        )
    return out
