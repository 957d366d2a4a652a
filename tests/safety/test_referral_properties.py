"""Property tests of every referral field: whatever is typed, the service either refuses it
field by field with a plain message, or keeps it exactly as typed.

Hypothesis changes a few fields of a complete referral at a time, to anything: any Unicode
(right-to-left marks, emoji, combining marks, control characters, half-characters that a
broken paste leaves), 10,000 characters and more, markup, empty and whitespace-only
values, impossible dates and ages. ``create_referral`` then either raises
``ValidationError`` naming only fields that were changed (or the field a rule reports
them on), or succeeds, and ``open_case`` reads every field back exactly. Nothing else
may be raised. Some refusals are certain whatever the service's own rules say (a value
longer than its column, a date in the future, an unanswered perpetrator-interaction
question): those are checked too, so "it was refused" cannot hide a wrong reason and
"it was kept" cannot hide a value the database could not hold.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st
from sqlalchemy import String

from sv2desk import errors
from sv2desk.models import Case, Client, PersonOfConcern
from sv2desk.models.base import SealedText
from sv2desk.policy import referral as vocab
from sv2desk.services import auth, caseload, cases, referrals
from sv2desk.services.referrals import PersonNamed, ReferralForm

from ..support.service_examples import referral_form
from ..support.workspaces import make_workspace

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow,
                                                    HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """One workspace for the module (hypothesis runs many examples in one test)."""
    folder = tmp_path_factory.mktemp("properties") / "workspace"
    admin = make_workspace(folder).session
    yield admin
    auth.sign_out(admin)


# -- what a person might type ------------------------------------------------------------------

TRICKY = ["\x00", "\r", "\n", "\r\n", "\t", "\x0b", "\x1b", "\u202e", "\u202c", "\u200f",
          "\u200b", "\ufeff", "\u0301", "\u0308", "\u00a0", "\u2028", "😀", "👩🏽‍🦰", "🏳️‍🌈",
          "<b>", "</b>", "&amp;", "&lt;", "<img src=x onerror=alert(1)>", "<script>", "'",
          '"', "\\", "%s", "{name}", "${x}", "مرحبا", "שלום", "Zoë", "Zoe\u0308", "ǅ", "ß",
          "İ", "ﬁ", " ", "DE1 1AA", "@", "\ud800", "\udfff", "NEAR(", "*", "AND"]
WHITESPACE = st.text(st.sampled_from(" \t\n\r\x0b\x0c\u00a0\u2003\u3000\u2028"),
                     min_size=1, max_size=6)
LENGTHS = [15, 16, 17, 39, 40, 41, 99, 100, 101, 199, 200, 201, 10_000, 19_999, 20_000,
           20_001]

text_values = st.one_of(
    st.just(""),
    WHITESPACE,
    st.text(max_size=40),                                             # any Unicode, no halves
    st.text(st.characters(codec=None, categories=None), max_size=12),  # halves included
    st.lists(st.sampled_from(TRICKY), min_size=1, max_size=8).map("".join),
    st.builds(lambda ch, n: (ch * n)[:n], st.sampled_from(["x", "é", "😀", "ab ", "\u0301"]),
              st.sampled_from(LENGTHS)),                              # long, up to limits
)
dates = st.one_of(st.none(), st.dates(),
                  st.dates(min_value=date(1890, 1, 1), max_value=date(2100, 12, 31)))
ages = st.one_of(st.none(), st.integers(), st.integers(min_value=-2, max_value=125))


def code(choices) -> st.SearchStrategy:
    return st.one_of(st.sampled_from(sorted(choices)), text_values)


def code_set(choices) -> st.SearchStrategy:
    return st.sets(st.one_of(st.sampled_from(sorted(choices)), text_values), max_size=4)


persons = st.lists(st.builds(PersonNamed, text_values, text_values, text_values), max_size=3)

BOOLEANS = ("post_is_safe", "may_call", "may_leave_voicemail", "may_text", "may_email",
            "name_on_envelope_ok", "name_on_caller_display_ok", "external_referral",
            "referrer_contact_consent", "adult_at_risk", "assign_to_me")
from sv2desk.policy import returns as returns_policy  # noqa: E402

FIELD_VALUES: dict[str, st.SearchStrategy] = {
    **{name: text_values for name in referrals.TEXT_FIELDS},
    **{name: st.booleans() for name in BOOLEANS},
    "date_of_birth": dates,
    "referral_date": dates,
    "approximate_age": ages,
    "harm_categories": code_set(vocab.HARM_CATEGORIES),
    "harm_timing": code(vocab.HARM_TIMING),
    "support_requested": code_set(vocab.SUPPORT_TYPES),
    "interaction_answer": code(vocab.INTERACTION_ANSWERS),
    "persons_named": persons,
    "eligibility_decision": code(vocab.ELIGIBILITY_DECISIONS),
    "arrived_by": code(vocab.ARRIVED_BY),
    "referrer_type": code(returns_policy.REFERRER_TYPES),
}


def test_every_field_of_the_form_is_generated():
    assert set(FIELD_VALUES) == set(ReferralForm.__dataclass_fields__)


@st.composite
def changed_forms(draw, max_changes: int = 5):
    """A complete referral with a few fields changed to anything. Returns (form, changed)."""
    names = draw(st.lists(st.sampled_from(sorted(FIELD_VALUES)), min_size=1,
                          max_size=max_changes, unique=True))
    form = referral_form("Base Person", external_referral=True,
                         referrer_organisation="Base Referrer Org")
    for name in names:
        setattr(form, name, draw(FIELD_VALUES[name]))
    return form, set(names)


# -- what must be true of the answer -----------------------------------------------------------

# A problem reported on one field may be caused by another field changing.
CAUSES = {
    "name": {"name", "preferred_name"},
    "safe_post_address": {"safe_post_address", "post_is_safe", "address"},
    "referrer_organisation": {"referrer_organisation", "external_referral"},
    "referral_date": {"referral_date", "date_of_birth"},
}


def _visible(value: str) -> bool:
    return any(ch.isprintable() and not ch.isspace() for ch in value)


def _savable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _column_limits(model) -> dict[str, int]:
    return {c.name: c.type.length for c in model.__table__.columns
            if isinstance(c.type, (String, SealedText)) and c.type.length}


CLIENT_LIMITS = _column_limits(Client)
CASE_LIMITS = _column_limits(Case)
PERSON_LIMITS = _column_limits(PersonOfConcern)


def certain_refusals(form: ReferralForm, today: date) -> set[str]:
    """Fields that must be refused whatever else the service's rules say."""
    must = set()
    limits = CLIENT_LIMITS | {k: v for k, v in CASE_LIMITS.items()
                              if k.startswith("referrer_")}
    for name in referrals.TEXT_FIELDS:
        value = getattr(form, name)
        if not _savable(value) or len(value) > limits.get(name, vocab.NOTE_LIMIT):
            must.add(name)
    if not _visible(form.name) and not _visible(form.preferred_name):
        must.add("name")
    if form.date_of_birth is not None and form.date_of_birth > today:
        must.add("date_of_birth")
    if form.referral_date is None or form.referral_date > today:
        must.add("referral_date")
    if form.approximate_age is not None and not 0 <= form.approximate_age <= 120:
        must.add("approximate_age")
    for name, choices in (("interaction_answer", vocab.INTERACTION_ANSWERS),
                          ("harm_timing", vocab.HARM_TIMING), ("arrived_by", vocab.ARRIVED_BY),
                          ("eligibility_decision", vocab.ELIGIBILITY_DECISIONS)):
        if getattr(form, name) not in choices:
            must.add(name)
    if not form.harm_categories or not form.harm_categories <= set(vocab.HARM_CATEGORIES):
        must.add("harm_categories")
    if not form.support_requested <= set(vocab.SUPPORT_TYPES):
        must.add("support_requested")
    for i, person in enumerate(form.persons_named):
        if not _visible(person.name) or len(person.name) > PERSON_LIMITS["name"] \
                or len(person.relationship) > PERSON_LIMITS["relationship_to_client"] \
                or len(person.other_identifiers) > vocab.NOTE_LIMIT \
                or not all(map(_savable, (person.name, person.relationship,
                                          person.other_identifiers))):
            must.add(f"persons_named.{i}")
    return must


