"""Quotes with their speakers: direct ("…"), partial (quoted words inside reported speech) and
indirect (X said that …; according to X, …; X told Y that …).

``extract_quotes`` reads one parsed article body (a spaCy Doc) and its actor mentions. Rules:

- Quoted spans come from pairing marks (:mod:`newslens.events.quotes_marks`). A quote that runs
  over several sentences is one quote; ``sentence_index`` is where it opens.
- A whole quote is attributed by a cue right after it ("…," he said / "…," said Wang /
  "…," read the ministry's summary) or right before it (X said: "…" / X said, "…"). A quote
  split by its cue ("…," he said, "…") is ONE quote whose parts are joined with a space.
- A quote inside a clause (Beijing would "join hands…") is a partial quote: direct, attributed
  to the subject of the nearest reporting verb above it in the parse (``partial_verbs`` such as
  "called", "accused" count here too). Its text is what that verb reports, the quoted words
  inside it ('Beijing would "join hands…" with Moscow'); several quoted phrases of one reported
  clause make one quote.
- A whole quote with no cue of its own that follows an attributed quote in the same paragraph
  continues it (same speaker and cue); any other whole quote is kept with speaker None and cue
  "". Short quoted words with no cue (scare quotes) are not quotes.
- Indirect speech: a reporting verb with a clausal complement, "according to X" in a sentence
  with no other cue, or a speech-act verb (``act_verbs``: urged, promised, vowed, called on,
  accused) with what it asks, promises or charges: its object and its infinitive or "of"
  complement ("Xi urged other nations to play a role" -> "other nations to play a role").
  A reported clause that holds quoted words gives only its direct (partial)
  quotes, so the same words are not counted twice.
- Speaker: the actor of the mention at the subject's head (else the first mention in the subject
  phrase). "he"/"she" resolve to a person of the nearest earlier sentence that mentions people:
  the only one there, else the one who spoke last, else the one who is a subject there; otherwise
  None with speaker_text the pronoun. A document noun ("the statement noted") with no actor takes
  the previous attribution's speaker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from newslens.events.coder_coref import ActorAt, reference_index
from newslens.events.quotes_acts import act_content, quote_content
from newslens.events.quotes_cues import QuoteCues, load_quote_cues
from newslens.events.quotes_frames import claim_clause, claim_owner, inverted_report, judged, named
from newslens.events.quotes_marks import QuotedSpan, find_quoted_spans
from newslens.events.quotes_speakers import Speaker, Speakers, clean
from newslens.records import Mention, Quote

__all__ = ["QuoteCues", "extract_quotes", "load_quote_cues"]

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_MIN_UNCUED_WORDS = 4  # shorter quoted words with no cue are scare quotes, not quotes


def _quote_id(article_id: str, start: int) -> str:
    digest = hashlib.sha256(f"{article_id}\x00{start}".encode()).hexdigest()
    return "q" + digest[:14]


class _Reader:
    """State of reading one article; discarded after ``extract_quotes`` returns."""

    def __init__(self, article_id: str, doc: Any, mentions: Sequence[Mention], cues: QuoteCues,
                 actor_at: ActorAt | None) -> None:  # fmt: skip
        self.article_id, self.doc, self.cues = article_id, doc, cues
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.sents = list(doc.sents)
        self.sent_of = {}
        for index, sent in enumerate(self.sents):
            for tok in sent:
                self.sent_of[tok.i] = index
        # the event coder's resolution of pronouns, "the latter", "his government"
        actor_at = reference_index(doc, self.mentions) if actor_at is None else actor_at
        self.speakers = Speakers(doc, self.mentions, self.sent_of, cues.documents, actor_at)
        self.quotes: list[Quote] = []

    # -- tokens and cues -------------------------------------------------------------------
    def token_at(self, char: int) -> Any:
        span = self.doc.char_span(char, min(char + 1, len(self.doc.text)), alignment_mode="expand")
        if span is None or len(span) == 0:
            for tok in self.doc:
                if tok.idx + len(tok.text) > char:
                    return tok
            return self.doc[-1]
        return span[0]

    def is_cue(self, tok: Any, partial: bool = False) -> bool:
        if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
            return False
        lemma = tok.lemma_.lower()
        return lemma in self.cues.verbs or (partial and lemma in self.cues.partial_verbs)

    # -- speakers --------------------------------------------------------------------------
    def subject_of(self, verb: Any, inverted: bool = False) -> Any | None:
        """The subject of ``verb``, borrowed from the verb it is coordinated with (or the clause
        it modifies) when needed; for an inverted cue with no subject ("…," read the ministry's
        summary) its object."""
        tok = verb
        for _ in range(4):
            subj = [c for c in tok.children if c.dep_ in _SUBJECTS]
            subj += [
                s
                for c in tok.children
                if c.dep_ == "aux"
                for s in c.children
                if s.dep_ in _SUBJECTS
            ]  # fmt: skip  ("Beijing has, however, tried" as parsed)
            if subj:
                return subj[0]
            if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
                tok = tok.head
                continue
            if tok.dep_ == "acl" and tok.head.head.i != tok.head.i:  # "signed a statement
                tok = tok.head.head  # declaring …": who signed it
                continue
            break
        if not inverted:
            return None
        after = [c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod", "obj")]
        return after[0] if after else None

    # -- output ----------------------------------------------------------------------------
    def add(
        self, start: int, sent: int, speaker: Speaker, text: str, direct: bool, cue: str
    ) -> None:
        text = clean(text)
        if not text:
            return
        self.quotes.append(
            Quote(
                _quote_id(self.article_id, start), self.article_id, sent, speaker.actor,
                speaker.text, text, direct, cue,
            )
        )  # fmt: skip
        if cue:
            self.speakers.last = speaker

    # -- reading ---------------------------------------------------------------------------
    def according_to(self, sent: Any) -> tuple[Any, Any] | None:
        """("according" token, its source token) in ``sent``, else None."""
        for tok in sent:
            nxt = tok.nbor(1) if tok.i + 1 < len(self.doc) else None
            if tok.lower_ == "according" and nxt is not None and nxt.lower_ == "to":
                objs = [c for c in nxt.children if c.dep_ == "pobj"]
                return tok, (objs[0] if objs else None)
        return None

    def whole(self, span: QuotedSpan) -> bool:
        """Does the quote stand on its own (not inside a clause that was opened before it)?"""
        sent = self.sents[self.sent_of[self.token_at(span.open_at).i]]
        before = self.doc.text[sent.start_char : span.open_at].rstrip()
        return not before or before[-1] in ":,;(—–-\n" or before.endswith("\n\n")

    def cue_after(self, span: QuotedSpan) -> tuple[Any, str, Speaker] | None:
        """A cue within a few tokens after the closing mark: (cue token, cue text, speaker)."""
        if span.close_at is None or span.close_at + 1 >= len(self.doc.text):
            return None
        first = self.token_at(span.close_at + 1)
        for tok in self.doc[first.i : first.i + 9]:
            if tok.idx <= span.close_at or tok.text.strip() in ("", ","):
                if "\n" in tok.text:
                    return None
                continue
            if tok.text in ('"', "“", ".", ";", ":") or "\n" in tok.text:
                return None
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc):
                found = self.according_to(self.sents[self.sent_of[tok.i]])
                if found and found[0].i == tok.i:
                    return tok, self.doc[tok.i : tok.i + 2].text, self.speakers.of(found[1])
            if self.is_cue(tok):
                return tok, tok.text, self.speakers.of(self.subject_of(tok, inverted=True))
        return None

    def cue_before(self, span: QuotedSpan) -> tuple[Any, str, Speaker] | None:
        """A cue before the opening mark in its sentence ("X said: …", "said X, …")."""
        opener = self.token_at(span.open_at)
        sent = self.sents[self.sent_of[opener.i]]
        before = self.doc.text[sent.start_char : span.open_at].rstrip()
        if not before or before[-1] not in ":,":
            return None
        tokens = [t for t in self.doc[sent.start : opener.i] if t.idx < span.open_at]
        verbs = [t for t in reversed(tokens) if self.is_cue(t)]
        if not verbs and before[-1] == ":":
            verbs = [t for t in reversed(tokens) if t.pos_ == "VERB"]
        if not verbs:
            return None
        return verbs[0], verbs[0].text, self.speakers.of(self.subject_of(verbs[0]))

    def governing_cue(self, span: QuotedSpan) -> Any | None:
        """The nearest reporting verb above a partial quote in the parse."""
        words = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if words is None or len(words) == 0:
            return None
        root = words.root
        tok = root
        for _ in range(12):
            if tok.i != root.i and (self.is_cue(tok, partial=True) or self.owned_claim(tok)):
                return tok  # Tokens compare by .i
            side = [c for c in tok.children if c.dep_ == "parataxis" and self.is_cue(c)]
            if side:  # "China, Xi declared, was ready to …"
                return side[0]
            if tok.head.i == tok.i:
                break
            tok = tok.head
        return None

    def same_paragraph(self, start: int, end: int) -> bool:
        return "\n\n" not in self.doc.text[start:end]

    def read(self) -> list[Quote]:
        spans = find_quoted_spans(self.doc.text)
        consumed: set[int] = set()  # cue tokens already used, and quotes joined into others
        used_spans: set[int] = set()
        by_sentence: dict[int, list[int]] = {}
        contents: set[tuple[int, int]] = set()  # reported clauses already given as a quote
        for n, span in enumerate(spans):
            by_sentence.setdefault(self.sent_of[self.token_at(span.open_at).i], []).append(n)
        previous_end = -1
        for index, sent in enumerate(self.sents):
            for n in by_sentence.get(index, []):
                if n in used_spans:
                    continue
                span = spans[n]
                found = self.attribute(span, consumed)
                text = self.doc.text[span.start : span.end]
                if found is not None and found[1] != "" and self.whole(span):
                    cue_tok = found[0]
                    nxt = spans[n + 1] if n + 1 < len(spans) else None
                    if (
                        nxt is not None and cue_tok is not None
                        and nxt.open_at > cue_tok.idx
                        and self.sent_of[self.token_at(nxt.open_at).i] in (index, index + 1)
                        and self.doc.text[cue_tok.idx : nxt.open_at].rstrip()[-1:] in (",", ":")
                        and "." not in self.doc.text[cue_tok.idx : nxt.open_at]
                    ):  # fmt: skip
                        text = text.rstrip().rstrip(",") + " " + self.doc.text[nxt.start : nxt.end]
                        used_spans.add(n + 1)
                        span = QuotedSpan(span.open_at, span.start, nxt.end, nxt.close_at)
                if found is not None and found[0] is not None and not self.whole(span):
                    content = quote_content(self.doc, found[0], span, spans, self.cues.act_verbs)
                    if any(a <= span.open_at and span.end <= b for a, b in contents):
                        consumed.add(found[0].i)  # a second quoted phrase of a reported clause
                        continue
                    if content is not None:
                        contents.add(content)
                        text = self.doc.text[content[0] : content[1]]
                if found is None:
                    if not self.uncued_ok(span):
                        continue
                    last = self.quotes[-1] if self.quotes else None
                    if (
                        last is not None and last.direct and last.cue and self.whole(span)
                        and self.same_paragraph(previous_end, span.open_at)
                    ):  # fmt: skip
                        found = (None, last.cue, Speaker(last.speaker, last.speaker_text))
                    else:
                        found = (None, "", Speaker(None, ""))
                cue_tok, cue, speaker = found
                if cue_tok is not None:
                    consumed.add(cue_tok.i)
                self.add(span.open_at, index, speaker, text, True, cue)
                previous_end = span.end
            self.indirect(sent, index, consumed, spans)
        return self.quotes

    def uncued_ok(self, span: QuotedSpan) -> bool:
        words = self.doc.text[span.start : span.end].split()
        return self.whole(span) and len(words) >= _MIN_UNCUED_WORDS

    def attribute(self, span: QuotedSpan, consumed: set[int]) -> tuple[Any, str, Speaker] | None:
        if self.whole(span):
            return self.cue_after(span) or self.cue_before(span) or self.partial(span)
        return self.partial(span)

    def partial(self, span: QuotedSpan) -> tuple[Any, str, Speaker] | None:
        cue = self.governing_cue(span)
        if cue is not None and cue.pos_ in ("NOUN", "PROPN"):  # "China's references to "…""
            return cue, cue.text, self.speakers.owner(cue, claim_owner(cue))
        if cue is not None:
            return cue, cue.text, self.speakers.of(self.subject_of(cue))
        sent = self.sents[self.sent_of[self.token_at(span.open_at).i]]
        found = self.according_to(sent)
        if found is not None:
            tok, source = found
            return tok, self.doc[tok.i : tok.i + 2].text, self.speakers.of(source)
        return None

    def speech_act(self, tok: Any, index: int, quoted: list[QuotedSpan]) -> bool:
        """Add the indirect quote of a speech act (:func:`act_content`), a judgment or a naming
        (:mod:`newslens.events.quotes_frames`), if ``tok`` makes one."""
        found = act_content(self.doc, tok, self.cues.act_verbs)
        if found is None and self.subject_of(tok) is not None:
            found = judged(self.doc, tok, self.cues) or named(self.doc, tok, self.cues)
        if found is None or any(found[0] <= s.open_at < found[1] for s in quoted):
            return False
        start, end = found
        text = self.doc.text[start:end].rstrip(" .,")
        self.add(start, index, self.speakers.of(self.subject_of(tok)), text, False, tok.text)
        return True

    def indirect(self, sent: Any, index: int, consumed: set[int], spans: list[QuotedSpan]) -> None:
        """Reported clauses of the sentence's unused reporting verbs, or its "according to"."""
        emitted = False
        quoted = [s for s in spans if sent.start_char <= s.open_at < sent.end_char]
        reported: list[tuple[int, int]] = []  # a speech act inside a reported clause is its words
        claims = {
            tok.i: c
            for tok in sent
            if (c := claim_clause(tok, self.cues.claim_nouns, self.cues.verbs)) is not None
        }
        for tok in sent:
            inside = any(a <= tok.idx < b for a, b in reported)
            if tok.i in claims and tok.i not in consumed:
                emitted = self.claim(tok, claims[tok.i], index, quoted) or emitted
                continue
            if tok.i not in consumed and not inside and self.speech_act(tok, index, quoted):
                consumed.add(tok.i)
                emitted = True
                continue
            if tok.i in consumed or not self.is_cue(tok):
                continue
            clauses = [c for c in tok.children if c.dep_ == "ccomp"] or [
                t
                for t in tok.subtree
                if t.i > tok.i
                and t.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
            ][:1]  # fmt: skip  ("told Putin during the conversation that …", parsed as acl)
            clauses = [c for c in clauses if all(c.i != h.i for h in claims.values())]
            if not clauses:
                if self.parenthetical(tok, index, quoted) or self.inverted(tok, index, quoted):
                    consumed.add(tok.i)
                    emitted = True
                continue
            words = [t for t in clauses[0].subtree if not (t.dep_ == "mark" and t.i < clauses[0].i)]
            found = self.according_to(sent)
            if found is not None:
                cut = {t.i for t in found[0].subtree}
                words = [t for t in words if t.i not in cut]
            if not words:
                continue
            start, end = words[0].idx, words[-1].idx + len(words[-1].text)
            if any(start <= s.open_at < end for s in quoted):
                continue
            consumed.add(tok.i)
            reported.append((start, end))
            self.add(start, index, self.speakers.of(self.subject_of(tok)),
                     self.doc.text[start:end], False, tok.text)  # fmt: skip
            emitted = True
        if emitted or quoted or any(t.i in consumed for t in sent):
            return
        found = self.according_to(sent)
        if found is None or found[1] is None:
            return
        cut = {t.i for t in found[0].subtree}
        words = [t for t in sent if t.i not in cut and not t.is_space]
        if not words:
            return
        text = "".join(t.text_with_ws for t in words)
        self.add(words[0].idx, index, self.speakers.of(found[1]), text.rstrip(" ."), False,
                 self.doc[found[0].i : found[0].i + 2].text)  # fmt: skip

    def owned_claim(self, tok: Any) -> bool:
        """Is ``tok`` a claim noun whose owner is an actor ("China's references to …")?"""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in self.cues.claim_nouns:
            return False
        return self.speakers.owner(tok, claim_owner(tok)).actor is not None

    def claim(self, noun: Any, clause: Any, index: int, quoted: list[QuotedSpan]) -> bool:
        """Add what a claim noun states ("Chinese claims that …"); its owner, or nobody, said it."""
        words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.i < clause.i)]
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        if any(start <= s.open_at < end for s in quoted):
            return False
        last = self.speakers.last
        speaker = self.speakers.owner(noun, claim_owner(noun))
        self.add(start, index, speaker, self.doc.text[start:end], False, noun.text)
        if speaker.actor is None:  # "reports that …": nobody to lean on later
            self.speakers.last = last
        return True

    def parenthetical(self, tok: Any, index: int, quoted: list[QuotedSpan]) -> bool:
        """Add the clause around a parenthetical cue ("The talks, Lavrov insisted, were going
        well" -> "The talks were going well")."""
        if tok.dep_ != "parataxis" or not any(c.dep_ == "nsubj" for c in tok.children):
            return False
        cut = {t.i for t in tok.subtree}
        words = [t for t in tok.head.subtree if t.i not in cut and not t.is_space]
        while words and words[-1].is_punct:
            words.pop()
        if len(words) < 3 or any(words[0].idx <= s.open_at < words[-1].idx for s in quoted):
            return False
        runs: list[list[Any]] = []
        for t in words:  # the words on either side of the cue, each run as written
            if runs and runs[-1][-1].i + 1 == t.i:
                runs[-1].append(t)
            else:
                runs.append([t])
        text = " ".join(self.doc[r[0].i : r[-1].i + 1].text for r in runs)
        self.add(words[0].idx, index, self.speakers.of(self.subject_of(tok)), text, False, tok.text)
        return True

    def inverted(self, tok: Any, index: int, quoted: list[QuotedSpan]) -> bool:
        """Add the clause an uncommaed inverted cue reports ("… announced spokesman Li Wei")."""
        found = inverted_report(tok, self.cues.verbs)
        if found is None:
            return False
        speaker_tok, head = found
        words = [t for t in head.subtree if t.i < tok.i and not t.is_space]
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        if any(start <= s.open_at < end for s in quoted):
            return False
        self.add(start, index, self.speakers.named_in(speaker_tok), self.doc.text[start:end],
                 False, tok.text)  # fmt: skip
        return True


def extract_quotes(
    article_id: str, doc: Any, mentions: Sequence[Mention], cues: QuoteCues,
    actor_at: ActorAt | None = None,
) -> list[Quote]:  # fmt: skip
    """The quotes of one parsed article body, in order of where they start (see the module
    docstring for the rules). ``mentions`` are the article's actor mentions (offsets into
    ``doc.text``); ``actor_at``: the article's reference index (the event coder's, so speakers
    and event actors share one resolution), else resolved here from the mentions alone; ids are
    stable: "q" + sha256(article_id, start offset)[:14]."""
    if len(doc) == 0:
        return []
    return _Reader(article_id, doc, mentions, cues, actor_at).read()
