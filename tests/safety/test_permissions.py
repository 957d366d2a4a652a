"""Every service operation, tried by every role: the policy's table is what the services do.

For each operation in the registry and each role, a fresh account holding only
that role signs in and makes the operation's example call (tests/support/service_examples.py).
Roles the policy allows succeed; the others are refused with PermissionDenied,
the refusal is the only thing written, and it is in the audit trail under that
account and that operation's name.
"""

from __future__ import annotations

import itertools
from datetime import date, time

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry, Draft
from sv2desk.policy import permissions, roles
from sv2desk.services import (accounts, assessments, audit, auth, caseload, cases, concerns,
                              consent, diary, letters, outcomes, referrals, reviews, signposting,
                              waiting_list)
from sv2desk.services.connections import flags as connection_flags
from sv2desk.services.consent import ConsentForm
from sv2desk.services.diary import RoomForm, SiteForm
from sv2desk.services.waiting_list import WaitingForm
from sv2desk.services.letters import LetterRequest
from sv2desk.services.signposting import ServiceForm
from sv2desk.services.use_case import REGISTRY

from ..support import workspaces
from ..support.audit_tools import last_seq
from ..support.service_examples import (EXAMPLES, ExampleContext, assessment_form, booking_form,
                                        communication_form, concern_form, decision_form,
                                        discussion_form, explanation_form, import_all_services,
                                        referral_form)
from ..support.workspaces import MANAGER_PASSWORD

import_all_services()
SENIOR_PASSWORD = "senior password 1"

OPERATION_NAMES = sorted(set(REGISTRY) | set(EXAMPLES))
ROLE_PASSWORD = "violet harbour role 7"


def test_every_operation_has_an_example_call():
    missing = sorted(set(REGISTRY) - set(EXAMPLES))
    stale = sorted(set(EXAMPLES) - set(REGISTRY))
    assert not missing, (f"add an example call to tests/support/service_examples.py for: "
                         f"{', '.join(missing)}")
    assert not stale, f"tests/support/service_examples.py has examples for unknown operations: {stale}"
    assert set(REGISTRY) == set(EXAMPLES)


def test_every_operation_is_in_the_policy_table():
    assert set(REGISTRY) <= set(permissions.OPERATIONS)
    for name, roles_allowed in permissions.OPERATIONS.items():
        assert roles_allowed <= set(roles.ALL_ROLES), name


def test_unknown_operations_are_refused_to_every_role():
    assert not permissions.allows("no.such_operation", set(roles.ALL_ROLES))


class _Recorder(dict):
    """Stands in for ``ids`` in a dry run of an example: notes which ids it uses."""

    def __init__(self):
        super().__init__()
        self.used: set[str] = set()

    def __getitem__(self, key):
        self.used.add(key)
        return 0


def _ids_used(name: str) -> set[str]:
    recorder = _Recorder()
    EXAMPLES[name](ExampleContext(session=None, password="", tag="", ids=recorder))
    return recorder.used


@pytest.fixture(scope="module")
def world():
    """The module's template workspace, made once and copied for each test: an
    administrator, a manager and the manager's own line manager ("senior"), who
    countersigns concerns the manager raises."""
    def build(admin):
        manager = accounts.create_account(admin, "mgr", "Manager For Line", MANAGER_PASSWORD,
                                          {roles.MANAGER})
        senior = accounts.create_account(admin, "senior", "Senior Manager", SENIOR_PASSWORD,
                                         {roles.MANAGER})
        accounts.set_line_manager(admin, manager.id, senior.id)
        # One account holding only each role, for the examples that need nothing an
        # administrator makes first (most): each test signs in as it on its own copy.
        only = {f"only:{role}": accounts.create_account(admin, f"only{role}", f"Only {role}",
                                                         ROLE_PASSWORD, {role}).id
                for role in roles.ALL_ROLES}
        return {"manager": manager.id} | only
    return workspaces.template("permissions", build)


# A number per (operation, role), for names unique to each call.
TAGS = {key: str(n) for n, key in enumerate(itertools.product(OPERATION_NAMES, roles.ALL_ROLES))}


def _person(world, folder, name: str, role: str):
    """A copy of the world in ``folder`` and an account holding only ``role``: the
    template's own, or, where the example needs a target account or a site and room, a
    fresh one made with those in one administrator sign-in. Nobody stays signed in."""
    tag = TAGS[name, role]
    needed = _ids_used(name) if name in EXAMPLES else set()
    if not needed & {"target", "site", "room", "booked_session"}:
        world.files_to(folder)      # the template's account holding only the role
        return (f"only{role}", tag, needed,
                {"self": world.ids[f"only:{role}"], "manager": world.ids["manager"]})
    admin = world.copy_to(folder).session
    own = accounts.create_account(admin, f"{role}{tag}", f"Only {role} {tag}", ROLE_PASSWORD,
                                  {role})
    ids = {"self": own.id, "manager": world.ids["manager"]}
    if "target" in needed:
        ids["target"] = accounts.create_account(admin, f"target{tag}", f"Target {tag}",
                                                "target password 1",
                                                {roles.SUPPORT_WORKER}).id
    if needed & {"site", "room", "booked_session"}:   # sites and rooms: administrators
        ids["site"] = diary.save_site(admin, SiteForm(name="Derby office"))
        ids["room"] = diary.save_room(admin, RoomForm(site_id=ids["site"], name="Room 1"))
    auth.sign_out(admin)
    return own.username, tag, needed, ids


