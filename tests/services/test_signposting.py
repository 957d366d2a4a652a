"""The signposting directory: seeded with real services marked 'check before first use',
searchable by everyone, edited by managers and administrators, confirmed by an admin."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sv2desk import errors
from sv2desk.policy import signposting as policy
from sv2desk.services import auth, signposting

from ..support.workspaces import MANAGER_PASSWORD, WORKER_PASSWORD


def test_seeded_with_real_services_each_to_check_before_use(admin_session):
    entries = signposting.search(admin_session)
    names = " ".join(e.name for e in entries)
    for expected in ("Stop It Now", "Respect Phoneline", "Rape Crisis England & Wales",
                     "NSPCC", "Derbyshire County Council", "Derby City Council"):
        assert expected in names
    assert {e.category for e in entries} >= {"harm_prevention", "survivors", "safeguarding",
                                            "police"}
    assert all(e.warning == policy.CHECK_BEFORE_USE for e in entries)


def test_everyone_can_search_by_words_and_category(created, folder):
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        assert [e.name for e in signposting.search(worker, "stop")] == [
            "Stop It Now (Lucy Faithfull Foundation)"]
        helping = signposting.search(worker, category="harm_prevention")
        assert helping and all(e.category == "harm_prevention" for e in helping)
        assert signposting.search(worker, "derby", category="police")
        with pytest.raises(errors.PermissionDenied):
            signposting.save(worker, signposting.ServiceForm(name="X", category="other",
                                                             phone="1"))
    finally:
        auth.sign_out(worker)


def test_admin_confirms_and_an_old_check_warns_again(admin_session):
    entry = signposting.search(admin_session, "Samaritans")[0]
    signposting.confirm(admin_session, entry.id)
    assert signposting.search(admin_session, "Samaritans")[0].warning is None
    old = date.today() - timedelta(days=policy.STALE_AFTER_DAYS + 1)
    signposting.confirm(admin_session, entry.id, checked_on=old)
    assert "over 12 months" in signposting.search(admin_session, "Samaritans")[0].warning


def test_a_managers_change_needs_confirming_again(created, admin_session, folder):
    entry = signposting.search(admin_session, "Samaritans")[0]
    signposting.confirm(admin_session, entry.id)
    manager = auth.sign_in(folder, "manager", MANAGER_PASSWORD)
    try:
        signposting.save(manager, signposting.ServiceForm(
            name="Samaritans", category="other", phone="116 123",
            notes="New hours", last_checked=date.today()), entry.id)
        changed = signposting.search(manager, "Samaritans")[0]
        assert changed.notes == "New hours" and changed.warning == policy.CHECK_BEFORE_USE
        with pytest.raises(errors.PermissionDenied):
            signposting.confirm(manager, entry.id)
    finally:
        auth.sign_out(manager)


def test_entries_are_checked_field_by_field(admin_session):
    with pytest.raises(errors.ValidationError) as bad:
        signposting.save(admin_session, signposting.ServiceForm(
            last_checked=date.today() + timedelta(days=1)))
    assert {"name", "category", "phone", "last_checked"} <= set(bad.value.fields)


def test_a_retired_entry_leaves_the_search(admin_session):
    entry = signposting.search(admin_session, "Samaritans")[0]
    signposting.retire(admin_session, entry.id)
    assert signposting.search(admin_session, "Samaritans") == []
