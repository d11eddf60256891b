"""iter_sources and read_paths over files and folders."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from newslens.errors import InputNotFoundError
from newslens.ingest import iter_sources, read_paths
from newslens.records import RawDocument, Reason, Rejected, Source


def test_iter_sources_names_files_relative_to_the_folder_parent(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("b")
    (folder / "a.txt").write_text("a")
    (folder / "sub" / "c.txt").write_text("c")
    (folder / ".hidden.txt").write_text("h")
    (folder / ".git").mkdir()
    (folder / ".git" / "x.txt").write_text("x")
    single = tmp_path / "one.txt"
    single.write_text("one")
    names = [
        s.source_path if isinstance(s, Rejected) else s.name
        for s in iter_sources([folder, str(single)])
    ]
    assert names == ["seeds/a.txt", "seeds/b.txt", "seeds/sub/c.txt", "one.txt"]


def test_iter_sources_missing_path_raises_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(InputNotFoundError, match=r"nope\.csv.*check"):
        iter_sources([missing])


def test_iter_sources_dangling_link_is_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gone.txt").symlink_to(tmp_path / "does-not-exist.txt")
    (items,) = list(iter_sources([folder]))
    assert isinstance(items, Rejected)
    assert items.reason is Reason.UNREADABLE
    assert "in/gone.txt" in items.detail


def test_read_paths_folder_of_3000_files_is_lazy(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):
        (folder / f"{i:05d}.txt").write_text(f"Article number {i}.\n")
    items = read_paths([folder])
    assert isinstance(items, types.GeneratorType)
    first = next(items)
    assert isinstance(first, RawDocument)
    assert first.source_path == "many/00000.txt"
    # nothing past the first file was read: a file removed now is reported, not lost
    (folder / "02999.txt").unlink()
    rest = list(items)
    assert len(rest) == 2999
    assert sum(isinstance(i, RawDocument) for i in rest) == 2998
    assert rest[-1] == Rejected(rest[-1].source_path, Reason.UNREADABLE, rest[-1].detail)
    assert rest[-1].source_path == "many/02999.txt"


def test_iter_sources_yields_sources_that_open_lazily(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("hello")
    (source,) = list(iter_sources([path]))
    assert isinstance(source, Source)
    assert source.size == 5
    assert source.head() == b"hello"
