"""Signed audit entries: nobody can write an entry in someone else's name, or rewrite the
chain after changing one, without that person's password; and what cannot be caught
from inside the folder is caught against what lies outside it (the backup drive, a
fingerprint a manager noted down).

Each attack here is made as someone who holds the master key (anyone who can sign in
does): through the recovery key, with plain SQL, the triggers dropped.
"""

from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry
from sv2desk.policy import roles
from sv2desk.services import accounts, audit, auth, backups, concerns, referrals
from sv2desk.store import opening

from ..support.audit_tools import audit_rows, run_cli, without_append_only_triggers
from ..support.service_examples import (concern_form, discussion_form, explanation_form,
                                        referral_form)
from ..support.workspaces import ADMIN_PASSWORD, MANAGER_PASSWORD, WORKER_PASSWORD


def _verify(monkeypatch, capsys, folder, *extra):
    return run_cli(monkeypatch, capsys,
                   ["--workspace", folder, "verify-audit", "--user", "admin", *extra],
                   password=ADMIN_PASSWORD)


def _bad_entry(out: str) -> int:
    match = re.search(r"broken at entry (\d+)", out)
    assert match, out
    return int(match.group(1))


def _rechain(conn, workspace_id: str, start: int, change) -> None:
    """Change entries from ``start`` on with ``change(row) -> dict`` and put every hash
    after them right (what a skilled editor does); signatures are left as they were."""
    rows = conn.execute(select(AuditEntry.__table__).where(AuditEntry.seq >= start - 1)
                        .order_by(AuditEntry.seq)).all()
    prev = rows[0].hash if rows[0].seq == start - 1 else audit.GENESIS
    for row in rows:
        if row.seq < start:
            continue
        values = dict(row._mapping) | change(row)
        values["prev_hash"] = prev
        values["hash"] = audit.entry_hash(values["seq"], values["at"], values["account_id"],
                                          values["action"], values["object_type"],
                                          values["object_id"], values["outcome"], prev,
                                          values["signer"], values["origin"])
        conn.exec_driver_sql(
            "UPDATE audit_log SET account_id = ?, action = ?, prev_hash = ?, hash = ?, "
            "signer = ?, signature = ? WHERE seq = ?",
            (values["account_id"], values["action"], prev, values["hash"], values["signer"],
             values["signature"], row.seq))
        prev = values["hash"]


def _reseal_head(folder, recovery_key) -> None:
    """keys.json's audit head moved to the rewritten chain's last entry (with the MAC put
    right: the master key is known)."""
    ws = opening.unlock_with_recovery(folder, recovery_key, check_head=False)
    try:
        with ws.engine.connect() as conn:
            seq, digest = conn.execute(select(AuditEntry.seq, AuditEntry.hash)
                                       .order_by(AuditEntry.seq.desc()).limit(1)).one()
            conn.rollback()

        def move(slots):
            slots.audit_head = {"seq": seq, "hash": digest}
        ws._update_slots(move)
    finally:
        ws.engine.dispose()
        ws.hold.release()
        ws.closed = True


def test_every_entry_is_signed_by_the_person_who_made_it(quiet, folder):
    recovery_key, ids = quiet
    auth.sign_out(auth.sign_in(folder, "worker", WORKER_PASSWORD))
    auth.sign_out(auth.sign_in_with_recovery_key(folder, recovery_key))
    rows = audit_rows(folder, recovery_key)
    assert rows and all(r.signer and r.signature for r in rows)
    for row in rows:
        expected = "recovery" if row.account_id is None else f"account-{row.account_id}"
        assert row.signer == expected or row.origin == audit.BEFORE_SIGN_IN, row
    issued = {r.object_type for r in rows if r.action == audit.ISSUED}
    assert {"recovery", f"account-{ids['admin']}", f"account-{ids['worker']}"} <= issued


@pytest.mark.file_only
def test_an_entry_added_at_the_end_with_a_correct_hash_is_named(quiet, folder, monkeypatch,
                                                                capsys):
    recovery_key, ids = quiet
    rows = audit_rows(folder, recovery_key)
    last = rows[-1]
    forged = dict(seq=last.seq + 1, at=last.at, account_id=3,
                  action="subject_access.export", object_type="case", object_id="1",
                  outcome="ok", prev_hash=last.hash, signer="account-3", origin=None,
                  signature=last.signature)
    forged["hash"] = audit.entry_hash(*[forged[k] for k in (
        "seq", "at", "account_id", "action", "object_type", "object_id", "outcome",
        "prev_hash", "signer", "origin")])
    with without_append_only_triggers(folder, recovery_key) as conn:
        conn.execute(AuditEntry.__table__.insert(), [forged])
    _reseal_head(folder, recovery_key)
    code, out, _ = _verify(monkeypatch, capsys, folder)
    assert code == 1 and _bad_entry(out) == last.seq + 1
    assert "account-3" in out


