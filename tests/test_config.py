from __future__ import annotations

from pathlib import Path

import pytest

from newslens.config import database_url
from newslens.errors import ConfigError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("postgresql+psycopg://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_config_database_url_accepts_urls(value: str, expected: str) -> None:
    assert database_url(value) == expected


def test_config_database_url_turns_paths_into_sqlite(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"


def test_config_database_url_reads_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NEWSLENS_DB", str(tmp_path / "env.db"))
    assert database_url(None).endswith("env.db")


@pytest.mark.parametrize("value", ["mysql://u@h/db", "mongodb://h/x"])
def test_config_database_url_refuses_unsupported(value: str) -> None:
    with pytest.raises(ConfigError, match="not supported"):
        database_url(value)


def test_config_database_url_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory"):
        database_url(str(tmp_path))
