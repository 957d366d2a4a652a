"""The tests follow the code (tests/README.md): each folder has its own conftest.py, and no
test module takes anything from a conftest.py or from another test module - what several
need is in tests/support/."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def _imported(path: Path) -> set[str]:
    """The last part of every module a test file imports ("conftest", "test_x", ...)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.module:
                names.add(node.module.rpartition(".")[2])
            else:                                   # from . import test_x
                names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name.rpartition(".")[2] for alias in node.names)
    return names


def test_every_test_folder_has_its_own_conftest():
    folders = {p.parent for p in TESTS.rglob("test_*.py")}
    assert TESTS / "services" in folders and TESTS / "gui" in folders
    assert TESTS / "safety" in folders
    assert not [f.relative_to(TESTS) for f in folders if not (f / "conftest.py").exists()]


def test_no_test_module_imports_a_conftest_or_another_test_module():
    found = {str(p.relative_to(TESTS)): sorted(n for n in _imported(p)
                                               if n == "conftest" or n.startswith("test_"))
             for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts}
    assert not {k: v for k, v in found.items() if v}
