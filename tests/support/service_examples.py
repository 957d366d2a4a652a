"""One example call for every service operation, for the permission test.

``EXAMPLES`` maps an operation name (as given to ``@use_case``) to a function
that takes an :class:`ExampleContext` and returns a :class:`Call`: the
arguments to pass after the session. When a new operation is added to a
service module, add its example here; tests/safety/test_permissions.py fails, naming
the operation, until there is one.

The examples are ordinary, valid calls: a role the policy allows must be able
to make them without an error.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from datetime import date, time, timedelta
from typing import Any, Callable

import sv2desk.services
from sv2desk.practice import earlier_today
from sv2desk.policy import roles
from sv2desk.policy import perpetrators
from sv2desk.letters.render import LetterText
from sv2desk.services.assessments import AssessmentForm
from sv2desk.services.letters import LetterRequest
from sv2desk.services.signposting import ServiceForm
from sv2desk.services.concerns import ConcernForm, DiscussionForm, ExplanationForm
from sv2desk.services.outcomes import CommunicationForm
from sv2desk.services.reviews import DecisionForm
from sv2desk.services.referrals import PersonNamed, ReferralForm
from sv2desk.services.session import Session
from sv2desk.services.support import SessionForm
from sv2desk.services.clients import ClientDetails
from sv2desk.services.consent import ConsentForm, WithdrawalForm
from sv2desk.services.contacts import ContactForm
from sv2desk.services.diary import BookingForm, RoomForm, SiteForm
from sv2desk.services.equality import EqualityForm
from sv2desk.services.notes import NoteForm
from sv2desk.services.waiting_list import WaitingForm
from sv2desk.policy.returns import quarter_of


def import_all_services() -> None:
    """Import every module in sv2desk.services and its packages (services/connections/), so
    every operation is registered."""
    for info in pkgutil.walk_packages(sv2desk.services.__path__, f"{sv2desk.services.__name__}."):
        importlib.import_module(info.name)


@dataclass
class ExampleContext:
    """What an example may use.

    ``session``: the signed-in session making the call.
    ``password``: that session's own password.
    ``tag``: a short text unique to this call (for new usernames).
    ``ids``: fixtures made for this call --
        "self": the session's own account;
        "target": another staff account (a support worker) to act on;
        "manager": an active manager's account (a possible line manager);
        "draft": a draft belonging to the session's own account;
        "case": a referred case, assigned to the session's own account when it works with
                clients (policy/access.py: the assigned worker acts on a case);
        "unassigned_case": a referred case assigned to no one (a worker may take it);
        "case_in_support": a case assessed and waiting for support, assigned as "case";
        "flag": an open connection flag (a person of concern referred as a client);
        "closed_case": an unassigned case that has been closed;
        "concern_no_further_action": a concern decided "support continues" and shared;
        "booked_session": a session booked today at 09:00 on "case_in_support";
        "waiting_entry": "case_in_support" waiting for counselling;
        "consent": consent to processing recorded on "case";
        "site", "room": a site and a room in it.
    Only the ids an example uses are made (the test finds out which by a dry run).
    ``scratch``: an empty folder of this call's own (for example a backup folder).
    """

    session: Session
    password: str
    tag: str
    ids: dict[str, int] = field(default_factory=dict)
    scratch: Path | None = None


@dataclass(frozen=True)
class Call:
    args: tuple = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


def call(*args, **kwargs) -> Call:
    return Call(args, kwargs)


# -- complete, valid forms (made-up people) -------------------------------------------------

def referral_form(name: str = "Example Client", **changes) -> ReferralForm:
    form = ReferralForm(name=name, postcode="DE1 1AA", harm_categories={"sexual_assault"},
                        harm_timing="recent", support_requested={"counselling"},
                        interaction_answer="no", eligibility_decision="accept",
                        referral_date=date.today(), arrived_by="phone", assign_to_me=False)
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def assessment_form(**changes) -> AssessmentForm:
    form = AssessmentForm(identity_confirmed=True, eligibility_confirmed=True,
                          interaction_answer="no", outcome="support_offered",
                          options_offered={"counselling"})
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def session_form(**changes) -> SessionForm:
    form = SessionForm(session_date=date.today(), session_type="check_in",
                       duration_minutes=30)
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def concern_form(**changes) -> ConcernForm:
    return ConcernForm(information="What the client said in a test", source="The client",
                       initial_risk_notes="", risk_level="medium", **changes)


def explanation_form(**changes) -> ExplanationForm:
    return ExplanationForm(explained_on=earlier_today(timedelta(hours=1)), method="phone",
                           points={name: True for name, _ in perpetrators.FOUR_POINTS},
                           **changes)


def discussion_form(**changes) -> DiscussionForm:
    return DiscussionForm(risks="Risks discussed in a test", needs="Needs discussed",
                          **changes)


def decision_form(**changes) -> DecisionForm:
    form = DecisionForm(steps={code: ("not_needed", "") for code in perpetrators.NEXT_STEPS},
                        outcome="support_continues",
                        victim_safety_note="No shared sessions or rooms; checked in a test")
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def communication_form(**changes) -> CommunicationForm:
    return CommunicationForm(communicated_on=earlier_today(timedelta(minutes=5)),
                             method="phone", **changes)


def booking_form(days_ahead: int = 1, **changes) -> BookingForm:
    form = BookingForm(session_date=date.today() + timedelta(days=days_ahead),
                       start_time=time(10, 0), duration_minutes=50,
                       session_type="counselling")
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def letter_text(**changes) -> LetterText:
    values = dict(kind="signposting", subject="Services that can support you",
                  recipient_lines=("Example Client", "1 Example Road", "DE1 1AA"),
                  body="Dear Example,\n\nThese services can help.", sign_off=("A Worker",))
    return LetterText(**(values | changes))


EXAMPLES: dict[str, Callable[[ExampleContext], Call]] = {
    # the signposting directory (entry 1 is seeded in every new workspace)
    "signposting.search": lambda c: call("Stop"),
    "signposting.save": lambda c: call(ServiceForm(name="Example service", category="other",
                                                   phone="0100 000000")),
    "signposting.confirm": lambda c: call(1),
    "signposting.retire": lambda c: call(c.ids["directory_entry"]),
    # letters
    "letters.compose": lambda c: call(c.ids["case"], LetterRequest("signposting", [1])),
    "letters.preview": lambda c: call(letter_text(), large_print=True),
    "letters.finalise": lambda c: call(c.ids["case"], letter_text()),
    "letters.list_for_case": lambda c: call(c.ids["case"]),
    "letters.open": lambda c: call(c.ids["letter"]),
    "letters.postal_check": lambda c: call(c.ids["letter"]),
    "letters.print_for_post": lambda c: call(c.ids["letter"]),
    "letters.hand_over": lambda c: call(c.ids["letter"]),
    "letters.unconfirmed_services": lambda c: call(c.ids["letter"]),
    # the potential-perpetrator workflow
    "concerns.raise": lambda c: call(c.ids["case"], concern_form()),
    "concerns.record_explanation": lambda c: call(c.ids["concern"], explanation_form()),
    "concerns.line_manager": lambda c: call(c.ids["concern"]),
    "concerns.countersign_discussion": lambda c: call(c.ids["concern"], "senior password 1",
                                                      discussion_form()),
    "concerns.view": lambda c: call(c.ids["concern"]),
    "concerns.for_case": lambda c: call(c.ids["case"]),
    "reviews.queue": lambda c: call(risk_level="medium"),
    "reviews.count": lambda c: call(),
    "reviews.decide": lambda c: call(c.ids["concern_for_review"], decision_form()),
    "reviews.correct": lambda c: call(c.ids["decision"], decision_form(),
                                      "Corrected in a test"),
    "outcomes.record_communication": lambda c: call(c.ids["concern_decided"],
                                                    communication_form()),
    "reports.dashboard": lambda c: call(),
    "reports.export_pdf": lambda c: call(),
    # staff accounts
    "accounts.list": lambda c: call(include_inactive=True),
    "accounts.get_own": lambda c: call(),
    "accounts.change_own_password": lambda c: call(c.password, "a changed password 1"),
    "accounts.create": lambda c: call(f"new{c.tag}", "New Member Of Staff", "a new password 1",
                                      {roles.SUPPORT_WORKER}, c.ids["manager"]),
    "accounts.disable": lambda c: call(c.ids["target"]),
    "accounts.reset_password": lambda c: call(c.ids["target"], "a reset password 1"),
    "accounts.set_roles": lambda c: call(c.ids["target"], {roles.SUPPORT_WORKER, roles.MANAGER}),
    "accounts.set_line_manager": lambda c: call(c.ids["target"], c.ids["manager"]),
    "accounts.line_manager_problems": lambda c: call(),
    # settings
    "settings.read": lambda c: call(),
    "settings.update": lambda c: call(idle_lock_minutes=7),
    # audit trail
    "audit.read": lambda c: call(limit=5),
    "audit.verify": lambda c: call(),
    "audit.fingerprint": lambda c: call(),
    # documents that leave SV2 Desk
    "exports.record_print": lambda c: call("letter", "account", c.ids["target"]),
    "exports.record_saved_copy": lambda c: call("letter", "account", c.ids["target"]),
    # referrals, assessment, cases, support, caseload
    "referrals.eligibility_advice": lambda c: call("DE1 1AA", approximate_age=30),
    "referrals.create": lambda c: call(referral_form()),
    "referrals.create_many": lambda c: call([referral_form("First Of Many"),
                                             referral_form("Second Of Many")]),
    "referrals.add_person_of_concern": lambda c: call(c.ids["case"],
                                                      PersonNamed("Named Person", "neighbour")),
    "assessments.start": lambda c: call(c.ids["case"]),
    "assessments.complete": lambda c: call(c.ids["case"], assessment_form()),
    "cases.open": lambda c: call(c.ids["case"]),
    "cases.assign": lambda c: call(c.ids["unassigned_case"], c.ids["self"]),
    "cases.close": lambda c: call(c.ids["case"], "other", "closed in a test"),
    "support.record_session": lambda c: call(c.ids["case_in_support"], session_form()),
    "caseload.list": lambda c: call("unassigned", status="open"),
    "caseload.rows": lambda c: call([c.ids["case"]]),
    "caseload.search": lambda c: call("Example"),
    "caseload.workers": lambda c: call(),
    # the connection check (managers only)
    "connections.open_flags": lambda c: call(include_decided=True),
    "connections.view": lambda c: call(c.ids["flag"]),
    "connections.count": lambda c: call(),
    "connections.confirm": lambda c: call(c.ids["flag"], "Separate days and workers agreed "
                                                         "in a test"),
    "connections.dismiss": lambda c: call(c.ids["flag"], "Not the same person: checked in a "
                                                         "test"),
    # drafts
    "drafts.save": lambda c: call("referral", {"notes": "typed before the lock"}),
    "drafts.list_own": lambda c: call(),
    "drafts.take": lambda c: call(c.ids["draft"]),
    "drafts.discard": lambda c: call(c.ids["draft"]),
    # backups and keys
    "backups.settings": lambda c: call(),
    "backups.set_folder": lambda c: call(c.scratch),
    "backups.list": lambda c: call(),
    "backups.status": lambda c: call(),
    "office_server.status": lambda c: call(),
    "backups.set_aside": lambda c: call(),
    "backups.create": lambda c: call(c.scratch),
    "backups.automatic": lambda c: call(),
    "keys.change": lambda c: call(c.password),
    "keys.finish_change": lambda c: call(account_ids=[c.ids["target"]]),
    "keys.status": lambda c: call(),
    # retention and subject access
    "retention.settings": lambda c: call(),
    "retention.set_period": lambda c: call(7),
    "retention.due": lambda c: call(),
    "retention.erase": lambda c: call([c.ids["closed_case"]],
                                      today=date.today() + timedelta(days=101 * 366)),
    "retention.erase_concern": lambda c: call(c.ids["concern_no_further_action"],
                                              "The client asked, in a test"),
    "subject_access.review": lambda c: call(c.ids["case"]),
    "subject_access.export": lambda c: call(c.ids["case"]),
    # daily casework
    "clients.details": lambda c: call(c.ids["case"]),
    "clients.update": lambda c: call(c.ids["case"], ClientDetails(
        name="Example Client", postcode="DE1 1AA", pronouns="she/her", version=1)),
    "clients.history": lambda c: call(c.ids["case"]),
    "notes.add": lambda c: call(c.ids["case"], NoteForm(text="Rang to check in")),
    "notes.for_case": lambda c: call(c.ids["case"]),
    "contacts.record": lambda c: call(c.ids["case"], ContactForm(channel="in_person",
                                                                 outcome="met")),
    "contacts.for_case": lambda c: call(c.ids["case"]),
    "consent.record": lambda c: call(c.ids["case"], ConsentForm(
        kind="processing", given_on=date.today(), how="in_person")),
    "consent.withdraw": lambda c: call(c.ids["consent"], WithdrawalForm(date.today(), "phone")),
    "consent.for_case": lambda c: call(c.ids["case"]),
    "equality.record": lambda c: call(c.ids["case"], EqualityForm(
        ethnicity="prefer_not_to_say", age_band="25_34")),
    "equality.view": lambda c: call(c.ids["case"]),
    "waiting_list.add": lambda c: call(c.ids["case"], WaitingForm(service="counselling")),
    "waiting_list.list": lambda c: call(service="counselling"),
    "waiting_list.allocate": lambda c: call(c.ids["waiting_entry"], c.ids["self"]),
    "waiting_list.remove": lambda c: call(c.ids["waiting_entry"], "no_longer_needed"),
    "waiting_list.for_case": lambda c: call(c.ids["case"]),
    "diary.book": lambda c: call(c.ids["case_in_support"], booking_form()),
    "diary.cancel": lambda c: call(c.ids["booked_session"], "client", "Unwell today"),
    "diary.reschedule": lambda c: call(c.ids["booked_session"], booking_form(2)),
    "diary.held": lambda c: call(c.ids["booked_session"]),
    "diary.did_not_attend": lambda c: call(c.ids["booked_session"]),
    "diary.worker_days": lambda c: call(c.ids["self"], date.today()),
    "diary.room_days": lambda c: call(c.ids["room"], date.today()),
    "diary.rooms": lambda c: call(include_retired=True),
    "diary.save_site": lambda c: call(SiteForm(name="Chesterfield office")),
    "diary.save_room": lambda c: call(RoomForm(site_id=c.ids["site"], name="Room 3")),
    "returns.preview": lambda c: call(quarter_of(date.today())),
    "returns.export": lambda c: call(quarter_of(date.today()), "csv"),
}
