"""A subject access request: everything held about one client (one case), as a PDF and as
machine-readable JSON, with other people's details withheld for a manager to review.

Withheld by default (each listed in ``withheld`` with the reason, for the manager who
reviews the bundle before it is released):
* the people the client named (persons of concern): names, relationships, identifiers;
* the referrer's name, role, phone and email (the referring organisation is given);
* where a concern came from (who made the allegation);
* the safeguarding report (authority, reference, lawful basis) and the note on how the
  decision keeps victims, children and vulnerable people safe;
* letters written to the referrer;
* other people's names inside free text (people recorded on the case, the referrer,
  persons of concern on other records), replaced with "[withheld: another person]".
Staff names are given by default: they appear in their work role. ``review`` lists every
name found in free text first, so the manager can withhold or release each one, and
``export`` takes the manager's choice.

Built in memory and returned: the screens preview it and save it only with the usual
warning. The export is recorded in the audit trail (by case number).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import select

from .. import errors
from ..letters import subject_access as pdf
from ..models import (Account, Assessment, AuditEntry, CaseEvent, Concern, Decision,
                      Explanation, Letter, LineManagerDiscussion, OutcomeCommunication,
                      PersonOfConcern, SupportSession)
from ..policy import lifecycle, perpetrators, referral as vocab
from . import access as case_access, audit, settings, third_parties
from . import subject_access_daily as daily_casework
from .use_case import use_case

FORMAT = "sv2desk-subject-access/1"
WITHHELD = "[withheld]"
NAME_WITHHELD = third_parties.NAME_WITHHELD
THIRD_PARTY = "Details of another person (third party)"


@dataclass(frozen=True)
class Withheld:
    """One thing left out of the bundle, for the reviewing manager."""

    section: str
    item: str
    reason: str


@dataclass(frozen=True)
class SubjectAccessBundle:
    case_id: int
    reference: str
    produced_at: str
    pdf: bytes = field(repr=False)
    json: bytes = field(repr=False)
    withheld: tuple[Withheld, ...]


class _Redactor:
    """Other people's names inside free text: found, and replaced where withheld."""

    def __init__(self, finder: third_parties.NameFinder):
        self.finder = finder
        self.withheld: list[Withheld] = []

    def __call__(self, section: str, label: str, value):
        redacted, names = self.finder.redact(f"{section}: {label}", value)
        for found in names:
            self.withheld.append(Withheld(section, label, f"It names another person "
                                          f"({found.who}); the name was replaced."))
        return redacted


def _yes(value) -> str:
    return "Yes" if value else "No"


def _codes(value: str, labels: dict) -> str:
    return ", ".join(labels.get(c, c) for c in (value or "").split(",") if c)


def _finder(db, case, people, staff_names) -> third_parties.NameFinder:
    """Everyone whose name is looked for in this case's free text."""
    client = case.client
    finder = third_parties.NameFinder([client.name, client.preferred_name])
    for person in people:
        finder.add(person.name, third_parties.ON_THE_CASE, parts=True)
    if case.referrer_name and case.referrer_name.strip():
        finder.add(case.referrer_name, third_parties.REFERRER, parts=True)
    for name in staff_names:
        finder.add(name, third_parties.STAFF)
    for (name,) in db.execute(select(PersonOfConcern.name)
                              .where(PersonOfConcern.case_id != case.id)):
        finder.add(name, third_parties.INDEX)
    return finder


@dataclass(frozen=True)
class NameToReview:
    """A name of another person found in the copy, for the manager to withhold or release."""

    key: str
    name: str
    who: str
    places: tuple[str, ...]
    withhold_by_default: bool


@use_case("subject_access.review")
def review(uc, case_id: int) -> list[NameToReview]:
    """The names of other people found in the case's free text (people recorded on the
    case, staff, persons of concern on other records), before the copy is made."""
    _, finder, _ = _collect(uc.db, uc.session, case_id, None)
    uc.audit("case", case_id)
    return [NameToReview(f.key, f.name, f.who, tuple(f.places), f.withhold_by_default)
            for f in sorted(finder.found.values(), key=lambda f: (not f.withhold_by_default,
                                                                  f.name.casefold()))]


