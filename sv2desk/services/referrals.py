"""Taking a referral: the person, safe contact, what happened, what is asked for,
the perpetrator-interaction question, eligibility advice and the worker's decision."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .. import errors, paths
from ..models import Case, Client, PersonOfConcern
from ..policy import eligibility, lifecycle, referral as vocab, validation
from ..policy import returns as returns_policy
from . import access, audit, timeline, search_index
from .connections import check as connection_check
from .use_case import use_case


@dataclass
class PersonNamed:
    """Someone the client named: a person who harmed them, or their family or friends."""

    name: str
    relationship: str = ""
    other_identifiers: str = ""


@dataclass
class ContactDetails:
    """Who the client is and how they may safely be contacted: asked on the referral form
    and kept up to date on the client's record (services/clients.py)."""

    name: str = ""
    preferred_name: str = ""
    date_of_birth: date | None = None
    approximate_age: int | None = None
    gender: str = ""
    pronouns: str = ""
    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    post_is_safe: bool = False
    safe_post_address: str = ""
    may_call: bool = False
    may_leave_voicemail: bool = False
    may_text: bool = False
    may_email: bool = False
    safe_times: str = ""
    name_on_envelope_ok: bool = False
    name_on_caller_display_ok: bool = False


@dataclass
class ReferralForm(ContactDetails):
    """Everything on the referral form. Text fields are stored exactly as typed."""

    external_referral: bool = False
    referrer_type: str = ""            # policy/returns.py REFERRER_TYPES (for returns)
    referrer_organisation: str = ""
    referrer_name: str = ""
    referrer_role: str = ""
    referrer_phone: str = ""
    referrer_email: str = ""
    referrer_contact_consent: bool = False
    harm_categories: set[str] = field(default_factory=set)
    harm_other: str = ""
    harm_timing: str = ""
    support_requested: set[str] = field(default_factory=set)
    support_other: str = ""
    interaction_answer: str = ""
    interaction_details: str = ""
    persons_named: list[PersonNamed] = field(default_factory=list)
    eligibility_decision: str = ""
    eligibility_note: str = ""
    adult_at_risk: bool = False
    safeguarding_note: str = ""
    referral_date: date | None = None
    arrived_by: str = ""
    assign_to_me: bool = True


@dataclass(frozen=True)
class NewCase:
    id: int
    reference: str


@lru_cache(maxsize=1)
def districts() -> eligibility.Districts:
    data = json.loads(paths.resource("derbyshire-postcode-districts.json").read_text())
    return eligibility.Districts(frozenset(data["wholly"]), frozenset(data["partly"]))


def _blank(value) -> bool:
    """True when nothing visible was typed (spaces, line breaks, or only invisible
    characters such as a zero-width space or a stray control character)."""
    return not isinstance(value, str) or not validation.visible(value)


UNSAVABLE = validation.UNSAVABLE
TEXT_FIELDS = tuple(validation.LIMITS["referral"])
PRONOUNS_LIMIT = validation.PRONOUNS


def person_problems(person: PersonNamed) -> dict[str, str]:
    """Field name -> problem for one person named (on the referral, or added later)."""
    check = validation.Check("person_named")
    check.text("name", person.name, required="Give the person's name.")
    check.text("relationship", person.relationship)
    check.text("other_identifiers", person.other_identifiers)
    return check.problems


