"""The learned event classifier: labels, training, the model file, and its place in the coder."""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newslens.errors import ConfigError, InputError
from newslens.events.classifier import (
    NONE,
    Labelled,
    bundled_labels,
    labels_digest,
    load_model,
    read_labels,
    save_model,
    train,
)
from newslens.events.coder_lexicon import PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[2]
TEST_SET = ROOT / "tests" / "data" / "events_test.jsonl"


def _write(path: Path, lines: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def test_labels_read_the_first_event_type_and_none(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "l.jsonl",
        [
            {"text": "Kestria shelled Talvia.", "events": [{"type": "assault"}]},
            {"text": "The striker attacked the goal.", "events": []},
        ],
    )
    assert read_labels([path]) == [
        Labelled("Kestria shelled Talvia.", "ASSAULT"),
        Labelled("The striker attacked the goal.", NONE),
    ]


def test_a_malformed_label_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok", "events": []}\n{"events": []}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        read_labels([path])
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="no labelled sentences"):
        read_labels([empty])


def _toy() -> tuple[list[Labelled], Any]:
    rng = np.random.default_rng(0)
    items, rows = [], []
    for n, label in enumerate(["AID", "ASSAULT", NONE] * 20):
        centre = np.eye(3)[["AID", "ASSAULT", NONE].index(label)]
        rows.append(centre + rng.normal(0, 0.1, 3))
        items.append(Labelled(f"s{n}", label))
    return items, np.asarray(rows)


def test_training_is_deterministic_and_the_file_round_trips(tmp_path: Path) -> None:
    items, x = _toy()
    first, second = train(items, x, "toy"), train(items, x, "toy")
    assert np.array_equal(first.coef, second.coef)
    save_model(first, tmp_path / "m.json")
    loaded = load_model(tmp_path / "m.json")
    assert loaded.labels == ("AID", "ASSAULT", NONE)
    assert loaded.trained_on["per_label"] == {"AID": 20, "ASSAULT": 20, NONE: 20}
    assert loaded.trained_on["digest"] == labels_digest(items)
    texts = [i.text for i in items]
    probs = loaded.probabilities(x, texts)
    assert np.allclose(probs, first.probabilities(x, texts), atol=1e-5)
    assert [loaded.labels[i] for i in probs.argmax(axis=1)] == [i.label for i in items]


def test_training_needs_two_labels() -> None:
    items, x = _toy()
    with pytest.raises(InputError, match="two labels"):
        train([Labelled(i.text, "AID") for i in items], x, "toy")


def test_a_foreign_or_old_model_file_is_refused_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="newslens train events"):
        load_model(tmp_path / "missing.json")
    _write(tmp_path / "other.json", [{"format": "something-else"}])
    with pytest.raises(ConfigError, match="not a newslens event model"):
        load_model(tmp_path / "other.json")
    _write(tmp_path / "old.json", [{"format": "newslens-event-model", "version": 0}])
    with pytest.raises(ConfigError, match="retrain"):
        load_model(tmp_path / "old.json")


def test_the_bundled_labels_cover_every_type_with_hard_negatives() -> None:
    items = read_labels(bundled_labels())
    counts = Counter(i.label for i in items)
    assert len(items) >= 2500
    assert {kind: counts[kind] for kind in PLOVER_TYPES if counts[kind] < 80} == {}
    assert counts[NONE] >= 400
    texts = [i.text for i in items]
    assert len(set(texts)) == len(texts), "a training sentence is written twice"


def test_the_test_set_is_apart_from_the_training_labels() -> None:
    pending = sorted((bundled_labels()[0].parent / "pending").glob("*.jsonl"))  # next retrain's
    train_texts = {i.text.lower() for i in read_labels([*bundled_labels(), *pending])}
    test_texts = [json.loads(line)["text"].lower() for line in TEST_SET.read_text().splitlines()]
    assert len(test_texts) >= 500
    assert not train_texts & set(test_texts)


@pytest.mark.parametrize("embedder", ["minilm", "spacy"])
def test_each_bundled_model_is_trained_on_the_bundled_labels(embedder: str) -> None:
    from newslens.events.classifier import BUNDLED_MODELS

    path = Path(str(bundled_labels()[0].parent / BUNDLED_MODELS[embedder]))
    model = load_model(path)
    assert model.embedder == embedder
    assert model.trained_on["digest"] == labels_digest(read_labels(bundled_labels())), (
        "the labels changed since the bundled model was trained: run "
        f"`newslens train events --embedder {embedder} --out {path}`"
    )


@lru_cache(maxsize=1)
def _test_texts() -> list[str]:
    return [json.loads(line)["text"] for line in TEST_SET.read_text().splitlines()]


