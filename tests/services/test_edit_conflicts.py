"""Two people changing one record at once (two PCs on the office server, or two windows on
one PC): the second save is refused with who changed it and which details, the second
person's typing is left as it was, and saving again after looking is allowed."""

from __future__ import annotations

import dataclasses

import pytest

from sv2desk import errors
from sv2desk.services import auth, signposting

from ..support.workspaces import MANAGER_PASSWORD

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


# -- every other record two people can change -------------------------------------------------

def test_a_second_change_of_an_account_is_refused_saying_who_and_what(people, created):
    from sv2desk.policy import roles
    from sv2desk.services import accounts
    admin = people["admin"]
    _, ids = created
    accounts.set_roles(admin, ids["manager"], {roles.MANAGER, roles.ADMIN})
    second_admin = auth.sign_in(admin.workspace.folder, "manager", MANAGER_PASSWORD)
    try:
        mine = next(a for a in accounts.list_accounts(admin) if a.id == ids["worker"])
        theirs = next(a for a in accounts.list_accounts(second_admin) if a.id == ids["worker"])
        accounts.set_roles(second_admin, ids["worker"], {roles.SUPPORT_WORKER, roles.MANAGER},
                           opened=theirs)
        with pytest.raises(errors.EditConflict) as refused:
            accounts.set_line_manager(admin, ids["worker"], None, opened=mine)
        assert refused.value.changed_by == "Mo Manager"
        assert refused.value.fields == ("roles",)
        now = next(a for a in accounts.list_accounts(admin) if a.id == ids["worker"])
        assert now.line_manager_id == mine.line_manager_id      # nothing saved
        assert now.version > mine.version
        with pytest.raises(errors.EditConflict) as again:
            accounts.set_roles(admin, ids["worker"], {roles.SUPPORT_WORKER}, opened=mine)
        assert again.value.fields == ("roles",)
        # Having looked, the change goes through over the newer version.
        accounts.set_line_manager(admin, ids["worker"], None, opened=now)
        assert next(a for a in accounts.list_accounts(admin)
                    if a.id == ids["worker"]).line_manager_id is None
    finally:
        auth.sign_out(second_admin)


def test_a_second_save_of_the_settings_is_refused_saying_who_and_what(people, created):
    from sv2desk.policy import roles
    from sv2desk.services import accounts, settings
    admin = people["admin"]
    _, ids = created
    accounts.set_roles(admin, ids["manager"], {roles.MANAGER, roles.ADMIN})
    other = auth.sign_in(admin.workspace.folder, "manager", MANAGER_PASSWORD)
    try:
        mine, theirs = settings.read(admin), settings.read(other)
        settings.update(other, idle_lock_minutes=7, opened=theirs)
        organisation = dataclasses.replace(mine.organisation, phone="01332 222222")
        with pytest.raises(errors.EditConflict) as refused:
            settings.update(admin, organisation=organisation, opened=mine)
        assert refused.value.changed_by == "Mo Manager"
        assert refused.value.fields == ("idle lock time",)
        now = settings.read(admin)
        assert now.organisation.phone == mine.organisation.phone and now.idle_lock_minutes == 7
        settings.update(admin, organisation=organisation, opened=now)
        assert settings.read(other).organisation.phone == "01332 222222"
    finally:
        auth.sign_out(other)


def test_a_second_save_of_a_site_or_a_room_is_refused_saying_who_and_what(people, created):
    from sv2desk.policy import roles
    from sv2desk.services import accounts, diary
    from sv2desk.services.diary import RoomForm, SiteForm
    admin = people["admin"]
    _, ids = created
    accounts.set_roles(admin, ids["manager"], {roles.MANAGER, roles.ADMIN})
    other = auth.sign_in(admin.workspace.folder, "manager", MANAGER_PASSWORD)
    try:
        site = diary.save_site(admin, SiteForm(name="Derby office", address="1 Main St"))
        room = diary.save_room(admin, RoomForm(site_id=site, name="Room 1"))
        (my_site,), (my_room,) = diary.rooms(admin)
        (their_site,), (their_room,) = diary.rooms(other)
        diary.save_site(other, SiteForm(name="Derby office", address="2 Main St"), site,
                        opened=their_site)
        diary.save_room(other, RoomForm(site_id=site, name="Room 1", step_free=True), room,
                        opened=their_room)
        typed = SiteForm(name="Derby centre", address="1 Main St")
        with pytest.raises(errors.EditConflict) as refused:
            diary.save_site(admin, typed, site, opened=my_site)
        assert (refused.value.changed_by, refused.value.fields) == ("Mo Manager", ("address",))
        assert typed == SiteForm(name="Derby centre", address="1 Main St")
        with pytest.raises(errors.EditConflict) as refused:
            diary.save_room(admin, RoomForm(site_id=site, name="Room A"), room, opened=my_room)
        assert refused.value.fields == ("step-free access",)
        (now_site,), (now_room,) = diary.rooms(admin)
        assert (now_site.name, now_site.address) == ("Derby office", "2 Main St")
        assert (now_room.name, now_room.step_free) == ("Room 1", True)
        diary.save_site(admin, typed, site, opened=now_site)
        assert diary.rooms(other)[0][0].name == "Derby centre"
    finally:
        auth.sign_out(other)


def test_a_booking_someone_else_marked_meanwhile_is_refused_saying_who(people):
    from sv2desk.services import assessments, diary, referrals
    from ..support.service_examples import assessment_form, booking_form, referral_form
    worker, manager = people["worker"], people["manager"]
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    assessments.complete(worker, case, assessment_form())
    booked = diary.book(worker, case, booking_form())
    diary.cancel(manager, booked, "client", "Rang to say she is unwell")
    with pytest.raises(errors.EditConflict) as refused:
        diary.cancel(worker, booked, "service", "Worker off sick")
    assert refused.value.changed_by == "Mo Manager"
    assert refused.value.fields == ("marked cancelled",)
    assert isinstance(refused.value, errors.ActionRefused)     # as for any settled session
    with pytest.raises(errors.EditConflict):
        diary.reschedule(worker, booked, booking_form(2))