def check(form: ReferralForm, today: date | None = None) -> dict[str, str]:
    """Field name -> plain-English problem. Empty when the referral can be saved."""
    today = today or date.today()
    v = validation.Check("referral")
    for name in TEXT_FIELDS:
        v.text(name, getattr(form, name))
    p = v.problems
    if _blank(form.name) and _blank(form.preferred_name) and "name" not in p:
        p["name"] = "Enter the person's name, or the name they would like us to use."
    if form.date_of_birth is not None:
        if not isinstance(form.date_of_birth, date):
            p["date_of_birth"] = "Give a date."
        elif form.date_of_birth > today:
            p["date_of_birth"] = "The date of birth is in the future."
        elif today.year - form.date_of_birth.year > 120:
            p["date_of_birth"] = "Check the date of birth: that would be over 120 years ago."
    if form.approximate_age is not None:
        v.number("approximate_age", form.approximate_age, 0, 120,
                 "Give an age between 0 and 120.")
    for name in ("email", "referrer_email"):
        value = getattr(form, name)
        if name not in p and value.strip() and "@" not in value:
            p[name] = "That email address does not look right."
    if form.post_is_safe and _blank(form.safe_post_address) and _blank(form.address) \
            and "safe_post_address" not in p:
        p["safe_post_address"] = "Post is marked safe: say which address it is safe to send to."
    if form.external_referral and _blank(form.referrer_organisation) \
            and "referrer_organisation" not in p:
        p["referrer_organisation"] = "Enter the organisation that made the referral."
    if form.referrer_type and form.referrer_type not in returns_policy.REFERRER_TYPES:
        p["referrer_type"] = "Choose the kind of organisation from the list."
    if not form.harm_categories:
        p["harm_categories"] = "Choose at least one (choose Other if none fits)."
    else:
        v.choices("harm_categories", form.harm_categories, vocab.HARM_CATEGORIES,
                  "Choose from the list.")
    v.choice("harm_timing", form.harm_timing, vocab.HARM_TIMING,
             "Say whether it was recent or non-recent.")
    v.choices("support_requested", form.support_requested, vocab.SUPPORT_TYPES,
              "Choose from the list.")
    v.choice("interaction_answer", form.interaction_answer, vocab.INTERACTION_ANSWERS,
             "Every referral must answer this question: "
             f"\u201c{vocab.INTERACTION_QUESTION}\u201d")
    people = form.persons_named if isinstance(form.persons_named, list) else []
    if len(people) > 50:
        p["persons_named"] = "Name at most 50 people on one referral."
    for i, person in enumerate(people[:50]):
        problems = person_problems(person)
        if _blank(person.name):
            p[f"persons_named.{i}"] = "Give a name for each person named (or remove the row)."
        elif set(problems.values()) == {UNSAVABLE}:
            p[f"persons_named.{i}"] = UNSAVABLE
        elif problems:
            p[f"persons_named.{i}"] = "Some details for this person are too long."
    v.choice("eligibility_decision", form.eligibility_decision, vocab.ELIGIBILITY_DECISIONS,
             "Record your decision: accept, or signpost elsewhere.")
    if not isinstance(form.referral_date, date):
        p["referral_date"] = "Enter the date of the referral."
    elif form.referral_date > today:
        p["referral_date"] = "The referral date is in the future."
    elif today.year - form.referral_date.year > 120:
        p["referral_date"] = "Check the referral date: that would be over 120 years ago."
    elif isinstance(form.date_of_birth, date) and "date_of_birth" not in p \
            and form.referral_date < form.date_of_birth:
        p["referral_date"] = "The referral date is before the date of birth."
    v.choice("arrived_by", form.arrived_by, vocab.ARRIVED_BY, "Say how the referral arrived.")
    return p


@use_case("referrals.eligibility_advice", unit_of_work=False)
def eligibility_advice(uc, postcode: str, *, date_of_birth: date | None = None,
                       approximate_age: int | None = None,
                       adult_at_risk: bool = False) -> eligibility.Advice:
    """Advice for the worker, who decides. Reads no records."""
    return eligibility.advise(postcode, districts(), date_of_birth=date_of_birth,
                              approximate_age=approximate_age, adult_at_risk=adult_at_risk)


CLIENT_FIELDS = ("name", "preferred_name", "date_of_birth", "approximate_age", "gender",
                 "pronouns", "address", "postcode", "phone", "email", "post_is_safe",
                 "safe_post_address", "may_call", "may_leave_voicemail", "may_text",
                 "may_email", "safe_times", "name_on_envelope_ok", "name_on_caller_display_ok")


def _advice(form: ReferralForm) -> eligibility.Advice:
    return eligibility.advise(form.postcode, districts(), date_of_birth=form.date_of_birth,
                              approximate_age=form.approximate_age,
                              adult_at_risk=form.adult_at_risk)


