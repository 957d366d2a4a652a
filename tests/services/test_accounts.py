"""Staff accounts: sign-in, roles, passwords, turning accounts off, back-off."""

from __future__ import annotations

import pytest

from sv2desk import errors
from sv2desk.policy import roles, signin as signin_policy
from sv2desk.services import accounts, audit, auth

from ..support.workspaces import ADMIN_PASSWORD, MANAGER_PASSWORD, WORKER_PASSWORD


def test_staff_sign_in_with_their_own_password(created, folder):
    session = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    assert session.roles == {roles.SUPPORT_WORKER}
    assert session.display_name == "Wyn Worker"
    auth.sign_out(session)


def test_username_is_not_case_sensitive(created, folder):
    auth.sign_out(auth.sign_in(folder, "WORKER", WORKER_PASSWORD))


def test_wrong_password_and_unknown_user_give_the_same_plain_message(created, folder):
    with pytest.raises(errors.WrongPassword) as wrong:
        auth.sign_in(folder, "worker", "not my password")
    with pytest.raises(errors.WrongPassword) as unknown:
        auth.sign_in(folder, "nobody", "not my password")
    assert wrong.value.message == unknown.value.message
    assert "Caps Lock" in wrong.value.message


def test_turned_off_account_cannot_sign_in_and_is_told_why(admin_session, created, folder):
    _, ids = created
    accounts.disable_account(admin_session, ids["worker"])
    with pytest.raises(errors.AccountDisabled):
        auth.sign_in(folder, "worker", WORKER_PASSWORD)
    slot = admin_session.workspace.slots.find_account(ids["worker"])
    assert slot.kind == "disabled" and not slot.wrapped  # the key is gone from keys.json


def test_change_own_password_rewraps_only_that_slot(created, folder):
    session = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    with pytest.raises(errors.ValidationError) as bad:
        accounts.change_own_password(session, "wrong current", "a new password")
    assert "current_password" in bad.value.fields
    with pytest.raises(errors.ValidationError) as short:
        accounts.change_own_password(session, WORKER_PASSWORD, "short")
    assert "new_password" in short.value.fields
    accounts.change_own_password(session, WORKER_PASSWORD, "a new password")
    auth.sign_out(session)
    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, "worker", WORKER_PASSWORD)
    auth.sign_out(auth.sign_in(folder, "worker", "a new password"))
    auth.sign_out(auth.sign_in(folder, "manager", MANAGER_PASSWORD))


def test_admin_can_reset_a_password(admin_session, created, folder):
    _, ids = created
    accounts.reset_password(admin_session, ids["worker"], "reset by admin")
    auth.sign_out(auth.sign_in(folder, "worker", "reset by admin"))


def test_roles_and_line_manager(admin_session, created):
    _, ids = created
    updated = accounts.set_roles(admin_session, ids["worker"],
                                 {roles.SUPPORT_WORKER, roles.MANAGER})
    assert updated.roles == {roles.SUPPORT_WORKER, roles.MANAGER}
    updated = accounts.set_line_manager(admin_session, ids["worker"], ids["admin"])
    assert updated.line_manager_id == ids["admin"]
    with pytest.raises(errors.ValidationError):
        accounts.set_line_manager(admin_session, ids["worker"], ids["worker"])
    with pytest.raises(errors.ValidationError):
        accounts.set_roles(admin_session, ids["worker"], set())


def test_new_account_fields_are_checked_next_to_each_field(admin_session):
    with pytest.raises(errors.ValidationError) as bad:
        accounts.create_account(admin_session, "two words", "", "long enough pw",
                                {roles.SUPPORT_WORKER})
    assert set(bad.value.fields) == {"username", "display_name"}
    with pytest.raises(errors.ValidationError) as taken:
        accounts.create_account(admin_session, "Worker", "Someone", "long enough pw",
                                {roles.SUPPORT_WORKER})
    assert "already taken" in taken.value.fields["username"]


def test_failures_back_off_and_persist_across_restarts(created, folder):
    now = 1_000_000.0
    for i in range(signin_policy.FREE_ATTEMPTS):
        with pytest.raises(errors.WrongPassword):
            auth.sign_in(folder, "worker", "wrong", now=now + i)
    # The counter lives in signin.json, so a restart (a new call) still waits.
    with pytest.raises(errors.TooManyAttempts) as wait:
        auth.sign_in(folder, "worker", WORKER_PASSWORD, now=now + 10)
    assert wait.value.wait_seconds > 0
    assert "wait" in wait.value.message
    assert "minute" in wait.value.message or "second" in wait.value.message
    later = now + signin_policy.LONGEST_WAIT_SECONDS + 10
    session = auth.sign_in(folder, "worker", WORKER_PASSWORD, now=later)
    actions = [(e.action, e.outcome) for e in audit.recent(auth.sign_in(
        folder, "admin", ADMIN_PASSWORD, now=later))]
    auth.sign_out(session)
    assert actions.count(("sign_in.failed", "failed")) == signin_policy.FREE_ATTEMPTS
    assert ("sign_in.throttled", "failed") in actions


def test_backoff_policy_grows_and_is_capped():
    waits = [signin_policy.wait_after(n) for n in range(0, 20)]
    assert waits[:signin_policy.FREE_ATTEMPTS] == [0] * signin_policy.FREE_ATTEMPTS
    assert waits == sorted(waits)
    assert max(waits) == signin_policy.LONGEST_WAIT_SECONDS
