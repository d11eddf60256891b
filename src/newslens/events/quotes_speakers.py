"""Who said it: the speaker of a reporting verb's subject, a pronoun, a claim's owner.

``Speakers`` holds one article's mentions and reference index and the previous attribution
(``last``), which "he"/"she" and document nouns ("the statement noted") lean on."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from newslens.events.coder_coref import ActorAt
from newslens.records import Mention

__all__ = ["Speaker", "Speakers", "clean"]

_PRONOUNS = frozenset({"he", "she"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_RELATIVES = frozenset({"who", "which", "that"})
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """``text`` on one line, without the marks and commas around it."""
    text = re.sub(r"\n\s*\n\s*[\"“„]", " ", text)  # marks reopening a run-on quote
    return _SPACE.sub(" ", text).strip().strip(",;:").strip()


@dataclass
class Speaker:
    actor: str | None
    text: str


class Speakers:
    """Speakers in one parsed article; discarded with it."""

    def __init__(self, doc: Any, mentions: Sequence[Mention], sent_of: dict[int, int],
                 documents: Collection[str], actor_at: ActorAt) -> None:  # fmt: skip
        self.doc, self.mentions, self.sent_of = doc, mentions, sent_of
        self.documents, self.actor_at = documents, actor_at
        self.last: Speaker | None = None  # the previous attribution in the article

    def mention_in(self, start: int, end: int, head_char: int) -> Mention | None:
        inside = [m for m in self.mentions if m.start >= start and m.end <= end]
        for m in inside:
            if m.start <= head_char < m.end:
                return m
        # "China's CCTV report", "the ministry's summary": the possessor nearest the head
        before = [m for m in inside if m.end <= head_char]
        if before:
            return before[-1]
        return inside[0] if inside else None

    def of(self, subj: Any | None) -> Speaker:
        if subj is None:
            return Speaker(None, "")
        if subj.lower_ in _PRONOUNS:  # speaker-aware and more cautious than the index
            return self.resolve_pronoun(subj)
        if subj.lower_ in _RELATIVES and subj.head.dep_ == "relcl" and subj.head.head.i != subj.i:
            return self.of(subj.head.head)  # "Russia, which calls them the Kurils"
        tokens = [t for t in subj.subtree if t.dep_ not in ("relcl", "acl", "punct")]
        left = min(t.idx for t in tokens)
        right = max(t.idx + len(t.text) for t in tokens)
        # a relative clause or apposition inside the subject holds other actors: cut it off
        for t in subj.subtree:
            if t.dep_ in ("relcl", "acl", "appos") and t.idx > subj.idx:
                right = min(right, min(x.idx for x in t.subtree))
        mention = self.mention_in(left, right, subj.idx)
        if mention is not None:
            return Speaker(mention.actor_id, mention.text)
        text = clean(self.doc.text[left:right])
        if subj.lemma_.lower() in self.documents and self.last is not None:
            return Speaker(self.last.actor, text)
        return self.referred(subj) or Speaker(None, text)

    def referred(self, subj: Any) -> Speaker | None:
        """The actor the coreference index gives the subject's head, if it gives one; of a pair
        ("the two signed a statement declaring …"), the first named: a quote has one speaker."""
        actors = self.actor_at.get(subj.i, ())
        if len(actors) not in (1, 2):
            return None
        words = [t for t in subj.subtree if t.dep_ not in ("relcl", "acl", "punct")]
        return Speaker(actors[0], clean(self.doc[words[0].i : words[-1].i + 1].text))

    def resolve_pronoun(self, pronoun: Any) -> Speaker:
        """ "he"/"she": a person of the nearest earlier sentence (this one before the pronoun
        included) that mentions people, when the choice is clear."""
        sent = self.sent_of[pronoun.i]
        for index in range(sent, -1, -1):
            people = [
                m for m in self.mentions
                if m.sentence_index == index and m.actor_id.startswith("person:")
                and m.end <= pronoun.idx
            ]  # fmt: skip
            ids = list(dict.fromkeys(m.actor_id for m in people))
            if not ids:
                continue
            if len(ids) == 1:
                return Speaker(ids[0], pronoun.text)
            if self.last is not None and self.last.actor in ids:
                return Speaker(self.last.actor, pronoun.text)
            subjects = list(dict.fromkeys(
                m.actor_id for m in people
                if any(t.dep_ in _SUBJECTS for t in self.doc.char_span(
                    m.start, m.end, alignment_mode="expand") or [])
            ))  # fmt: skip
            if len(subjects) == 1:
                return Speaker(subjects[0], pronoun.text)
            break
        return Speaker(None, pronoun.text)

    def owner(self, noun: Any, token: Any | None) -> Speaker:
        """Who made the claim ``noun`` names: the mention at ``token`` (its possessor or
        nationality), else nobody in particular ("reports that …": the noun is all the text)."""
        if token is None:
            return Speaker(None, noun.text)
        found = self.mention_in(token.idx, token.idx + len(token.text), token.idx)
        if found is None:
            if token.pos_ in ("PRON", "PROPN"):
                return self.of(token)
            # "the president's insistence", "a suggestion by the secretary-general": that phrase
            side = token.i < noun.i
            words = [t for t in token.subtree if t.dep_ != "case" and (t.i < noun.i) == side]
            if not words:
                return Speaker(None, noun.text)
            return Speaker(None, clean(self.doc[words[0].i : words[-1].i + 1].text))
        return Speaker(found.actor_id, found.text)

    def named_in(self, phrase: Any) -> Speaker:
        """The speaker a phrase names, a person before an institution ("China's Director-General
        for European Affairs Wang Lutong" is Wang Lutong)."""
        words = list(phrase.subtree)
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        people = [m for m in self.mentions if m.start >= start and m.end <= end
                  and m.actor_id.startswith("person:")]  # fmt: skip
        if people:
            return Speaker(people[-1].actor_id, people[-1].text)
        return self.of(phrase)
