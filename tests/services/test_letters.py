"""Letters: templates checked at load, outcome letters after the decision, markup printed
as data, large print, safe contact before posting, finalised letters stored."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

import pytest
from pypdf import PdfReader

from sv2desk import errors
from sv2desk.letters import render as renderer, templates
from sv2desk.services import (accounts, auth, concerns, letters, outcomes, referrals, reviews,
                              settings, signposting)

from ..support.pdf_tools import font_sizes, pdf_text
from sv2desk.practice import earlier_today
from ..support.service_examples import (concern_form, decision_form, discussion_form,
                                        explanation_form, referral_form)

SECOND_PASSWORD = "kestrel orchard lamp 2"
MARKUP = ['<font color="[[x]]">', '<img src="file:///etc/passwd"/>', '<a href="http://x">',
          "&amp;", "<b>", "unbalanced < here"]
HOSTILE = " ".join(MARKUP)


# -- templates -----------------------------------------------------------------------------

def test_every_shipped_template_loads():
    for kind in templates.KINDS:
        assert templates.load(kind).paragraphs


@pytest.mark.parametrize("text,problem", [
    ("Subject: Hello {greeting_name}\n\nDear {greting_name}, {organisation_name} "
     "{organisation_phone} {reference}\n\n[services]", "unknown placeholders: {greting_name}"),
    ("Subject: Hello\n\nDear {greeting_name}, {organisation_phone}\n\n[services]",
     "missing placeholders it needs: {organisation_name}"),
    ("Subject: Hi\n\n{greeting_name} {organisation_name} {organisation_phone}",
     "must list the services"),
    ("Dear {greeting_name}", "must start with a 'Subject:' line"),
    ("Subject: x\n\n{greeting_name!r} {organisation_name} {organisation_phone}\n\n[services]",
     "not a plain name"),
])
def test_a_broken_template_is_an_error_when_it_loads(text, problem):
    with pytest.raises(templates.TemplateError) as bad:
        templates.parse("signposting", text)
    assert problem in str(bad.value)


def test_a_blank_value_is_an_error_never_a_blank_in_the_letter():
    template = templates.load("signposting")
    values = dict.fromkeys(templates.COMMON_FIELDS, "x") | {"organisation_phone": "  "}
    with pytest.raises(templates.TemplateError) as bad:
        template.fill(values, ["A service"])
    assert "organisation phone" in str(bad.value)


# -- a case taken to a decision -------------------------------------------------------------

@pytest.fixture
def decided(created, admin_session, folder):
    """A case (post safe, to a safe address) with a 'support ends' decision recorded.
    Returns (admin session, case id, concern id)."""
    admin = admin_session
    second = accounts.create_account(admin, "second", "Second Manager", SECOND_PASSWORD,
                                     {"manager"})
    accounts.set_line_manager(admin, admin.account_id, second.id)
    case = referrals.create_referral(admin, referral_form(
        "Robin Client", address="2 Safe Road\nMatlock", post_is_safe=True, assign_to_me=True,
        external_referral=True, referrer_organisation="GP surgery", referrer_name="Dr Ref",
        referrer_contact_consent=True)).id
    concern = concerns.raise_concern(admin, case, concern_form())
    concerns.record_explanation(admin, concern, explanation_form())
    concerns.countersign_discussion(admin, concern, SECOND_PASSWORD, discussion_form())
    manager = auth.sign_in(folder, "second", SECOND_PASSWORD)
    reviews.decide(manager, concern, decision_form(outcome="support_ends"))
    auth.sign_out(manager)
    return admin, case, concern


def services_of(session, category):
    return [s.id for s in signposting.search(session, category=category)]


def test_outcome_letters_need_the_decision_first(created, admin_session):
    case = referrals.create_referral(admin_session, referral_form(assign_to_me=True)).id
    with pytest.raises(errors.ActionRefused) as refused:
        letters.compose(admin_session, case, letters.LetterRequest("outcome_not_supported", [1]))
    assert "once a manager has recorded the decision" in refused.value.message


def test_outcome_letter_must_match_the_decision(decided):
    admin, case, _ = decided
    with pytest.raises(errors.ActionRefused) as refused:
        letters.compose(admin, case, letters.LetterRequest("outcome_support_continues", []))
    assert "does not match the decision" in refused.value.message


def test_outcome_letter_says_what_the_policy_says(decided):
    admin, case, _ = decided
    text = letters.compose(admin, case, letters.LetterRequest(
        "outcome_not_supported", services_of(admin, "harm_prevention"),
        services_of(admin, "survivors")))
    words = " ".join(pdf_text(letters.preview(admin, text)).split())
    assert "not able to support people who have sexually harmed others" in words
    assert "Stop It Now" in words                       # services that can help
    assert "experienced sexual abuse themselves" in words  # support for their own experience
    assert "Rape Crisis" in words
    assert "share information with the relevant authority" in words  # safeguarding statement
    without = letters.compose(admin, case, letters.LetterRequest(
        "outcome_not_supported", services_of(admin, "harm_prevention")))
    assert "experienced sexual abuse" not in without.body


def test_referrer_letter_needs_an_external_referral_with_consent(created, admin_session, decided):
    admin, case, _ = decided
    text = letters.compose(admin, case, letters.LetterRequest("referrer", [1]))
    assert text.recipient_lines[0] == "Dr Ref" and "Dear Dr Ref" in text.body
    own = referrals.create_referral(admin, referral_form(assign_to_me=True)).id
    with pytest.raises(errors.ActionRefused) as refused:
        letters.compose(admin, own, letters.LetterRequest("referrer", [1]))
    assert "consent" in refused.value.message


# -- markup is data --------------------------------------------------------------------------

def test_markup_in_every_field_is_printed_literally(created, admin_session, folder, monkeypatch):
    admin = admin_session
    opened = []
    real_open = open

    def watching_open(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)
    settings.update(admin, organisation=settings.Organisation(
        name="Org " + HOSTILE, address="Street " + HOSTILE, phone="Tel <b>&amp;",
        email="x@example.org", charity_number="No " + HOSTILE))
    accounts.set_line_manager(admin, admin.account_id, None)
    entry = signposting.save(admin, signposting.ServiceForm(
        name="Service " + HOSTILE, category="harm_prevention", phone="Phone " + HOSTILE,
        web="Web " + HOSTILE, opening_hours="Hours " + HOSTILE))
    case = referrals.create_referral(admin, referral_form(
        "Name " + HOSTILE, preferred_name="Pref " + HOSTILE, address="Addr " + HOSTILE,
        post_is_safe=True, assign_to_me=True)).id
    text = letters.compose(admin, case, letters.LetterRequest("signposting", [entry]))
    text = replace(text, body=text.body + "\n\nEdited " + HOSTILE,
                   subject="Subject " + HOSTILE)
    import builtins
    monkeypatch.setattr(builtins, "open", watching_open)
    for large in (False, True):
        pdf = letters.preview(admin, text, large_print=large)
        words = "".join(pdf_text(pdf).split())      # a long word may wrap in a narrow column
        for marker in MARKUP:
            assert words.count("".join(marker.split())) >= 8, marker   # every field, as typed
        reader = PdfReader(io.BytesIO(pdf))
        assert not any("/Annots" in page for page in reader.pages)      # no links made
    assert not any("passwd" in path or path.startswith("http") for path in opened)


# -- large print -------------------------------------------------------------------------------

def test_large_print_is_at_least_16_point(decided):
    admin, case, _ = decided
    text = letters.compose(admin, case, letters.LetterRequest(
        "outcome_not_supported", services_of(admin, "harm_prevention")))
    normal = font_sizes(letters.preview(admin, text))
    large = font_sizes(letters.preview(admin, text, large_print=True))
    body_sizes = {s for s in large if s > 12.5}      # leave out the page footer
    assert min(body_sizes) >= 16
    assert min(s for s in normal if s > 9) < 16        # the ordinary letter is smaller


# -- finalising, storing, posting ----------------------------------------------------------------

def test_finalised_letter_is_stored_with_who_and_when_and_linked(decided, folder):
    admin, case, concern = decided
    text = letters.compose(admin, case, letters.LetterRequest(
        "outcome_not_supported", services_of(admin, "harm_prevention")))
    edited = replace(text, body=text.body + "\n\nA line the worker added.")
    letter_id = letters.finalise(admin, case, edited, large_print=True)
    [info] = letters.list_for_case(admin, case)
    assert info.id == letter_id and info.large_print and info.finalised_by == "Ada Admin"
    assert "A line the worker added." in pdf_text(letters.open_letter(admin, letter_id))
    outcomes.record_communication(admin, concern, outcomes.CommunicationForm(
        earlier_today(timedelta(minutes=2)), "letter", True))
    record = concerns.view(admin, concern)
    assert record.communication["letter_sent"] is True
    from sv2desk.models import Letter
    with admin.workspace.transaction() as db:
        assert db.get(Letter, letter_id).communication_id is not None


def test_printing_for_post_checks_safe_contact(created, admin_session):
    admin = admin_session
    unsafe = referrals.create_referral(admin, referral_form(
        "Post Unsafe", address="3 Home Road", post_is_safe=False, assign_to_me=True)).id
    letter = letters.finalise(admin, unsafe, letters.compose(
        admin, unsafe, letters.LetterRequest("signposting", [1])))
    check = letters.postal_check(admin, letter)
    assert not check.allowed and "post is not safe" in check.reason
    with pytest.raises(errors.ActionRefused) as refused:
        letters.print_for_post(admin, letter)
    assert "Hand it over in person" in refused.value.message
    assert letters.hand_over(admin, letter).startswith(b"%PDF")

    safe = referrals.create_referral(admin, referral_form(
        "Post Safe", address="4 Home Road", post_is_safe=True,
        safe_post_address="PO Box 7\nDerby", assign_to_me=True)).id
    text = letters.compose(admin, safe, letters.LetterRequest("signposting", [1]))
    assert "PO Box 7" in text.recipient_lines
    good = letters.finalise(admin, safe, text)
    check = letters.postal_check(admin, good)
    assert check.allowed and "plain envelope" in check.envelope_note
    assert letters.print_for_post(admin, good).startswith(b"%PDF")
    wrong_address = letters.finalise(admin, safe, replace(
        text, recipient_lines=("Post Safe", "4 Home Road")))
    with pytest.raises(errors.ActionRefused) as refused:
        letters.print_for_post(admin, wrong_address)
    assert "not addressed to the address" in refused.value.message


def test_letterhead_has_the_organisation_details(created, admin_session):
    text = renderer.LetterText("signposting", "Subject", ("Someone",), "Body", ("Me",))
    pdf = renderer.render(text, renderer.Letterhead("SV2 Org", "1 Street\nDerby", "01332 1",
                                                    "a@b.org", "1234567"))
    words = pdf_text(pdf)
    for expected in ("SV2 Org", "1 Street", "Derby", "01332 1", "a@b.org",
                     "Registered charity number 1234567"):
        assert expected in words
