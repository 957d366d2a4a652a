"""Demonstration clients made through the services, case by case, and staff to hold them.

For trying SV2 Desk out, training, screenshots and the benchmarks (``sv2desk-admin demo``).
Every client is a referral taken through the ordinary service calls: permission checks,
validation, the audit trail, the timeline and the search index all run as they do for a
real referral. Nobody here is a real person: names come from Faker's British, New Zealand,
Irish and Indian English lists, weighted to the shape of surnames in England and Wales;
streets are made from surnames; phone numbers are only from Ofcom's ranges for drama;
postcodes are real districts, most in Derbyshire
(resources/derbyshire-postcode-districts.json) and some outside it.

What is made, across the cases: every stage a case can reach today (referred, being
assessed, waiting for support, in support, closed at each point) and cases marked for
management attention after the assessment (a potential perpetrator: those go on hold);
people named by the client; support sessions recorded and planned; external referrals
with referrers' details; out-of-area referrals with the worker's decision. When there are
fewer than eight support workers, staff accounts are added (with a manager) and their
cases are taken by them: they sign in here to do it, with long random passwords that are
never shown (reset one to sign in as that person). For training, ``sv2desk-admin demo``
then makes practice accounts whose passwords it prints once, and takes their cases through
the concern stages, letters and possible connections too (sv2desk/practice.py).

Speed: referrals are made with ``referrals.create_many`` (one transaction per batch), and
the assessments, sessions and closures that follow are ordinary service calls sharing
that batch's unit of work (``use_case.together``). 100,000 clients took 18 minutes on a
busy 2-core PC, most of it in the connection check that every referral and session goes
through (services/connections/), which grows with the clients already there.
Nothing here prints or logs a name, a note or a password.
"""

from __future__ import annotations

import random
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from sqlalchemy import select

from .. import errors
from ..policy import lifecycle, permissions, roles
from ..models import Account, Case
from ..services import (accounts, assessments, auth, caseload, cases, referrals, support,
                       use_case)
from ..services.assessments import AssessmentForm
from ..services.referrals import PersonNamed, ReferralForm
from ..services.session import Session
from ..services.support import SessionForm
from .people import (INTERACTIONS, NEEDS, OUT_OF_AREA, REFERRERS, RELATIONSHIPS, SAFE_TIMES,
                     TOWNS, People)

# Change when what is made changes (the benchmark's cached workspace is then made again).
DATA_VERSION = "1"
WORKERS_WANTED = 8
BATCH = 2_000               # clients per round of transactions
PROGRESS_EVERY = 10_000

# What each client's case goes through, with weights (roughly a service some years old:
# most cases closed, a working caseload open).
ATTENTION = "attention"     # assessed; identified as a potential perpetrator
CLOSED_AT_REFERRAL = "closed_at_referral"
CLOSED_AT_ASSESSMENT = "closed_at_assessment"
CLOSED_AFTER_SUPPORT = "closed_after_support"
PLANS = {
    lifecycle.REFERRED: 7,
    lifecycle.ASSESSING: 4,
    lifecycle.AWAITING_SUPPORT: 8,
    lifecycle.IN_SUPPORT: 12,
    ATTENTION: 2,
    CLOSED_AT_REFERRAL: 24,
    CLOSED_AT_ASSESSMENT: 18,
    CLOSED_AFTER_SUPPORT: 25,
}


@dataclass
class DemoReport:
    clients: int = 0
    by_status: Counter = field(default_factory=Counter)   # lifecycle status -> cases
    needing_attention: int = 0
    persons_of_concern: int = 0
    sessions: int = 0
    staff_added: int = 0
    seconds: float = 0.0


