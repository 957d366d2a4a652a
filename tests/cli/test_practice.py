"""Practice mode (`sv2desk-admin demo`): practice accounts whose passwords are printed once,
and the practice worker's cases at every stage, so a trainer can walk every role."""

from __future__ import annotations

import re

from sv2desk.policy import lifecycle, roles, signin
from sv2desk.services import accounts, auth, caseload, cases, letters, reviews
from sv2desk.services.connections import flags as connection_flags

from ..support.audit_tools import run_cli
from ..support.workspaces import ADMIN_PASSWORD


def printed_accounts(out: str) -> dict[str, str]:
    return dict(re.findall(r"username (practice\.\w+)\s+password (\S+)", out))


def test_demo_makes_practice_accounts_and_takes_their_cases_to_every_stage(
        created, admin_session, folder, monkeypatch, capsys):
    argv = ["--workspace", folder, "demo", "--user", "admin", "--clients", "2", "--seed", "5"]
    code, out, err = run_cli(monkeypatch, capsys, argv, password=ADMIN_PASSWORD)
    assert code == 0, err
    passwords = printed_accounts(out)
    assert set(passwords) == {"practice.worker", "practice.linemanager", "practice.manager",
                              "practice.admin"}
    for username, password in passwords.items():
        assert out.count(password) == 1                         # shown once, and only here
        assert signin.password_strength(password) == signin.STRONG
    staff = {a.username: a for a in accounts.list_accounts(admin_session)}
    assert staff["practice.worker"].roles == {roles.SUPPORT_WORKER}
    assert staff["practice.worker"].line_manager_id == staff["practice.linemanager"].id
    assert staff["practice.admin"].roles == {roles.ADMIN}

    # Every role can sign in with what was printed, and finds something to practise on.
    worker = auth.sign_in(folder, "practice.worker", passwords["practice.worker"])
    manager = auth.sign_in(folder, "practice.manager", passwords["practice.manager"])
    line = auth.sign_in(folder, "practice.linemanager", passwords["practice.linemanager"])
    trainer = auth.sign_in(folder, "practice.admin", passwords["practice.admin"])
    try:
        own = [cases.open_case(worker, i) for i in caseload.case_ids(worker, caseload.MINE)]
        stages = {view.status for view in own}
        assert {lifecycle.REFERRED, lifecycle.AWAITING_SUPPORT, lifecycle.IN_SUPPORT,
                lifecycle.ON_HOLD, lifecycle.AWAITING_MANAGEMENT_REVIEW,
                lifecycle.OUTCOME_TO_COMMUNICATE} <= stages
        assert any(letters.list_for_case(worker, view.id) for view in own)
        assert reviews.count(manager) >= 1 and reviews.count(line) >= 1
        assert connection_flags.count(manager) >= 1
        assert roles.ADMIN in trainer.roles
    finally:
        for session in (worker, manager, line, trainer):
            auth.sign_out(session)

    # Run again on the practice copy: the same accounts, with new passwords printed.
    code, again, err = run_cli(monkeypatch, capsys, argv + ["--add-to-existing"],
                               password=ADMIN_PASSWORD)
    assert code == 0, err
    renewed = printed_accounts(again)
    assert set(renewed) == set(passwords) and not set(renewed.values()) & set(passwords.values())
    auth.sign_out(auth.sign_in(folder, "practice.worker", renewed["practice.worker"]))


def test_a_manager_without_administration_gets_clients_but_no_practice_accounts(
        created, folder, monkeypatch, capsys):
    from ..support.workspaces import MANAGER_PASSWORD
    code, out, err = run_cli(monkeypatch, capsys,
                             ["--workspace", folder, "demo", "--user", "manager",
                              "--clients", "1"], password=MANAGER_PASSWORD)
    assert code == 0, err
    assert not printed_accounts(out) and "needs an administrator" in out
