"""The language stage wired into the store: parse once, actors merged, times stored, intervals
inferred for undated articles, non-English skipped with a reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from newslens.demo import demo_corpus
from newslens.nlp import LanguageStage
from newslens.pipeline import build, ingest
from newslens.records import ArticleText
from newslens.store import Store, schema

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as connection:
        return int(connection.scalar(sa.select(sa.func.count()).select_from(table)) or 0)


def test_language_stage_skips_other_languages_with_a_reason() -> None:
    stage = LanguageStage()
    stage.setup()
    batch = [
        ArticleText("en", 1, "The harbour reopened on Monday, the port authority said."),
        ArticleText("de", 2, "Der Hafen wurde am Montag wieder geöffnet.", language="de"),
    ]
    english, german = stage(batch).outputs
    assert english.skipped is None and english.sentences and english.doc
    assert german.skipped and "de" in german.skipped and not german.sentences


def test_language_stage_parses_each_article_once(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "n.db"))
    ingest(store, [demo_corpus()])
    first = build(store)
    assert first.analysed > 40 and first.skipped >= 2  # the Spanish and German articles
    originals = sum(1 for a in store.iter_articles() if not a.duplicate_of)
    assert count(store, schema.analyses) == originals
    assert count(store, schema.parses) == first.analysed
    again = build(store)
    assert (again.analysed, again.skipped) == (0, 0)
    with store.engine.connect() as connection:
        skipped = (
            connection.execute(
                sa.select(schema.analyses.c.skipped).where(schema.analyses.c.skipped.is_not(None))
            )
            .scalars()
            .all()
        )
    assert all("language" in reason for reason in skipped)
    assert count(store, schema.mentions) > 100 and count(store, schema.time_expressions) > 20
    # the demo's fictional countries (data/gazetteer/countries_demo.tsv): capital as agent
    norvadia = store.find_actor("Velmar")
    assert norvadia is not None and (norvadia.id, norvadia.country) == ("state:XNV", "XNV")
    assert "VELMAR" not in norvadia.aliases  # a dateline is no agent
    lenz = store.find_actor("Lenz")
    assert lenz is not None and lenz.name == "Dario Lenz" and "foreign minister" in lenz.roles


@pytest.mark.shared
def test_language_stage_on_seeds_resolves_actors_and_infers_dates(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    store = Store.open(str(tmp_path / "n.db"))
    ingest(store, [SEEDS])
    build(store)
    xi = store.find_actor("Xi")
    assert xi is not None and xi.kind == "person" and xi.country == "CHN"
    assert store.find_actor("Xi Jinping") == xi
    china = store.find_actor("China")
    assert china is not None and china.id == "state:CHN" and china.kind == "state"
    names = {s.actor.name for s in store.actor_summaries(limit=200)}
    assert {"Vladimir Putin", "Sergei Lavrov", "Wang Yi"} <= names
    undated = [
        a for a in store.iter_articles() if a.source_path.endswith("001_65af5b6f0fdf8073.txt")
    ]
    (article,) = undated
    assert article.published is None
    # "February 24, which is now into its fourth month": published within the fourth month
    assert article.published_earliest == dt.date(2022, 5, 24)
    assert article.published_latest == dt.date(2022, 6, 23)


@pytest.mark.shared
def test_build_links_seed_stories_into_a_china_russia_thread(tmp_path: Path) -> None:
    # The seeds report five China–Russia happenings of 2022 (a call, a meeting, pledges): one
    # continuing thread, named by the two actors it is about.
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    store = Store.open(str(tmp_path / "n.db"))
    ingest(store, [SEEDS])
    report = build(store)
    assert report.stories == 5
    (thread, *_rest) = sorted(store.threads(), key=lambda t: -len(t.story_ids))
    assert len(thread.story_ids) >= 4
    assert thread.label.startswith("China – Russia")