def _referral(people: People, plan: str, today: date) -> ReferralForm:
    rng = people.rng
    identity = rng.random()
    if identity < 0.70:
        pool, gender, pronouns = people.women, "Woman", "she/her"
    elif identity < 0.93:
        pool, gender, pronouns = people.men, "Man", "he/him"
    else:
        pool, gender, pronouns = people.nonbinary, "Non-binary", "they/them"
    first, last = people.first_and_last(pool)
    preferred = ""
    if rng.random() < 0.12:
        preferred = people.pick(pool if rng.random() < 0.6 else people.nonbinary)
    if rng.random() < 0.05:
        gender, pronouns = "", ""
    # Open cases were referred in the last year or so; closed ones over ten years.
    days_ago = rng.randint(0, 3650) if plan.startswith("closed") else rng.randint(0, 400)
    referral_date = today - timedelta(days=days_ago)
    date_of_birth = approximate_age = None
    age = rng.choice([rng.randint(13, 17)] + [rng.randint(18, 85)] * 9)
    if rng.random() < 0.9:
        date_of_birth = referral_date - timedelta(days=age * 365 + rng.randint(0, 364))
    else:
        approximate_age = age
    postcode, town = people.postcode()
    address = people.address(town)
    outside = postcode.split()[0] in OUT_OF_AREA
    external = rng.random() < 0.4
    form = ReferralForm(
        name=f"{first} {last}", preferred_name=preferred, date_of_birth=date_of_birth,
        approximate_age=approximate_age, gender=gender, pronouns=pronouns, address=address,
        postcode=postcode,
        phone=people.pick(people.phones) if rng.random() < 0.8 else "",
        email=people.email(first, last) if rng.random() < 0.7 else "",
        post_is_safe=rng.random() < 0.6, may_call=rng.random() < 0.85,
        may_leave_voicemail=rng.random() < 0.4, may_text=rng.random() < 0.75,
        may_email=rng.random() < 0.5,
        safe_times=people.pick(SAFE_TIMES) if rng.random() < 0.5 else "",
        name_on_envelope_ok=rng.random() < 0.2, name_on_caller_display_ok=rng.random() < 0.3,
        external_referral=external,
        harm_categories=set(rng.sample(["rape", "sexual_assault", "childhood_sexual_abuse",
                                        "sexual_exploitation"], rng.choice([1, 1, 1, 2]))),
        harm_timing=rng.choice(["recent", "non_recent"]),
        support_requested=set(rng.sample(["counselling", "isva", "helpline"],
                                         rng.choice([1, 1, 2]))),
        referral_date=referral_date,
        arrived_by=("secure_referral" if rng.random() < 0.5 else "email") if external
        else rng.choice(["phone", "phone", "online_form", "email", "in_person", "letter"]),
        eligibility_decision="signpost" if outside and rng.random() < 0.8 else "accept",
        eligibility_note=(f"Lives in {town}: gave the details of a local service."
                          if outside else ""),
        adult_at_risk=rng.random() < 0.04,
        assign_to_me=plan != lifecycle.REFERRED or rng.random() < 0.5)
    if form.adult_at_risk or age < 18:
        form.safeguarding_note = "Safeguarding procedure followed; manager informed same day."
    if external:
        organisation, role = people.pick(REFERRERS)
        rf, rl = people.first_and_last(people.women if rng.random() < 0.6 else people.men)
        form.referrer_organisation = f"{organisation} ({TOWNS.get(postcode.split()[0], town)})"
        form.referrer_name, form.referrer_role = f"{rf} {rl}", role
        form.referrer_phone = people.pick(people.phones)
        form.referrer_email = people.email(rf, rl)
        form.referrer_contact_consent = rng.random() < 0.8
    answer = rng.random()
    form.interaction_answer = ("no" if answer < 0.6 else "yes" if answer < 0.8
                               else "unsure" if answer < 0.92 else "declined")
    if form.interaction_answer == "yes":
        form.interaction_details = people.pick(INTERACTIONS)
        if rng.random() < 0.7:
            for _ in range(rng.choice([1, 1, 2])):
                nf, nl = people.first_and_last(people.men if rng.random() < 0.8
                                               else people.women)
                form.persons_named.append(PersonNamed(
                    f"{nf} {nl}", people.pick(RELATIONSHIPS),
                    f"Lives in {people.postcode()[1]}" if rng.random() < 0.4 else ""))
    return form


def _assessment(people: People, outcome: str, *, potential_perpetrator: bool = False,
                answer: str = "no") -> AssessmentForm:
    rng = people.rng
    risk = rng.random() < 0.1
    return AssessmentForm(
        identity_confirmed=True, eligibility_confirmed=True, immediate_risk=risk,
        safety_notes="Safety plan agreed; knows how to reach the crisis line." if risk else "",
        needs=people.pick(NEEDS), interaction_answer=answer,
        potential_perpetrator=potential_perpetrator,
        perpetrator_notes=("Information given during the assessment suggests the client may "
                           "have caused sexual harm to someone." if potential_perpetrator
                           else ""),
        risk_level=("high" if risk else "medium") if potential_perpetrator else "",
        outcome=outcome,
        options_offered=({rng.choice(["counselling", "isva", "helpline", "waiting_list"])}
                         if outcome == "support_offered" else set()),
        outcome_notes="")