def assert_plain_refusal(problems: dict[str, str], changed: set[str], form: ReferralForm,
                         prefix: str = "") -> None:
    assert problems, "a refusal must name at least one field"
    for key, message in problems.items():
        assert key.startswith(prefix)
        field = key[len(prefix):].split(".")[0]
        assert field in ReferralForm.__dataclass_fields__, key
        assert CAUSES.get(field, {field}) & changed, (
            f"{key} was refused, but only {sorted(changed)} were changed")
        assert message.strip() and message[0].isupper() and message.rstrip()[-1] in ".”"
        # A plain sentence: no program text, and nothing the person typed echoed back.
        assert not any(word in message for word in ("Error", "None", "Traceback", "\\x",
                                                    "\\u", "{", "}"))
        assert all(_savable(ch) for ch in message)


def assert_kept_exactly(view, form: ReferralForm, session) -> None:
    client = view.client
    for name in referrals.CLIENT_FIELDS:
        expected = getattr(form, name)
        if name == "safe_post_address" and form.post_is_safe \
                and not _visible(form.safe_post_address):
            expected = form.address  # post marked safe with no other address: the home one
        assert client[name] == expected, name
        assert type(client[name]) is type(expected), name
    referral = view.referral
    external = form.external_referral
    for name in ("referrer_organisation", "referrer_name", "referrer_role", "referrer_phone",
                 "referrer_email"):
        assert referral[name] == (getattr(form, name) if external else ""), name
    assert referral["referrer_contact_consent"] == (external and form.referrer_contact_consent)
    assert referral["external_referral"] == external
    for name in ("harm_other", "harm_timing", "support_other", "eligibility_decision",
                 "eligibility_note", "adult_at_risk", "safeguarding_note"):
        assert referral[name] == getattr(form, name), name
    assert set(filter(None, referral["harm_categories"].split(","))) == form.harm_categories
    assert set(filter(None, referral["support_requested"].split(","))) == \
        form.support_requested
    assert (view.interaction_answer, view.interaction_details) == (
        form.interaction_answer, form.interaction_details)
    assert [(p.name, p.relationship, p.other_identifiers) for p in view.persons_of_concern] == \
        [(p.name, p.relationship, p.other_identifiers) for p in form.persons_named]
    assert view.referral_date == form.referral_date
    assert view.arrived_by == vocab.ARRIVED_BY[form.arrived_by]
    assert view.assigned_worker_id == (session.account_id if form.assign_to_me else None)
    # What was kept fits its column (so it would fit on a database server that checks).
    for name, limit in CLIENT_LIMITS.items():
        if isinstance(client.get(name), str):
            assert len(client[name]) <= limit, name
    for name, limit in CASE_LIMITS.items():
        if isinstance(referral.get(name), str):
            assert len(referral[name]) <= limit, name


