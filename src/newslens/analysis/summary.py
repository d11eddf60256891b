"""Extractive multi-document summaries: a few sentences as outlets printed them, each cited.

Why extractive: every line of the summary is a sentence an outlet actually printed, verbatim, so a
reader can check it against its sources, and it carries every outlet that printed it. An
abstractive model would need weights we cannot ship and could state what no source said.

Method:

1. **Candidates** are the sentences of original articles; a wire copy repeats its original and
   would only add weight to whoever is syndicated most. ``article_ids`` limits them (a copy's id
   stands for its original). Sentences that mislead or say nothing out of context are skipped:
   under 8 or over 60 words, questions, no terminal punctuation, all capitals, captions, bylines
   and site furniture ("Photo", "(Name/Agency)", "click here", "subscribe"), no verb-like word, and
   sentences opening on a pronoun or connector ("He", "This", "But", "However,") whose referent
   lies in the sentence before.
2. **Near-duplicates** (TF-IDF cosine >= 0.8, or the same text once case and punctuation are
   dropped) collapse into one group, leader first: the earliest report keeps its words and the
   others become its citations. A group's weight grows with log2 of its independent voices (an
   article's original outlet, else its outlet), so three outlets outrank one.
3. **Relevance** is centrality, the cosine of a sentence to the centroid of all candidates (the
   centroid summariser of Radev et al. 2004: what many articles say is what the scope is about),
   times boosts for being the evidence sentence of a coded event (more when more independent outlets
   report that event), naming scope actors (or actors standing for them; a sentence naming every one
   of several asked-for actors most of all) or a query term, and standing near an article's lead
   (news is written as an inverted pyramid). TF-IDF (English stop words, sublinear tf) needs no
   model, is deterministic and fast.
4. **Selection** is Maximal Marginal Relevance (Carbonell & Goldstein 1998): repeatedly pick the
   group maximising ``λ·relevance − (1−λ)·max cosine to the groups already picked`` with
   ``λ = relevance_weight``. 1.0 ranks by relevance alone; lower values give up relevance to
   cover more of the story. Relevance is scaled to [0, 1] first so the two terms share a scale.
5. **Order**: the picks are listed by their article's date (undated last), then article id and
   sentence index, so the summary reads as the story unfolded.

Everything is deterministic: fixed orders, no sampling, ties broken by article id and index.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import numpy as np

from newslens.analysis.bundle import Bundle, Citation, SourceArticle
from newslens.errors import ConfigError
from newslens.records import Sentence

MIN_WORDS, MAX_WORDS = 8, 60
NEAR_DUPLICATE = 0.8

_Candidates = list[tuple[SourceArticle, Sentence]]
_Floats = np.ndarray[Any, np.dtype[np.float64]]

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TERMINAL = re.compile(r"[.!][\"'”’)\]]*$")
_OPENER = re.compile(
    r"^[\"'“‘(\s]*(?:(?:He|She|They|It|Its|This|That|These|Those|His|Her|Him|Their|Them|Such)\b"
    r"|(?:But|And|Or|So|Yet)\s"
    r"|(?:However|Also|Still|Moreover|Furthermore|Instead|Thus|Therefore|Nevertheless)\b)"
)
_FURNITURE = re.compile(
    r"^[\"'“‘(\s]*(?:Photo|Copyright|Share|Image|Video|Watch|Read|File|Advertisement|Credit)\b"
    r"|^By [A-Z][\w.'-]+ [A-Z]"
)
_BOILERPLATE = re.compile(
    r"click here|subscribe|sign up|newsletter|all rights reserved|copyright|©|file photo"
    r"|photo by|getty images|you can now listen|listen to (?:this )?(?:article|story)"
    r"|read more|follow us|cookies|advertisement|\||\([^()/]+/[^()/]+\)",  # "(Name/Agency)" credits
    re.IGNORECASE,
)
_AUX = re.compile(
    r"is|are|was|were|be|been|has|have|had|do|does|did|will|would|can|could|may|might|must"
    r"|shall|should|said|says?|told|tells?"
)


def cite_label(citation: Citation) -> str:
    """``[Outlet, 2022-04-19]``; ``unknown outlet`` and ``undated`` stand in for what is missing."""
    outlet = citation.outlet or "unknown outlet"
    date = citation.published.isoformat() if citation.published else "undated"
    return f"[{outlet}, {date}]"


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of a summary, verbatim from ``article_id``, cited by every independent source.

    ``citations[0]`` is the article the text was taken from; ``score`` is its relevance in [0, 1].
    """

    text: str
    article_id: str
    sentence_index: int
    date: dt.date | None
    citations: tuple[Citation, ...]
    score: float

    def cite_labels(self) -> str:
        """Every citation as a label: ``[Outlet A, 2022-04-19] [Outlet B, undated]``."""
        return " ".join(cite_label(citation) for citation in self.citations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "date": self.date.isoformat() if self.date else None,
            "score": round(self.score, 4),
            "cite": self.cite_labels(),
            "citations": [citation.as_dict() for citation in self.citations],
        }


