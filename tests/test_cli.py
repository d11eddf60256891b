"""The CLI: commands, JSON output, exports, and errors as one line with a non-zero exit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslens.cli import main
from newslens.export import ARTICLE_FIELDS

TEXT = (
    "Harbour talks resume in Port Calder\n\n"
    "Negotiators from both ports met on Monday and agreed to reopen the harbour. "
    "The agreement still needs a vote in the assembly, officials said."
)


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        main(["--db", str(db), *args])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "in"
    path.mkdir()
    (path / "a.txt").write_text(TEXT)
    (path / "b.txt").write_text(
        TEXT.replace("Monday", "Tuesday").replace("Harbour talks", "Port talks")
    )
    (path / "empty.txt").write_text("")
    return path


def test_cli_ingest_prints_report_and_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, folder: Path
) -> None:
    db = tmp_path / "n.db"
    code, out, _ = run(capsys, db, "ingest", str(folder))
    assert code == 0
    assert "Ingest report" in out and "quarantined" in out
    code, out, _ = run(capsys, db, "ingest", str(folder), "--json")
    report = json.loads(out)
    assert (report["read"], report["ingested"], report["unchanged"]) == (3, 0, 2)
    assert report["quarantined_by_reason"] == {"empty": 1}


def test_cli_export_articles_writes_contract_fields(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, folder: Path
) -> None:
    db = tmp_path / "n.db"
    run(capsys, db, "ingest", str(folder))
    out_file = tmp_path / "articles.jsonl"
    code, _, err = run(
        capsys, db, "export", "articles", "--format", "jsonl", "--out", str(out_file)
    )
    assert code == 0, err
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert list(row) == ARTICLE_FIELDS
        assert row["title"] in {
            "Harbour talks resume in Port Calder",
            "Port talks resume in Port Calder",
        }
        assert row["truncated"] is False
    code, out, _ = run(capsys, db, "export", "articles", "--format", "csv")
    assert out.splitlines()[0] == ",".join(ARTICLE_FIELDS)
    code, _, _ = run(
        capsys,
        db,
        "export",
        "articles",
        "--format",
        "parquet",
        "--out",
        str(tmp_path / "a.parquet"),
    )
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "a.parquet").num_rows == 2


def test_cli_search_quarantine_and_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, folder: Path
) -> None:
    db = tmp_path / "n.db"
    run(capsys, db, "ingest", str(folder))
    _, out, _ = run(capsys, db, "search", "Tuesday harbour", "--json")
    hits = json.loads(out)
    assert [h["title"] for h in hits] == ["Port talks resume in Port Calder"]
    assert set(hits[0]) == {"id", "title", "outlet", "published", "snippet", "score"}
    _, out, _ = run(capsys, db, "quarantine", "--json")
    entries = json.loads(out)
    assert [(Path(e["source_path"]).name, e["reason"]) for e in entries] == [("empty.txt", "empty")]
    assert set(entries[0]) == {"source_path", "reason", "detail"}
    _, out, _ = run(capsys, db, "articles", "--json")
    listed = json.loads(out)
    _, out, _ = run(capsys, db, "article", listed[0]["id"], "--raw", "--json")
    shown = json.loads(out)
    assert shown["raw"].startswith("Harbour talks") or shown["raw"].startswith("Port talks")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "/no/such/folder"], "/no/such/folder"),
        (["ingest", ".", "--format", "klingon"], "klingon"),
        (["ingest", ".", "--map", "nonsense"], "COLUMN=FIELD"),
        (["export", "articles", "--format", "xml"], "xml"),
        (["export", "nonsense"], "nonsense"),
        (["article", "0000"], "0000"),
    ],
)
def test_cli_errors_are_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    code, _out, err = run(capsys, tmp_path / "n.db", *args)
    assert code == 1
    assert "Traceback" not in err
    assert message in err
    assert err.strip().startswith("Error:")


def test_cli_version(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path / "n.db", "--version")
    assert code == 0 and "newslens" in out


def test_cli_ingest_max_document_mb_quarantines_big_documents(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "big.txt").write_text(TEXT + "\n\n" + "More words about the harbour. " * 80_000)
    code, out, _ = run(
        capsys, tmp_path / "n.db", "ingest", str(folder), "--max-document-mb", "1", "--json"
    )
    assert code == 0
    assert json.loads(out)["quarantined_by_reason"] == {"too_large": 1}
    _, out, _ = run(capsys, tmp_path / "n.db", "quarantine", "--json")
    (entry,) = json.loads(out)
    assert "--max-document-mb" in entry["detail"] and "big.txt" in entry["detail"]


def test_cli_build_stories_story_threads_and_eval(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from newslens.demo import DEMO_DIR, demo_corpus

    db = tmp_path / "n.db"
    run(capsys, db, "ingest", str(demo_corpus()))
    code, out, err = run(capsys, db, "build", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["stories"] > 5 and report["duplicates"] >= 5
    _, out, _ = run(capsys, db, "stories", "--json", "--limit", "100")
    stories = json.loads(out)
    assert len(stories) == report["stories"]
    for field in ("id", "label", "start", "end", "article_ids", "outlets", "thread_id"):
        assert field in stories[0]
    _, out, _ = run(capsys, db, "story", stories[0]["id"], "--json")
    shown = json.loads(out)
    assert [a["id"] for a in shown["articles"]] == stories[0]["article_ids"]
    _, out, _ = run(capsys, db, "threads", "--json")
    assert isinstance(json.loads(out), list)
    out_file = tmp_path / "stories.jsonl"
    code, _, _ = run(capsys, db, "export", "stories", "--format", "jsonl", "--out", str(out_file))
    assert code == 0 and len(out_file.read_text().splitlines()) == report["stories"]
    code, out, _ = run(
        capsys,
        db,
        "eval",
        "clustering",
        "--gold",
        str(DEMO_DIR / "gold" / "stories.jsonl"),
        "--json",
    )
    scores = json.loads(out)
    assert code == 0 and scores["found"] == scores["labelled"] and 0 < scores["f1"] <= 1
    code, _, err = run(capsys, db, "story", "nope")
    assert code == 1 and "nope" in err
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    code, _, err = run(capsys, db, "eval", "clustering", "--gold", str(bad))
    assert code == 1 and "line 1" in err


def test_cli_events_quotes_dyad_and_exports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from newslens.demo import demo_corpus

    db = tmp_path / "n.db"
    run(capsys, db, "ingest", str(demo_corpus()))
    code, out, err = run(capsys, db, "build", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["events"] > 20 and report["quotes"] > 20
    _, out, _ = run(capsys, db, "events", "--actor", "Norvadia", "--json")
    events = json.loads(out)
    assert events and all("Norvadia" in (e["source"], e["target"]) for e in events)
    from newslens.export import EVENT_FIELDS

    assert set(EVENT_FIELDS) <= set(events[0])
    assert all(
        e["evidence"] and {"article_id", "outlet", "sentence"} <= set(e["evidence"][0])
        for e in events
    )
    _, out, _ = run(capsys, db, "events", "--type", "REQUEST", "--json")
    assert all(e["type"] == "DEMAND" for e in json.loads(out))  # POLECAT's name is accepted
    _, out, _ = run(capsys, db, "quotes", "--speaker", "Lenz", "--json")
    quotes = json.loads(out)
    assert quotes and {q["speaker"] for q in quotes} == {"Dario Lenz"}
    _, out, _ = run(capsys, db, "actor", "Dario Lenz", "--json")
    references = json.loads(out)["references"]
    assert references and all(r["antecedents"] for r in references)
    assert all(r["actors"] == ["person:dario-lenz"] for r in references if r["how"] == "pronoun")
    _, out, _ = run(capsys, db, "actor", "Dario Lenz")
    assert "Resolved references" in out and "pronoun" in out
    code, out, _ = run(capsys, db, "dyad", "Norvadia", "Kestria", "--json")
    series = json.loads(out)["series"]
    assert code == 0 and series and all(-2 <= p["score"] <= 2 for p in series)
    for kind in ("events", "quotes"):
        out_file = tmp_path / f"{kind}.jsonl"
        code, _, err = run(capsys, db, "export", kind, "--format", "jsonl", "--out", str(out_file))
        assert code == 0, err
        assert len(out_file.read_text().splitlines()) == report[kind]
    code, _, err = run(capsys, db, "events", "--from", "not-a-date")
    assert code == 1 and "YYYY-MM-DD" in err


def test_cli_build_reads_a_users_event_lexicon(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 5: the lexicon is a data file users extend; --recode applies it to coded articles."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour row\n\nPublished 2025-03-04\n\n"
        "Kestria scolded Norvadia on Tuesday over the closed border crossings.\n"
    )
    db = tmp_path / "lex.db"
    assert run(capsys, db, "ingest", str(folder))[0] == 0
    assert run(capsys, db, "build")[0] == 0

    def types() -> set[str]:
        code, out, _ = run(capsys, db, "events", "--json")
        assert code == 0
        return {e["type"] for e in json.loads(out)}

    assert "DISAPPROVE" not in types()  # "scold" is not in the bundled lexicon
    mine = tmp_path / "mine.toml"
    mine.write_text('[types.DISAPPROVE]\nverbs = ["scold"]\n')
    assert run(capsys, db, "build", "--lexicon", str(mine))[0] == 0
    assert "DISAPPROVE" not in types()  # already coded: a new lexicon applies to new articles
    assert run(capsys, db, "build", "--lexicon", str(mine), "--recode")[0] == 0
    assert "DISAPPROVE" in types()
    broken = tmp_path / "broken.toml"
    broken.write_text("[types.DISAPPROVE\n")
    code, _, err = run(capsys, db, "build", "--lexicon", str(broken), "--recode")
    assert code == 1 and "broken.toml" in err and "fix the file" in err
    assert "DISAPPROVE" in types()  # nothing was forgotten for a file that cannot be read
