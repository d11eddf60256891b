"""What a speech-act verb reports: "urged Y to …", "vowed to …", "called on Y to …", "accused Y
of …". Its content is the verb's object with its infinitive, clausal or "of" complement; without
such a complement ("the U.S. urged restraint") the verb reports no statement."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

__all__ = ["act_content"]


def act_content(doc: Any, tok: Any, act_verbs: Collection[str]) -> tuple[int, int] | None:
    """Character offsets [start, end) of what ``tok`` asks, promises or charges, or None."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in act_verbs:
        return None
    parts = [c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    parts += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "of")]
    if not any(p.dep_ in ("xcomp", "ccomp") or p.lower_ == "of" for p in parts):
        return None
    if lemma == "call" and not any(p.lower_ == "on" for p in parts):
        return None  # "called on Y to …" asks; "called the talks useful" describes
    words = sorted(t.i for p in parts for t in p.subtree if not t.is_space)
    first, last = doc[words[0]], doc[words[-1]]
    if first.lower_ in ("on", "of") and first.i + 1 < len(doc):
        first = doc[first.i + 1]
    start, end = first.idx, last.idx + len(last.text)
    return (start, end) if end > start else None