@dataclass(frozen=True)
class Summary:
    """An extractive summary: its sentences in chronological order."""

    sentences: tuple[SummarySentence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"sentences": [{text, article_id, sentence_index, date, ...}]}``."""
        return {"sentences": [sentence.to_dict() for sentence in self.sentences]}


def summarize(
    bundle: Bundle,
    *,
    sentences: int = 8,
    relevance_weight: float = 0.7,
    article_ids: Collection[str] | None = None,
) -> Summary:
    """At most ``sentences`` cited sentences that cover ``bundle``, picked by MMR.

    ``relevance_weight`` is MMR's λ in [0, 1]: 1.0 ranks by relevance alone, lower values penalise
    sentences similar to those already picked. ``article_ids`` limits the articles quoted.
    """
    if sentences < 0:
        raise ConfigError(f"summary length {sentences} is negative; ask for 0 or more sentences")
    if not 0.0 <= relevance_weight <= 1.0:
        raise ConfigError(
            f"summary relevance_weight {relevance_weight} is outside [0, 1]; use e.g. 0.7"
        )
    candidates = _candidates(bundle, article_ids)
    if not candidates or sentences == 0:
        return Summary()
    matrix = _tfidf([sentence.text for _, sentence in candidates])
    groups = _groups(candidates, matrix)
    relevance = _relevance(bundle, candidates, matrix, groups)
    picks = _mmr(matrix[[group[0] for group in groups]], relevance, sentences, relevance_weight)
    found = [_summary_sentence(candidates, groups[g], float(relevance[g])) for g in picks]
    found.sort(key=_chronological)
    return Summary(tuple(found))


def _is_candidate(text: str) -> bool:
    """Whether a sentence can stand alone in a summary (see the module docstring, step 1)."""
    stripped = text.strip()
    words = _WORD.findall(stripped)
    if not MIN_WORDS <= len(words) <= MAX_WORDS or not _TERMINAL.search(stripped):
        return False
    letters = [c for c in stripped if c.isalpha()]
    if all(c.isupper() for c in letters):
        return False
    if _OPENER.match(stripped) or _FURNITURE.match(stripped) or _BOILERPLATE.search(stripped):
        return False
    return any(_verb_like(word) for word in words)


def _verb_like(word: str) -> bool:
    if not word.islower():
        return False
    if _AUX.fullmatch(word) or word.endswith("ed"):
        return True
    # third person singular ("meets", "promises"), not "previous", "across", "crisis", "its"
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))


def _chronological(s: SummarySentence) -> tuple[bool, dt.date, str, int]:
    return (s.date is None, s.date or dt.date.min, s.article_id, s.sentence_index)


def _article_order(article: SourceArticle) -> tuple[bool, dt.date, str]:
    return (article.published is None, article.published or dt.date.min, article.id)


def _sources(bundle: Bundle, article_ids: Collection[str] | None) -> list[SourceArticle]:
    """One article per original: the original, or its earliest copy when it is not in the bundle."""
    allowed = None if article_ids is None else {bundle.root(i) for i in article_ids}
    chosen: dict[str, SourceArticle] = {}
    for article in sorted(bundle.articles.values(), key=_article_order):
        root = bundle.root(article.id)
        standing = root == article.id or root not in bundle.articles
        if standing and (allowed is None or root in allowed):
            chosen.setdefault(root, article)
    return sorted(chosen.values(), key=_article_order)


def _candidates(bundle: Bundle, article_ids: Collection[str] | None) -> _Candidates:
    found: _Candidates = []
    for article in _sources(bundle, article_ids):
        ordered = sorted(bundle.sentences.get(article.id, ()), key=lambda s: s.index)
        found.extend((article, s) for s in ordered if _is_candidate(s.text))
    return found


def _voice(article: SourceArticle) -> str:
    """Who an article speaks for: its original outlet, else its outlet, else only itself."""
    outlet = article.original_outlet or article.outlet
    return outlet.strip().casefold() if outlet else f"article:{article.id}"


def _tfidf(texts: list[str]) -> Any:
    """L2-normalised TF-IDF rows (a scipy CSR matrix); all zeros when no word is left."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        return csr_matrix(vectorizer.fit_transform(texts))
    except ValueError:  # only stop words: an empty vocabulary
        return csr_matrix((len(texts), 1), dtype=np.float64)


def _groups(candidates: _Candidates, matrix: Any) -> list[list[int]]:
    """Near-duplicate groups, leader first: each candidate, in order, absorbs its unowned twins."""
    n = len(candidates)
    keys = [" ".join(re.findall(r"\w+", s.text.casefold())) for _, s in candidates]
    same: dict[str, set[int]] = {}
    for i, key in enumerate(keys):
        same.setdefault(key, set()).add(i)
    near = [same[key] - {i} for i, key in enumerate(keys)]
    step = 256  # blocks of rows keep the similarity product small on large bundles
    for start in range(0, n, step):
        block = (matrix[start : start + step] @ matrix.T).tocoo()
        keep = block.data >= NEAR_DUPLICATE
        for row, col in zip(block.row[keep].tolist(), block.col[keep].tolist(), strict=True):
            if row + start != col:
                near[row + start].add(col)
    owner = [-1] * n
    groups: list[list[int]] = []
    for i in range(n):
        if owner[i] >= 0:
            continue
        owner[i] = len(groups)
        members = [i]
        for j in sorted(near[i]):
            if owner[j] < 0:
                owner[j] = owner[i]
                members.append(j)
        groups.append(members)
    return groups


