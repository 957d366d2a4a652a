"""The use-case envelope: use cases run together are kept together, or not at all.

Saving a staff member's roles and line manager is one unit of work (the staff screen runs
both inside ``use_case.together``): a line manager refused leaves the roles as they were,
and no audit entry says they changed. Each call still checks permission and audits under
its own name.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry
from sv2desk.policy import roles
from sv2desk.services import accounts, use_case

from ..support.audit_tools import last_seq
from ..support.service_examples import referral_form
from sv2desk.services import referrals

pytestmark = pytest.mark.both_kinds


def _actions_after(session, seq: int) -> list[tuple[str, str]]:
    with session.workspace.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.action, AuditEntry.outcome)
                            .where(AuditEntry.seq > seq).order_by(AuditEntry.seq)).all()
        conn.rollback()
    return [tuple(r) for r in rows]


def _roles_of(session, account_id: int) -> set[str]:
    return next(set(a.roles) for a in accounts.list_accounts(session, include_inactive=True)
                if a.id == account_id)


def test_roles_and_line_manager_are_saved_together_or_not_at_all(admin_session, created):
    _, ids = created
    before = last_seq(admin_session)
    with pytest.raises(errors.ValidationError):
        with use_case.together(admin_session):
            accounts.set_roles(admin_session, ids["worker"],
                               {roles.SUPPORT_WORKER, roles.MANAGER})
            accounts.set_line_manager(admin_session, ids["worker"], ids["worker"])  # self
    assert _roles_of(admin_session, ids["worker"]) == {roles.SUPPORT_WORKER}
    assert ("accounts.set_roles", "ok") not in _actions_after(admin_session, before)

    before = last_seq(admin_session)
    with use_case.together(admin_session):
        accounts.set_roles(admin_session, ids["worker"], {roles.SUPPORT_WORKER, roles.MANAGER})
        accounts.set_line_manager(admin_session, ids["worker"], ids["manager"])
    assert _roles_of(admin_session, ids["worker"]) == {roles.SUPPORT_WORKER, roles.MANAGER}
    written = _actions_after(admin_session, before)
    assert ("accounts.set_roles", "ok") in written
    assert ("accounts.set_line_manager", "ok") in written


def test_a_use_case_refused_inside_others_undoes_them_all(people):
    worker = people["worker"]
    before = last_seq(worker)
    with pytest.raises(errors.PermissionDenied):
        with use_case.together(worker):
            referrals.create_referral(worker, referral_form("Undone Together"))
            accounts.set_roles(worker, worker.account_id, {roles.MANAGER})   # not theirs
    # The referral went with the refusal; the refusal itself is in the trail.
    from sv2desk.services import caseload
    assert caseload.search(people["manager"], "Undone Together") == []
    written = _actions_after(worker, before)
    assert ("referrals.create", "ok") not in written
    assert ("accounts.set_roles", "denied") in written


def test_what_waits_for_the_commit_happens_only_once_it_is_made(admin_session):
    done = []

    @use_case.use_case("accounts.get_own")
    def _probe(uc, fail: bool):
        uc.after_commit(lambda: done.append("after"))
        if fail:
            raise errors.ActionRefused("refused on purpose")
        return "ran"

    try:
        with pytest.raises(errors.ActionRefused):
            _probe(admin_session, True)
        assert done == []
        assert _probe(admin_session, False) == "ran"
        assert done == ["after"]
    finally:
        use_case.REGISTRY["accounts.get_own"] = accounts.get_own