@pytest.mark.file_only
def test_an_edit_rehashed_to_the_end_is_named_at_the_edit(quiet, folder, monkeypatch, capsys):
    recovery_key, ids = quiet
    rows = audit_rows(folder, recovery_key)
    target = next(r for r in rows if r.action == "accounts.create" and r.seq > 3)
    with without_append_only_triggers(folder, recovery_key) as conn:
        _rechain(conn, "", target.seq, lambda row: (
            {"account_id": ids["manager"], "signer": f"account-{ids['manager']}"}
            if row.seq == target.seq else {}))
    _reseal_head(folder, recovery_key)
    # The hash chain and keys.json agree now; only the signatures can tell.
    code, out, _ = _verify(monkeypatch, capsys, folder)
    assert code == 1
    assert _bad_entry(out) == target.seq
    assert "signed" in out


def test_an_entry_in_someone_elses_name_signed_with_ones_own_key_is_named(
        quiet, folder, monkeypatch, capsys):
    """The worker holds the master key and their own signing key: they write "the admin
    exported a case", signed with their own key."""
    recovery_key, ids = quiet
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        with worker.workspace.transaction() as db:
            # Their own key, but the admin's name on the entry.
            db.info["countersigners"] = {ids["admin"]: worker.workspace.primary_signer()}
            audit.record(db, ids["admin"], "subject_access.export", "case", 1)
            seq = db.info["audit_head"][0]
    finally:
        auth.sign_out(worker)
    code, out, _ = _verify(monkeypatch, capsys, folder)
    assert code == 1 and _bad_entry(out) == seq
    assert f"account-{ids['worker']}" in out


def test_a_key_slot_given_a_new_signing_key_outside_sv2desk_is_named(quiet, folder,
                                                                     monkeypatch, capsys):
    recovery_key, ids = quiet
    ws = opening.unlock_with_recovery(folder, recovery_key)
    try:
        def replace(slots):
            slot = slots.find_account(ids["manager"])
            slots.put(slots.with_signing_key(slot, b"\1" * 32)[0])
        ws._update_slots(replace)
    finally:
        ws.close()
    code, out, _ = _verify(monkeypatch, capsys, folder)
    assert code == 1 and f"account-{ids['manager']}" in out and "never issued" in out


@pytest.mark.file_only
def test_dropped_triggers_are_put_back_at_sign_in_recorded_and_said(quiet, folder,
                                                                   monkeypatch, capsys):
    recovery_key, _ = quiet
    from ..support.audit_tools import raw_database
    with raw_database(folder, recovery_key) as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        # ...and the other made harmless under its own name.
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.exec_driver_sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                             "BEGIN SELECT 1; END")
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        assert auth.PROTECTION_RESTORED in session.notices
        with session.workspace.engine.connect() as conn:
            assert audit.protection_problems(conn) == []
            conn.rollback()
    finally:
        auth.sign_out(session)
    rows = audit_rows(folder, recovery_key)
    assert [r.outcome for r in rows if r.action == "audit.protection_restored"] == ["failed"]
    code, out, _ = _verify(monkeypatch, capsys, folder)
    assert code == 0 and "had been removed outside SV2 Desk" in out
    # The next sign-in finds nothing wrong.
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    assert session.notices == []
    auth.sign_out(session)


def test_the_countersign_is_signed_by_the_managers_own_key(created, folder):
    new, ids = created
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        case = referrals.create_referral(worker, referral_form("Counter Signed",
                                                               assign_to_me=True)).id
        concern = concerns.raise_concern(worker, case, concern_form())
        concerns.record_explanation(worker, concern, explanation_form())
        with pytest.raises(errors.ValidationError):
            concerns.countersign_discussion(worker, concern, "not the password",
                                            discussion_form())
        concerns.countersign_discussion(worker, concern, MANAGER_PASSWORD, discussion_form())
    finally:
        auth.sign_out(worker)
    auth.sign_out(new.session)
    rows = audit_rows(folder, new.recovery_key)
    signs = [(r.account_id, r.signer, r.outcome) for r in rows
             if r.action == "concerns.countersign_discussion"]
    assert signs == [(ids["worker"], f"account-{ids['worker']}", "failed"),
                     (ids["manager"], f"account-{ids['manager']}", "ok")]
    admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        assert audit.check_chain(admin.workspace).ok
    finally:
        auth.sign_out(admin)


