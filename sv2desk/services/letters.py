"""Letters: composed from a template, reviewed and edited by staff, finalised (stored
encrypted with who and when), previewed and printed from memory.

"The outcome of the discussion and any actions will be shared directly with the person
identified as a sexual perpetrator." Outcome letters need the decision recorded first.
Before a letter is printed for posting, the client's safe-contact preferences are checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from .. import errors
from ..letters import render as renderer, templates
from ..models import Account, Case, Concern, Letter, OutcomeCommunication
from ..policy import perpetrators, signposting as directory_policy, validation
from . import access, audit, timeline, settings, signposting
from .use_case import use_case
from .reviews import latest_decision

OUTCOME_KINDS = {"outcome_not_supported": "support_ends",
                 "outcome_support_continues": "support_continues"}
STEP_SENTENCES = {
    "contact_referrer": "We have been in touch with the service that referred you.",
    "signpost_perpetrator_services": "We have listed below some services that can help you.",
    "advice_from_perpetrator_services": "We have taken advice from a service that works with "
                                        "people who are worried about their behaviour.",
    "report_safeguarding": "We have shared information with the relevant authority, as we "
                           "explained we may have to.",
}


@dataclass
class LetterRequest:
    kind: str
    service_ids: list[int]
    own_experience_service_ids: list[int] | None = None   # None: leave that part out


@dataclass(frozen=True)
class LetterInfo:
    id: int
    kind: str
    title: str
    large_print: bool
    finalised_by: str
    finalised_at: str


@dataclass(frozen=True)
class PostalCheck:
    allowed: bool
    reason: str            # why posting is refused ("" when allowed)
    envelope_note: str     # how to send it when allowed


def _service_paragraph(entry) -> str:
    lines = [entry.name]
    for label, value in (("Phone", entry.phone), ("Web", entry.web),
                         ("Opening hours", entry.opening_hours)):
        if value.strip():
            lines.append(f"{label}: {value}")
    return "\n".join(lines)


def _letterhead(session) -> renderer.Letterhead:
    org = settings.read(session).organisation
    return renderer.Letterhead(org.name, org.address, org.phone, org.email,
                               org.charity_number, org.logo_png)


def _concern_and_decision(db, case: Case):
    concern = db.scalar(select(Concern).where(Concern.case_id == case.id)
                        .order_by(Concern.id.desc()).limit(1))
    return concern, latest_decision(db, concern.id) if concern else None


def _check_kind_allowed(db, case: Case, kind: str):
    concern, decision = _concern_and_decision(db, case)
    if kind in OUTCOME_KINDS:
        if decision is None:
            raise errors.ActionRefused("Outcome letters can be written once a manager has "
                                       "recorded the decision.")
        if decision.outcome != OUTCOME_KINDS[kind]:
            raise errors.ActionRefused("This letter does not match the decision recorded: "
                                       + perpetrators.OUTCOMES[decision.outcome] + ".")
    if kind == "referrer":
        consent = case.referrer_contact_consent or (decision is not None and
                                                    decision.referrer_contact_consent)
        if not case.external_referral or not consent:
            raise errors.ActionRefused("A letter to the referrer needs an external referral "
                                       "and the client's consent to contact the referrer.")
    return concern, decision


REFERRER_OUTCOMES = {
    "support_ends": "After careful review, we are not able to offer support to your client. "
                    "We have given them details of services that can help.",
    "support_continues": "Your client's support with us continues.",
}


def _next_steps(kind: str, decision) -> str:
    if kind == "referrer" and decision is not None:
        return REFERRER_OUTCOMES[decision.outcome]
    if decision is None:
        return ("We will keep your referral on record. Please contact us if anything changes."
                if kind == "referrer" else "")
    steps = json.loads(decision.steps_json)
    said = [STEP_SENTENCES[c] for c, v in steps.items()
            if v.get("status") == "done" and c in STEP_SENTENCES]
    if decision.outcome == "support_continues":
        said.append("Your worker will be in touch to arrange your next session.")
    return " ".join(said) or "There is nothing more you need to do."


@use_case("letters.compose")
def compose(uc, case_id: int, request: LetterRequest) -> renderer.LetterText:
    """The letter filled in from its template, for staff to review and edit."""
    if request.kind not in templates.KINDS:
        raise errors.ValidationError({"kind": "Choose a kind of letter."})
    template = templates.load(request.kind)
    org = settings.read(uc.session).organisation
    case = access.case(uc.db, uc.session, "letters.compose", case_id)
    _, decision = _check_kind_allowed(uc.db, case, request.kind)
    client = case.client
    worker = uc.db.get(Account, case.assigned_worker_id or uc.session.account_id)
    chosen = signposting.get_entries(uc.db, request.service_ids)
    survivors = (signposting.get_entries(uc.db, request.own_experience_service_ids)
                 if request.own_experience_service_ids else None)
    values = {"organisation_name": org.name, "organisation_phone": org.phone,
              "greeting_name": client.preferred_name or client.name,
              "client_name": client.name or client.preferred_name,
              "reference": case.reference, "date": date.today().strftime("%d %B %Y"),
              "worker_name": worker.display_name if worker else "",
              "referrer_name": case.referrer_name or case.referrer_organisation,
              "referrer_organisation": case.referrer_organisation,
              "next_steps": _next_steps(request.kind, decision)}
    try:
        subject, paragraphs = template.fill(
            values, [_service_paragraph(e) for e in chosen],
            [_service_paragraph(e) for e in survivors] if survivors else None)
    except templates.TemplateError as exc:
        raise errors.ActionRefused(str(exc)) from None
    if templates.KINDS[request.kind].recipient == "referrer":
        to = [case.referrer_name, case.referrer_organisation]
    else:
        address = client.safe_post_address or client.address
        to = [client.name or client.preferred_name, *address.splitlines(), client.postcode]
    sign_off = (values["worker_name"], org.name)
    named = [*chosen, *(survivors or [])]
    uc.audit("case", case.id)
    return renderer.LetterText(request.kind, subject,
                               tuple(line for line in to if line.strip()),
                               "\n\n".join(paragraphs),
                               tuple(line for line in sign_off if line.strip()),
                               reference=case.reference,
                               service_ids=tuple(e.id for e in named),
                               directory_warnings=tuple(
                                   f"{e.name}: {w}" for e, w in _unconfirmed(named)))


def _unconfirmed(entries, today: date | None = None) -> list[tuple[object, str]]:
    """The directory entries to check before the letter is sent, each with why."""
    today = today or date.today()
    found = []
    for entry in entries:
        warning = directory_policy.warning(entry.confirmed, entry.last_checked, today)
        if warning:
            found.append((entry, warning))
    return found


LETTER_LINES = 8     # of the address, and of the sign-off


def letter_problems(letter: renderer.LetterText) -> dict[str, str]:
    """The letter as staff edited it: every part within its limit (policy/validation.py)."""
    check = validation.Check("letter")
    check.choice("kind", letter.kind, templates.KINDS, "Choose a kind of letter.")
    check.text("subject", letter.subject)
    check.text("body", letter.body)
    check.text("reference", letter.reference)
    for field, lines, limit_field in (("recipient_lines", letter.recipient_lines,
                                       "recipient_line"),
                                      ("sign_off", letter.sign_off, "sign_off_line")):
        if not isinstance(lines, (list, tuple)) or len(lines) > LETTER_LINES:
            check.fail(field, f"Give at most {LETTER_LINES} lines.")
            continue
        for line in lines:
            check.text(limit_field, line, name=field)
    return check.problems


@use_case("letters.preview")
def preview(uc, letter: renderer.LetterText, large_print: bool = False) -> bytes:
    """The PDF of a letter not yet finalised (in memory only), marked DRAFT on every page:
    it is for checking, never for posting."""
    problems = letter_problems(letter)
    if problems:
        raise errors.ValidationError(problems)
    pdf = renderer.render(letter, _letterhead(uc.session), large_print=large_print, draft=True)
    uc.audit("letter", None)
    return pdf


@use_case("letters.finalise")
def finalise(uc, case_id: int, letter: renderer.LetterText,
             large_print: bool = False) -> int:
    """Store the approved letter and its PDF (encrypted, in the database) with who and when."""
    problems = letter_problems(letter)
    if problems:
        raise errors.ValidationError(problems)
    if not letter.paragraphs():
        raise errors.ValidationError({"body": "The letter is empty."})
    letterhead = _letterhead(uc.session)
    case = access.case(uc.db, uc.session, "letters.finalise", case_id)
    concern, decision = _check_kind_allowed(uc.db, case, letter.kind)
    if letter.kind in OUTCOME_KINDS or (letter.kind == "referrer" and decision is not None):
        # A letter that tells the outcome is sharing it: the person named to share
        # it, or a manager (policy paragraph 7).
        access.check(uc.db, uc.session, "letters.finalise_outcome", case, concern)
    letter = replace(letter, reference=case.reference)
    pdf = renderer.render(letter, letterhead, large_print=large_print)
    unconfirmed = _unconfirmed(signposting.get_entries(uc.db, list(letter.service_ids)))
    communication = uc.db.scalar(select(OutcomeCommunication.id).where(
        OutcomeCommunication.concern_id == concern.id)) if concern else None
    record = Letter(case_id=case.id, concern_id=concern.id if concern else None,
                    communication_id=communication, kind=letter.kind,
                    recipient=templates.KINDS[letter.kind].recipient,
                    body=json.dumps({"subject": letter.subject,
                                     "recipient_lines": list(letter.recipient_lines),
                                     "body": letter.body,
                                     "sign_off": list(letter.sign_off),
                                     "service_ids": list(letter.service_ids),
                                     "unconfirmed_services": [
                                         {"id": e.id, "name": e.name, "why": w}
                                         for e, w in unconfirmed]},
                                    ensure_ascii=False),
                    large_print=large_print, pdf=pdf, finalised_by=uc.session.account_id,
                    finalised_at=audit.now_iso())
    uc.db.add(record)
    uc.db.flush()
    unchecked = (f" (names {len(unconfirmed)} directory "
                 f"{'entry' if len(unconfirmed) == 1 else 'entries'} not confirmed or "
                 "not checked in 12 months)") if unconfirmed else ""
    timeline.event(uc.db, uc.session, case,
                    "decision" if letter.kind in OUTCOME_KINDS else "letter",
                    f"Letter finalised: {templates.KINDS[letter.kind].title}{unchecked}")
    uc.audit("letter", record.id)
    return record.id


def _get_letter(db, session, letter_id: int, operation: str) -> tuple[Letter, Case]:
    """The letter and its case, when the person may make ``operation`` on it (a letter on
    a case may tell its outcome: the people on the case only)."""
    letter = db.get(Letter, letter_id) if isinstance(letter_id, int) else None
    if letter is None:
        raise errors.NotYours()
    return letter, access.case(db, session, operation, letter.case_id)


@use_case("letters.list_for_case")
def list_for_case(uc, case_id: int) -> list[LetterInfo]:
    case = access.case(uc.db, uc.session, "letters.list_for_case", case_id)
    names = dict(uc.db.execute(select(Account.id, Account.display_name)).all())
    rows = uc.db.scalars(select(Letter).where(Letter.case_id == case.id).order_by(Letter.id))
    return [LetterInfo(r.id, r.kind, templates.KINDS[r.kind].title, r.large_print,
                       names.get(r.finalised_by, ""), r.finalised_at) for r in rows]


@use_case("letters.unconfirmed_services")
def unconfirmed_services(uc, letter_id: int) -> list[tuple[str, str]]:
    """(name, why) of each directory entry that was not confirmed, or not checked in 12
    months, when the letter was finalised."""
    letter, _ = _get_letter(uc.db, uc.session, letter_id, "letters.open")
    return [(e["name"], e["why"])
            for e in json.loads(letter.body).get("unconfirmed_services", [])]


@use_case("letters.open")
def open_letter(uc, letter_id: int) -> bytes:
    """A finalised letter's PDF. Audited as a view."""
    letter, _ = _get_letter(uc.db, uc.session, letter_id, "letters.open")
    uc.audit("letter", letter.id)
    return letter.pdf