# -- running service calls as one transaction --------------------------------------------------

def _hold(db, case_ids) -> list:
    """Read these cases and the staff accounts once and keep them in the unit of work, so
    the calls that follow find them there instead of each reading them again (a read only:
    what the calls do is unchanged). Returns them (they stay held while referenced)."""
    held = list(db.scalars(select(Case).where(Case.id.in_(case_ids))))
    return held + list(db.scalars(select(Account)))


# -- staff -------------------------------------------------------------------------------------

def _username(first: str, last: str, taken: set[str]) -> str:
    base = "".join(ch for ch in f"{first}.{last}".lower() if ch.isascii()
                   and (ch.isalnum() or ch == ".")) or "staff"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}{n}"
    taken.add(name)
    return name


def _add_staff(session: Session, people: People) -> tuple[list[Session], int]:
    """Staff accounts up to WORKERS_WANTED support workers (and a second manager), signed
    in here with passwords nobody is shown. Returns (their sessions, accounts added)."""
    if not permissions.allows("accounts.create", session.roles):
        return [], 0
    existing = accounts.list_accounts(session, include_inactive=True)
    active = [a for a in existing if a.active]
    workers = sum(roles.SUPPORT_WORKER in a.roles for a in active)
    managers = [a for a in active if roles.MANAGER in a.roles]
    if workers >= WORKERS_WANTED:
        return [], 0
    taken = {a.username.lower() for a in existing}
    wanted = []
    if len(managers) < 2:
        wanted.append({roles.MANAGER})
    wanted += [{roles.SUPPORT_WORKER}] * (WORKERS_WANTED - workers)
    line_manager = managers[0].id if managers else None
    made = []
    for staff_roles in wanted:
        first, last = people.first_and_last(people.women if people.rng.random() < 0.75
                                            else people.men)
        password = secrets.token_urlsafe(24)
        account = accounts.create_account(session, _username(first, last, taken),
                                          f"{first} {last}", password, staff_roles,
                                          line_manager)
        if roles.MANAGER in staff_roles and line_manager is None:
            line_manager = account.id
        made.append((account.username, password))
    sessions = [auth.sign_in(session.workspace.folder, username, password)
                for username, password in made]
    return sessions, len(made)


# -- filling -----------------------------------------------------------------------------------

def _follow_up(s: Session, people: People, case_id: int, plan: str, form: ReferralForm,
               today: date, report: DemoReport) -> str:
    """Take one new case through the services to its planned stage; returns its status."""
    rng = people.rng
    answer = form.interaction_answer

    def sessions_between(start: date, count: int) -> None:
        span = (today - start).days
        for day in sorted(rng.sample(range(span + 1), min(count, span + 1))):
            support.record_session(s, case_id, SessionForm(
                session_date=start + timedelta(days=day),
                session_type=rng.choice(["counselling", "counselling", "isva", "check_in",
                                         "helpline"]),
                duration_minutes=rng.choice([30, 50, 50, 60, 90]),
                note="Session went ahead as planned." if rng.random() < 0.5 else ""))
            report.sessions += 1

    def planned() -> None:
        support.record_session(s, case_id, SessionForm(
            session_date=today + timedelta(days=rng.randint(1, 28)),
            session_type=rng.choice(["counselling", "isva", "check_in"]),
            duration_minutes=50, planned=True, note="Room booked."))
        report.sessions += 1

    if plan == lifecycle.REFERRED:
        return lifecycle.REFERRED
    if plan == lifecycle.ASSESSING:
        assessments.start(s, case_id)
        return lifecycle.ASSESSING
    if plan == ATTENTION:
        return assessments.complete(s, case_id, _assessment(
            people, "support_offered", answer=answer, potential_perpetrator=True))
    if plan == CLOSED_AT_REFERRAL:
        outside = form.postcode.split()[0] in OUT_OF_AREA
        cases.close(s, case_id, "out_of_area" if outside else
                    rng.choice(["no_contact", "no_contact", "client_withdrew", "signposted"]))
        return lifecycle.CLOSED
    if plan == CLOSED_AT_ASSESSMENT:
        return assessments.complete(s, case_id, _assessment(
            people, rng.choice(["signposted", "declined"]), answer=answer))
    status = assessments.complete(s, case_id, _assessment(people, "support_offered",
                                                          answer=answer))
    if plan == lifecycle.AWAITING_SUPPORT:
        if rng.random() < 0.3:
            planned()
        return status
    sessions_between(form.referral_date, rng.choice([1, 1, 2, 3] if plan == lifecycle.IN_SUPPORT
                                                    else [1, 2]))
    if plan == lifecycle.IN_SUPPORT:
        if rng.random() < 0.4:
            planned()
        return lifecycle.IN_SUPPORT
    cases.close(s, case_id, rng.choice(["support_completed", "support_completed",
                                        "client_withdrew", "no_contact"]),
                "Ending agreed with the client." if rng.random() < 0.5 else "")
    return lifecycle.CLOSED


