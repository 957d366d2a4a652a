"""Practice mode: accounts a trainer can sign in with, and the practice worker's cases taken
to every stage, so that every role can be walked (``sv2desk-admin demo``).

Four practice accounts are made (or, when they exist already, given new passwords): a
support worker, the worker's line manager, another manager and an administrator. Their
passwords are returned once, to be printed once; nothing here keeps or logs them. Then,
through the ordinary service calls (permission checks, the audit trail, the connection
check), the practice worker's cases are taken to each stage: just referred, assessed and
waiting for support, in support with a finalised letter, a concern raised (the explanation
to record), the discussion waiting for the line manager's countersignature, in the manager
queue, decided (the outcome ready to share) and the outcome shared; and a referral naming
someone who is already a client, which the connection check flags for the managers.
Every name is made up.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from . import errors
from .policy import perpetrators, roles, signin
from .services import (accounts, assessments, auth, concerns, letters, outcomes, referrals,
                       reviews, signposting, support)
from .services.session import Session

# Plain words for passwords a trainer can read out and type (zxcvbn rates four of them,
# with a number, Strong).
WORDS = ("amber", "anchor", "badger", "banjo", "beacon", "bramble", "candle", "canyon",
         "cobalt", "copper", "cricket", "dahlia", "ember", "falcon", "fennel", "fjord",
         "gadget", "garnet", "harbour", "hazel", "heron", "indigo", "jasper", "juniper",
         "kettle", "kestrel", "lantern", "lemon", "maple", "marble", "meadow", "mitten",
         "nectar", "nutmeg", "orbit", "otter", "paddle", "pebble", "pepper", "quartz",
         "quiver", "raven", "ribbon", "saffron", "sparrow", "tangle", "thistle", "timber",
         "tulip", "umber", "velvet", "violet", "walnut", "willow", "yonder", "zephyr")


@dataclass(frozen=True)
class PracticeAccount:
    role: str            # what the trainer is told it is for
    username: str
    display_name: str
    roles: frozenset
    password: str = field(repr=False)


@dataclass
class PracticeReport:
    accounts: list[PracticeAccount]
    stages: list[str] = field(default_factory=list)     # one line per practice case
    note: str = ""


PEOPLE = (   # (role told to the trainer, username, display name, roles); managers first
    ("the worker's line manager", "practice.linemanager", "Lee Practice (line manager)",
     frozenset({roles.MANAGER})),
    ("another manager", "practice.manager", "Morgan Practice (manager)",
     frozenset({roles.MANAGER})),
    ("support worker", "practice.worker", "Pat Practice (worker)",
     frozenset({roles.SUPPORT_WORKER})),
    ("administrator", "practice.admin", "Alex Practice (administrator)",
     frozenset({roles.ADMIN})),
)



def earlier_today(delta: timedelta) -> datetime:
    """A moment ``delta`` ago, but not before midnight: what is recorded as done earlier
    today (a practice case's explanation or outcome, a benchmark's or a screenshot's) may
    not be dated before the day its concern was raised (just after midnight, "two hours
    ago" is yesterday, which the services rightly refuse). The tests use it too."""
    now = datetime.now()
    return max(now - delta, datetime.combine(now.date(), time.min))


def new_password(user_inputs=()) -> str:
    """Four plain words and a number, rated Strong (so it also suits a manager)."""
    while True:
        password = "-".join(secrets.choice(WORDS) for _ in range(4)) + \
            str(secrets.randbelow(90) + 10)
        if signin.password_problem(password, strong=True, user_inputs=user_inputs) is None:
            return password


def make_accounts(admin: Session) -> list[PracticeAccount]:
    """The four practice accounts, new or with new passwords. Needs an administrator."""
    existing = {a.username.lower(): a
                for a in accounts.list_accounts(admin, include_inactive=True)}
    made: list[PracticeAccount] = []
    ids: dict[str, int] = {}
    for role, username, display_name, account_roles in PEOPLE:
        password = new_password((username, display_name))
        line_manager = ids.get("practice.linemanager") \
            if roles.SUPPORT_WORKER in account_roles else None
        account = existing.get(username)
        if account is None:
            account = accounts.create_account(admin, username, display_name, password,
                                              account_roles, line_manager)
        else:
            if not account.active or set(account.roles) != set(account_roles):
                raise errors.ValidationError({"username": (
                    f"There is already an account called {username} that is not a practice "
                    "account as SV2 Desk makes it. Use a practice copy with no such account.")})
            accounts.reset_password(admin, account.id, password)
            if account.line_manager_id != line_manager:
                accounts.set_line_manager(admin, account.id, line_manager)
        ids[username] = account.id
        made.append(PracticeAccount(role, username, display_name, account_roles, password))
    return made


def _referral(name: str, day: date, **changes) -> referrals.ReferralForm:
    form = referrals.ReferralForm(
        name=name, postcode="DE1 1AA", address="12 Practice Road\nDerby",
        harm_categories={"sexual_assault"}, harm_timing="non_recent",
        support_requested={"counselling"}, interaction_answer="no",
        eligibility_decision="accept", referral_date=day, arrived_by="phone",
        post_is_safe=True, may_call=True, assign_to_me=True)
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def _assessed(worker: Session, case_id: int) -> None:
    assessments.complete(worker, case_id, assessments.AssessmentForm(
        identity_confirmed=True, eligibility_confirmed=True, interaction_answer="no",
        needs="Evening appointments; a female counsellor", outcome="support_offered",
        options_offered={"counselling"}))


def _concern(worker: Session, name: str, day: date) -> tuple[int, int]:
    """A case in support on which the worker has just raised a concern."""
    case_id = referrals.create_referral(worker, _referral(name, day)).id
    _assessed(worker, case_id)
    support.record_session(worker, case_id, support.SessionForm(
        session_date=date.today() - timedelta(days=7), session_type="counselling",
        duration_minutes=50, note="First counselling session (practice)."))
    concern_id = concerns.raise_concern(worker, case_id, concerns.ConcernForm(
        information="Another client told us this client harmed them (made up for practice).",
        source="Another client", risk_level="medium"))
    return case_id, concern_id


def _explained(worker: Session, concern_id: int) -> None:
    concerns.record_explanation(worker, concern_id, concerns.ExplanationForm(
        explained_on=earlier_today(timedelta(hours=2)), method="phone",
        points={name: True for name, _ in perpetrators.FOUR_POINTS}))


def _countersigned(worker: Session, concern_id: int, line_manager_password: str) -> None:
    concerns.countersign_discussion(worker, concern_id, line_manager_password,
                                    concerns.DiscussionForm(
                                        risks="The survivor attends the Tuesday group.",
                                        needs="Counselling on another day and site."))


def _decided(manager: Session, concern_id: int) -> None:
    reviews.decide(manager, concern_id, reviews.DecisionForm(
        steps={code: ("not_needed", "") for code in perpetrators.NEXT_STEPS},
        outcome="support_continues",
        victim_safety_note="No shared rooms or days; sessions at the other office."))


def walk_cases(folder, made: list[PracticeAccount]) -> list[str]:
    """The practice worker's cases, one at each stage. Returns a line for each."""
    password = {a.username: a.password for a in made}
    worker = auth.sign_in(folder, "practice.worker", password["practice.worker"])
    manager = auth.sign_in(folder, "practice.manager", password["practice.manager"])
    lines = []
    try:
        today = date.today()
        refer = lambda name, days, **kw: referrals.create_referral(   # noqa: E731
            worker, _referral(name, today - timedelta(days=days), **kw)).id
        refer("Robin Newref", 1)
        lines.append("Robin Newref: just referred (the assessment to do)")
        waiting = refer("Sasha Waiting", 9)
        _assessed(worker, waiting)
        lines.append("Sasha Waiting: assessed, waiting for support")
        in_support = refer("Toni Insupport", 30)
        _assessed(worker, in_support)
        support.record_session(worker, in_support, support.SessionForm(
            session_date=today - timedelta(days=3), session_type="counselling",
            duration_minutes=50, note="Second session (practice)."))
        support.record_session(worker, in_support, support.SessionForm(
            session_date=today + timedelta(days=4), session_type="counselling",
            duration_minutes=50, planned=True))
        services = [s.id for s in signposting.search(worker)][:2]
        try:
            letter = letters.compose(worker, in_support, letters.LetterRequest(
                "signposting", services))
            letters.finalise(worker, in_support, letter)
            lines.append("Toni Insupport: in support, a session planned, a signposting "
                         "letter finalised")
        except errors.SV2Error as exc:       # e.g. the organisation's phone not set yet
            lines.append(f"Toni Insupport: in support, a session planned (no letter: "
                         f"{exc.message})")

        _, raised = _concern(worker, "Uma Raised", today - timedelta(days=40))
        lines.append("Uma Raised: paused, a concern raised (the explanation to record)")
        _, explained = _concern(worker, "Vic Explained", today - timedelta(days=45))
        _explained(worker, explained)
        lines.append("Vic Explained: paused, the discussion waiting for the line manager's "
                     "countersignature")
        _, queued = _concern(worker, "Wren Queued", today - timedelta(days=50))
        _explained(worker, queued)
        _countersigned(worker, queued, password["practice.linemanager"])
        lines.append("Wren Queued: paused, in the manager queue for a decision")
        _, decided = _concern(worker, "Xan Decided", today - timedelta(days=55))
        _explained(worker, decided)
        _countersigned(worker, decided, password["practice.linemanager"])
        _decided(manager, decided)
        lines.append("Xan Decided: decided, the outcome ready for the worker to share")
        _, shared = _concern(worker, "Yas Shared", today - timedelta(days=60))
        _explained(worker, shared)
        _countersigned(worker, shared, password["practice.linemanager"])
        _decided(manager, shared)
        outcomes.record_communication(worker, shared, outcomes.CommunicationForm(
            communicated_on=earlier_today(timedelta(hours=1)), method="phone"))
        lines.append("Yas Shared: the outcome shared with the client, support carrying on")

        refer("Harold Flagstaff", 70, date_of_birth=date(1971, 4, 9))
        refer("Zoe Namer", 5, persons_named=[referrals.PersonNamed(
            "Harry Flagstaff", "ex-partner", "born 9/4/1971")])
        lines.append("Zoe Namer: names someone who is already a client (a possible "
                     "connection for the managers to look at)")
    finally:
        auth.sign_out(worker)
        auth.sign_out(manager)
    return lines


def set_up(admin: Session) -> PracticeReport:
    """Practice accounts and cases. ``admin`` must be an administrator."""
    if roles.ADMIN not in admin.roles:
        raise errors.PermissionDenied(
            "Practice accounts are made by an administrator: sign in with --user as one.")
    made = make_accounts(admin)
    return PracticeReport(made, walk_cases(admin.workspace.folder, made))