def postal(letter: Letter, case: Case) -> PostalCheck:
    if letter.recipient != "client":
        return PostalCheck(True, "", "")
    client = case.client
    if not client.post_is_safe:
        return PostalCheck(False, "The client has said post is not safe for them, so this "
                           "letter must not be posted. Hand it over in person instead.", "")
    lines = json.loads(letter.body)["recipient_lines"]
    safe_lines = [l.strip() for l in (client.safe_post_address or client.address).splitlines()
                  if l.strip()]
    if not safe_lines or any(line not in lines for line in safe_lines):
        return PostalCheck(False, "This letter is not addressed to the address the client "
                           "said is safe for post. Make the letter again, or hand it over in "
                           "person.", "")
    note = ("" if client.name_on_envelope_ok else
            "Use a plain envelope: the client has asked that our name does not show on it.")
    return PostalCheck(True, "", note)


@use_case("letters.postal_check")
def postal_check(uc, letter_id: int) -> PostalCheck:
    letter, case = _get_letter(uc.db, uc.session, letter_id, "letters.postal_check")
    return postal(letter, case)


@use_case("letters.print_for_post")
def print_for_post(uc, letter_id: int) -> bytes:
    """The PDF to print for posting, only when posting is safe. Audited as a print."""
    letter, case = _get_letter(uc.db, uc.session, letter_id, "letters.print_for_post")
    check = postal(letter, case)
    if not check.allowed:
        uc.audit("letter", letter.id, outcome="refused")
        uc.db.commit()
        raise errors.ActionRefused(check.reason)
    uc.audit("letter", letter.id)
    return letter.pdf


@use_case("letters.hand_over")
def hand_over(uc, letter_id: int) -> bytes:
    """The PDF to print and hand over in person. Audited as a print."""
    letter, _ = _get_letter(uc.db, uc.session, letter_id, "letters.hand_over")
    uc.audit("letter", letter.id)
    return letter.pdf
