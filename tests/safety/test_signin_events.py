"""Events from before sign-in: a fixed list of actions, bounded, sealed, and marked in the
audit trail as reported before sign-in (unauthenticated). Someone who only has the folder
can read none of them and cannot make one land as an authenticated entry."""

from __future__ import annotations

import json

import pytest

from sv2desk import errors
from sv2desk.services import audit, auth
from sv2desk.store.signin_state import ACTIONS, MAX_EVENTS, SigninState
from sv2desk.store.opening import read_slots

from ..support.audit_tools import audit_rows
from ..support.workspaces import ADMIN_PASSWORD, WORKER_PASSWORD


def _since(rows, seq):
    return [r for r in rows if r.seq > seq]


def test_wrong_passwords_are_sealed_then_carried_over_marked_unauthenticated(quiet, folder):
    recovery_key, ids = quiet
    start = audit_rows(folder, recovery_key)[-1].seq
    for _ in range(3):
        with pytest.raises(errors.WrongPassword):
            auth.sign_in(folder, "worker", "not the password")
    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, "nobody-at-all", "not the password")
    raw = (folder / "signin.json").read_text("utf-8")
    assert "sign_in.failed" not in raw          # sealed: the folder shows no action or time
    assert len(json.loads(raw)["events"]) == 4
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    carried = [r for r in _since(audit_rows(folder, recovery_key), start)
               if r.origin == audit.BEFORE_SIGN_IN]
    assert [(r.account_id, r.action, r.outcome) for r in carried] == \
        [(ids["worker"], "sign_in.failed", "failed")] * 3 + [(None, "sign_in.failed", "failed")]
    # Signed as carried over by the person who signed in, not as the worker.
    assert {r.signer for r in carried} == {f"account-{ids['admin']}"}
    assert json.loads((folder / "signin.json").read_text("utf-8"))["events"] == []


def test_events_are_bounded_and_the_rest_summarised_as_one_count(quiet, folder):
    recovery_key, ids = quiet
    start = audit_rows(folder, recovery_key)[-1].seq
    state = SigninState.load(folder)
    for _ in range(MAX_EVENTS + 50):
        state.add_event(ids["worker"], "sign_in.throttled")
    state.save()
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    rows = _since(audit_rows(folder, recovery_key), start)
    assert sum(r.action == "sign_in.throttled" for r in rows) == MAX_EVENTS
    [summary] = [r for r in rows if r.action == "sign_in.events_not_kept"]
    assert summary.object_id == "50" and summary.origin == audit.BEFORE_SIGN_IN


def test_only_the_fixed_actions_can_be_reported_before_sign_in(folder, quiet):
    state = SigninState.load(folder)
    with pytest.raises(ValueError):
        state.add_event(3, "subject_access.export")
    assert "subject_access.export" not in ACTIONS


def test_forged_and_replayed_events_do_not_land(quiet, folder):
    recovery_key, ids = quiet
    # 1. The old plain format with a backdated, made-up action: counted only.
    (folder / "signin.json").write_text(json.dumps({"failures": {}, "pending": [
        {"at": 0, "account_id": 3, "action": "subject_access.export"}] * 5}))
    start = audit_rows(folder, recovery_key)[-1].seq
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    rows = _since(audit_rows(folder, recovery_key), start)
    assert not [r for r in rows if r.action == "subject_access.export"]
    assert [r.object_id for r in rows if r.action == "sign_in.events_not_kept"] == ["5"]

    # 2. Sealing to the public key (anyone can) an action not on the list: refused.
    state = SigninState.load(folder)
    state.add_event(ids["worker"], "sign_in.failed")
    state.events[-1]["n"] += 0
    good = json.loads(json.dumps(state.events[-1]))
    import sv2desk.store.signin_state as mod
    mod.ACTIONS = ACTIONS | {"subject_access.export"}
    try:
        state.add_event(ids["worker"], "subject_access.export")
    finally:
        mod.ACTIONS = ACTIONS
    state.save()
    start = audit_rows(folder, recovery_key)[-1].seq
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))
    rows = _since(audit_rows(folder, recovery_key), start)
    assert [r.action for r in rows if r.origin] == ["sign_in.failed", "sign_in.events_refused"]
    assert not [r for r in rows if r.action == "subject_access.export"]

    # 3. The same sealed event put back after it was carried over: a replay, refused.
    anchor = read_slots(folder).signin_anchor
    assert anchor >= good["n"]
    data = json.loads((folder / "signin.json").read_text("utf-8"))
    data["events"] = [good, good]
    (folder / "signin.json").write_text(json.dumps(data))
    start = audit_rows(folder, recovery_key)[-1].seq
    auth.sign_out(auth.sign_in(folder, "worker", WORKER_PASSWORD))
    rows = _since(audit_rows(folder, recovery_key), start)
    assert not [r for r in rows if r.action == "sign_in.failed"]
    assert [r.object_id for r in rows if r.action == "sign_in.events_refused"] == ["2"]


def test_twenty_thousand_injected_events_are_refused_not_copied(quiet, folder):
    recovery_key, _ = quiet
    state = SigninState.load(folder)
    state.add_event(1, "sign_in.failed")
    state.save()
    data = json.loads((folder / "signin.json").read_text("utf-8"))
    data["events"] = data["events"] * 20_000
    (folder / "signin.json").write_text(json.dumps(data))
    count = len(audit_rows(folder, recovery_key))
    with pytest.raises(errors.SigninRecordDamaged):
        auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    session = auth.sign_in_with_recovery_key(folder, recovery_key)   # never locked out
    assert any("signin.json" in n for n in session.notices)
    auth.sign_out(session)
    assert len(audit_rows(folder, recovery_key)) - count < 10
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))     # staff in again