# -- the properties ----------------------------------------------------------------------------

@PROPERTY_SETTINGS
@given(changed=changed_forms())
def test_a_referral_is_refused_field_by_field_or_kept_exactly(session, changed):
    form, names = changed
    today = date.today()
    must = certain_refusals(form, today)
    try:
        new = referrals.create_referral(session, form)
    except errors.ValidationError as refused:
        event("refused")
        assert_plain_refusal(refused.fields, names, form)
        assert must <= set(refused.fields), (
            f"these should have been refused: {sorted(must - set(refused.fields))}")
        return
    event("kept")
    assert not must, f"kept, but should have been refused: {sorted(must)}"
    assert_kept_exactly(cases.open_case(session, new.id), form, session)


@settings(PROPERTY_SETTINGS, max_examples=40)
@given(changed=st.lists(changed_forms(max_changes=2), min_size=1, max_size=4))
def test_many_referrals_at_once_are_checked_and_kept_the_same_way(session, changed):
    forms = [form for form, _ in changed]
    try:
        made = referrals.create_many(session, forms)
    except errors.ValidationError as refused:
        for row, (form, names) in enumerate(changed, 1):
            mine = {k: v for k, v in refused.fields.items() if k.startswith(f"{row}.")}
            if mine:
                assert_plain_refusal(mine, names, form, prefix=f"{row}.")
            assert {f"{row}.{name}" for name in certain_refusals(form, date.today())} <= \
                set(mine)
        return
    assert len(made) == len(forms)
    for new, form in zip(made, forms):
        assert not certain_refusals(form, date.today())
        assert_kept_exactly(cases.open_case(session, new.id), form, session)


QUERY_WORDS = TRICKY + ["OR", "NOT", "NEAR", "(", ")", "-", "+", "^", ":", "names:",
                       "12/03/1990", "1990-03-12", "31/02/2000", "0000-00-00", " ", "Base"]


@PROPERTY_SETTINGS
@given(query=st.one_of(text_values,
                       st.lists(st.sampled_from(QUERY_WORDS), max_size=10).map(" ".join)))
def test_search_takes_anything_typed_without_raising(session, query):
    result = caseload.search(session, query)
    assert isinstance(result, list) and len(result) <= caseload.SEARCH_LIMIT