CONCERN_FIXTURES = {"concern", "concern_for_review", "concern_decided", "decision",
                    "concern_no_further_action"}
OTHER_FIXTURES = {"letter", "directory_entry", "flag", "closed_case", "site", "room",
                  "consent", "waiting_entry", "booked_session"}


def _assign(manager, case: int, own_id: int, role: str) -> None:
    """Cases are assigned to the account under test when its role works with clients (an
    administrator who is nothing else holds no cases)."""
    if role in permissions.CASEWORKERS:
        cases.assign(manager, case, own_id)


def _concern_fixtures(manager, needed: set[str], own_id: int, role: str) -> dict[str, int]:
    """Concerns raised by the module manager on cases assigned to the account under test,
    taken as far through the workflow as each example needs."""
    ids = {}
    for key in sorted(needed & CONCERN_FIXTURES):
        case = referrals.create_referral(manager, referral_form("Concern Person")).id
        _assign(manager, case, own_id, role)
        concern = concerns.raise_concern(manager, case, concern_form())
        if key != "concern":
            concerns.record_explanation(manager, concern, explanation_form())
            concerns.countersign_discussion(manager, concern, SENIOR_PASSWORD,
                                            discussion_form())
        if key in ("concern_decided", "decision", "concern_no_further_action"):
            senior = auth.sign_in(manager.workspace.folder, "senior", SENIOR_PASSWORD)
            try:
                decision = reviews.decide(senior, concern, decision_form())
            finally:
                auth.sign_out(senior)
            if key == "decision":
                ids["decision"] = decision
                continue
            if key == "concern_no_further_action":   # decided "support continues", shared
                outcomes.record_communication(manager, concern, communication_form())
        ids[key] = concern
    return ids


def _casework_fixtures(manager, needed: set[str], ids: dict[str, int]) -> dict[str, int]:
    """Daily casework fixtures: a site and room, consent on "case", "case_in_support"
    waiting for counselling and booked today in the room."""
    made = {}
    if "consent" in needed:
        made["consent"] = consent.record(manager, ids["case"], ConsentForm(
            kind="processing", given_on=date.today(), how="in_person"))
    if "waiting_entry" in needed:
        made["waiting_entry"] = waiting_list.add(manager, ids["case_in_support"],
                                                 WaitingForm(service="counselling"))
    if "booked_session" in needed:
        made["booked_session"] = diary.book(manager, ids["case_in_support"], booking_form(
            0, start_time=time(9, 0), room_id=ids["room"]))
    return made


def _flag(manager) -> int:
    """An open connection flag: a client names a person of concern, who is then referred
    as a client themselves."""
    referrals.create_referral(manager, referral_form(
        "Survivor For Flag", interaction_answer="yes",
        persons_named=[referrals.PersonNamed("Harold Flagstaff", "ex-partner")]))
    referrals.create_referral(manager, referral_form("Harold Flagstaff"))
    return max(flag.id for flag in connection_flags.open_flags(manager))


def _cases_made_by_a_manager(folder, needed: set[str], own_id: int, role: str,
                             given: dict[str, int] | None = None) -> dict[str, int]:
    """Cases made by the module's manager before the role under test signs in, assigned to
    the account under test (policy/access.py: the assigned worker acts on a case)."""
    ids = {}
    if not needed & ({"case", "case_in_support", "unassigned_case"} | CONCERN_FIXTURES
                     | OTHER_FIXTURES):
        return ids
    manager = auth.sign_in(folder, "mgr", MANAGER_PASSWORD)
    try:
        if needed & {"case", "consent"}:
            ids["case"] = referrals.create_referral(manager, referral_form("Referred Person")).id
            _assign(manager, ids["case"], own_id, role)
        if "unassigned_case" in needed:
            ids["unassigned_case"] = referrals.create_referral(
                manager, referral_form("Unassigned Person")).id
        if needed & {"case_in_support", "waiting_entry", "booked_session"}:
            case = referrals.create_referral(manager, referral_form("Assessed Person")).id
            assessments.complete(manager, case, assessment_form())
            _assign(manager, case, own_id, role)
            ids["case_in_support"] = case
        ids |= _casework_fixtures(manager, needed, (given or {}) | ids)
        if needed & CONCERN_FIXTURES:
            ids |= _concern_fixtures(manager, needed, own_id, role)
        if "letter" in needed:  # a signposting letter, to an address where post is safe
            case = referrals.create_referral(manager, referral_form(
                "Letter Person", address="1 Safe Street", post_is_safe=True)).id
            _assign(manager, case, own_id, role)
            text = letters.compose(manager, case, LetterRequest("signposting", [1]))
            ids["letter"] = letters.finalise(manager, case, text)
        if "closed_case" in needed:
            ids["closed_case"] = referrals.create_referral(manager, referral_form(
                "Closed Person")).id
            cases.close(manager, ids["closed_case"], "other", "closed in a test")
        if "directory_entry" in needed:
            ids["directory_entry"] = signposting.save(manager, ServiceForm(
                name="To retire", category="other", phone="0100 000000"))
        if "flag" in needed:
            ids["flag"] = _flag(manager)
    finally:
        auth.sign_out(manager)
    return ids