def _event_voices(bundle: Bundle) -> dict[tuple[str, int], int]:
    """(article id, sentence index) of each evidence sentence -> independent voices of its event."""
    found: dict[tuple[str, int], int] = {}
    for event in bundle.events:
        voices = set()
        for evidence in event.evidence:
            root = bundle.articles.get(bundle.root(evidence.article_id))
            voices.add(_voice(root) if root else f"article:{evidence.article_id}")
        for evidence in event.evidence:
            key = (evidence.article_id, evidence.sentence_index)
            found[key] = max(found.get(key, 0), len(voices))
    return found


def _actor_patterns(bundle: Bundle) -> list[re.Pattern[str]]:
    """One pattern per scope actor: its names and aliases and those of actors standing for it."""
    patterns = []
    for scope_id in bundle.scope.actors:
        names: set[str] = set()
        for actor_id, actor in bundle.actors.items():
            if actor_id == scope_id or bundle.sides.get(actor_id) == scope_id:
                names.update(n for n in (actor.name, *actor.aliases) if n.strip())
        if names:
            alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
            patterns.append(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"))
    return patterns


def _query_terms(query: str | None) -> set[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = re.findall(r"\w+", (query or "").casefold())
    return {w for w in words if len(w) > 2 and w not in ENGLISH_STOP_WORDS}


def _relevance(
    bundle: Bundle, candidates: _Candidates, matrix: Any, groups: list[list[int]]
) -> _Floats:
    """Each group's relevance (step 3 of the module docstring), scaled so the best is 1."""
    centroid = np.asarray(matrix.mean(axis=0), dtype=np.float64).ravel()
    norm = float(np.linalg.norm(centroid))
    central = np.asarray(matrix @ centroid, dtype=np.float64).ravel() / norm if norm else None
    events = _event_voices(bundle)
    actors = _actor_patterns(bundle)
    terms = _query_terms(bundle.scope.query)
    scores = np.zeros(len(groups), dtype=np.float64)
    for g, members in enumerate(groups):
        text = candidates[members[0]][1].text
        centrality = max(float(central[i]) for i in members) if central is not None else 0.0
        voices = {_voice(candidates[i][0]) for i in members}
        score = (0.1 + centrality) * (1.0 + 0.5 * math.log2(len(voices)))
        reported = max(events.get((a.id, s.index), 0) for a, s in (candidates[i] for i in members))
        if reported:
            score *= 1.0 + 0.2 * (1.0 + math.log2(reported))
        named = sum(1 for pattern in actors if pattern.search(text))
        score *= 1.0 + 0.5 * named
        if len(actors) > 1 and named == len(actors):
            score *= 1.5  # asked about two actors: sentences about both come first
        if terms:
            words = set(re.findall(r"\w+", text.casefold()))
            score *= 1.0 + 0.3 * len(terms & words) / len(terms)
        lead = min(candidates[i][1].index for i in members)
        scores[g] = score * (1.0 + 0.25 / (1.0 + max(lead, 0)))
    top = float(scores.max()) if len(scores) else 0.0
    return scores / top if top > 0 else scores


def _mmr(vectors: Any, relevance: _Floats, k: int, lam: float) -> list[int]:
    """Maximal Marginal Relevance: the indices of up to ``k`` groups, in the order picked."""
    count = len(relevance)
    closest = np.zeros(count, dtype=np.float64)
    available = np.ones(count, dtype=bool)
    picked: list[int] = []
    for _ in range(min(k, count)):
        marginal = lam * relevance - (1.0 - lam) * closest
        marginal[~available] = -np.inf
        best = int(np.argmax(marginal))  # ties go to the earliest group, i.e. the earliest report
        picked.append(best)
        available[best] = False
        similarity = np.asarray((vectors @ vectors[best].T).toarray(), dtype=np.float64).ravel()
        closest = np.maximum(closest, similarity)
    return picked


def _summary_sentence(candidates: _Candidates, members: list[int], score: float) -> SummarySentence:
    article, sentence = candidates[members[0]]
    others = sorted((candidates[i][0] for i in members[1:]), key=_article_order)
    unique = {cited.id: cited for cited in (article, *others)}  # keeps the first one's place
    return SummarySentence(
        text=sentence.text,
        article_id=article.id,
        sentence_index=sentence.index,
        date=article.published,
        citations=tuple(Citation.of(cited) for cited in unique.values()),
        score=score,
    )
