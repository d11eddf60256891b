"""The China–Russia dossier of the five seed articles (../shared/seeds, read at run time).

What a careful reader expects: five articles; the meetings and calls, the pledges of coordination,
the refusal to condemn and the US threat of sanctions on the timeline, each cited; the invasion
as a restatement dated 24 February 2022; nothing negated or hypothetical told as fact; every
sentence taken verbatim from a seed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from newslens.cli import main
from newslens.pipeline import build, ingest
from newslens.report import Request, make_dossier, render
from newslens.store import Store

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    seeds = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} is absent: this test needs the shared data folder")
    store = Store.open(str(tmp_path_factory.mktemp("seeds") / "seeds.db"))
    ingest(store, [seeds])
    build(store)
    return store


@pytest.fixture(scope="module")
def dossier(seeds_store: Store) -> dict[str, Any]:
    return make_dossier(seeds_store, Request(actors=("China", "Russia")))


def entries(dossier: dict[str, Any], etype: str, **fields: str) -> list[dict[str, Any]]:
    return [
        e
        for e in dossier["timeline"]
        if e["type"] == etype and all(v in (e[k] or "") for k, v in fields.items())
    ]


def test_seed_dossier_covers_the_five_articles(dossier: dict[str, Any]) -> None:
    assert dossier["overview"]["independent_articles"] == 5
    assert len(dossier["sources"]) == 5
    assert dossier["title"] == "China and Russia"


@pytest.mark.parametrize(
    ("etype", "fields"),
    [
        ("CONSULT", {}),  # the meetings and calls
        ("COOPERATE", {"target": "Russia"}),  # pledges of coordination with Russia
        ("REJECT", {"source": "China"}),  # the refusal to condemn
        ("THREATEN", {"source": "United States", "target": "China"}),  # threatened sanctions
    ],
)
def test_seed_dossier_timeline_has_what_a_reader_lists(
    dossier: dict[str, Any], etype: str, fields: dict[str, str]
) -> None:
    found = entries(dossier, etype, **fields)
    assert found, f"no {etype} {fields} on the timeline"
    assert all(e["citations"] for e in found)


def test_seed_dossier_dates_the_invasion_on_the_day_it_began(dossier: dict[str, Any]) -> None:
    invasion = [e for e in entries(dossier, "ASSAULT") if e["background"]]
    assert invasion and {e["date"] for e in invasion} == {"2022-02-24"}


def test_seed_dossier_tells_nothing_unrealised_as_fact(
    seeds_store: Store, dossier: dict[str, Any]
) -> None:
    unreal = {e.id for e in seeds_store.iter_events() if e.negated or e.hypothetical}
    shown = {i for e in dossier["timeline"] for i in e["event_ids"]}
    assert unreal and not unreal & shown


def test_seed_dossier_quotes_every_sentence_from_a_seed(
    seeds_store: Store, dossier: dict[str, Any]
) -> None:
    sentences = seeds_store.sentences_of([s["id"] for s in dossier["sources"]])
    known = {" ".join(s.text.split()) for group in sentences.values() for s in group}
    shown = [s["text"] for s in dossier["summary"]]
    shown += [e["summary"] for e in dossier["timeline"] if e["kind"] == "event"]
    assert shown
    for text in shown:
        assert " ".join(text.split()) in known


def test_seed_dossier_relation_series_for_the_pair(dossier: dict[str, Any]) -> None:
    (relation,) = dossier["relations"]
    assert (relation["a"], relation["b"]) == ("China", "Russia")
    assert any(p["score"] > 0 for p in relation["series"])  # cooperation, mostly


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_seed_dossier_renders_self_contained(dossier: dict[str, Any], fmt: str) -> None:
    text = render(dossier, fmt)
    assert "China" in text and "Russia" in text
    if fmt == "html":
        assert text.count("<svg") >= 2  # the timeline and the relation chart
        assert not re.search(r"<script|<link|<img|@import|\bsrc=", text)


def test_seed_dossier_date_range_narrows(seeds_store: Store) -> None:
    request = Request(actors=("China", "Russia"), date_from=dt.date(2022, 4, 1))
    narrowed = make_dossier(seeds_store, request)
    assert all(
        (e["date"] or e["date_latest"] or "9999") >= "2022-04-01" for e in narrowed["timeline"]
    )


def cli(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_seed_dossier_cli_writes_each_format(
    seeds_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for suffix in (".html", ".md", ".json"):
        out = tmp_path / f"dossier{suffix}"
        code = cli(
            "--db",
            seeds_store.url,
            "report",
            "--actor",
            "China",
            "--actor",
            "Russia",
            "--out",
            str(out),
        )
        assert code == 0
        assert "Dossier written to" in capsys.readouterr().out
        assert out.stat().st_size > 1000


def test_seed_timeline_cli_prints_contract_json(
    seeds_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli("--db", seeds_store.url, "timeline", "--actor", "China", "--actor", "Russia", "--json")
        == 0
    )
    printed = json.loads(capsys.readouterr().out)
    need = {"date", "date_earliest", "date_latest", "type", "source", "target", "summary"}
    assert printed and all(need | {"citations"} <= set(e) for e in printed)


def test_report_cli_refuses_an_unknown_actor(
    seeds_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.html")
    assert cli("--db", seeds_store.url, "report", "--actor", "Atlantis", "--out", out) == 1
    error = capsys.readouterr().err
    assert "Atlantis" in error and "newslens actors" in error
    assert not (tmp_path / "x.html").exists()