@pytest.fixture
def role_context(world, request, tmp_path):
    """The fresh account holding only the role, signed in, with the fixtures the operation's
    example uses. Only one workspace is open at a time, as on the office PC."""
    role, name = request.param, request.node.callspec.params["name"]
    folder = tmp_path / "workspace"
    username, tag, needed, ids = _person(world, folder, name, role)
    ids = ids | _cases_made_by_a_manager(folder, needed, ids["self"], role, ids)
    session = auth.sign_in(folder, username, ROLE_PASSWORD)
    assert session.roles == {role}
    if "draft" in needed:
        with session.workspace.transaction() as db:
            draft = Draft(account_id=ids["self"], form="referral", payload="{}",
                          saved_at=audit.now_iso())
            db.add(draft)
            db.flush()
            ids["draft"] = draft.id
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    yield ExampleContext(session=session, password=ROLE_PASSWORD, tag=tag, ids=ids,
                         scratch=scratch)
    auth.sign_out(session)


def _entries_after(session, seq: int) -> list[tuple]:
    session.workspace.sync_views()      # views waiting on an office-server PC
    with session.workspace.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.account_id, AuditEntry.action,
                                   AuditEntry.outcome)
                            .where(AuditEntry.seq > seq).order_by(AuditEntry.seq)).all()
        conn.rollback()
    return [tuple(r) for r in rows]


@pytest.mark.parametrize("role_context", roles.ALL_ROLES, indirect=True)
@pytest.mark.parametrize("name", OPERATION_NAMES)
def test_operation_follows_the_policy_for_each_role(name, role_context):
    assert name in EXAMPLES, f"add an example call to tests/support/service_examples.py for {name}"
    assert name in REGISTRY, f"{name} has an example but no service operation"
    ctx = role_context
    session = ctx.session
    (role,) = session.roles
    example = EXAMPLES[name](ctx)
    fn = REGISTRY[name]
    before = last_seq(session)
    if permissions.allows(name, session.roles):
        fn(session, *example.args, **example.kwargs)
        written = _entries_after(session, before)
        assert not [e for e in written if e[2] == "denied"], (
            f"{role} may perform {name}, but a refusal was recorded")
        # What it records under a use case's name is recorded under its own (or under one
        # whose work it declares it does too: confirming a hold raises a concern).
        others = [e[1] for e in written if e[0] == ctx.ids["self"] and e[1] != name
                  and (e[1] in REGISTRY or e[1] in audit.FORMER_NAMES)
                  and not e[1].startswith(tuple(fn.records_also))]
        assert not others, f"{name} audited under another use case's name: {others}"
    else:
        with pytest.raises(errors.PermissionDenied) as refused:
            fn(session, *example.args, **example.kwargs)
        assert "does not allow" in refused.value.message
        # The refusal is the only thing written: nothing else happened.
        assert _entries_after(session, before) == [(ctx.ids["self"], name, "denied")], (
            f"refusing {name} to a {role} must leave exactly one 'denied' audit entry")


# -- refusals made inside a service, for finer rules than the role table ----------------------


def test_refusals_inside_a_service_are_audited_too(world, tmp_path):
    """A support worker may list cases but not every case, and may take a case but not give
    it to someone else: those refusals are recorded like any other."""
    folder = tmp_path / "workspace"
    username, _, _, ids = _person(world, folder, "caseload.list", roles.SUPPORT_WORKER)
    case = _cases_made_by_a_manager(folder, {"unassigned_case"}, ids["self"],
                                    roles.SUPPORT_WORKER)["unassigned_case"]
    session = auth.sign_in(folder, username, ROLE_PASSWORD)
    try:
        before = last_seq(session)
        with pytest.raises(errors.PermissionDenied):
            caseload.case_ids(session, caseload.ALL)
        with pytest.raises(errors.PermissionDenied):
            cases.assign(session, case, ids["manager"])
        assert _entries_after(session, before) == [
            (ids["self"], "caseload.list", "denied"), (ids["self"], "cases.assign", "denied")]
        assert cases.open_case(session, case).assigned_worker_id is None
    finally:
        auth.sign_out(session)
