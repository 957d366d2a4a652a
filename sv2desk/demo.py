"""Demonstration data: made-up clients, written through the services.

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
through (services/connections.py), which grows with the clients already there.
Nothing here prints or logs a name, a note or a password.
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from sqlalchemy import select

from . import errors, paths
from .policy import lifecycle, permissions, roles
from .models import Account, Case
from .services import (accounts, assessments, auth, caseload, cases, referrals, support,
                       use_case)
from .services.assessments import AssessmentForm
from .services.referrals import PersonNamed, ReferralForm
from .services.session import Session
from .services.support import SessionForm

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


# -- made-up people --------------------------------------------------------------------------

INTERNATIONAL_FIRST = ["Zoë", "Chloë", "Siân", "Seán", "Aoife", "Łukasz", "Małgorzata",
                       "Agnieszka", "Tomasz", "Priya", "Aaliyah", "Amira", "Mohammed", "Renée",
                       "José", "Ayşe", "Niamh", "Oisín", "Dóra", "Björn"]
INTERNATIONAL_LAST = ["Kowalski", "Nowak", "Wiśniewska", "Khan", "Hussain", "Begum", "Patel",
                      "Ahmed", "O'Brien", "O'Neill", "Müller", "Öztürk", "Ferreira",
                      "Nguyễn", "Mensah", "Okafor", "Gonçalves", "Ó Briain"]
STREET_ENDINGS = ["Road", "Street", "Close", "Avenue", "Lane", "Drive", "Way", "Crescent",
                  "Grove", "Terrace", "Gardens", "Court", "Place", "Walk", "Rise"]
TOWNS = {
    "DE1": "Derby", "DE3": "Mickleover, Derby", "DE21": "Chaddesden, Derby",
    "DE22": "Allestree, Derby", "DE23": "Normanton, Derby", "DE24": "Alvaston, Derby",
    "DE4": "Matlock", "DE45": "Bakewell", "DE5": "Ripley", "DE55": "Alfreton",
    "DE56": "Belper", "DE6": "Ashbourne", "DE65": "Hilton", "DE7": "Ilkeston",
    "DE72": "Borrowash", "DE73": "Melbourne", "DE74": "Castle Donington", "DE75": "Heanor",
    "DE11": "Swadlincote", "DE12": "Overseal", "DE13": "Tatenhill", "DE15": "Stapenhill",
    "NG10": "Long Eaton", "NG16": "Codnor", "NG19": "Pleasley", "NG20": "Shirebrook",
    "S17": "Dore", "S18": "Dronfield", "S21": "Eckington", "S32": "Hathersage",
    "S33": "Hope", "S40": "Chesterfield", "S41": "Chesterfield", "S42": "Clay Cross",
    "S43": "Staveley", "S44": "Bolsover", "S45": "Clay Cross", "S80": "Whitwell",
    "SK12": "Disley", "SK13": "Glossop", "SK17": "Buxton", "SK22": "New Mills",
    "SK23": "Chapel-en-le-Frith",
}
OUT_OF_AREA = {"NG1": "Nottingham", "NG7": "Nottingham", "S1": "Sheffield", "S10": "Sheffield",
               "ST4": "Stoke-on-Trent", "LE1": "Leicester", "M1": "Manchester",
               "B1": "Birmingham", "DN1": "Doncaster"}
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
DRAMA_PHONE_RANGES = ["0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0", "0117 496 0",
                      "0118 496 0", "0121 496 0", "0131 496 0", "0141 496 0", "0151 496 0",
                      "0161 496 0", "0191 498 0", "020 7946 0", "029 2018 0", "01632 960",
                      "07700 900"]
REFERRERS = [("GP surgery", "GP"), ("GP surgery", "Practice nurse"),
             ("Hospital emergency department", "Nurse"),
             ("Police public protection unit", "Detective constable"),
             ("Sexual assault referral centre", "Crisis worker"),
             ("Children's social care", "Social worker"),
             ("Adult social care", "Social worker"),
             ("University wellbeing service", "Wellbeing adviser"),
             ("Domestic abuse service", "Outreach worker"),
             ("Secondary school", "Safeguarding lead"),
             ("Mental health crisis team", "Community psychiatric nurse"),
             ("Housing association", "Tenancy support officer")]
RELATIONSHIPS = ["ex-partner", "partner", "stepfather", "uncle", "former colleague",
                 "neighbour", "family friend", "ex-partner's brother", "ex-partner's mother",
                 "cousin", "acquaintance", "landlord"]
INTERACTIONS = ["Lives on the same estate as the person who harmed them.",
                "Shares care of their children with their ex-partner.",
                "Sees that family at the school gate most days.",
                "Works at the same site, on a different shift.",
                "Goes to the same place of worship as the person's family.",
                "Has blocked them online but mutual friends pass messages on."]
SAFE_TIMES = ["Weekdays after 3pm", "Mornings only", "Not at weekends",
              "Tuesdays and Thursdays", "Any time on the mobile", "Before 8am or after 6pm"]
NEEDS = ["Wants to understand the options for reporting.",
         "Struggling to sleep; would like counselling.",
         "Court date coming up; wants an ISVA.", "Would like someone to talk to on the phone.",
         "Wants help to tell their family.", "Finding work difficult at the moment."]


class People:
    """Pools of made-up details from Faker, sampled quickly. Names mostly from Faker's
    en_GB and en_NZ lists (weighted by how common each surname is, so a few are common and
    most are rare, as in a real caseload), with Irish, South Asian and other names that
    Derbyshire's communities have."""

    def __init__(self, seed: int):
        try:
            from faker import Faker
        except ImportError:  # pragma: no cover - faker is a dependency
            raise errors.SV2Error("Demonstration data needs the 'faker' package, which is "
                                  "not installed.") from None
        self.rng = random.Random(seed)
        fakes = {locale: Faker(locale) for locale in ("en_GB", "en_NZ", "en_IE", "en_IN")}
        for n, fake in enumerate(fakes.values()):
            fake.seed_instance(seed + n)
        lists = {locale: next(p for p in fake.providers if "person" in type(p).__module__)
                 for locale, fake in fakes.items()}
        surnames: dict[str, float] = {}
        for locale, share in (("en_NZ", 0.55), ("en_GB", 0.15), ("en_IE", 0.15),
                              ("en_IN", 0.12)):
            names = lists[locale].last_names
            weights = (dict(names) if hasattr(names, "items")
                       else {name: 1.0 for name in names})
            total = sum(weights.values())
            for name, weight in weights.items():
                if name.isalpha() or "'" in name or "-" in name:
                    surnames[name] = surnames.get(name, 0.0) + share * weight / total
        for name in INTERNATIONAL_LAST:
            surnames[name] = surnames.get(name, 0.0) + 0.03 / len(INTERNATIONAL_LAST)
        # As in England and Wales: about a fifth of people have one of the hundred most
        # common surnames (Smith about 1 in 80); the rest are spread over a long tail.
        ranked = sorted(surnames, key=lambda n: -surnames[n])
        self.common, self.rare = ranked[:100], sorted(ranked[100:])
        self._common_weights = list(itertools.accumulate(surnames[n] for n in self.common))

        def firsts(attribute: str) -> list[str]:
            found = []
            for locale, repeat in (("en_GB", 3), ("en_NZ", 3), ("en_IE", 1), ("en_IN", 1)):
                found += [n for n in dict.fromkeys(getattr(lists[locale], attribute))] * repeat
            return found
        self.women = firsts("first_names_female")
        self.men = firsts("first_names_male")
        nonbinary = fakes["en_GB"]
        self.nonbinary = list({nonbinary.first_name_nonbinary() for _ in range(1500)})
        # Numbers in Ofcom's ranges for drama (never anyone's): 1,000 per area code.
        self.phones = [f"{area}{number:03d}" for area in DRAMA_PHONE_RANGES
                       for number in range(1000)]
        self.domains = list({fakes["en_GB"].free_email_domain() for _ in range(50)})
        districts = json.loads(paths.resource("derbyshire-postcode-districts.json").read_text())
        self.wholly, self.partly = districts["wholly"], districts["partly"]

    def surname(self) -> str:
        if self.rng.random() < 0.2:
            point = self.rng.random() * self._common_weights[-1]
            return self.common[min(bisect.bisect_right(self._common_weights, point),
                                   len(self.common) - 1)]
        return self.pick(self.rare)

    def pick(self, items):
        return items[int(self.rng.random() * len(items))]

    def first_and_last(self, pool) -> tuple[str, str]:
        if self.rng.random() < 0.04:
            return self.pick(INTERNATIONAL_FIRST), self.surname()
        return self.pick(pool), self.surname()

    def postcode(self) -> tuple[str, str]:
        """(postcode, town): mostly Derbyshire, some districts on the border, some outside."""
        r = self.rng.random()
        if r < 0.82:
            district = self.pick(self.wholly)
        elif r < 0.93:
            district = self.pick(self.partly)
        else:
            district = self.pick(sorted(OUT_OF_AREA))
        town = TOWNS.get(district) or OUT_OF_AREA.get(district, "Derby")
        inward = (f"{self.rng.randint(1, 9)}{self.pick(INWARD_LETTERS)}"
                  f"{self.pick(INWARD_LETTERS)}")
        return f"{district} {inward}", town

    def address(self, town: str) -> str:
        street = f"{self.surname()} {self.pick(STREET_ENDINGS)}"
        if self.rng.random() < 0.15:
            return f"Flat {self.rng.randint(1, 40)}, {self.rng.randint(1, 200)} {street}\n{town}"
        return f"{self.rng.randint(1, 250)} {street}\n{town}"

    def email(self, first: str, last: str) -> str:
        local = "".join(ch for ch in f"{first}.{last}".lower() if ch.isascii() and
                        (ch.isalnum() or ch == "."))
        return f"{local}{self.rng.randint(1, 99)}@{self.pick(self.domains)}"


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
    (sv2desk/demo_bulk.py) is called with everyone who took cases, still signed in, and
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