def _plans(count: int, rng: random.Random) -> list[str]:
    """What each client's case goes through: every plan at least once, then by weight."""
    names, weights = list(PLANS), list(PLANS.values())
    first = names[:count]
    return first + rng.choices(names, weights, k=max(0, count - len(first)))


def _refuse_real_data(session: Session) -> None:
    """Made-up clients must not be mixed in with real ones."""
    if not permissions.sees_every_case(session.roles):
        raise errors.ActionRefused(
            "Signed in with the recovery key, SV2 Desk cannot see whether this data already "
            "holds cases. Sign in as a manager to add made-up clients, or, if this is a "
            "practice copy, say to add them anyway (--add-to-existing).")
    existing = len(caseload.case_ids(session, caseload.ALL))
    if existing:
        raise errors.ActionRefused(
            f"This data already holds {existing:,} cases. Made-up clients would be mixed in "
            "with them, so add them only to a practice copy or new data. If this is a "
            "practice copy, say to add them anyway (--add-to-existing).")


def fill(session: Session, clients: int, *, seed: int | None = None,
         add_to_existing: bool = False,
         progress: Callable[[int, float], None] | None = None,
         after: Callable[[list[Session], DemoReport], None] | None = None) -> DemoReport:
    """Add ``clients`` made-up clients (one case each) through the services.

    ``session`` must be able to add staff (an administrator) or take referrals itself (a
    support worker or manager). Refused when the data already holds cases, unless
    ``add_to_existing``. ``progress(done, seconds)`` is called every 10,000. ``after``
    (sv2desk/demo/bulk.py) is called with everyone who took cases, still signed in, and
    the report, once the clients are in."""
    if clients < 1:
        raise errors.ValidationError({"clients": "Give a number of clients of 1 or more."})
    if not add_to_existing:
        _refuse_real_data(session)
    started = time.perf_counter()
    people = People(seed if seed is not None else secrets.randbits(32))
    report = DemoReport()
    staff, report.staff_added = _add_staff(session, people)
    holders = list(staff)
    if permissions.allows("referrals.create_many", session.roles):
        holders.append(session)
    if not holders:
        raise errors.PermissionDenied(
            "Demonstration clients are made by a manager or support worker, or by an "
            "administrator when staff accounts are to be added. Sign in with --user as a "
            "manager.")
    # Most cases are held by support workers; managers hold a few.
    weights = [1 if roles.MANAGER in h.roles else 8 for h in holders]
    try:
        today = date.today()
        plans = _plans(clients, people.rng)
        done = 0
        for start in range(0, clients, BATCH):
            batch = plans[start:start + BATCH]
            by_holder: dict[int, list[str]] = {}
            for plan in batch:
                holder = people.rng.choices(range(len(holders)), weights)[0]
                by_holder.setdefault(holder, []).append(plan)
            for holder, holder_plans in sorted(by_holder.items()):
                forms = [_referral(people, plan, today) for plan in holder_plans]
                s = holders[holder]
                with use_case.together(s) as db:
                    made = referrals.create_many(s, forms)
                    held = _hold(db, [new.id for new in made])
                    # A referral the connection check held (a likely match with someone
                    # another client named) waits for a manager, as it would in use.
                    statuses = [lifecycle.CONNECTION_CHECK
                                if db.get(Case, new.id).status == lifecycle.CONNECTION_CHECK
                                else _follow_up(s, people, new.id, plan, form, today, report)
                                for new, plan, form in zip(made, holder_plans, forms)]
                    del held
                report.by_status.update(statuses)
                report.persons_of_concern += sum(len(f.persons_named) for f in forms)
            before, done = done, done + len(batch)
            if progress and done // PROGRESS_EVERY > before // PROGRESS_EVERY:
                progress(done, time.perf_counter() - started)
        report.clients = clients
        report.needing_attention = plans.count(ATTENTION)
        if after is not None:
            after(holders, report)
    finally:
        for s in staff:
            auth.sign_out(s)
    report.seconds = time.perf_counter() - started
    return report
