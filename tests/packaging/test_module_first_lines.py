"""Every module of SV2 Desk opens with what it is for (README's layout section points a
newcomer at modules by name; the first line of each says what is inside)."""

from __future__ import annotations

import ast
from pathlib import Path

import sv2desk

PACKAGE = Path(sv2desk.__file__).parent


def test_every_module_opens_with_a_sentence_saying_what_it_is_for():
    silent = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8"), str(path))) or ""
        first = doc.strip().splitlines()[0] if doc.strip() else ""
        if len(first.split()) < 4:
            silent.append(str(path.relative_to(PACKAGE)))
    assert len(list(PACKAGE.rglob("*.py"))) > 100
    assert silent == []