def _record(db, session, forms: list[ReferralForm], action: str) -> list[NewCase]:
    """Write checked referrals: clients, cases, people named, timeline, search index and
    one audit entry per case. Shared by create_referral and create_many."""
    now = audit.now_iso()
    advices = [_advice(form) for form in forms]
    clients = []
    for form in forms:
        client = Client(created_at=now, **{f: getattr(form, f) for f in CLIENT_FIELDS})
        if form.post_is_safe and _blank(form.safe_post_address):
            client.safe_post_address = form.address
        clients.append(client)
    db.add_all(clients)
    db.flush()
    cases = []
    for form, client, advice in zip(forms, clients, advices):
        external = form.external_referral
        cases.append(Case(
            reference=f"pending-{client.id}", client_id=client.id, status=lifecycle.REFERRED,
            referral_date=form.referral_date, arrived_by=form.arrived_by,
            external_referral=external,
            referrer_type=form.referrer_type if external else "",
            referrer_organisation=form.referrer_organisation if external else "",
            referrer_name=form.referrer_name if external else "",
            referrer_role=form.referrer_role if external else "",
            referrer_phone=form.referrer_phone if external else "",
            referrer_email=form.referrer_email if external else "",
            referrer_contact_consent=external and form.referrer_contact_consent,
            harm_categories=",".join(sorted(form.harm_categories)), harm_other=form.harm_other,
            harm_timing=form.harm_timing,
            support_requested=",".join(sorted(form.support_requested)),
            support_other=form.support_other, interaction_answer=form.interaction_answer,
            interaction_details=form.interaction_details, area_advice=advice.area,
            eligibility_decision=form.eligibility_decision,
            eligibility_note=form.eligibility_note, adult_at_risk=form.adult_at_risk,
            safeguarding_note=form.safeguarding_note,
            assigned_worker_id=session.account_id if form.assign_to_me else None,
            created_by=session.account_id, created_at=now, updated_at=now))
    db.add_all(cases)
    db.flush()
    for form, case, advice in zip(forms, cases, advices):
        case.reference = timeline.reference_for(case.id, form.referral_date)
        for person in form.persons_named:
            db.add(PersonOfConcern(case_id=case.id, name=person.name,
                                   relationship_to_client=person.relationship,
                                   other_identifiers=person.other_identifiers, created_at=now))
        timeline.event(db, session, case, "referral", "Referral recorded")
        if advice.area == eligibility.OUT_OF_AREA:
            timeline.event(db, session, case, "eligibility",
                            "Out-of-area advice given; worker decided: "
                            + vocab.ELIGIBILITY_DECISIONS[form.eligibility_decision])
        if advice.safeguarding_prompts:
            timeline.event(db, session, case, "safeguarding", "Safeguarding prompt shown")
    db.flush()
    search_index.index_new_cases(db, zip(cases, clients))
    audit.record_many(db, session.account_id, action, "case", [case.id for case in cases])
    # The connection check: any flag it raises is for managers only (nothing is returned
    # or shown to the person saving the referral).
    connection_check.after_new_cases(db, session, [case.id for case in cases])
    return [NewCase(case.id, case.reference) for case in cases]


@use_case("referrals.create")
def create_referral(uc, form: ReferralForm) -> NewCase:
    """Record a referral. Refused (field by field) until it is complete, including the
    perpetrator-interaction question."""
    problems = check(form)
    if problems:
        raise errors.ValidationError(problems)
    return _record(uc.db, uc.session, [form], "referrals.create")[0]


BATCH_LIMIT = 10_000


@use_case("referrals.create_many")
def create_many(uc, forms) -> list[NewCase]:
    """Record many referrals in one transaction (bulk entry: demonstration data, or
    bringing records over from another system). Each form is checked as create_referral
    checks it; if any is incomplete nothing is recorded, and each problem is named
    "<row>.<field>", counting rows from 1. Every case gets its own audit entry."""
    forms = list(forms)
    if len(forms) > BATCH_LIMIT:
        raise errors.ValidationError({"forms": f"Record at most {BATCH_LIMIT:,} referrals "
                                               "at a time."})
    today = date.today()
    problems = {f"{row}.{name}": message for row, form in enumerate(forms, 1)
                for name, message in check(form, today).items()}
    if problems:
        raise errors.ValidationError(problems)
    if not forms:
        return []
    return _record(uc.db, uc.session, forms, "referrals.create_many")


@use_case("referrals.add_person_of_concern")
def add_person_of_concern(uc, case_id: int, person: PersonNamed) -> int:
    problems = person_problems(person)
    if problems:
        raise errors.ValidationError(problems)
    case = access.case(uc.db, uc.session, "referrals.add_person_of_concern", case_id)
    poc = PersonOfConcern(case_id=case.id, name=person.name,
                          relationship_to_client=person.relationship,
                          other_identifiers=person.other_identifiers,
                          created_at=audit.now_iso())
    uc.db.add(poc)
    uc.db.flush()
    timeline.event(uc.db, uc.session, case, "person_of_concern", "Person of concern named")
    uc.audit("person_of_concern", poc.id)
    connection_check.after_new_person(uc.db, uc.session, poc)
    return poc.id
