"""Two people changing one record at once (two PCs on the office server, or two windows on
one PC): the second save is refused with who changed it and which details, the second
person's typing is left as it was, and saving again after looking is allowed."""

from __future__ import annotations

import dataclasses

import pytest

from sv2desk import errors
from sv2desk.services import auth, signposting

from .conftest import MANAGER_PASSWORD

pytestmark = pytest.mark.both_kinds


def _form(service, **changes) -> signposting.ServiceForm:
    form = signposting.ServiceForm(**{f.name: getattr(service, f.name)
                                      for f in dataclasses.fields(signposting.ServiceForm)})
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def test_the_second_save_is_refused_saying_who_and_what(created, folder, admin_session):
    manager = auth.sign_in(folder, "manager", MANAGER_PASSWORD)
    try:
        entry = signposting.search(admin_session)[0]
        mine = signposting.search(admin_session)[0]      # both have it open
        theirs = signposting.search(manager)[0]
        signposting.save(manager, _form(theirs, phone="01332 111111", notes="Open late"),
                         theirs.id, opened=theirs)
        typed = _form(mine, opening_hours="Mon-Fri 9 to 5")
        kept = dataclasses.replace(typed)
        with pytest.raises(errors.EditConflict) as refused:
            signposting.save(admin_session, typed, mine.id, opened=mine)
        conflict = refused.value
        assert conflict.changed_by == "Mo Manager"
        assert conflict.fields == ("phone", "notes")
        assert "Mo Manager changed this record" in conflict.message
        assert "What you typed is still here" in conflict.message
        assert typed == kept                              # the form is untouched
        now = next(s for s in signposting.search(admin_session) if s.id == entry.id)
        assert now.phone == "01332 111111" and now.opening_hours == entry.opening_hours
        # Having looked, the person saves again (over the newer version, knowingly).
        signposting.save(admin_session, _form(now, opening_hours="Mon-Fri 9 to 5"), now.id,
                         opened=now)
        final = next(s for s in signposting.search(manager) if s.id == entry.id)
        assert final.opening_hours == "Mon-Fri 9 to 5" and final.phone == "01332 111111"
    finally:
        auth.sign_out(manager)


def test_a_save_of_an_unchanged_record_goes_through(created, admin_session):
    entry = signposting.search(admin_session)[0]
    signposting.save(admin_session, _form(entry, notes="Checked by phone"), entry.id,
                     opened=entry)
    again = next(s for s in signposting.search(admin_session) if s.id == entry.id)
    assert again.notes == "Checked by phone" and again.version == entry.version + 1
