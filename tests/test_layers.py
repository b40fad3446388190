"""The layers keep to their places: readers -> model -> language -> formats -> pipeline -> CLI.
Each rule lists the packages a layer may not import (lazy imports inside functions count)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "converter"
FORBIDDEN = {
    "formats": ("converter.readers", "converter.pipeline", "converter.commands",
                "converter.cli", "click"),
    "readers": ("converter.formats", "converter.pipeline", "converter.commands",
                "converter.cli", "click"),
    "language": ("converter.readers", "converter.formats", "converter.pipeline",
                 "converter.commands", "converter.cli", "click"),
    "pipeline": ("converter.commands", "converter.cli", "click"),
}


def imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_reach_up(layer):
    wrong = [f"{path.relative_to(ROOT)}:{line} imports {name}"
             for path in sorted((PACKAGE / layer).rglob("*.py"))
             for line, name in imports(path)
             if any(name == banned or name.startswith(banned + ".")
                    for banned in FORBIDDEN[layer])]
    assert not wrong, "\n".join(wrong)


def test_commands_get_documents_through_the_pipeline():
    """Only pipeline/load.py calls the readers, so every command sees the same reading."""
    callers = sorted(str(path.relative_to(ROOT)) for path in PACKAGE.rglob("*.py")
                     if not path.is_relative_to(PACKAGE / "readers")
                     and any(name == "converter.readers" or name.startswith("converter.readers.")
                             for _, name in imports(path)))
    assert callers == ["converter/pipeline/load.py"]
