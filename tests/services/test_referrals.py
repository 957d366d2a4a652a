"""Taking a referral, guarded in the service: the perpetrator-interaction question, every
field-level check, people named, eligibility advice and the worker's decision, and many
referrals recorded at once.

The service refuses, not only the form: every refusal here comes from
``services.referrals``, and a refused referral leaves nothing behind.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from sv2desk import errors
from sv2desk.models import AuditEntry, Case, Client, PersonOfConcern
from sv2desk.policy import eligibility, referral as vocab, roles, validation
from sv2desk.services import accounts, auth, caseload, cases, referrals
from sv2desk.services.referrals import PersonNamed

from ..support.service_examples import referral_form
from ..support.workspaces import WORKER_PASSWORD, make_workspace

TODAY = date.today()
SURROGATE = "\ud800"  # half of a character: what a broken copy and paste can leave


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """One workspace for the module: (admin-and-manager session, folder, worker id)."""
    folder = tmp_path_factory.mktemp("referrals") / "workspace"
    admin = make_workspace(folder).session
    worker = accounts.create_account(admin, "worker", "Wyn Worker", WORKER_PASSWORD,
                                      {roles.SUPPORT_WORKER})
    yield admin, folder, worker.id
    auth.sign_out(admin)


@pytest.fixture
def session(workspace):
    return workspace[0]


def counts(session) -> tuple[int, int, int]:
    """(clients, cases, persons of concern) in the database."""
    session.workspace.sync_views()      # views waiting on an office-server PC
    with session.workspace.engine.connect() as conn:
        result = tuple(conn.execute(select(func.count()).select_from(t)).scalar()
                       for t in (Client, Case, PersonOfConcern))
        conn.rollback()
    return result


def refused(session, form) -> dict[str, str]:
    """The field problems when the service refuses ``form``; checks nothing was written."""
    before = counts(session)
    with pytest.raises(errors.ValidationError) as caught:
        referrals.create_referral(session, form)
    assert counts(session) == before, "a refused referral must leave nothing behind"
    problems = caught.value.fields
    for message in problems.values():
        assert message.strip() and message[0].isupper()
        assert "Error" not in message and "None" not in message and "\\u" not in message
    return problems


# -- the perpetrator-interaction question --------------------------------------------------------

@pytest.mark.parametrize("answer", ["", "maybe", "Yes", " yes"])
def test_a_referral_without_the_interaction_answer_is_refused_by_the_service(session, answer):
    problems = refused(session, referral_form(interaction_answer=answer))
    assert set(problems) == {"interaction_answer"}
    assert vocab.INTERACTION_QUESTION in problems["interaction_answer"]


@pytest.mark.parametrize("answer", sorted(vocab.INTERACTION_ANSWERS))
def test_every_answer_to_the_question_is_recorded(session, answer):
    case = referrals.create_referral(session, referral_form(
        interaction_answer=answer, interaction_details=f"said: {answer}"))
    view = cases.open_case(session, case.id)
    assert (view.interaction_answer, view.interaction_details) == (answer, f"said: {answer}")


# -- every field-level check in services.referrals.check ---------------------------------------

def _long(n: int) -> str:
    return "x" * n


FIELD_CHECKS = [
    # (what is wrong, changes to a complete form, the field named)
    ("no name at all", dict(name="", preferred_name=""), "name"),
    ("only spaces for a name", dict(name="  \t\n", preferred_name=" "), "name"),
    ("only invisible characters for a name", dict(name="\u200b\x00", preferred_name="\ufeff"),
     "name"),
    ("name too long", dict(name=_long(201)), "name"),
    ("preferred name too long", dict(preferred_name=_long(201)), "preferred_name"),
    ("gender too long", dict(gender=_long(201)), "gender"),
    ("pronouns too long", dict(pronouns=_long(101)), "pronouns"),
    ("email too long", dict(email=_long(195) + "@a.org"), "email"),
    ("phone too long", dict(phone="0" * 41), "phone"),
    ("postcode too long", dict(postcode="DE1 1AA" + " " * 10), "postcode"),
    ("address too long", dict(address=_long(20_001)), "address"),
    ("safe post address too long", dict(safe_post_address=_long(20_001)), "safe_post_address"),
    ("safe times too long", dict(safe_times=_long(20_001)), "safe_times"),
    ("referrer organisation too long",
     dict(external_referral=True, referrer_organisation=_long(201)), "referrer_organisation"),
    ("referrer name too long", dict(referrer_name=_long(201)), "referrer_name"),
    ("referrer role too long", dict(referrer_role=_long(201)), "referrer_role"),
    ("referrer phone too long", dict(referrer_phone="0" * 41), "referrer_phone"),
    ("referrer email too long", dict(referrer_email=_long(195) + "@a.org"), "referrer_email"),
    ("other harm too long", dict(harm_other=_long(20_001)), "harm_other"),
    ("other support too long", dict(support_other=_long(20_001)), "support_other"),
    ("interaction details too long", dict(interaction_details=_long(20_001)),
     "interaction_details"),
    ("eligibility note too long", dict(eligibility_note=_long(20_001)), "eligibility_note"),
    ("safeguarding note too long", dict(safeguarding_note=_long(20_001)), "safeguarding_note"),
    ("born in the future", dict(date_of_birth=TODAY + timedelta(days=1)), "date_of_birth"),
    ("born over 120 years ago", dict(date_of_birth=date(TODAY.year - 121, 1, 1)),
     "date_of_birth"),
    ("negative age", dict(approximate_age=-1), "approximate_age"),
    ("age over 120", dict(approximate_age=121), "approximate_age"),
    ("email without @", dict(email="someone.example.org"), "email"),
    ("referrer email without @", dict(referrer_email="referrer.example.org"), "referrer_email"),
    ("post safe but no address", dict(post_is_safe=True, address=" ", safe_post_address=""),
     "safe_post_address"),
    ("external referral without the organisation",
     dict(external_referral=True, referrer_organisation=" "), "referrer_organisation"),
    ("no harm category", dict(harm_categories=set()), "harm_categories"),
    ("unknown harm category", dict(harm_categories={"rape", "burglary"}), "harm_categories"),
    ("no harm timing", dict(harm_timing=""), "harm_timing"),
    ("unknown harm timing", dict(harm_timing="yesterday"), "harm_timing"),
    ("unknown support asked for", dict(support_requested={"housing"}), "support_requested"),
    ("interaction question not answered", dict(interaction_answer=""), "interaction_answer"),
    ("a person named with no name", dict(persons_named=[PersonNamed(" ", "uncle")]),
     "persons_named.0"),
    ("a person named with a name too long",
     dict(persons_named=[PersonNamed("Ok Name"), PersonNamed(_long(201))]), "persons_named.1"),
    ("a person named with a relationship too long",
     dict(persons_named=[PersonNamed("Ok Name", _long(201))]), "persons_named.0"),
    ("a person named with identifiers too long",
     dict(persons_named=[PersonNamed("Ok Name", "", _long(20_001))]), "persons_named.0"),
    ("no eligibility decision", dict(eligibility_decision=""), "eligibility_decision"),
    ("unknown eligibility decision", dict(eligibility_decision="maybe"),
     "eligibility_decision"),
    ("no referral date", dict(referral_date=None), "referral_date"),
    ("referral date in the future", dict(referral_date=TODAY + timedelta(days=1)),
     "referral_date"),
    ("referral date over 120 years ago", dict(referral_date=date(TODAY.year - 121, 6, 1)),
     "referral_date"),
    ("referral date before the date of birth",
     dict(date_of_birth=date(2000, 5, 2), referral_date=date(2000, 5, 1)), "referral_date"),
    ("unknown kind of referrer", dict(external_referral=True, referrer_organisation="A GP",
                                      referrer_type="astrologer"), "referrer_type"),
    ("no way of arriving", dict(arrived_by=""), "arrived_by"),
    ("unknown way of arriving", dict(arrived_by="pigeon"), "arrived_by"),
] + [(f"half a character in {name}", {name: f"Ab{SURROGATE}c"}
      | ({"email": "a@b" + SURROGATE} if name == "email" else {})
      | ({"referrer_email": "a@b" + SURROGATE} if name == "referrer_email" else {})
      | ({"external_referral": True} if name == "referrer_organisation" else {}), name)
     for name in referrals.TEXT_FIELDS] + [
    ("half a character in a person named",
     dict(persons_named=[PersonNamed("Ok", "", SURROGATE)]), "persons_named.0"),
]


@pytest.mark.parametrize("changes, field", [(c, f) for _, c, f in FIELD_CHECKS],
                         ids=[what for what, _, _ in FIELD_CHECKS])
def test_each_field_check_refuses_the_referral_naming_that_field(session, changes, field):
    problems = refused(session, referral_form(**changes))
    assert set(problems) == {field}


def test_the_table_covers_every_field_that_can_be_wrong():
    """A field added to the form later needs a row above (yes/no boxes cannot be wrong)."""
    named = {field.split(".")[0] for _, _, field in FIELD_CHECKS}
    yes_no = {name for name, f in referrals.ReferralForm.__dataclass_fields__.items()
              if f.type in ("bool", bool)}
    assert named == set(referrals.ReferralForm.__dataclass_fields__) - yes_no


def test_several_problems_are_named_together(session):
    problems = refused(session, referral_form(name="", interaction_answer="", referral_date=None,
                                              harm_categories=set()))
    assert set(problems) == {"name", "interaction_answer", "referral_date", "harm_categories"}


LIMITS = [dict(name=_long(200)), dict(preferred_name=_long(200)), dict(pronouns=_long(100)),
          dict(phone="0" * 40), dict(postcode="DE1 1AA" + " " * 9),
          dict(address=_long(validation.ADDRESS)), dict(approximate_age=0),
          dict(approximate_age=120),
          dict(date_of_birth=TODAY), dict(date_of_birth=date(TODAY.year - 120, 12, 31)),
          dict(referral_date=date(TODAY.year - 120, 1, 1)),
          dict(date_of_birth=date(2000, 5, 1), referral_date=date(2000, 5, 1)),
          dict(name="", preferred_name="Sam"), dict(name=" Ann ", preferred_name=" "),
          dict(persons_named=[PersonNamed(_long(200), _long(200), _long(20_000))])]


@pytest.mark.parametrize("changes", LIMITS, ids=lambda c: ",".join(c))
def test_values_at_the_limits_are_accepted_and_kept_exactly(session, changes):
    case = referrals.create_referral(session, referral_form(**changes))
    view = cases.open_case(session, case.id)
    for name, value in changes.items():
        if name == "persons_named":
            assert [(p.name, p.relationship, p.other_identifiers)
                    for p in view.persons_of_concern] == [
                (p.name, p.relationship, p.other_identifiers) for p in value]
        elif name == "referral_date":
            assert view.referral_date == value
        else:
            assert view.client[name] == value


def test_markup_and_right_to_left_text_are_kept_as_typed(session):
    name = "<b>Zoë</b> &amp; \u202eأحمد\u202c <img src=x onerror=alert(1)>"
    case = referrals.create_referral(session, referral_form(name, harm_categories={"other"},
                                                            harm_other="</td>&nbsp;\r\n\t"))
    view = cases.open_case(session, case.id)
    assert view.client["name"] == name
    assert view.referral["harm_other"] == "</td>&nbsp;\r\n\t"


# -- what is stored ----------------------------------------------------------------------------

def test_named_people_are_stored_as_persons_of_concern(session):
    named = [PersonNamed("Pat Harmer", "ex-partner", "drives a red van; lives in Ilkeston"),
             PersonNamed("Chris Harmer", "ex-partner's brother")]
    case = referrals.create_referral(session, referral_form(interaction_answer="yes",
                                                            persons_named=named)).id
    person = referrals.add_person_of_concern(session, case, PersonNamed("Lee Friend",
                                                                        "friend of Pat"))
    view = cases.open_case(session, case)
    assert [(p.name, p.relationship, p.other_identifiers) for p in view.persons_of_concern] == [
        ("Pat Harmer", "ex-partner", "drives a red van; lives in Ilkeston"),
        ("Chris Harmer", "ex-partner's brother", ""), ("Lee Friend", "friend of Pat", "")]
    assert view.persons_of_concern[-1].id == person
    assert "Person of concern named" in [t.what for t in view.timeline]
    # The people named are not clients, and are not found by the client search.
    assert caseload.search(session, "Harmer") == []


@pytest.mark.parametrize("person, field", [
    (PersonNamed(""), "name"), (PersonNamed("\u200b"), "name"),
    (PersonNamed(_long(201)), "name"), (PersonNamed("Ok", _long(201)), "relationship"),
    (PersonNamed("Ok", "", _long(20_001)), "other_identifiers"),
    (PersonNamed("Ok" + SURROGATE), "name"), (PersonNamed("Ok", SURROGATE), "relationship")])
def test_adding_a_person_of_concern_checks_each_detail(session, person, field):
    case = referrals.create_referral(session, referral_form()).id
    with pytest.raises(errors.ValidationError) as caught:
        referrals.add_person_of_concern(session, case, person)
    assert set(caught.value.fields) == {field}
    assert cases.open_case(session, case).persons_of_concern == ()


def test_adding_a_person_of_concern_to_a_case_that_is_not_yours_is_not_found(workspace):
    admin, folder, _ = workspace
    other = accounts.create_account(admin, "other1", "Other Worker", "other password 1",
                                    {roles.SUPPORT_WORKER})
    case = referrals.create_referral(admin, referral_form()).id
    cases.assign(admin, case, other.id)
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        with pytest.raises(errors.NotFound):
            referrals.add_person_of_concern(worker, case, PersonNamed("Somebody"))
    finally:
        auth.sign_out(worker)
    assert cases.open_case(admin, case).persons_of_concern == ()


@pytest.mark.parametrize("postcode, decision, area", [
    ("NG1 5AA", "signpost", eligibility.OUT_OF_AREA),
    ("M1 1AA", "accept", eligibility.OUT_OF_AREA),
    ("DE1 1AA", "accept", eligibility.IN_AREA),
    ("SK17 6AN", "accept", eligibility.PARTLY_IN_AREA),
    ("", "accept", eligibility.UNKNOWN),
])
def test_the_eligibility_decision_is_recorded_with_the_advice(session, postcode, decision,
                                                              area):
    case = referrals.create_referral(session, referral_form(
        postcode=postcode, eligibility_decision=decision,
        eligibility_note="Lives just over the border")).id
    view = cases.open_case(session, case)
    assert view.referral["area_advice"] == area
    assert view.referral["eligibility_decision"] == decision
    assert view.referral["eligibility_note"] == "Lives just over the border"
    out_of_area = [t.what for t in view.timeline if t.what.startswith("Out-of-area advice")]
    if area == eligibility.OUT_OF_AREA:
        assert out_of_area == ["Out-of-area advice given; worker decided: "
                               + vocab.ELIGIBILITY_DECISIONS[decision]]
    else:
        assert out_of_area == []
    # Signposting still records the referral: it is on the caseload like any other.
    assert view.status == "referred"


def test_eligibility_advice_is_advice_only(session):
    advice = referrals.eligibility_advice(session, "NG1 5AA", approximate_age=16)
    assert advice.suggests_signposting and advice.safeguarding_prompts
    assert "You can still record the referral" in advice.message


@pytest.mark.parametrize("changes", [dict(approximate_age=16),
                                     dict(date_of_birth=TODAY.replace(year=TODAY.year - 15)),
                                     dict(adult_at_risk=True)])
def test_a_safeguarding_prompt_shown_is_on_the_timeline(session, changes):
    case = referrals.create_referral(session, referral_form(**changes)).id
    assert "Safeguarding prompt shown" in [t.what for t in cases.open_case(session, case).timeline]


def test_no_safeguarding_line_for_an_adult_not_at_risk(session):
    case = referrals.create_referral(session, referral_form(approximate_age=30)).id
    assert "Safeguarding prompt shown" not in [
        t.what for t in cases.open_case(session, case).timeline]


def test_referrer_details_are_kept_only_for_an_external_referral(session):
    details = dict(referrer_organisation="Derby Royal", referrer_name="Dr Lee",
                   referrer_role="GP", referrer_phone="01332 000000",
                   referrer_email="lee@example.org", referrer_contact_consent=True)
    external = referrals.create_referral(session, referral_form(external_referral=True,
                                                                **details)).id
    self_referral = referrals.create_referral(session, referral_form(**details)).id
    kept = cases.open_case(session, external).referral
    dropped = cases.open_case(session, self_referral).referral
    assert {k: kept[k] for k in details} == details
    assert {k: dropped[k] for k in details} == {k: ("" if isinstance(v, str) else False)
                                                for k, v in details.items()}


def test_post_marked_safe_with_no_other_address_goes_to_the_home_address(session):
    case = referrals.create_referral(session, referral_form(
        post_is_safe=True, address="1 Market Place, Belper", safe_post_address=" ")).id
    assert cases.open_case(session, case).client["safe_post_address"] == "1 Market Place, Belper"
    other = referrals.create_referral(session, referral_form(
        post_is_safe=True, address="1 Market Place, Belper",
        safe_post_address="c/o Sister, 2 Bridge St")).id
    assert cases.open_case(session, other).client["safe_post_address"] == \
        "c/o Sister, 2 Bridge St"


def test_a_worker_taking_a_referral_holds_it_unless_they_say_otherwise(workspace):
    _, folder, worker_id = workspace
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    try:
        mine = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
        left = referrals.create_referral(worker, referral_form(assign_to_me=False)).id
        assert cases.open_case(worker, mine).assigned_worker_id == worker_id
        view = cases.open_case(worker, left)
        assert view.assigned_worker_id is None and view.assigned_worker_name == "Not assigned"
    finally:
        auth.sign_out(worker)


def test_each_referral_gets_its_own_reference_with_the_year(session):
    a = referrals.create_referral(session, referral_form(referral_date=date(2024, 2, 29)))
    b = referrals.create_referral(session, referral_form())
    assert a.reference == f"SV2-2024-{a.id:06d}"
    assert b.reference == f"SV2-{TODAY.year}-{b.id:06d}"
    assert cases.open_case(session, a.id).reference == a.reference


def test_a_referral_is_audited_by_case_number_only(session):
    case = referrals.create_referral(session, referral_form("Audit Person Name"))
    session.workspace.sync_views()      # views waiting on an office-server PC
    with session.workspace.engine.connect() as conn:
        entry = conn.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
        conn.rollback()
    assert (entry.action, entry.object_type, entry.object_id) == (
        "referrals.create", "case", str(case.id))


# -- many referrals at once ------------------------------------------------------------------

def test_many_referrals_in_one_call_are_each_recorded_indexed_and_audited(session):
    session.workspace.sync_views()      # views waiting on an office-server PC
    with session.workspace.engine.connect() as conn:
        last_seq = conn.execute(select(func.max(AuditEntry.seq))).scalar()
        conn.rollback()
    forms = [referral_form(f"Bulkperson Number{i}", postcode="NG1 5AA" if i == 2 else "DE1 1AA",
                           persons_named=[PersonNamed(f"Named {i}")] if i == 1 else [])
             for i in range(3)]
    made = referrals.create_many(session, forms)
    assert len({c.reference for c in made}) == 3
    for i, new in enumerate(made):
        view = cases.open_case(session, new.id)
        assert view.client["name"] == f"Bulkperson Number{i}" and view.reference == new.reference
        assert [p.name for p in view.persons_of_concern] == ([f"Named {i}"] if i == 1 else [])
        assert view.timeline[0].what == "Referral recorded"
    assert cases.open_case(session, made[2].id).referral["area_advice"] == eligibility.OUT_OF_AREA
    assert {r.id for r in caseload.search(session, "bulkperson")} == {c.id for c in made}
    session.workspace.sync_views()      # views waiting on an office-server PC
    with session.workspace.engine.connect() as conn:
        entries = conn.execute(select(AuditEntry.action, AuditEntry.object_id)
                               .where(AuditEntry.seq > last_seq).order_by(AuditEntry.seq)
                               .limit(3)).all()
        conn.rollback()
    assert entries == [("referrals.create_many", str(c.id)) for c in made]
    assert audit_chain_ok(session)


def audit_chain_ok(session) -> bool:
    from sv2desk.services import audit
    return audit.check_chain(session.workspace).ok


def test_one_incomplete_referral_in_a_batch_records_none_and_names_its_row(session):
    before = counts(session)
    forms = [referral_form("Fine Person"), referral_form(interaction_answer=""),
             referral_form(name="", preferred_name="")]
    with pytest.raises(errors.ValidationError) as caught:
        referrals.create_many(session, forms)
    assert set(caught.value.fields) == {"2.interaction_answer", "3.name"}
    assert vocab.INTERACTION_QUESTION in caught.value.fields["2.interaction_answer"]
    assert counts(session) == before


def test_a_batch_has_a_limit_and_may_be_empty(session):
    assert referrals.create_many(session, []) == []
    with pytest.raises(errors.ValidationError) as caught:
        referrals.create_many(session, [referral_form()] * (referrals.BATCH_LIMIT + 1))
    assert set(caught.value.fields) == {"forms"}
