"""What goes into letters and copies from elsewhere: the logo (PNG or JPEG only, checked
and re-encoded by SV2 Desk itself, never handed to another program), directory entries not
confirmed or not checked in a year (warned about, and recorded with the letter), and other
people's names in free text (found for the manager to withhold or release)."""

from __future__ import annotations

import base64
import io
import json
import subprocess
from datetime import date, timedelta

import pytest
from PIL import Image
from pypdf import PdfReader

from sv2desk import errors
from sv2desk.models import DirectoryEntry, Letter
from sv2desk.services import (accounts, assessments, letters, referrals, settings,
                              signposting, subject_access, support)

from ..support.service_examples import assessment_form, referral_form, session_form


def picture(kind: str, size=(40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (107, 44, 145)).save(out, kind)
    return out.getvalue()


def organisation(logo: str) -> settings.Organisation:
    return settings.Organisation(name="SV2 Test", address="1 Test Street", logo_png=logo)


# -- the logo ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_png_or_jpeg_logo_is_re_encoded_as_a_fresh_png(kind):
    stored = base64.b64decode(settings.logo_png(picture(kind)))
    assert stored.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(stored)).size == (40, 20)


EPS = (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
       b"(/etc/passwd) (r) file pop showpage\n")


@pytest.mark.parametrize("data,words", [
    (EPS, "not a PNG or JPEG"),
    (b"GIF89a" + b"\x00" * 30, "not a PNG or JPEG"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a PNG or JPEG"),
    (picture("PNG")[:60], "not a PNG or JPEG"),                       # cut short
    (b"\x89PNG\r\n\x1a\n" + EPS, "not a PNG or JPEG"),                 # a PNG in name only
    (b"\xff\xd8\xff" + b"\x00" * (settings.MAX_LOGO_BYTES + 1), "too large"),
    (picture("PNG", (5000, 2)), "at most 4,000 by 4,000"),
])
def test_anything_else_is_refused_in_plain_words_and_no_program_is_run(data, words,
                                                                      monkeypatch):
    def no_programs(*args, **kwargs):
        raise AssertionError(f"another program was started: {args}")
    monkeypatch.setattr(subprocess, "Popen", no_programs)
    with pytest.raises(errors.ValidationError) as refused:
        settings.logo_png(data)
    assert words in refused.value.fields["logo"]


def test_the_service_refuses_a_logo_that_is_not_a_checked_png(created, admin_session):
    eps = base64.b64encode(EPS).decode()
    with pytest.raises(errors.ValidationError) as refused:
        settings.update(admin_session, organisation=organisation(eps))
    assert "logo" in refused.value.fields
    jpeg = base64.b64encode(picture("JPEG")).decode()
    saved = settings.update(admin_session, organisation=organisation(jpeg))
    assert base64.b64decode(saved.organisation.logo_png).startswith(b"\x89PNG")


def test_organisation_details_are_limited_to_what_the_letterhead_holds(created, admin_session):
    with pytest.raises(errors.ValidationError) as refused:
        settings.update(admin_session, organisation=settings.Organisation(
            name="N" * 121, address="\n".join(["line"] * 9)))
    assert set(refused.value.fields) == {"name", "address"}


# -- directory entries to check ------------------------------------------------------------------

def _entry(admin, name: str) -> int:
    return signposting.save(admin, signposting.ServiceForm(name=name, category="survivors",
                                                           phone="0100 000000"))


def test_an_unconfirmed_or_stale_entry_is_warned_about_and_recorded(created, admin_session):
    admin = admin_session
    case = referrals.create_referral(admin, referral_form(
        "Dana Directory", address="1 Post Road", post_is_safe=True, assign_to_me=True)).id
    fresh = _entry(admin, "Fresh Service")
    signposting.confirm(admin, fresh, date.today())
    stale = _entry(admin, "Stale Service")
    signposting.confirm(admin, stale, date.today() - timedelta(days=400))
    new = _entry(admin, "New Service")                  # never confirmed

    checked = letters.compose(admin, case, letters.LetterRequest("signposting", [fresh]))
    assert checked.directory_warnings == ()
    text = letters.compose(admin, case, letters.LetterRequest("signposting",
                                                              [fresh, stale, new]))
    warned = " ".join(text.directory_warnings)
    assert "Stale Service: Not checked for over 12 months" in warned
    assert "New Service: Check before first use" in warned and "Fresh" not in warned
    letter_id = letters.finalise(admin, case, text)
    recorded = dict(letters.unconfirmed_services(admin, letter_id))
    assert set(recorded) == {"Stale Service", "New Service"}
    with admin.workspace.transaction() as db:
        body = json.loads(db.get(Letter, letter_id).body)
        assert {e["name"] for e in body["unconfirmed_services"]} == set(recorded)
        # what is recorded is the entries' state when finalised, not the editable text
        db.get(DirectoryEntry, new).confirmed = True
    assert len(letters.unconfirmed_services(admin, letter_id)) == 2


# -- other people's names in a subject access copy -------------------------------------------------

def test_other_peoples_names_in_free_text_are_found_for_the_manager(created, admin_session):
    admin = admin_session
    other = referrals.create_referral(admin, referral_form(
        "Other Client", persons_named=[referrals.PersonNamed("Cornelius Blackwood",
                                                             "neighbour", "")])).id
    assert other
    case = referrals.create_referral(admin, referral_form(
        "Marigold Featherstone", assign_to_me=True, interaction_answer="yes",
        interaction_details="Sees Bartholomew Thistlewood at the market",
        persons_named=[referrals.PersonNamed("Bartholomew Thistlewood", "ex-partner", "")])).id
    assessments.complete(admin, case, assessment_form())
    support.record_session(admin, case, session_form(
        note="Talked with Wyn Worker about Thistlewood, and about Cornelius Blackwood from "
             "next door. Marigold said her annual leave starts soon."))
    found = {n.name: n for n in subject_access.review(admin, case)}
    assert set(found) == {"Bartholomew Thistlewood", "Cornelius Blackwood", "Wyn Worker"}
    assert found["Bartholomew Thistlewood"].withhold_by_default
    assert found["Cornelius Blackwood"].withhold_by_default          # the index of persons
    assert "another record" in found["Cornelius Blackwood"].who
    assert not found["Wyn Worker"].withhold_by_default               # staff, in their role
    assert any("Support sessions" in p for p in found["Bartholomew Thistlewood"].places)

    default = subject_access.export(admin, case)
    text = " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(io.BytesIO(default.pdf)).pages)
    for withheld in ("Thistlewood", "Bartholomew", "Blackwood"):
        assert withheld not in text and withheld not in default.json.decode()
    assert "Wyn Worker" in text and "Marigold" in text          # staff, and the client
    reasons = [w.reason for w in default.withheld if w.item == "Session note"]
    assert any("someone the client named" in r for r in reasons)
    assert any("another record" in r for r in reasons)

    # The manager releases the neighbour and withholds the worker's name.
    chosen = subject_access.export(admin, case, withhold={found["Bartholomew Thistlewood"].key,
                                                          found["Wyn Worker"].key})
    text = chosen.json.decode()
    assert "Cornelius Blackwood" in text and "Wyn Worker" not in text.split('"produced_by"')[0]
    assert any("a member of staff" in w.reason for w in chosen.withheld)


def test_a_large_case_with_fifty_letters_and_notes_at_the_limit_exports(created, admin_session):
    from sv2desk.policy.referral import NOTE_LIMIT
    admin = admin_session
    accounts.set_line_manager(admin, admin.account_id, None)
    case = referrals.create_referral(admin, referral_form(
        "Łucja Wąsowska-Żółć", address="2 Safe Road", post_is_safe=True, assign_to_me=True,
        safeguarding_note=("Noted. " * 4000)[:NOTE_LIMIT])).id
    every = [s.id for s in signposting.search(admin)]
    text = letters.compose(admin, case, letters.LetterRequest("signposting", every))
    for n in range(50):
        letters.finalise(admin, case, text)
    assessments.complete(admin, case, assessment_form())
    for n in range(3):
        support.record_session(admin, case, session_form(note=("Long note. " * 3000)[:NOTE_LIMIT]))
    bundle = subject_access.export(admin, case)
    pages = PdfReader(io.BytesIO(bundle.pdf)).pages
    assert len(pages) > 20
    last = " ".join(pages[-1].extract_text().split())
    assert f"Page {len(pages)} of {len(pages)}" in last and bundle.reference in last
