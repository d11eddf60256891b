"""The public API: every name in __all__ resolves, and registries keep their names."""

from __future__ import annotations

import pytest

import newslens


@pytest.mark.parametrize("name", newslens.__all__)
def test_public_api_names_resolve(name: str) -> None:
    assert getattr(newslens, name) is not None


def test_public_api_unknown_name_raises() -> None:
    with pytest.raises(AttributeError):
        newslens.no_such_thing  # noqa: B018


def test_public_api_readers_keep_their_names() -> None:
    assert set(newslens.readers.names()) >= {
        "csv",
        "html",
        "json",
        "jsonl",
        "parquet",
        "rss",
        "text",
        "urls",
        "warc",
    }


def test_public_api_ingest_and_search(tmp_path: object) -> None:
    folder = __import__("pathlib").Path(str(tmp_path)) / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ferry strike ends\n\nFerry crews in Port Calder returned to work on Monday."
    )
    store = newslens.Store.open(str(folder.parent / "n.db"))
    report = newslens.ingest_paths(store, [folder])
    assert report.ingested == 1
    assert [h.title for h in store.search("ferry crews")] == ["Ferry strike ends"]


def test_public_api_build_groups_stories(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path)) / "in"
    folder.mkdir()
    text = "Ferry crews in Port Calder returned to work on Monday after a two-week strike ended."
    (folder / "a.txt").write_text("Ferry strike ends\n\n" + text)
    (folder / "b.txt").write_text("Ferry strike ends\n\n" + text)
    store = newslens.Store.open(str(folder.parent / "n.db"))
    newslens.ingest_paths(store, [folder])
    report = newslens.build(store)
    assert (report.duplicates, report.stories) == (1, 1)
    (story,) = store.stories()
    assert len(story.article_ids) == 1  # the copy is not counted twice
