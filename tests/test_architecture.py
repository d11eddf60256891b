"""One-way imports (DESIGN.md, Architecture) and module size, checked on the source tree."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newslens"

#: the edges: only these may import the store, the pipeline or the CLI
EDGES = {"cli", "render", "pipeline", "export", "demo", "api", "web", "report"}
#: the stages: pure components over records
STAGES = {"ingest", "clean", "dedupe", "nlp", "stories", "events", "quotes", "analysis"}
#: what no stage may import
STAGE_FORBIDDEN = {
    "store", "cli", "render", "pipeline", "export", "api", "web", "config", "engine",
}  # fmt: skip
#: the foundation modules import nothing of newslens but each other
FOUNDATION = {"records", "errors", "registry", "stages", "models"}


def modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "data" not in p.relative_to(SRC).parts)


def top_level(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def newslens_imports(path: Path) -> set[str]:
    """The newslens top-level modules a file imports (``newslens.store.x`` -> ``store``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "newslens" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_architecture_imports_flow_one_way(path: Path) -> None:
    owner = top_level(path)
    imported = newslens_imports(path) - {owner}
    if owner in STAGES:
        assert not imported & STAGE_FORBIDDEN, f"stage {owner} imports {imported & STAGE_FORBIDDEN}"
        other_stages = imported & STAGES
        assert not other_stages, f"stage {owner} reaches into another stage: {other_stages}"
    if owner in FOUNDATION:
        assert imported <= FOUNDATION, f"{owner} must import only {FOUNDATION}, not {imported}"
    if owner == "store":
        assert imported <= FOUNDATION | {"config"}, f"the store imports {imported}"
    if owner == "engine":  # it runs stages and hands their results back; it never writes
        allowed = FOUNDATION | {"ingest", "clean"}
        assert imported <= allowed, f"the engine imports {imported - allowed}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_architecture_modules_stay_short(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 450, f"{path.name} has {lines} lines; split it (house style: under ~400)"
