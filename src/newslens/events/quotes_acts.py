"""What a reporting verb reports.

- A speech act: "urged Y to …", "vowed to …", "called on Y to …", "accused Y of …", "called for
  …". Its content is the verb's object with its infinitive, clausal, "of" or "for" complement;
  without such a complement ("the U.S. urged restraint") the verb reports no statement.
- The clause around a partial quote: 'China promised to increase coordination "no matter" how
  the war goes' reports more than the two quoted words. ``reported_span`` gives the complement of
  the quote's cue that holds the quote ("to increase coordination "no matter" how the war goes"),
  so a quote record says what was said, the quoted words marked inside it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

__all__ = ["act_content", "quote_content", "reported_span"]

# complements of a cue that carry what it reports; "prep" only with these prepositions
_CONTENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "attr", "dative"})
_CONTENT_PREPS = frozenset({"as", "of", "for", "on", "about", "to"})


def act_content(doc: Any, tok: Any, act_verbs: Collection[str]) -> tuple[int, int] | None:
    """Character offsets [start, end) of what ``tok`` asks, promises or charges, or None."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in act_verbs:
        return None
    after = [c for c in tok.children if c.i > tok.i]  # "China on Tuesday promised to …"
    parts = [c for c in after if c.dep_ in ("dobj", "xcomp", "ccomp")]
    parts += [c for c in after if c.dep_ == "prep" and c.lower_ in ("on", "of", "for")]
    complement = any(p.dep_ in ("xcomp", "ccomp") or p.lower_ in ("of", "for") for p in parts)
    if lemma == "call":  # "called on Y to …" and "called for …" ask; "called the talks useful"
        asks_for = [p for p in parts if p.lower_ == "for"]  # describes
        if asks_for:
            parts = asks_for
        elif not (complement and any(p.lower_ == "on" for p in parts)):
            return None
    elif not complement:
        return None
    words = sorted(t.i for p in parts for t in p.subtree if not t.is_space)
    first, last = doc[words[0]], doc[words[-1]]
    if first.lower_ in ("on", "of", "for") and first.i + 1 < len(doc):
        first = doc[first.i + 1]
    start, end = first.idx, last.idx + len(last.text)
    return (start, end) if end > start else None


def reported_span(doc: Any, cue: Any, start: int, end: int) -> tuple[int, int] | None:
    """Character offsets [start, end) of the complement of ``cue`` that holds the quoted words
    at [start, end): the clause the quote lies in, on either side of the cue ("X did Y "…", the
    Kremlin said"), or the cue's object and its complements after it ("touted the partnership's
    "resilience"", "described the events as a "crisis""), times and dates left out ("said on
    Thursday that …"). None when no complement holds the quote."""
    inner = doc.char_span(start, end, alignment_mode="expand")
    if inner is None or len(inner) == 0:
        return None
    tok = inner.root
    while tok.head.i not in (cue.i, tok.i):  # spaCy makes a new Token object per access: compare .i
        tok = tok.head
    if tok.head.i != cue.i:
        return None
    if tok.dep_ in ("ccomp", "xcomp"):
        parts = [tok]
    elif tok.i > cue.i and _content(tok):
        parts = [c for c in cue.children if c.i > cue.i and _content(c)]
    else:
        return None
    words = sorted({t.i for p in parts for t in p.subtree if not t.is_space})
    first, last = doc[words[0]], doc[words[-1]]
    if first.dep_ == "prep" and first.head.i == cue.i and first.i + 1 < len(doc):
        first = doc[first.i + 1]  # "described them as …" keeps "as"; "informed Y of …" drops "of"
    while first.dep_ == "mark" and first.i < last.i:  # "said that …"
        first = doc[first.i + 1]
    while last.i > first.i and (last.dep_ == "cc" or (last.is_punct and not last.is_quote)):
        last = doc[last.i - 1]
    lo, hi = first.idx, last.idx + len(last.text)
    return (lo, hi) if lo <= start and end <= hi else None


def _content(tok: Any) -> bool:
    """An object or complement of a cue that is part of what it reports (not "on Thursday")."""
    if tok.dep_ in _CONTENT_DEPS:
        return True
    if tok.dep_ != "prep" or tok.lower_ not in _CONTENT_PREPS:
        return False
    return not any(c.ent_type_ in ("DATE", "TIME") for c in tok.children)


def quote_content(
    doc: Any, cue: Any, span: Any, spans: Sequence[Any], act_verbs: Collection[str]
) -> tuple[int, int] | None:
    """What ``cue`` reports around the partial quote ``span`` (a QuotedSpan): its speech-act
    content or the complement holding the quote, never cutting another quoted span in two."""
    for found in (act_content(doc, cue, act_verbs), reported_span(doc, cue, span.start, span.end)):
        if found is not None and found[0] <= span.open_at and span.end <= found[1]:
            close = span.close_at + 1 if span.close_at is not None else span.end
            if doc.text[span.start : span.end].rstrip()[-1:] in (".", "!", "?"):
                return found[0], close  # the quoted words end the sentence
            end = max(found[1], close)  # the closing mark stays with its words
            for other in spans:
                if found[0] <= other.open_at < end and other.close_at is not None:
                    end = max(end, other.close_at + 1)
            return found[0], end
    return None
