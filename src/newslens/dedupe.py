"""The duplicate stage: link syndicated copies and near-duplicates to the earliest article.

How two bodies are compared
    A body is normalised (NFKC, casefolded, split into runs of letters and digits, so punctuation
    and spacing vanish) and cut into k-word shingles (``shingle_words``, 5 by default). A MinHash of
    the shingle set (datasketch, ``num_perm`` 128, seed 1, the ``affine32`` scheme) is the
    article's signature.

When two articles are copies
    - Jaccard: the MinHash estimate of the shingle Jaccard is at least ``threshold`` (0.8).
      Five-word shingles are rare outside copies: two different articles on the same happening,
      with the same actors and many of the same words, stay well under 0.2, while a copy with a
      few words changed or a credit line added stays over 0.85. 0.8 leaves room for the
      estimate's error (about ±0.04 at 128 permutations) on both sides.
    - Containment: a lightly cut copy (the first paragraphs only, or the whole text behind an added
      intro) has a low Jaccard but holds almost all of its shingles in the other text. From the
      Jaccard estimate J and the two shingle counts, the share of the shorter text's shingles found
      in the longer one is ``J * (|A| + |B|) / ((1 + J) * min(|A|, |B|))``; when the shorter text
      has at least ``containment_min_words`` (50) words and that share is at least
      ``containment_threshold`` (0.8), the two are copies. The word floor keeps a short piece that
      quotes a passage of another from being called its copy. Why 0.8: copy desks often cut a
      paragraph and add a dateline or a closing line at once, so neither text holds the other
      whole; on news-2022 and the demo corpus such copies hold 86-92% of their shingles in the
      other text, while rewritten updates of one wire story (a new top, the same quotes) hold at
      most 77%.
    - Short bodies (under 20 words) are hashed as one shingle, the whole normalised text, so they
      match only when they are exactly equal after normalisation. Empty bodies never match.

Finding candidates
    A MinHashLSH index with ``lsh_threshold`` 0.5 (25 bands of 5 rows) proposes candidates; each is
    then verified as above. 0.5 rather than 0.7: with 128 permutations an index tuned for 0.7 finds
    a pair at Jaccard 0.8 only 87% of the time and a 70% cut copy (Jaccard 0.7) 44% of the time,
    while 0.5 finds them with probability 0.99999 and 0.99.

Groups and links
    Copies form groups: the connected parts of the "is a copy" relation, so a copy of a copy joins
    the same group. Every member links (``duplicate_of``) to the group's earliest member, never to
    another copy: earliest by date (``published``, else ``published_earliest``; undated articles
    count as the latest), then by ``seq`` (ingest order), then by id. ``similarity`` is the score
    against the article linked to: the larger of the Jaccard and (where it applies) containment
    estimates; 0.0 for an original.

Incremental use
    The stage keeps what it has seen. ``prime(known)`` loads stored signatures (and links) without
    hashing any text; each call then compares the new articles with everything known. A call
    returns one result per article of the batch, plus one for each known article whose link
    changes (an earlier original arrived after its copies). Since the groups are the connected
    parts of a symmetric relation and every pair is checked once, batch 1 then batch 2, batch 1+2
    at once, and priming with batch 1's results then batch 2 give the same links. Build the
    primed records with :func:`known_signature` so the ordering date is the same. A known id sent
    again with the same body is answered with its current link; with a changed body it is hashed
    and matched again, but links it had keep it in its group (start a fresh stage to drop them).

Signature bytes
    ``num_perm`` little-endian u64 hash values (``hashvalues.astype("<u8").tobytes()``), then two
    little-endian u64 counts: the body's words and its distinct shingles (containment needs the
    set sizes). 128 permutations make 1,040 bytes; :func:`jaccard` and :func:`containment`
    read them.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from datasketch import LeanMinHash, MinHash, MinHashLSH  # type: ignore[import-untyped]

from newslens.errors import NewslensError
from newslens.records import ArticleText, DedupeResult, KnownSignature, StageResult
from newslens.stages import stages

__all__ = ["Deduper", "containment", "jaccard", "known_signature", "normalized_words"]

#: bodies with fewer words match only an exactly equal body
SHORT_WORDS = 20
_SCHEME = "affine32"
_SEED = 1
_COUNTS = struct.Struct("<QQ")
_WORD = re.compile(r"[^\W_]+")

_Key = tuple[bool, dt.date, int, str]


@dataclass(frozen=True)
class _Signature:
    hashvalues: npt.NDArray[np.uint64]
    words: int
    shingles: int


@dataclass(frozen=True)
class _Entry:
    seq: int
    date: dt.date | None
    signature: bytes
    outlet: str | None = None
    original_outlet: str | None = None


def normalized_words(text: str) -> list[str]:
    """The words of ``text``, casefolded, without punctuation (``"U.S.-led"`` -> u, s, led)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _decode(signature: bytes) -> _Signature:
    size = len(signature) - _COUNTS.size
    if size <= 0 or size % 8:
        raise NewslensError(
            f"a duplicate signature of {len(signature)} bytes is not one newslens wrote "
            f"(expected 8 bytes per permutation plus {_COUNTS.size}); rebuild the signatures "
            f"with `newslens build --recluster`."
        )
    words, shingles = _COUNTS.unpack_from(signature, size)
    return _Signature(np.frombuffer(signature, "<u8", count=size // 8), words, shingles)


def _jaccard(a: _Signature, b: _Signature) -> float:
    if len(a.hashvalues) != len(b.hashvalues):
        raise NewslensError(
            f"cannot compare signatures of {len(a.hashvalues)} and {len(b.hashvalues)} "
            f"permutations: they were made with different settings; rebuild them with one "
            f"num_perm (`newslens build --recluster`)."
        )
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)


def _containment(a: _Signature, b: _Signature, jaccard_estimate: float) -> float:
    smaller = min(a.shingles, b.shingles)
    if smaller == 0:
        return 0.0
    shared = jaccard_estimate * (a.shingles + b.shingles) / (1.0 + jaccard_estimate)
    return min(1.0, shared / smaller)


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two stored signatures (0 to 1)."""
    return _jaccard(_decode(a), _decode(b))


def containment(a: bytes, b: bytes) -> float:
    """Estimated share of the smaller text's shingles that the other text also has (0 to 1)."""
    first, second = _decode(a), _decode(b)
    return _containment(first, second, _jaccard(first, second))


def known_signature(article: ArticleText, result: DedupeResult) -> KnownSignature:
    """What to store for ``article`` to prime a later stage: its ordering date and its result."""
    return KnownSignature(
        article_id=article.id,
        seq=article.seq,
        published=article.published or article.published_earliest,
        signature=result.signature,
        duplicate_of=result.duplicate_of,
        outlet=article.outlet,
        original_outlet=article.original_outlet,
    )


class Deduper:
    """Links each copy to the earliest article of its group (see the module docstring)."""

    def __init__(
        self,
        threshold: float = 0.8,
        containment_threshold: float = 0.8,
        containment_min_words: int = 50,
        shingle_words: int = 5,
        num_perm: int = 128,
        lsh_threshold: float = 0.5,
    ) -> None:
        self.threshold = threshold
        self.containment_threshold = containment_threshold
        self.containment_min_words = containment_min_words
        self.shingle_words = shingle_words
        self.num_perm = num_perm
        self.lsh_threshold = lsh_threshold
        self._entries: dict[str, _Entry] = {}
        self._parent: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._links: dict[str, str | None] = {}
        self._lsh: Any = None
        self._permutations: Any = None

    def __getstate__(self) -> dict[str, Any]:
        # the index and permutations are rebuilt from the signatures on first use
        return {**self.__dict__, "_lsh": None, "_permutations": None}

    def setup(self) -> None:
        """Build the permutations and the LSH index over every known signature."""
        if self._permutations is None:
            self._permutations = MinHash(self.num_perm, seed=_SEED, scheme=_SCHEME).permutations
        if self._lsh is None:
            self._lsh = MinHashLSH(threshold=self.lsh_threshold, num_perm=self.num_perm)
            with self._lsh.insertion_session() as session:
                for article_id in sorted(self._entries):
                    session.insert(article_id, self._lean(self._entries[article_id].signature))

    def signature(self, text: str) -> bytes:
        """The signature of a body: MinHash hash values and counts (see the module docstring)."""
        if self._permutations is None:
            self.setup()
        words = normalized_words(text)
        if len(words) < max(SHORT_WORDS, self.shingle_words):
            grams = {" ".join(words)} if words else set()
        else:
            k = self.shingle_words
            grams = {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}
        minhash = MinHash(
            self.num_perm, seed=_SEED, permutations=self._permutations, scheme=_SCHEME
        )
        minhash.update_batch([gram.encode("utf-8") for gram in grams])
        values: npt.NDArray[np.uint64] = minhash.hashvalues.astype("<u8")
        return values.tobytes() + _COUNTS.pack(len(words), len(grams))

    def prime(self, known: Iterable[KnownSignature]) -> None:
        """Load stored signatures and links, without hashing any text."""
        self.setup()
        records = list(known)
        for record in records:
            if len(_decode(record.signature).hashvalues) != self.num_perm:
                raise NewslensError(
                    f"the stored signature of article {record.article_id!r} was made with "
                    f"another num_perm than {self.num_perm}; rebuild the signatures with "
                    f"`newslens build --recluster`."
                )
            entry = _Entry(
                record.seq,
                record.published,
                record.signature,
                record.outlet,
                record.original_outlet,
            )
            self._add(record.article_id, entry)
            self._links[record.article_id] = record.duplicate_of
        for record in records:
            if record.duplicate_of is not None and record.duplicate_of in self._entries:
                self._union(record.article_id, record.duplicate_of)

    def __call__(self, batch: Sequence[ArticleText]) -> StageResult[DedupeResult]:
        """Match the batch against everything known; new results, then changed links."""
        if not batch:
            return StageResult(())
        self.setup()
        order: dict[str, None] = {}
        for article in batch:
            date = article.published or article.published_earliest
            entry = _Entry(
                article.seq,
                date,
                self.signature(article.body),
                article.outlet,
                article.original_outlet,
            )
            old = self._entries.get(article.id)
            if old is not None and old.signature == entry.signature:
                self._entries[article.id] = entry
            else:
                self._match(article.id, entry)
            order[article.id] = None
        earliest: dict[str, str] = {}
        for root in sorted({self._find(article_id) for article_id in order}):
            earliest[root] = self._original(self._members[root])
        outputs = [self._result(article_id, earliest) for article_id in order]
        changed = [
            member
            for root in earliest
            for member in self._members[root]
            if member not in order and self._links.get(member) != self._link(member, earliest)
        ]
        outputs += [self._result(member, earliest) for member in sorted(changed, key=self._key)]
        for result in outputs:
            self._links[result.article_id] = result.duplicate_of
        return StageResult(tuple(outputs))

    def _match(self, article_id: str, entry: _Entry) -> None:
        self._add(article_id, entry)
        lean = self._lean(entry.signature)
        mine = _decode(entry.signature)
        for other in sorted(self._lsh.query(lean)):
            if other != article_id and self._is_copy(mine, _decode(self._entries[other].signature)):
                self._union(article_id, other)

    def _add(self, article_id: str, entry: _Entry) -> None:
        if article_id in self._entries:
            self._lsh.remove(article_id)
        self._entries[article_id] = entry
        self._parent.setdefault(article_id, article_id)
        self._members.setdefault(article_id, [article_id])
        self._lsh.insert(article_id, self._lean(entry.signature))

    def _lean(self, signature: bytes) -> Any:
        hashvalues = _decode(signature).hashvalues
        return LeanMinHash(seed=_SEED, hashvalues=hashvalues, scheme=_SCHEME)

    def _is_copy(self, a: _Signature, b: _Signature) -> bool:
        if a.words == 0 or b.words == 0:
            return False
        if min(a.words, b.words) < max(SHORT_WORDS, self.shingle_words):
            return a.words == b.words and bool(np.array_equal(a.hashvalues, b.hashvalues))
        estimate = _jaccard(a, b)
        if estimate >= self.threshold:
            return True
        return (
            min(a.words, b.words) >= self.containment_min_words
            and _containment(a, b, estimate) >= self.containment_threshold
        )

    def _similarity(self, a: _Signature, b: _Signature) -> float:
        estimate = _jaccard(a, b)
        if min(a.words, b.words) < self.containment_min_words:
            return estimate
        return max(estimate, _containment(a, b, estimate))

    def _original(self, members: Iterable[str]) -> str:
        """The group's original: its earliest member, unless that member says it republishes an
        outlet whose own copy is in the group and not dated later (a wire story dated by the
        site that ran it, beside the undated wire text): then the source's copy."""
        ranked = sorted(members, key=self._key)
        first = self._entries[ranked[0]]
        if first.original_outlet:
            for candidate in ranked[1:]:
                entry = self._entries[candidate]
                later = (
                    entry.date is not None and first.date is not None and entry.date > first.date
                )
                if entry.outlet == first.original_outlet and not later:
                    return candidate
        return ranked[0]

    def _key(self, article_id: str) -> _Key:
        entry = self._entries[article_id]
        return (entry.date is None, entry.date or dt.date.min, entry.seq, article_id)

    def _find(self, article_id: str) -> str:
        parent = self._parent
        while parent[article_id] != article_id:
            parent[article_id] = parent[parent[article_id]]
            article_id = parent[article_id]
        return article_id

    def _union(self, a: str, b: str) -> None:
        root_a, root_b = self._find(a), self._find(b)
        if root_a == root_b:
            return
        if len(self._members[root_a]) < len(self._members[root_b]):
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        self._members[root_a].extend(self._members.pop(root_b))

    def _link(self, article_id: str, earliest: dict[str, str]) -> str | None:
        original = earliest[self._find(article_id)]
        return None if original == article_id else original

    def _result(self, article_id: str, earliest: dict[str, str]) -> DedupeResult:
        signature = self._entries[article_id].signature
        original = self._link(article_id, earliest)
        if original is None:
            return DedupeResult(article_id, signature)
        similarity = self._similarity(
            _decode(signature), _decode(self._entries[original].signature)
        )
        return DedupeResult(article_id, signature, original, similarity)


stages.add("dedupe", Deduper)
