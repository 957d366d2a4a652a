"""A key slot made under the Argon2 floor (before there was one, or calibrated on a busy PC)
is made again at the floor the first time its password opens it: the same password still
opens it, the audit trail it signed still verifies, the change is audited, and nothing is
lost if it cannot be saved (issue 19)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry
from sv2desk.services import audit, auth
from sv2desk.store import crypto, slots as slots_mod

from ..support.workspaces import ADMIN_PASSWORD, WORKER_PASSWORD

pytestmark = pytest.mark.file_only


def _slot(folder, account_id: int) -> dict:
    data = json.loads((folder / "keys.json").read_text())
    return next(s for s in data["slots"] if s.get("account_id") == account_id
                and s["kind"] == "account")


def _entries(session, action: str) -> list[AuditEntry]:
    with session.workspace.transaction() as db:
        return list(db.scalars(select(AuditEntry).where(AuditEntry.action == action)))


@pytest.fixture
def floor_applies(monkeypatch):
    """Signing in as on a real PC (the tests' cheap-key override off), with a floor far
    above the tests' slots but cheaper than the real one (each derivation at the real floor
    is about half a second; what is tested is what happens under and at a floor)."""
    monkeypatch.delenv("SV2DESK_KDF_TARGET_MS", raising=False)
    monkeypatch.setattr(crypto, "FLOOR", crypto.KdfParams(time_cost=3, memory_kib=2048,
                                                          parallelism=2))
    assert crypto.floor_applies()


def test_a_slot_below_the_floor_is_made_again_at_the_floor_at_sign_in(
        created, folder, floor_applies):
    new, ids = created
    auth.sign_out(new.session)
    before = _slot(folder, ids["worker"])
    assert crypto.below_floor(crypto.KdfParams.from_json(before["kdf"]))   # made cheap

    session = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    after = _slot(folder, ids["worker"])
    assert crypto.KdfParams.from_json(after["kdf"]) == crypto.FLOOR
    assert after["salt"] != before["salt"] and after["wrapped"] != before["wrapped"]
    # The same audit signing key: what this person signed before still verifies.
    assert after["signing"]["public"] == before["signing"]["public"]
    [entry] = _entries(session, "key_slot.strengthened")
    assert (entry.account_id, entry.outcome) == (ids["worker"], "ok")
    auth.sign_out(session)

    # The same password opens it; a wrong one does not; nothing is made again.
    with pytest.raises(errors.WrongPassword):
        auth.sign_in(folder, "worker", "not the password")
    session = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    assert _slot(folder, ids["worker"])["salt"] == after["salt"]
    assert len(_entries(session, "key_slot.strengthened")) == 1
    auth.sign_out(session)

    # New slots (a password reset) are made at the floor from now on, and the trail is whole.
    admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    assert crypto.KdfParams.from_json(
        json.loads((folder / "keys.json").read_text())["kdf"]) == crypto.FLOOR
    assert audit.verify(admin).ok
    auth.sign_out(admin)


def test_the_tests_override_leaves_cheap_slots_as_they_are(created, folder):
    new, ids = created
    auth.sign_out(new.session)
    before = _slot(folder, ids["worker"])
    session = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    assert _slot(folder, ids["worker"]) == before
    assert _entries(session, "key_slot.strengthened") == []
    auth.sign_out(session)


def test_a_slot_that_cannot_be_saved_stays_as_it_was_and_the_sign_in_stands(
        created, folder, floor_applies, monkeypatch):
    new, ids = created
    auth.sign_out(new.session)
    before = _slot(folder, ids["worker"])

    real_write = slots_mod.write_atomically

    def full_disk(path, data):   # the disk fills just as the stronger slot is written
        if f'"memory_kib": {crypto.FLOOR.memory_kib},'.encode() in data:
            raise OSError(28, "No space left on device")
        real_write(path, data)
    monkeypatch.setattr(slots_mod, "write_atomically", full_disk)
    session = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    assert session.open
    [entry] = _entries(session, "key_slot.strengthened")
    assert entry.outcome == "failed"
    auth.sign_out(session)
    monkeypatch.setattr(slots_mod, "write_atomically", real_write)
    assert _slot(folder, ids["worker"]) == before
    auth.sign_out(auth.sign_in(folder, "worker", WORKER_PASSWORD))   # opens, then is made again
    assert crypto.KdfParams.from_json(_slot(folder, ids["worker"])["kdf"]) == crypto.FLOOR
