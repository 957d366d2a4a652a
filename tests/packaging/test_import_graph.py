"""The layers as DESIGN.md draws them, read from the code's own imports: no module imports
itself back through others (at module level or inside a function, where a circular import
only hides until the function first runs), the screens never reach the schema or the store,
and the policy imports nothing of SV2 Desk but itself, and no Qt and no SQL.

The graph is read with ``ast`` from every file under sv2desk/, so a module nobody imports
yet is checked too. Importing ``package.module`` runs the package's ``__init__`` first, so
that counts as an import of the package as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import sv2desk

PACKAGE = Path(sv2desk.__file__).parent
ROOT = PACKAGE.parent


def _modules() -> dict[str, tuple[Path, bool]]:
    """Module name -> (file, whether it is a package's __init__)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


MODULES = _modules()


def _known(name: str) -> str | None:
    """The module of SV2 Desk that ``name`` is, or is inside (``a.b.C`` -> ``a.b``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _targets(module: str, is_package: bool, node) -> list[str]:
    """Every name an import statement brings in, in full (``sv2desk.x.y``); outside names
    (the standard library, other packages) as written."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        base = node.module or ""
    else:
        here = module.split(".") if is_package else module.split(".")[:-1]
        here = here[:len(here) - (node.level - 1)]
        base = ".".join(here + ([node.module] if node.module else []))
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
            for alias in node.names]


def _imports() -> tuple[dict[str, set[str]], set[tuple[str, str]]]:
    """Module -> what it imports, in full, at module level and in functions; and the
    (module, import) pairs made inside a function."""
    graph, in_functions = {}, set()
    for module, (path, is_package) in MODULES.items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        inside = {id(n) for f in ast.walk(tree)
                  if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                  for n in ast.walk(f)}
        found: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _targets(module, is_package, node):
                    found.add(target)
                    if id(node) in inside:
                        in_functions.add((module, target))
        graph[module] = found
    return graph, in_functions


IMPORTS, IN_FUNCTIONS = _imports()


def _edges(module: str) -> set[str]:
    """The modules of SV2 Desk that importing ``module`` runs first: each it imports, and
    the packages those are in (their __init__ runs first), but not its own packages."""
    own = {module.rsplit(".", n)[0] for n in range(1, module.count(".") + 1)}
    out = set()
    for target in IMPORTS[module]:
        known = _known(target)
        while known and known not in own and known != module:
            out.add(known)
            known = known.rpartition(".")[0] if "." in known else None
            known = _known(known) if known else None
    return out - {module}


def _cycles() -> list[list[str]]:
    """Every group of modules that import each other (Tarjan's strongly connected
    components), each with one path round it."""
    graph = {m: _edges(m) for m in MODULES}
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(v: str) -> None:           # the package is small: recursion is fine
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def test_the_graph_is_read_from_every_module_and_every_function():
    assert "sv2desk.services.use_case" in MODULES and "sv2desk.ui" in MODULES
    assert "sv2desk.services.audit" in _edges("sv2desk.services.access")
    # The office server's workspace is imported only for a folder on the server: inside a
    # function, and it counts as any other import.
    assert ("sv2desk.store.opening", "sv2desk.store.server_workspace") in IN_FUNCTIONS
    assert "sv2desk.store.server_workspace" in _edges("sv2desk.store.opening")
    # Importing a module of a package runs the package's __init__ first.
    assert "sv2desk.services.connections" in _edges("sv2desk.services.diary")


def test_no_module_imports_itself_back_at_module_level_or_in_a_function():
    assert _cycles() == []


def test_a_cycle_through_an_import_inside_a_function_is_found(monkeypatch):
    """The check itself: two modules that import each other, one of them only inside a
    function, are reported."""
    assert "sv2desk.policy.roles" in _edges("sv2desk.policy.permissions")
    monkeypatch.setitem(IMPORTS, "sv2desk.policy.roles",
                        IMPORTS["sv2desk.policy.roles"] | {"sv2desk.policy.permissions.allowed"})
    assert ["sv2desk.policy.permissions", "sv2desk.policy.roles"] in _cycles()


def _outside(prefix: str, allowed) -> dict[str, list[str]]:
    wrong = {}
    for module, found in IMPORTS.items():
        if module == prefix or module.startswith(prefix + "."):
            bad = sorted(t for t in found if not allowed(t))
            if bad:
                wrong[module] = bad
    return wrong


def test_the_screens_talk_only_to_the_services():
    """ui/ never imports the schema (models/) or the store (store/): it asks the services."""
    def allowed(target: str) -> bool:
        return not any(target == p or target.startswith(p + ".")
                       for p in ("sv2desk.models", "sv2desk.store"))
    assert _outside("sv2desk.ui", allowed) == {}


NO_QT_NO_SQL = ("PySide6", "shiboken6", "sqlalchemy", "sqlite3", "sqlcipher3", "psycopg",
                "alembic")


@pytest.mark.parametrize("package", ["sv2desk.policy", "sv2desk.matching"])
def test_the_policy_and_the_matching_are_plain_python_of_their_own(package):
    """policy/ imports nothing of SV2 Desk but itself; matching/ nothing but itself and the
    resource files' paths; neither imports Qt or a database."""
    own = (package, "sv2desk.paths") if package == "sv2desk.matching" else (package,)

    def allowed(target: str) -> bool:
        if target.split(".")[0] in NO_QT_NO_SQL:
            return False
        if target == "sv2desk" or target.startswith("sv2desk."):
            return any(target == p or target.startswith(p + ".") for p in own)
        return True
    assert _outside(package, allowed) == {}


@pytest.mark.parametrize("package, above", [
    ("sv2desk.store", ("sv2desk.services", "sv2desk.ui", "sv2desk.cli", "sv2desk.demo")),
    ("sv2desk.models", ("sv2desk.services", "sv2desk.ui", "sv2desk.store", "sv2desk.cli")),
    ("sv2desk.services", ("sv2desk.ui", "sv2desk.cli")),
])
def test_no_layer_reaches_up_to_the_ones_that_use_it(package, above):
    """The store keeps the data and knows nothing of the use cases; the schema knows neither;
    the services never reach the screens or the command line (what a lower layer needs
    from a higher one, it is handed: the kept views' writer at sign-in, for example)."""
    def allowed(target: str) -> bool:
        return not any(target == p or target.startswith(p + ".") for p in above)
    assert _outside(package, allowed) == {}