@use_case("subject_access.export")
def export(uc, case_id: int, withhold: set[str] | frozenset[str] | None = None
           ) -> SubjectAccessBundle:
    """The bundle for one case. Managers only; audited. ``withhold`` is the keys (from
    ``review``) of the names the manager withholds; None keeps the defaults."""
    document, _, case = _collect(uc.db, uc.session, case_id, withhold)
    withheld = tuple(Withheld(**w) for w in document["withheld"])
    uc.audit("case", case.id)
    rendered = pdf.render(document, on=date.today())
    data = json.dumps(document, indent=1, ensure_ascii=False, default=str).encode("utf-8")
    return SubjectAccessBundle(case.id, case.reference, document["produced_at"], rendered, data,
                               withheld)


def _collect(db, session, case_id: int, withhold):
    """(the document, the name finder, the case): everything held, as sections."""
    case = case_access.case(db, session, "subject_access.export", case_id)
    if case.erased_at:
        raise errors.ActionRefused("This case's personal data has been erased: there is "
                                   "nothing left to export.")
    names = dict(db.execute(select(Account.id, Account.display_name)).all())
    people = db.scalars(select(PersonOfConcern).where(PersonOfConcern.case_id == case.id)
                        .order_by(PersonOfConcern.id)).all()
    finder = _finder(db, case, people, names.values())
    finder.withhold = None if withhold is None else set(withhold)
    redact = _Redactor(finder)
    withheld: list[Withheld] = []
    sections: list[dict] = []

    def section(title: str, groups: list[list[tuple[str, object]]], note: str = ""):
        sections.append({"title": title, "note": note,
                         "groups": [[{"label": k, "value": v} for k, v in g]
                                    for g in groups]})

    c = case.client
    section("Your details", [[
        ("Name", c.name), ("Preferred name", c.preferred_name),
        ("Date of birth", c.date_of_birth.isoformat() if c.date_of_birth else ""),
        ("Approximate age", c.approximate_age if c.approximate_age is not None else ""),
        ("Gender", c.gender), ("Pronouns", c.pronouns), ("Address", c.address),
        ("Postcode", c.postcode), ("Phone", c.phone), ("Email", c.email)], [
        ("Post is safe", _yes(c.post_is_safe)), ("Safe address for post", c.safe_post_address),
        ("May call", _yes(c.may_call)), ("May leave voicemail", _yes(c.may_leave_voicemail)),
        ("May text", _yes(c.may_text)), ("May email", _yes(c.may_email)),
        ("Safe times", c.safe_times),
        ("Our name may show on envelopes", _yes(c.name_on_envelope_ok)),
        ("Our name may show on caller display", _yes(c.name_on_caller_display_ok)),
        ("Our name may show in texts and emails", _yes(c.name_in_messages_ok))], [
        ("Language", c.language), ("Needs an interpreter", _yes(c.interpreter_needed)),
        ("Interpreter's language", c.interpreter_language),
        ("Access needs", redact("Your details", "Access needs", c.access_needs))]])
    daily_casework.sections(db, case, names, redact, section)

    s = "Your referral"
    referrer = []
    if case.external_referral:
        referrer = [("Referring organisation", case.referrer_organisation),
                    ("Referrer's name", WITHHELD), ("Referrer's role", WITHHELD),
                    ("Referrer's phone", WITHHELD), ("Referrer's email", WITHHELD)]
        for item in ("name", "role", "phone", "email"):
            if getattr(case, f"referrer_{item}").strip():
                withheld.append(Withheld(s, f"The referrer's {item}", THIRD_PARTY))
    section(s, [[
        ("Case reference", case.reference), ("Referral date", case.referral_date.isoformat()),
        ("How it reached us", vocab.ARRIVED_BY.get(case.arrived_by, case.arrived_by)),
        ("Referred by another service", _yes(case.external_referral))] + referrer + [
        ("What happened", _codes(case.harm_categories, vocab.HARM_CATEGORIES)),
        ("Other (as described)", redact(s, "What happened (other)", case.harm_other)),
        ("When", vocab.HARM_TIMING.get(case.harm_timing, case.harm_timing)),
        ("Support asked for", _codes(case.support_requested, vocab.SUPPORT_TYPES)),
        ("Other support", redact(s, "Other support", case.support_other)),
        (vocab.INTERACTION_QUESTION,
         vocab.INTERACTION_ANSWERS.get(case.interaction_answer, "")),
        ("Details", redact(s, "Interaction details", case.interaction_details)),
        ("Eligibility decision", vocab.ELIGIBILITY_DECISIONS.get(
            case.eligibility_decision, case.eligibility_decision)),
        ("Eligibility note", redact(s, "Eligibility note", case.eligibility_note)),
        ("Adult at risk", _yes(case.adult_at_risk)),
        ("Safeguarding note", redact(s, "Safeguarding note", case.safeguarding_note)),
        ("Status", lifecycle.LABELS.get(case.status, case.status)),
        ("Why it closed", lifecycle.CLOSE_REASONS.get(case.closed_reason or "", "")),
        ("Closing note", redact(s, "Closing note", case.closed_note))]])

    if people:
        section("People you named", [[(f"Person {n}", WITHHELD)]
                                     for n, _ in enumerate(people, 1)],
                "The details of people you named are about them, so they are not "
                "included here.")
        withheld += [Withheld("People you named", f"Person {n}: name, relationship and "
                              "other details", THIRD_PARTY)
                     for n, _ in enumerate(people, 1)]

    s = "Initial options assessment"
    groups = []
    for a in db.scalars(select(Assessment).where(Assessment.case_id == case.id)
                        .order_by(Assessment.id)):
        groups.append([
            ("Completed", a.completed_at[:10]), ("By", names.get(a.worker_id, "")),
            ("Identity confirmed", _yes(a.identity_confirmed)),
            ("Immediate risk", _yes(a.immediate_risk)),
            ("Children at risk", _yes(a.children_at_risk)),
            ("Adults at risk", _yes(a.adults_at_risk)),
            ("Safety notes", redact(s, "Safety notes", a.safety_notes)),
            ("Needs", redact(s, "Needs", a.needs)),
            ("Interaction answer", vocab.INTERACTION_ANSWERS.get(a.interaction_answer, "")),
            ("Interaction notes", redact(s, "Interaction notes", a.interaction_notes)),
            ("Identified as a potential perpetrator", _yes(a.potential_perpetrator)),
            ("Notes on that", redact(s, "Perpetrator notes", a.perpetrator_notes)),
            ("Outcome", vocab.ASSESSMENT_OUTCOMES.get(a.outcome, a.outcome)),
            ("Options offered", _codes(a.options_offered, vocab.SUPPORT_OPTIONS)),
            ("Outcome notes", redact(s, "Outcome notes", a.outcome_notes))])
    if groups:
        section(s, groups)

    s = "Support sessions"
    groups = [[("Date", x.session_date.isoformat()),
               ("Type", vocab.SESSION_TYPES.get(x.session_type, x.session_type)),
               ("Worker", names.get(x.worker_id, "")),
               ("Length (minutes)", x.duration_minutes), ("Planned", _yes(x.planned)),
               ("What happened", daily_casework.session_status(x)),
               ("Place", redact(s, "Session place", getattr(x, "location", ""))),
               ("Note", redact(s, "Session note", x.note))]
              for x in db.scalars(select(SupportSession)
                                  .where(SupportSession.case_id == case.id)
                                  .order_by(SupportSession.session_date,
                                            SupportSession.id))]
    if groups:
        section(s, groups)

    for concern in db.scalars(select(Concern).where(Concern.case_id == case.id)
                              .order_by(Concern.id)):
        _concern_section(db, concern, names, redact, withheld, section)

    s = "Letters"
    groups = []
    for letter in db.scalars(select(Letter).where(Letter.case_id == case.id)
                             .order_by(Letter.id)):
        if letter.recipient != "client":
            withheld.append(Withheld(s, f"Letter of {letter.finalised_at[:10]} to the "
                                        "referrer", "Correspondence with another person"))
            continue
        content = json.loads(letter.body)
        groups.append([("Date", letter.finalised_at[:10]),
                       ("Subject", content.get("subject", "")),
                       ("Letter", redact(s, "Letter text", content.get("body", "")))])
    if groups:
        section(s, groups)

    events = db.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                        .order_by(CaseEvent.id)).all()
    section("Case history", [[(e.at[:16].replace("T", " "), e.summary) for e in events]])
    access = db.scalars(select(AuditEntry).where(AuditEntry.object_type == "case",
                                                 AuditEntry.object_id == str(case.id))
                        .order_by(AuditEntry.seq)).all()
    section("Who opened or changed this case", [[
        (e.at[:16].replace("T", " "),
         f"{names.get(e.account_id, 'SV2 Desk')}: {_ACTIONS.get(audit.current_name(e.action), e.action)}")
        for e in access]], "From SV2 Desk's audit trail.")

    withheld = tuple(withheld + redact.withheld)
    produced_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    org = settings._load(db).organisation
    document = {"format": FORMAT, "organisation": org.name, "reference": case.reference,
                "produced_at": produced_at, "produced_by": names.get(session.account_id, ""),
                "sections": sections,
                "withheld": [{"section": w.section, "item": w.item, "reason": w.reason}
                             for w in withheld]}
    return document, finder, case


