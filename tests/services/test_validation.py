"""One validation module (policy/validation.py) for every service: every free-text field of
every form has a limit in one table; text at the limit is taken and one character more is
refused, naming the field; required text needs something visible; impossible dates are
refused. The limits page in docs/ is the table."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from sv2desk import errors
from sv2desk.letters.render import LetterText
from sv2desk.policy import rules_page, validation
from sv2desk.services import (assessments, concerns, letters, outcomes, referrals, reviews,
                              settings, signposting, support)

from ..support.service_examples import (assessment_form, communication_form, concern_form,
                                        decision_form, discussion_form, letter_text, referral_form,
                                        session_form)

INVISIBLE = ("", "   ", "\u200b", "\u200b\u2060\ufeff", "\n\t", "\u3164", "\u2800", "\x00\x01")


def _raises(fn):
    def check(form):
        try:
            fn(form)
        except errors.ValidationError as exc:
            return exc.fields
        return {}
    return check


# form name in LIMITS -> (a valid form, its check, free-text fields: LIMITS field -> the
# attribute set and the problem's key)
FORMS = {
    "referral": (referral_form, referrals.check, None),
    "person_named": (lambda: referrals.PersonNamed("Named Person"), referrals.person_problems,
                     None),
    "assessment": (assessment_form, assessments.check, None),
    "support_session": (session_form, support.check, {"note": "note", "location": "location"}),
    "concern": (concern_form, concerns.concern_problems, None),
    "discussion": (discussion_form, concerns.discussion_problems, None),
    "decision": (decision_form, lambda f: reviews.decision_problems(f, True),
                 {f: f for f in ("safeguarding_authority", "safeguarding_reference",
                                 "safeguarding_lawful_basis", "victim_safety_note",
                                 "communicator_reason")}),
    "communication": (communication_form, outcomes.communication_problems, None),
    "letter": (letter_text, letters.letter_problems, {"subject": "subject", "body": "body"}),
    "directory_entry": (lambda: signposting.ServiceForm(name="A service", category="other",
                                                        phone="0100 000000"),
                        _raises(signposting._check), None),
    "organisation": (lambda: settings.Organisation(name="SV2"),
                     _raises(settings.validate_organisation), None),
}


def _text_fields(form) -> list[str]:
    return [f.name for f in dataclasses.fields(form) if isinstance(getattr(form, f.name), str)]


CHOICES = {"harm_timing", "interaction_answer", "eligibility_decision", "arrived_by", "method",
           "session_type", "risk_level", "outcome", "safeguarding_consent", "communicator",
           "kind", "category", "logo_png", "referrer_type"}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_free_text_field_of_every_form_has_a_limit(name):
    make, _, fields = FORMS[name]
    free = [f for f in _text_fields(make()) if f not in CHOICES]
    listed = set(fields or {f: f for f in free})
    assert set(free) <= set(validation.LIMITS[name]) | listed, (
        f"add these fields of the {name} form to policy/validation.py LIMITS: "
        f"{sorted(set(free) - set(validation.LIMITS[name]))}")


@pytest.mark.parametrize("name", sorted(FORMS))
def test_text_up_to_its_limit_is_taken_and_one_more_character_is_refused(name):
    make, check, fields = FORMS[name]
    fields = fields or {f: f for f in _text_fields(make()) if f not in CHOICES}
    for attr, key in fields.items():
        limit = validation.limit(name, attr)
        at_limit = dataclasses.replace(make(), **{attr: "é" * limit})
        assert validation.too_long(limit) not in check(at_limit).values(), (name, attr)
        over = dataclasses.replace(make(), **{attr: "é" * (limit + 1)})
        assert check(over).get(key) == validation.too_long(limit), (name, attr)


@pytest.mark.parametrize("value", INVISIBLE)
@pytest.mark.parametrize("name,attr", [
    ("concern", "information"), ("concern", "source"), ("discussion", "risks"),
    ("discussion", "needs"), ("decision", "victim_safety_note"), ("person_named", "name")])
def test_required_text_must_have_something_visible_in_it(name, attr, value):
    make, check, _ = FORMS[name]
    form = make()
    setattr(form, attr, value)
    assert attr in check(form)
    setattr(form, attr, "\u200bŁucja\u200b")       # visible, in any script: taken
    assert attr not in check(form)


@pytest.mark.parametrize("value", INVISIBLE)
def test_a_name_of_only_invisible_characters_is_not_a_name(value):
    assert "name" in referrals.check(referral_form(name=value, preferred_name=value))


def test_half_a_character_is_refused_naming_the_field():
    form = concern_form()
    form.information = "broken \ud800 paste"
    assert concerns.concern_problems(form) == {"information": validation.UNSAVABLE}


def test_text_that_is_not_text_is_refused_not_crashed_on():
    form = concern_form()
    form.information = 12345
    form.source = None
    assert concerns.concern_problems(form) == {"information": validation.NOT_TEXT,
                                               "source": validation.NOT_TEXT}


# -- dates that cannot be right -------------------------------------------------------------

def test_an_explanation_before_the_concern_was_raised_is_refused():
    raised = (datetime.now() - timedelta(days=2)).astimezone().isoformat()
    form = concerns.ExplanationForm(explained_on=datetime.now() - timedelta(days=3 * 365),
                                    method="phone",
                                    points={n: True for n, _ in concerns.policy.FOUR_POINTS})
    assert concerns.explanation_problems(form, raised) == {
        "explained_on": "That is before the concern was raised."}
    form.explained_on = datetime.now() - timedelta(days=2)
    assert concerns.explanation_problems(form, raised) == {}
    form.explained_on = datetime.now() + timedelta(hours=2)
    assert concerns.explanation_problems(form, raised) == {
        "explained_on": "That is in the future."}


def test_an_outcome_shared_before_the_decision_is_refused():
    decided = datetime.now().astimezone().isoformat()
    form = dataclasses.replace(communication_form(),
                               communicated_on=datetime.now() - timedelta(days=400))
    assert outcomes.communication_problems(form, decided) == {
        "communicated_on": "That is before the decision was recorded."}


def test_a_safeguarding_report_in_the_future_is_refused():
    steps = decision_form().steps | {"report_safeguarding": ("done", "")}
    form = decision_form(steps=steps, safeguarding_authority="Derbyshire MASH",
                         safeguarding_reference="M-1", safeguarding_consent="given",
                         safeguarding_reported_on=date.today() + timedelta(days=365))
    assert reviews.decision_problems(form, False) == {
        "safeguarding_reported_on": "The date reported cannot be in the future."}
    form.safeguarding_reported_on = date.today()
    assert reviews.decision_problems(form, False) == {}


def test_ten_megabytes_in_a_short_field_is_refused():
    big = "x" * 10_000_000
    steps = decision_form().steps | {"report_safeguarding": ("done", "")}
    form = decision_form(steps=steps, safeguarding_authority=big, safeguarding_reference=big,
                         safeguarding_consent="given", safeguarding_reported_on=date.today())
    problems = reviews.decision_problems(form, False)
    assert problems["safeguarding_authority"] == validation.too_long(validation.NAME)
    assert problems["safeguarding_reference"] == validation.too_long(validation.REFERENCE)


# -- the table in the docs -------------------------------------------------------------------

def test_the_rules_page_in_the_docs_is_the_rules_in_the_code():
    page = Path(__file__).parents[2] / "docs" / "rules.md"
    assert page.read_text("utf-8") == rules_page.page(), (
        "docs/rules.md is out of date: run `python -m sv2desk.policy.rules_page > "
        "docs/rules.md`")


def test_every_limit_is_in_the_table_shown_to_people():
    table = validation.limits_table()
    for form, fields in validation.LIMITS.items():
        for field, (most, _) in fields.items():
            assert f"| {form} | {field} |" in table and f"{most:,}" in table


def test_a_letter_body_longer_than_twenty_pages_is_refused():
    text = LetterText("signposting", "Subject", ("Someone",), "x" * (validation.LETTER_BODY + 1),
                      ("A Worker",))
    assert letters.letter_problems(text) == {"body": validation.too_long(validation.LETTER_BODY)}
