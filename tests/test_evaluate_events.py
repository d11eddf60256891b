"""`newslens eval events`: reading gold sentences, the scores, and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslens.cli import app
from newslens.errors import InputError
from newslens.evaluate_events import (
    Coded,
    GoldEvent,
    GoldSentence,
    read_gold_events,
    score_events,
)


def gold(*types: str, country: str | None = "XKS") -> GoldSentence:
    return GoldSentence("g", "text", tuple(GoldEvent(t, country) for t in types))


def test_scores_by_type_confusion_and_source_country() -> None:
    sentences = [gold("ASSAULT"), gold("AID"), gold(), gold("SANCTION")]
    coded = [
        Coded((("ASSAULT", "XKS", None),)),
        Coded((("SUPPORT", "XKS", None),)),
        Coded((("PROTEST", None, None),)),
        Coded((("SANCTION", "XTV", None),)),
    ]
    scores = score_events(sentences, coded)
    assert scores.by_type["ASSAULT"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert scores.by_type["AID"]["recall"] == 0.0
    assert scores.by_type["SUPPORT"]["precision"] == 0.0
    assert scores.micro["precision"] == 0.5 and scores.micro["recall"] == pytest.approx(
        2 / 3, abs=1e-4
    )
    assert scores.confusion["AID"] == {"SUPPORT": 1}
    assert scores.confusion["NONE"] == {"PROTEST": 1}
    # SANCTION is right by type, wrong by source country
    assert scores.type_and_source_country == pytest.approx(1 / 3, abs=1e-4)
    assert scores.type_and_dyad_country == pytest.approx(1 / 3, abs=1e-4)
    assert scores.events_found == 1.0
    assert scores.other_types_per_sentence == 0.5


def test_the_dyad_needs_the_target_country_too() -> None:
    sentence = GoldSentence("g", "text", (GoldEvent("ASSAULT", "XKS", "XTV"),))
    wrong_target = score_events([sentence], [Coded((("ASSAULT", "XKS", None),))])
    assert wrong_target.type_and_source_country == 1.0
    assert wrong_target.type_and_dyad_country == 0.0
    right = score_events([sentence], [Coded((("ASSAULT", "XKS", "XTV"),))])
    assert right.type_and_dyad_country == 1.0


def test_a_missed_event_is_none_in_the_confusion() -> None:
    scores = score_events([gold("RETREAT")], [Coded(())])
    assert scores.confusion == {"RETREAT": {"NONE": 1}}
    assert scores.events_found == 0.0


def test_a_malformed_gold_line_names_its_place(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "fine", "events": []}\n{"events": [{"type": "AID"}]}\n')
    with pytest.raises(InputError, match=r"gold\.jsonl:2"):
        read_gold_events(path)


GOLD = [
    {
        "id": "1",
        "text": "Kestria's army shelled the Talvian border town of Ostrava on Monday.",
        "events": [{"type": "ASSAULT", "source_country": "XKS", "target_country": "XTV"}],
    },
    {"id": "2", "text": "The striker's attack on goal thrilled the crowd.", "events": []},
]


def test_the_command_prints_json_scores(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n")
    result = CliRunner().invoke(app, ["eval", "events", "--gold", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["sentences"] == 2 and scores["gold_events"] == 1
    assert scores["by_type"]["ASSAULT"]["recall"] == 1.0
    assert scores["confusion"]["ASSAULT"] == {"ASSAULT": 1}


def test_the_table_lists_the_confusions_and_the_matrix_where_wide(tmp_path: Path) -> None:
    from rich.console import Console

    from newslens.evaluate_events import EventScores
    from newslens.render import event_scores

    scores = EventScores(
        sentences=3,
        gold_events=2,
        by_type={"AID": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 2}},
        micro={"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 2},
        macro_f1=0.0,
        confusion={"AID": {"SUPPORT": 1, "NONE": 1, **{f"TYPE{n}": 1 for n in range(16)}}},
        type_and_source_country=0.0,
        events_found=0.5,
        other_types_per_sentence=0.0,
    )
    for width, matrix in ((80, False), (200, True)):
        console = Console(width=width, record=True)
        event_scores(console, scores)
        text = console.export_text()
        assert "Most frequent confusions" in text and "SUPPORT" in text
        assert ("Confusion (rows: gold" in text) is matrix


def test_train_events_on_your_own_categories(tmp_path: Path) -> None:
    labels = tmp_path / "mine.jsonl"
    lines = [
        ("The council approved the new bus lanes on Tuesday.", "TRANSPORT"),
        ("A new tram line opens in the east of the city next year.", "TRANSPORT"),
        ("Cyclists will get two protected lanes on the river road.", "TRANSPORT"),
        ("The library extended its opening hours for students.", "CULTURE"),
        ("The museum unveiled a restored medieval tapestry.", "CULTURE"),
        ("An orchestra from the capital played to a full hall.", "CULTURE"),
        ("It rained for most of the day.", None),
        ("The shop on the corner sells bread.", None),
    ]
    labels.write_text(
        "\n".join(json.dumps({"text": t, "events": [{"type": k}] if k else []}) for t, k in lines)
        + "\n"
    )
    out = tmp_path / "model.json"
    result = CliRunner().invoke(
        app,
        ["train", "events", "--labels", str(labels), "--embedder", "spacy", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    model = json.loads(out.read_text())
    assert model["labels"] == ["CULTURE", "NONE", "TRANSPORT"]
    assert model["embedder"] == "spacy"
    assert model["trained_on"]["sentences"] == 8
