"""docs/cli.md documents every command, its summary and every option `--help` shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from newslens.cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
ROOT = typer.main.get_command(app)
COMMANDS = sorted(ROOT.commands)  # type: ignore[attr-defined]


def test_cli_docs_list_every_command() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"## `newslens {name}" in text, f"docs/cli.md lacks a section for `newslens {name}`"
    for option in ROOT.params:
        for flag in option.opts:
            assert flag in text, f"docs/cli.md does not mention the global option {flag}"


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_docs_match_help(name: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    heading = re.search(rf"^## `newslens {name}[ `].*$", text, re.MULTILINE)
    assert heading, f"docs/cli.md lacks a section for `newslens {name}`"
    section = heading.group(0) + text[heading.end() :].split("\n## ", 1)[0]
    command = ROOT.commands[name]  # type: ignore[attr-defined]
    summary = (command.help or "").strip().splitlines()[0]
    assert summary in section, f"docs/cli.md: `{name}` should say {summary!r}"
    for param in command.params:
        if param.param_type_name == "option":
            for flag in param.opts:
                assert flag in section, f"docs/cli.md: `{name}` lacks option {flag}"
        elif param.name:
            assert param.name.upper() in section, (
                f"docs/cli.md: `{name}` lacks argument {param.name}"
            )
