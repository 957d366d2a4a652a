"""Every use case is named for the module it is in, and audits under its own name.

A newcomer reading "cases.open" in the audit trail finds it in services/cases.py, declared
``@use_case("cases.open")``, and nowhere else. The permission test (test_permissions.py)
checks the same thing as each use case runs: what an allowed call writes under a use
case's name is written under its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import sv2desk.services
from sv2desk.policy import permissions
from sv2desk.services import audit
from sv2desk.services.use_case import REGISTRY

from ..support.service_examples import import_all_services

import_all_services()
SERVICES = Path(sv2desk.services.__file__).parent
RECORDERS = {"record", "record_many"}


def _module_of(fn) -> str:
    return fn.__module__.removeprefix("sv2desk.services.").split(".")[0]


def test_each_use_case_is_named_for_its_module():
    wrong = {name: _module_of(fn) for name, fn in REGISTRY.items()
             if name.split(".")[0] != _module_of(fn)}
    assert not wrong, f"use cases named for another module (name: module): {wrong}"


def _use_cases_and_their_audit_calls():
    """(file, use case name, the action each audit.record call inside it gives) for every
    function declared with @use_case in sv2desk/services."""
    for path in sorted(SERVICES.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            names = [d.args[0].value for d in node.decorator_list
                     if isinstance(d, ast.Call) and ast.unparse(d.func).endswith("use_case")]
            if not names:
                continue
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and isinstance(call.func, (ast.Attribute, ast.Name)) \
                        and (getattr(call.func, "attr", None) or getattr(call.func, "id", None)) \
                        in RECORDERS and len(call.args) >= 3:
                    yield path.name, names[0], call.args[2]


def test_no_use_case_audits_under_another_use_cases_name():
    found = list(_use_cases_and_their_audit_calls())
    assert found, "the scan found no audit calls: it no longer reads the services"
    wrong = []
    for file, name, action in found:
        if isinstance(action, ast.Constant) and isinstance(action.value, str):
            value = action.value
            if value in permissions.OPERATIONS and value != name or \
                    value in audit.FORMER_NAMES:
                wrong.append((file, name, value))
        elif isinstance(action, ast.JoinedStr):
            # Only a use case that declares so records an action it builds (exports: the
            # document printed or saved): its prefix is in the declaration.
            prefix = action.values[0].value if isinstance(action.values[0], ast.Constant) \
                else ""
            if prefix not in REGISTRY[name].records_also:
                wrong.append((file, name, ast.unparse(action)))
    assert not wrong, ("write these with uc.audit(...), under the use case's own name "
                       f"(file, use case, action): {wrong}")


def test_former_names_still_read_as_the_use_case_they_were():
    """Entries already written under a former name (existing workspaces have them) are read
    as the use case that wrote them; the new names are what use cases write now."""
    for former, current in audit.FORMER_NAMES.items():
        assert current in REGISTRY and former not in REGISTRY
        assert audit.current_name(former) == current
        assert audit.current_name(current) == current
    assert audit.current_name("cases.assign") == "cases.assign"
    assert "cases.open" in audit.VIEWS and "caseload.list" in audit.VIEWS