_ACTIONS = {"cases.open": "opened the case", "cases.assign": "changed who works on the case",
            "cases.close": "closed the case", "subject_access.export":
                "produced a copy of the data (subject access)"}


def _concern_section(db, concern, names, redact, withheld, section) -> None:
    s = f"Concern raised on {concern.raised_at[:10]}"
    groups = [[("Raised by", names.get(concern.raised_by, "")),
               ("Stage", lifecycle.LABELS.get(concern.stage, concern.stage)),
               ("What led to it", redact(s, "What led to the concern", concern.information)),
               ("Where the information came from", WITHHELD),
               ("Initial risk notes", redact(s, "Initial risk notes",
                                             concern.initial_risk_notes)),
               ("Risk level", perpetrators.RISK_LEVELS.get(concern.risk_level, ""))]]
    if concern.source.strip():
        withheld.append(Withheld(s, "Where the information came from (who made the "
                                    "allegation)", THIRD_PARTY))
    explanation = db.scalar(select(Explanation).where(Explanation.concern_id == concern.id))
    if explanation is not None:
        rows = [("Explained on", explanation.explained_on[:16].replace("T", " "))]
        for name, said in perpetrators.FOUR_POINTS:
            rows.append((said, "Explained" if getattr(explanation, name) else
                         "Not explained: " + redact(s, "Explanation", getattr(
                             explanation, f"{name}_reason"))))
        groups.append(rows)
    discussion = db.scalar(select(LineManagerDiscussion)
                           .where(LineManagerDiscussion.concern_id == concern.id))
    if discussion is not None:
        groups.append([("Discussed with line manager", names.get(discussion.manager_id, "")),
                       ("Risks", redact(s, "Discussion: risks", discussion.risks)),
                       ("Needs", redact(s, "Discussion: needs", discussion.needs)),
                       ("Safeguarding action", redact(s, "Discussion: safeguarding action",
                                                      discussion.safeguarding_action))])
    for decision in db.scalars(select(Decision).where(Decision.concern_id == concern.id)
                               .order_by(Decision.id)):
        steps = json.loads(decision.steps_json or "{}")
        rows = [("Decided", decision.decided_at[:10]), ("By", names.get(decision.decided_by, "")),
                ("Decision", perpetrators.OUTCOMES.get(decision.outcome, decision.outcome))]
        if decision.corrects_id:
            rows.append(("Corrects an earlier decision",
                         redact(s, "Correction reason", decision.correction_reason)))
        for code, label in perpetrators.NEXT_STEPS.items():
            if code in steps:
                step = steps[code]
                rows.append((label, perpetrators.STEP_STATUSES.get(step.get("status"), "")
                             + (": " + redact(s, label, step["note"]) if step.get("note") else "")))
        if decision.safeguarding_authority.strip() or decision.safeguarding_reference.strip():
            rows.append(("Safeguarding report", WITHHELD))
            withheld.append(Withheld(s, "The safeguarding report (authority, reference, lawful "
                                        "basis)", "May be exempt (prevention of crime, "
                                                  "safeguarding): review before release"))
        if decision.victim_safety_note.strip():
            rows.append(("How the decision keeps others safe", WITHHELD))
            withheld.append(Withheld(s, "How the decision keeps victims, children and "
                                        "vulnerable people safe", THIRD_PARTY))
        groups.append(rows)
    communication = db.scalar(select(OutcomeCommunication)
                              .where(OutcomeCommunication.concern_id == concern.id))
    if communication is not None:
        groups.append([("Outcome shared on", communication.communicated_on.replace("T", " ")),
                       ("How", perpetrators.COMMUNICATION_METHODS.get(communication.method, "")),
                       ("Notes", redact(s, "Outcome notes", communication.notes))])
    section(s, groups)
