"""The store on both backends: migrations, idempotent writes, quarantine, search."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from newslens.records import Article, Reason, Rejected
from newslens.store import Store, schema
from newslens.store.database import downgrade, migrate


def make_article(n: int, title: str, body: str, **extra: object) -> Article:
    return Article(
        id=f"id{n:04d}",
        source_path=f"dump.csv#{n}",
        body=body,
        title=title,
        body_hash=f"hash{n}",
        raw=f"raw {body}",
        removed_lines=("ADVERTISEMENT",),
        **extra,  # type: ignore[arg-type]
    )


ARTICLES = [
    make_article(
        1,
        "Harbour talks resume",
        "Negotiators met at the harbour on Monday.",
        published=dt.date(2031, 3, 4),
        outlet="Meridian Post",
    ),
    make_article(2, "Grain convoy crosses border", "The convoy carried grain and medicine."),
    make_article(
        3,
        "Central bank holds rates",
        "The bank kept rates unchanged; talks were not on the agenda.",
    ),
]


def test_store_migrates_to_every_table(db_url: str) -> None:
    store = Store.open(db_url)
    names = set(sa.inspect(store.engine).get_table_names())
    assert {"articles", "raw_documents", "quarantine", "ingest_runs", "alembic_version"} <= names
    for table in schema.metadata.tables.values():
        columns = {c["name"] for c in sa.inspect(store.engine).get_columns(table.name)}
        assert {c.name for c in table.columns} <= columns


def test_store_add_articles_is_idempotent(db_url: str) -> None:
    store = Store.open(db_url)
    assert store.add_articles(ARTICLES) == 3
    assert store.add_articles(ARTICLES) == 0
    assert store.add_articles([*ARTICLES, ARTICLES[0]]) == 0
    assert store.count_articles() == 3
    assert store.existing_ids(["id0001", "nope"]) == {"id0001"}
    assert store.existing_body_hashes(["hash2", "x"]) == {"hash2"}
    stored = store.get_article("id0001")
    assert stored is not None
    assert stored.published == dt.date(2031, 3, 4)
    assert stored.outlet == "Meridian Post"
    assert store.raw_document("id0001") == (
        "raw Negotiators met at the harbour on Monday.",
        ["ADVERTISEMENT"],
    )


def test_store_reopen_keeps_data(db_url: str) -> None:
    Store.open(db_url).add_articles(ARTICLES[:1])
    assert Store.open(db_url).count_articles() == 1


def test_store_iter_articles_keeps_ingest_order_across_batches(db_url: str) -> None:
    store = Store.open(db_url)
    many = [make_article(n, f"t{n}", f"body number {n}") for n in range(1, 26)]
    store.add_articles(many)
    assert [a.id for a in store.iter_articles(batch_size=7)] == [a.id for a in many]
    assert [a.id for a in store.articles(limit=5, offset=5)] == [a.id for a in many[5:10]]


def test_store_quarantine_is_idempotent(db_url: str) -> None:
    store = Store.open(db_url)
    items = [
        Rejected("empty.txt", Reason.EMPTY, "empty.txt is empty; remove it", b""),
        Rejected("dump.csv#7", Reason.MALFORMED_ROW, "row 7 has 3 fields", b"a,b,c"),
    ]
    assert store.add_rejected(items) == 2
    assert store.add_rejected(items) == 0
    entries = store.quarantine()
    assert {(e.source_path, e.reason) for e in entries} == {
        ("empty.txt", "empty"),
        ("dump.csv#7", "malformed_row"),
    }
    assert max(e.size for e in entries) == 5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbour", ["id0001"]),
        ("talks", ["id0001", "id0003"]),  # the title match ranks first
        ('"grain and medicine"', ["id0002"]),
        ("convoy grain", ["id0002"]),
        ("submarine", []),
        ("", []),
        ('harbour" OR (', ["id0001"]),  # operators and stray quotes never raise
        ("harbour OR convoy", ["id0001", "id0002"]),
        ("talks -bank", ["id0001"]),
        ("NEAR(x y) * -", []),
    ],
)
def test_store_search_ranks_title_and_body(db_url: str, query: str, expected: list[str]) -> None:
    store = Store.open(db_url)
    store.add_articles(ARTICLES)
    hits = store.search(query)
    assert [h.article_id for h in hits] == expected
    for hit in hits:
        assert hit.snippet


def test_store_runs_record_counts(db_url: str) -> None:
    store = Store.open(db_url)
    run = store.start_run(["a", "b"])
    store.finish_run(run, {"read": 3}, "done")
    with store.engine.connect() as connection:
        row = connection.execute(sa.select(schema.ingest_runs)).one()
    assert row.status == "done"
    assert row.counts == {"read": 3}


def test_store_migrations_downgrade_and_upgrade(db_url: str) -> None:
    store = Store.open(db_url)
    downgrade(store.engine, "base")
    assert "articles" not in sa.inspect(store.engine).get_table_names()
    migrate(store.engine)
    store.add_articles(ARTICLES)
    assert [h.article_id for h in store.search("harbour")] == ["id0001"]


def test_store_sqlite_uses_wal(tmp_path: object) -> None:
    store = Store.open(str(tmp_path) + "/wal.db")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_store_keeps_resolved_references_with_their_antecedents(db_url: str) -> None:
    from newslens.records import ArticleEvents, Mention, Reference

    store = Store.open(db_url)
    store.add_articles(ARTICLES[:2])
    named = Mention("id0001", 0, 0, 11, "Negotiators", "org:harbour_board", "name")
    ref = Reference("id0001", 1, 40, 42, "it", ("org:harbour_board",), "pronoun", (named,))
    other = Reference("id0002", 0, 0, 4, "They", ("state:XNV", "state:XKS"), "pronoun", ())
    store.save_article_events([ArticleEvents("id0001", references=(ref,))])
    store.save_article_events([ArticleEvents("id0002", references=(other,))])
    assert store.references_of("id0001") == [ref]
    assert store.actor_references("org:harbour_board") == [ref]
    assert store.actor_references("org:harbour%board") == []  # LIKE wildcards are literal
    assert store.actor_references("state:XKS") == [other]
    store.forget_events()
    assert store.references_of("id0001") == []
