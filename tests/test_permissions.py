"""Every service operation, tried by every role: the policy's table is what the services do.

For each operation in the registry and each role, a fresh account holding only
that role signs in and makes the operation's example call (tests/service_examples.py).
Roles the policy allows succeed; the others are refused with PermissionDenied,
the refusal is the only thing written, and it is in the audit trail under that
account and that operation's name.
"""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry, Draft
from sv2desk.policy import permissions, roles
from sv2desk.services import accounts, audit, auth
from sv2desk.services.registry import REGISTRY

from .conftest import ADMIN_PASSWORD, MANAGER_PASSWORD, make_workspace
from .service_examples import EXAMPLES, ExampleContext, import_all_services

import_all_services()

OPERATION_NAMES = sorted(set(REGISTRY) | set(EXAMPLES))
ROLE_PASSWORD = "role password 1"
_counter = itertools.count(1)


def test_every_operation_has_an_example_call():
    missing = sorted(set(REGISTRY) - set(EXAMPLES))
    stale = sorted(set(EXAMPLES) - set(REGISTRY))
    assert not missing, (f"add an example call to tests/service_examples.py for: "
                         f"{', '.join(missing)}")
    assert not stale, f"tests/service_examples.py has examples for unknown operations: {stale}"
    assert set(REGISTRY) == set(EXAMPLES)


def test_every_operation_is_in_the_policy_table():
    assert set(REGISTRY) <= set(permissions.OPERATIONS)
    for name, roles_allowed in permissions.OPERATIONS.items():
        assert roles_allowed <= set(roles.ALL_ROLES), name


def test_unknown_operations_are_refused_to_every_role():
    assert not permissions.allows("no.such_operation", set(roles.ALL_ROLES))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One workspace for the module: an admin and a manager. Nobody stays signed in."""
    folder = tmp_path_factory.mktemp("permissions") / "workspace"
    admin = make_workspace(folder).session
    manager = accounts.create_account(admin, "mgr", "Manager For Line", MANAGER_PASSWORD,
                                      {roles.MANAGER})
    auth.sign_out(admin)
    return folder, {"manager": manager.id}


@pytest.fixture
def role_context(world, request):
    """A fresh account holding only ``request.param``, signed in, with its own fixtures."""
    folder, shared = world
    role = request.param
    tag = f"{next(_counter)}"
    admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        own = accounts.create_account(admin, f"{role}{tag}", f"Only {role} {tag}",
                                      ROLE_PASSWORD, {role})
        target = accounts.create_account(admin, f"target{tag}", f"Target {tag}",
                                         "target password 1", {roles.SUPPORT_WORKER})
    finally:
        auth.sign_out(admin)
    session = auth.sign_in(folder, f"{role}{tag}", ROLE_PASSWORD)
    assert session.roles == {role}
    with session.workspace.transaction() as db:
        draft = Draft(account_id=own.id, form="referral", payload="{}",
                      saved_at=audit.now_iso())
        db.add(draft)
        db.flush()
        draft_id = draft.id
    ctx = ExampleContext(session=session, password=ROLE_PASSWORD, tag=tag,
                         ids={"self": own.id, "target": target.id,
                              "manager": shared["manager"], "draft": draft_id})
    yield ctx
    auth.sign_out(session)


def _entries_after(session, seq: int) -> list[tuple]:
    with session.workspace.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.account_id, AuditEntry.action,
                                   AuditEntry.outcome)
                            .where(AuditEntry.seq > seq).order_by(AuditEntry.seq)).all()
        conn.rollback()
    return [tuple(r) for r in rows]


def _last_seq(session) -> int:
    with session.workspace.engine.connect() as conn:
        seq = conn.execute(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())
                           .limit(1)).scalar() or 0
        conn.rollback()
    return seq


@pytest.mark.parametrize("role_context", roles.ALL_ROLES, indirect=True)
@pytest.mark.parametrize("name", OPERATION_NAMES)
def test_operation_follows_the_policy_for_each_role(name, role_context):
    assert name in EXAMPLES, f"add an example call to tests/service_examples.py for {name}"
    assert name in REGISTRY, f"{name} has an example but no service operation"
    ctx = role_context
    session = ctx.session
    (role,) = session.roles
    example = EXAMPLES[name](ctx)
    fn = REGISTRY[name]
    before = _last_seq(session)
    if permissions.allows(name, session.roles):
        fn(session, *example.args, **example.kwargs)
        written = _entries_after(session, before)
        assert not [e for e in written if e[2] == "denied"], (
            f"{role} may perform {name}, but a refusal was recorded")
    else:
        with pytest.raises(errors.PermissionDenied) as refused:
            fn(session, *example.args, **example.kwargs)
        assert "does not allow" in refused.value.message
        # The refusal is the only thing written: nothing else happened.
        assert _entries_after(session, before) == [(ctx.ids["self"], name, "denied")], (
            f"refusing {name} to a {role} must leave exactly one 'denied' audit entry")