def test_retraining_the_bundled_model_gives_the_same_predictions(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    from newslens.events.classifier import BUNDLED_MODELS
    from newslens.events.embedders import embedders
    from newslens.events.training import train_event_model

    shipped = load_model(bundled_labels()[0].parent / BUNDLED_MODELS["minilm"])
    retrained = train_event_model(None, tmp_path / "again.json", "minilm", shipped.c)
    x = embedders["minilm"]().embed(_test_texts())
    assert retrained.labels == shipped.labels
    texts = _test_texts()
    before, after = shipped.probabilities(x, texts), retrained.probabilities(x, texts)
    # MiniLM's int8 kernels differ in the last bits between CPUs (AVX2, AVX-512), so a model
    # retrained on another machine may differ a little: labels agree but for near ties
    top_two = np.sort(before, axis=1)[:, -2:]
    tie = top_two[:, 1] - top_two[:, 0] < 0.02
    assert ((before.argmax(axis=1) == after.argmax(axis=1)) | tie).all()
    assert np.abs(before - after).max() < 0.05


def test_a_sentences_embedding_does_not_depend_on_the_sentences_beside_it() -> None:
    # dynamic int8 quantisation scales each batch by its own largest activation: in batches, a
    # sentence's events changed with its neighbours (a build and a rebuild of other articles)
    pytest.importorskip("sentence_transformers")
    from newslens.events.embedders import embedders

    texts = _test_texts()[:40]
    embedder = embedders["minilm"]()
    alone = embedder.embed([texts[7]])[0]
    assert np.array_equal(embedder.embed(texts)[7], alone)
    assert np.array_equal(embedder.embed(texts[5:])[2], alone)
    from newslens.events.classifier import BUNDLED_MODELS, Predictor

    predictor = Predictor(load_model(bundled_labels()[0].parent / BUNDLED_MODELS["minilm"]))
    told_twice = predictor.for_texts([texts[7], texts[8], texts[7]])  # embedded once
    assert told_twice[0] == told_twice[2]
    assert told_twice[0] == predictor.for_texts([texts[7]])[0]  # exactly: rows scored apart


def test_a_sentences_probabilities_do_not_depend_on_the_rows_scored_with_it() -> None:
    # a matrix product's rows change in the last bits with the matrix's shape (issue 14: a Ray
    # build's batches stored other confidences than a local build's)
    model = load_model()
    texts = _test_texts()[:300]
    width = model.coef.shape[1] - (len(model.words.vocabulary) if model.words else 0)
    vectors = np.random.default_rng(3).normal(size=(len(texts), width)).astype(np.float32)
    whole = model.probabilities(vectors, texts)
    for n in (1, 7, 64):
        assert np.array_equal(model.probabilities(vectors[:n], texts[:n]), whole[:n])


def test_learned_cues_are_the_words_that_mostly_mark_a_label() -> None:
    from newslens.events.classifier import learn_cues

    items = [Labelled(f"Norvadia held a ballot in region {n}.", "ELECTION") for n in range(5)]
    items += [Labelled(f"Kestria held a parade in Port Seren {n}.", NONE) for n in range(5)]
    items += [Labelled("The ballot was noted by Talvia.", "ELECTION")] * 2
    cues = learn_cues(items)
    assert set(cues) == {"ELECTION"}  # no cues for "no event"
    assert "ballot" in cues["ELECTION"]
    assert "held" not in cues["ELECTION"]  # as common in the no-event sentences
    assert "norvadia" not in cues["ELECTION"]  # a name, not a word


def test_the_model_file_keeps_its_learned_cues(tmp_path: Path) -> None:
    items, x = _toy()
    items = [
        Labelled(f"aid convoy {i.text}" if i.label == "AID" else i.text, i.label) for i in items
    ]
    model = train(items, x, "toy")
    assert {"aid", "convoy"} <= set(model.cues["AID"])
    save_model(model, tmp_path / "m.json")
    assert load_model(tmp_path / "m.json").cues == model.cues


def test_word_features_read_lower_case_words_not_names() -> None:
    from newslens.events.word_features import fit_words

    words = fit_words(["Norvadia freed the envoy", "Kestria freed two sailors", "the envoy"], 0.5)
    assert words.vocabulary == ("envoy", "freed", "the")  # names and one-off words left out
    rows = words.matrix(["Talvia freed freed the envoy", "Nothing Here"])
    assert np.isclose(np.linalg.norm(rows[0]), 0.5)  # unit length, then the weight
    assert not rows[1].any()
    assert rows[0][1] > rows[0][2]  # "freed" twice and rarer than "the"


def test_a_model_with_word_features_needs_the_texts_and_keeps_them(tmp_path: Path) -> None:
    items, x = _toy()
    items = [Labelled(f"the {i.label.lower()} sentence {n}", i.label) for n, i in enumerate(items)]
    texts = [i.text for i in items]
    model = train(items, x, "toy", word_weight=1.0)
    assert model.words is not None and "aid" in model.words.vocabulary
    with pytest.raises(ValueError, match="texts"):
        model.probabilities(x)
    save_model(model, tmp_path / "m.json")
    loaded = load_model(tmp_path / "m.json")
    assert loaded.words is not None and loaded.words.vocabulary == model.words.vocabulary
    assert np.allclose(loaded.probabilities(x, texts), model.probabilities(x, texts), atol=1e-5)
    assert train(items, x, "toy", word_weight=0).words is None


def test_the_cli_defaults_are_the_classifier_defaults() -> None:
    import inspect

    from newslens.cli import app
    from newslens.events.classifier import DEFAULT_C, WORD_WEIGHT

    train_cmd = next(
        c
        for g in app.registered_groups
        for c in g.typer_instance.registered_commands
        if c.callback is not None and c.callback.__name__ == "train_events"
    )
    params = inspect.signature(train_cmd.callback).parameters  # type: ignore[arg-type]
    assert params["c"].default == DEFAULT_C
    assert params["word_weight"].default == WORD_WEIGHT


def test_a_version_1_model_file_without_words_still_loads_and_predicts(tmp_path: Path) -> None:
    items, x = _toy()
    model = train(items, x, "toy", word_weight=0)
    save_model(model, tmp_path / "new.json")
    record = json.loads((tmp_path / "new.json").read_text())
    record["version"] = 1
    del record["words"]  # as files written before the word features were
    (tmp_path / "old.json").write_text(json.dumps(record))
    old = load_model(tmp_path / "old.json")
    assert old.version == 1 and old.words is None
    assert np.allclose(old.probabilities(x), model.probabilities(x), atol=1e-5)