@pytest.mark.file_only
def test_a_rolled_back_folder_is_caught_against_the_backup_drive(quiet, folder, tmp_path,
                                                                 monkeypatch, capsys):
    """Database and keys.json put back together to an older copy: nothing inside the
    folder can tell, the backup made since can."""
    recovery_key, _ = quiet
    usb = tmp_path / "usb"
    usb.mkdir()
    admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    backups.set_folder(admin, usb)
    auth.sign_out(admin)
    old = tmp_path / "old-copy"
    shutil.copytree(folder, old)
    admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    accounts.create_account(admin, "later", "Later Person", "later password 1",
                            {roles.SUPPORT_WORKER})
    backups.create(admin)
    auth.sign_out(admin)
    for name in ("sv2desk.db", "keys.json"):
        shutil.copyfile(old / name, folder / name)
    auth.sign_out(auth.sign_in(folder, "admin", ADMIN_PASSWORD))   # opens: it is consistent
    code, out, _ = _verify(monkeypatch, capsys, folder)
    assert code == 1 and "older copy" in out and "backup made on" in out


def test_a_noted_fingerprint_is_checked_later(quiet, folder, monkeypatch, capsys):
    recovery_key, _ = quiet
    manager = auth.sign_in(folder, "manager", MANAGER_PASSWORD)
    try:
        noted = audit.fingerprint(manager)
    finally:
        auth.sign_out(manager)
    assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){3}", noted.text)
    code, out, _ = _verify(monkeypatch, capsys, folder, "--noted", f"{noted.seq}:{noted.text}")
    assert code == 0 and "still has the fingerprint" in out
    code, out, _ = _verify(monkeypatch, capsys, folder, "--noted",
                           f"{noted.seq}:0000-0000-0000-0000")
    assert code == 1 and "does not have the fingerprint" in out
    # A worker does not see it.
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        with pytest.raises(errors.PermissionDenied):
            audit.fingerprint(worker)
    finally:
        auth.sign_out(worker)


@pytest.mark.file_only
def test_a_workspace_from_before_signing_upgrades_and_verifies(quiet, folder, monkeypatch,
                                                              capsys):
    """As an earlier version left it: no signing keys or events key in keys.json, entries
    unsigned. The next sign-ins give each person a key, and the trail verifies, saying how
    many entries are from before signing."""
    recovery_key, ids = quiet
    ws = opening.unlock_with_recovery(folder, recovery_key)
    try:
        def strip(slots):
            for slot in slots.slots:
                slot.sign_public = slot.sign_nonce = slot.sign_wrapped = b""
            slots.events = None
        ws._update_slots(strip)
        with ws.engine.begin() as conn:
            for name in ("audit_log_no_update", "audit_log_no_delete"):
                conn.exec_driver_sql(f"DROP TRIGGER {name}")
            prev = audit.GENESIS
            for row in conn.execute(select(AuditEntry.__table__).order_by(AuditEntry.seq)).all():
                digest = audit.entry_hash(row.seq, row.at, row.account_id, row.action,
                                          row.object_type, row.object_id, row.outcome, prev)
                conn.exec_driver_sql("UPDATE audit_log SET prev_hash = ?, hash = ?, signer = "
                                     "NULL, origin = NULL, signature = NULL WHERE seq = ?",
                                     (prev, digest, row.seq))
                prev = digest
            for sql in audit.TRIGGERS.values():
                conn.exec_driver_sql(sql)
            legacy = conn.execute(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())).first()[0]

        def head(slots):
            slots.audit_head = {"seq": legacy, "hash": prev}
        ws._update_slots(head)
    finally:
        ws.engine.dispose()
        ws.hold.release()
        ws.closed = True
    for username, password in (("admin", ADMIN_PASSWORD), ("worker", WORKER_PASSWORD)):
        auth.sign_out(auth.sign_in(folder, username, password))
    code, out, _ = _verify(monkeypatch, capsys, folder)
    assert code == 0, out
    assert f"entries 1 to {legacy} were made before entries were signed" in out
    rows = audit_rows(folder, recovery_key)
    assert all(r.signature for r in rows if r.seq > legacy)
    # An unsigned entry after signing began is named.
    with without_append_only_triggers(folder, recovery_key) as conn:
        _rechain(conn, "", legacy + 2, lambda row: {"signer": None, "signature": None}
                 if row.seq == legacy + 2 else {})
    _reseal_head(folder, recovery_key)
    code, out, _ = _verify(monkeypatch, capsys, folder)
    assert code == 1 and _bad_entry(out) == legacy + 2
