"""The audit trail: what is recorded, that it holds ids only, and that tampering is found.

`sv2desk-admin verify-audit` must say the trail is complete on a clean
workspace, and name the first bad entry when one was edited, deleted or
reordered, or when the database was replaced by an older copy of itself.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from sqlalchemy import exc as sa_exc

from sv2desk import errors
from sv2desk.policy import roles
from sv2desk.services import accounts, audit, audit_trail, auth
from sv2desk.store import opening, workspace as ws_mod

from ..support.audit_tools import audit_rows, raw_database, run_cli, without_append_only_triggers
from ..support.workspaces import ADMIN_PASSWORD, WORKER_PASSWORD

# Words that must never reach the audit trail (or signin.json): names and passwords.
CANARY_USERNAME = "quillonzeph"
CANARY_NAME = "Zephyrine Canarywood"
CANARY_PASSWORD = "canary password Xq7"
CANARY_NEW_PASSWORD = "canary changed Wv3"
CANARY_RESET_PASSWORD = "canary reset Pk2"
CANARY_TYPED_USERNAME = "ghostlycanaryuser"
CANARY_WRONG_PASSWORD = "canary wrong Jj9"
CANARIES = (CANARY_USERNAME, CANARY_NAME, CANARY_PASSWORD, CANARY_NEW_PASSWORD,
            CANARY_RESET_PASSWORD, CANARY_TYPED_USERNAME, CANARY_WRONG_PASSWORD)


def _verify(monkeypatch, capsys, folder, **who):
    if "recovery_key" in who:
        return run_cli(monkeypatch, capsys,
                       ["--workspace", folder, "verify-audit", "--recovery-key"], **who)
    return run_cli(monkeypatch, capsys, ["--workspace", folder, "verify-audit", "--user", "admin"],
                   password=ADMIN_PASSWORD)


def _bad_entry(out: str) -> int:
    match = re.search(r"broken at entry (\d+)", out)
    assert match, "verify-audit should name the entry where the trail is broken"
    return int(match.group(1))


# -- what is recorded ------------------------------------------------------------------


def test_sign_ins_failures_and_account_changes_are_recorded_with_ids_only(created, folder):
    new, ids = created
    admin = new.session
    person = accounts.create_account(admin, CANARY_USERNAME, CANARY_NAME, CANARY_PASSWORD,
                                     {roles.SUPPORT_WORKER})
    pid = person.id
    accounts.set_roles(admin, pid, {roles.SUPPORT_WORKER, roles.MANAGER})
    accounts.set_line_manager(admin, pid, ids["manager"])
    accounts.reset_password(admin, pid, CANARY_RESET_PASSWORD)

    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, CANARY_USERNAME, CANARY_WRONG_PASSWORD)
    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, CANARY_TYPED_USERNAME, CANARY_WRONG_PASSWORD)
    own = auth.sign_in(folder, CANARY_USERNAME, CANARY_RESET_PASSWORD)
    with pytest.raises(errors.ValidationError):
        accounts.change_own_password(own, CANARY_WRONG_PASSWORD, CANARY_NEW_PASSWORD)
    accounts.change_own_password(own, CANARY_RESET_PASSWORD, CANARY_NEW_PASSWORD)
    auth.sign_out(own)

    accounts.disable_account(admin, pid)
    with pytest.raises(errors.AccountDisabled):
        auth.sign_in(folder, CANARY_USERNAME, CANARY_NEW_PASSWORD)
    auth.sign_out(admin)
    # The failure above is copied into the trail at the next sign-in.
    auth.sign_out(auth.sign_in(folder, "worker", WORKER_PASSWORD))

    rows = audit_rows(folder, new.recovery_key)
    recorded = {(r.account_id, r.action, r.object_type, r.object_id, r.outcome) for r in rows}
    admin_id, spid = ids["admin"], str(pid)
    expected = {
        (admin_id, "accounts.create", "account", spid, "ok"),
        (admin_id, "accounts.set_roles", "account", spid, "ok"),
        (admin_id, "accounts.set_line_manager", "account", spid, "ok"),
        (admin_id, "accounts.reset_password", "account", spid, "ok"),
        (pid, "sign_in.failed", "account", spid, "failed"),      # wrong password
        (None, "sign_in.failed", "account", None, "failed"),     # unknown username
        (pid, "sign_in", "account", spid, "ok"),
        (pid, "accounts.change_own_password", "account", spid, "failed"),
        (pid, "accounts.change_own_password", "account", spid, "ok"),
        (pid, "sign_out", None, None, "ok"),
        (admin_id, "accounts.disable", "account", spid, "ok"),
        (None, "sign_in.disabled_account", "account", None, "failed"),
        (ids["worker"], "sign_in", "account", str(ids["worker"]), "ok"),
    }
    assert expected <= recorded, sorted(expected - recorded, key=str)

    # Ids only: no name, username or password in any column of any entry.
    every_value = " ".join(str(v) for r in rows for v in r).casefold()
    for canary in CANARIES:
        assert canary.casefold() not in every_value
    # Nor in the failed sign-in file kept outside the database.
    signin_text = (folder / "signin.json").read_text("utf-8").casefold()
    for canary in CANARIES:
        assert canary.casefold() not in signin_text


@pytest.mark.file_only
def test_entries_are_numbered_in_order_and_each_chains_to_the_one_before(quiet, folder):
    recovery_key, _ = quiet
    rows = audit_rows(folder, recovery_key)
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(rows, rows[1:]))
    head = opening.read_slots(folder).audit_head
    assert head == {"seq": rows[-1].seq, "hash": rows[-1].hash}


# -- the database refuses edits ------------------------------------------------------------


@pytest.mark.file_only
def test_the_database_refuses_to_change_or_delete_audit_entries(quiet, folder):
    recovery_key, _ = quiet
    before = audit_rows(folder, recovery_key)
    with raw_database(folder, recovery_key) as conn:
        with pytest.raises(sa_exc.DBAPIError, match="cannot be changed"):
            conn.exec_driver_sql("UPDATE audit_log SET outcome = 'ok' WHERE seq = 2")
        with pytest.raises(sa_exc.DBAPIError, match="cannot be changed"):
            conn.exec_driver_sql("DELETE FROM audit_log WHERE seq = 2")
        with pytest.raises(sa_exc.DBAPIError, match="cannot be changed"):
            conn.exec_driver_sql("DELETE FROM audit_log")
    assert audit_rows(folder, recovery_key) == before


# -- verify-audit ------------------------------------------------------------------------------


def test_verify_audit_passes_a_clean_trail(quiet, folder, monkeypatch, capsys):
    recovery_key, _ = quiet
    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, "worker", "not the password")
    auth.sign_out(auth.sign_in(folder, "worker", WORKER_PASSWORD))
    code, out, err = _verify(monkeypatch, capsys, folder)
    assert code == 0, err
    assert "complete and unaltered" in out
    # Checking leaves the trail clean for the next check, with either way in.
    code, out, _ = _verify(monkeypatch, capsys, folder, recovery_key=recovery_key)
    assert code == 0
    assert "complete and unaltered" in out


@pytest.mark.file_only
def test_verify_audit_names_an_edited_entry(quiet, folder, monkeypatch, capsys):
    recovery_key, ids = quiet
    # Someone hides who created the worker's account.
    with without_append_only_triggers(folder, recovery_key) as conn:
        conn.exec_driver_sql("UPDATE audit_log SET account_id = ? WHERE seq = 3",
                             (ids["manager"],))
    code, out, err = _verify(monkeypatch, capsys, folder)
    assert code == 1
    assert _bad_entry(out) == 3
    assert "altered" in out
    assert "Traceback" not in err


@pytest.mark.file_only
def test_verify_audit_names_a_deleted_entry(quiet, folder, monkeypatch, capsys):
    recovery_key, _ = quiet
    with without_append_only_triggers(folder, recovery_key) as conn:
        conn.exec_driver_sql("DELETE FROM audit_log WHERE seq = 3")
    code, out, _ = _verify(monkeypatch, capsys, folder)
    assert code == 1
    assert _bad_entry(out) == 3
    assert "missing" in out


@pytest.mark.file_only
def test_verify_audit_names_the_last_entry_deleted(quiet, folder, monkeypatch, capsys):
    recovery_key, _ = quiet
    last = audit_rows(folder, recovery_key)[-1].seq
    with without_append_only_triggers(folder, recovery_key) as conn:
        conn.exec_driver_sql("DELETE FROM audit_log WHERE seq = ?", (last,))
    for _ in range(2):  # and checking again does not make it look clean
        code, out, _ = _verify(monkeypatch, capsys, folder, recovery_key=recovery_key)
        assert code == 1
        assert _bad_entry(out) == last


@pytest.mark.file_only
def test_verify_audit_names_reordered_entries(quiet, folder, monkeypatch, capsys):
    recovery_key, _ = quiet
    columns = "at, account_id, action, object_type, object_id, outcome, prev_hash, hash"
    with without_append_only_triggers(folder, recovery_key) as conn:
        third = conn.exec_driver_sql(f"SELECT {columns} FROM audit_log WHERE seq = 3").one()
        fourth = conn.exec_driver_sql(f"SELECT {columns} FROM audit_log WHERE seq = 4").one()
        assignments = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
        conn.exec_driver_sql(f"UPDATE audit_log SET {assignments} WHERE seq = 3", tuple(fourth))
        conn.exec_driver_sql(f"UPDATE audit_log SET {assignments} WHERE seq = 4", tuple(third))
    code, out, _ = _verify(monkeypatch, capsys, folder)
    assert code == 1
    assert _bad_entry(out) == 3


@pytest.mark.file_only
def test_an_older_copy_of_the_database_is_refused_and_named(quiet, folder, monkeypatch, capsys):
    recovery_key, _ = quiet
    db = folder / ws_mod.DB_NAME
    assert not (folder / f"{ws_mod.DB_NAME}-wal").exists()  # closed cleanly: one file
    last_in_copy = audit_rows(folder, recovery_key)[-1].seq
    old_copy = folder.parent / "old-copy.db"
    shutil.copyfile(db, old_copy)

    admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    accounts.create_account(admin, "later", "Later Person", "later password 1",
                            {roles.SUPPORT_WORKER})
    auth.sign_out(admin)

    for name in (f"{ws_mod.DB_NAME}-wal", f"{ws_mod.DB_NAME}-shm"):
        (folder / name).unlink(missing_ok=True)
    shutil.copyfile(old_copy, db)

    with pytest.raises(errors.WorkspaceRolledBack):
        auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    with pytest.raises(errors.WorkspaceRolledBack):
        auth.sign_in_with_recovery_key(folder, recovery_key)

    # verify-audit names the first entry that is missing, and keeps naming it: looking
    # at the old copy does not make it the new truth.
    for _ in range(3):
        code, out, err = _verify(monkeypatch, capsys, folder)
        assert code == 1, out
        assert _bad_entry(out) == last_in_copy + 1
        assert "older" in out
        assert "Traceback" not in err
    code, out, _ = _verify(monkeypatch, capsys, folder, recovery_key=recovery_key)
    assert code == 1
    assert _bad_entry(out) == last_in_copy + 1
    with pytest.raises(errors.WorkspaceRolledBack):
        auth.sign_in(folder, "admin", ADMIN_PASSWORD)


def test_audit_head_is_kept_outside_the_database(quiet, folder):
    recovery_key, _ = quiet
    data = json.loads((folder / ws_mod.KEYS_NAME).read_text("utf-8"))
    rows = audit_rows(folder, recovery_key)
    assert data["audit_head"] == {"seq": rows[-1].seq, "hash": rows[-1].hash}


@pytest.mark.file_only
def test_verify_audit_reads_the_trail_in_batches_and_checks_every_one(
        quiet, folder, monkeypatch, capsys):
    """The walk reads a batch at a time (the office server ends a transaction left idle for
    a minute): with batches of two, an entry edited in a later batch and the last entry
    deleted are still named, and a clean trail still passes."""
    recovery_key, ids = quiet
    monkeypatch.setattr(audit_trail, "CHECK_PAGE", 2)
    code, out, err = _verify(monkeypatch, capsys, folder)
    assert code == 0, err
    last = audit_rows(folder, recovery_key)[-1].seq
    assert last > 6
    with without_append_only_triggers(folder, recovery_key) as conn:
        conn.exec_driver_sql("UPDATE audit_log SET account_id = ? WHERE seq = 5",
                             (ids["manager"],))
    code, out, _ = _verify(monkeypatch, capsys, folder)
    assert (code, _bad_entry(out)) == (1, 5)
