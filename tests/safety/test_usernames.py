"""Usernames are compared in one Unicode-aware form (NFKC + case folding), for uniqueness
and for the key-slot tag; look-alikes and invisible characters are refused plainly."""

from __future__ import annotations

import unicodedata

import pytest

from sv2desk import errors
from sv2desk.models import Account
from sv2desk.policy import roles, usernames
from sv2desk.services import accounts, auth

from ..support.safety_helpers import assert_plain_message

PASSWORD = "a good password 1"


@pytest.mark.parametrize("first, second", [
    ("ÖRN", "örn"),
    (unicodedata.normalize("NFC", "josé"), unicodedata.normalize("NFD", "josé")),
    ("straße", "strasse"),
    ("ａｎｎｅ", "anne"),                      # full-width letters
    ("Kelvin", "\u212aelvin"),               # the Kelvin sign
])
def test_names_that_differ_only_in_form_are_one_username(admin_session, folder, first, second):
    made = accounts.create_account(admin_session, first, "First Person", PASSWORD,
                                   {roles.SUPPORT_WORKER})
    with pytest.raises(errors.ValidationError) as taken:
        accounts.create_account(admin_session, second, "Second Person", "another password 2",
                                {roles.SUPPORT_WORKER})
    assert "already taken" in taken.value.fields["username"]
    # Either form opens the same key slot, with that person's own password.
    for typed in (first, second, first.upper()):
        session = auth.sign_in(folder, typed, PASSWORD)
        assert session.account_id == made.id
        auth.sign_out(session)


@pytest.mark.parametrize("typed, reason", [
    ("\u0430nn", "one alphabet"),            # Cyrillic а among Latin letters
    ("an\u200bn", "invisible"),              # a zero-width space
    ("ann\u202e", "invisible"),              # a right-to-left override
    ("an\x00n", "control"),
    ("an\tn", "no spaces"),
    ("ann smith", "no spaces"),
    ("p\u0430yp\u0430l", "one alphabet"),
])
def test_look_alikes_and_invisible_characters_are_refused_with_a_reason(admin_session, typed,
                                                                       reason):
    with pytest.raises(errors.ValidationError) as refused:
        accounts.create_account(admin_session, typed, "Some Person", PASSWORD,
                                {roles.SUPPORT_WORKER})
    assert reason in refused.value.fields["username"]
    assert_plain_message(refused.value)


@pytest.mark.parametrize("typed", ["ann", "sofia.b-k_2", "Σοφία", "山田たろう", "taro山田",
                                   "Ólafur", "Nguyễn"])
def test_ordinary_usernames_in_any_one_script_are_fine(typed):
    assert usernames.problem(typed) is None


def test_an_existing_workspace_with_colliding_names_is_reported_and_both_still_sign_in(
        admin_session, folder):
    """Two accounts made before usernames were compared in one form (put in directly, as
    an earlier version allowed): each signs in with their own password, and an
    administrator is told."""
    ws = admin_session.workspace
    with ws.transaction() as db:
        made = []
        for name in ("ÖRN", "örn"):
            account = Account(username=name, display_name=f"Person {name}", active=True,
                              created_at="2024-01-01T00:00:00+00:00", roles=[])
            db.add(account)
            db.flush()
            made.append(account.id)
        from sv2desk.models import AccountRole
        for account_id in made:
            db.add(AccountRole(account_id=account_id, role=roles.SUPPORT_WORKER))
    for account_id, name, password in zip(made, ("ÖRN", "örn"),
                                          ("first password 1", "second password 2")):
        ws.set_password_slot(account_id, name, password)
    for name, password, account_id in (("ÖRN", "first password 1", made[0]),
                                       ("örn", "second password 2", made[1])):
        session = auth.sign_in(folder, name, password)
        assert session.account_id == account_id
        auth.sign_out(session)
    admin = auth.sign_in(folder, "admin", "admin password 1")
    try:
        [notice] = [n for n in admin.notices if "treats as the same" in n]
        assert f"{made[0]}, {made[1]}" in notice
    finally:
        auth.sign_out(admin)
