"""A subject access request: everything held about one client, as a PDF and as JSON, with
other people's details withheld and each withholding listed for the reviewing manager."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry
from sv2desk.policy import perpetrators
from sv2desk.services import (accounts, auth, cases, concerns, letters, outcomes, referrals,
                              retention, reviews, subject_access, support)
from sv2desk.services.letters import LetterRequest

from ..support.service_examples import (communication_form, discussion_form, explanation_form,
                                        referral_form, session_form)
from ..support.workspaces import MANAGER_PASSWORD


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _everything(folder, admin) -> int:
    """A case with the client's own words, people they named, a referrer, a concern that
    names one of those people, a decision with a safeguarding report, and letters."""
    case = referrals.create_referral(admin, referral_form(
        "Marigold <b>Featherstone</b> & Co", address="7 Lantern Row", post_is_safe=True,
        assign_to_me=True, external_referral=True, referrer_organisation="Derby Hospital",
        referrer_name="Dr Peregrine Oakhurst", referrer_phone="01332 999111",
        referrer_email="p.oakhurst@example.org", referrer_role="Ward nurse",
        interaction_answer="yes",
        interaction_details="She still sees Bartholomew Thistlewood at the market",
        persons_named=[referrals.PersonNamed("Bartholomew Thistlewood", "ex-partner",
                                             "drives a red van")])).id
    from ..support.service_examples import assessment_form
    from sv2desk.services import assessments
    assessments.complete(admin, case, assessment_form(needs="Wants counselling on Tuesdays"))
    support.record_session(admin, case, session_form(
        note="Talked about Thistlewood and about her garden"))
    text = letters.compose(admin, case, LetterRequest("signposting", [1]))
    letters.finalise(admin, case, text)
    concern = concerns.raise_concern(admin, case, concerns.ConcernForm(
        information="A worry raised after a phone call", source="Her sister Rosalind",
        risk_level="low"))
    concerns.record_explanation(admin, concern, explanation_form())
    concerns.countersign_discussion(admin, concern, MANAGER_PASSWORD, discussion_form())
    manager = auth.sign_in(folder, "manager", MANAGER_PASSWORD)
    try:
        reviews.decide(manager, concern, reviews.DecisionForm(
            steps={code: ("done" if code == "report_safeguarding" else "not_needed", "")
                   for code in perpetrators.NEXT_STEPS},
            outcome="support_continues", safeguarding_authority="Derbyshire MASH",
            safeguarding_reported_on=date.today(),
            safeguarding_reference="MASH-55501", safeguarding_consent="not_given",
            safeguarding_lawful_basis="DPA 2018 Sch 1 para 18",
            victim_safety_note="Kept apart from the client in group 4"))
    finally:
        auth.sign_out(manager)
    outcomes.record_communication(admin, concern, communication_form(notes="Told in person"))
    return case


@pytest.fixture
def admin(created):
    new, ids = created
    accounts.set_line_manager(new.session, ids["admin"], ids["manager"])
    return new.session


def test_the_bundle_holds_the_clients_own_data_and_withholds_other_people(admin, folder):
    case = _everything(folder, admin)
    bundle = subject_access.export(admin, case)
    assert bundle.pdf.startswith(b"%PDF")
    pdf = _pdf_text(bundle.pdf)
    data = json.loads(bundle.json)
    flat = json.dumps(data, ensure_ascii=False)
    # Theirs, including markup typed into a name, printed literally.
    for own in ("Marigold <b>Featherstone</b> & Co", "7 Lantern Row", "Derby Hospital",
                "Wants counselling on Tuesdays", "about her garden",
                "A worry raised after a phone call", "Told in person", bundle.reference):
        assert own in pdf, own
        assert own in flat, own
    # Other people's: not in either.
    for theirs in ("Thistlewood", "Bartholomew", "Oakhurst", "01332 999111",
                   "p.oakhurst@example.org", "Ward nurse", "Rosalind", "red van",
                   "MASH-55501", "Derbyshire MASH", "group 4"):
        assert theirs not in pdf, theirs
        assert theirs not in flat, theirs
    assert "[withheld: another person]" in pdf
    # Each withholding is listed for the manager who reviews it.
    items = {w.item for w in bundle.withheld}
    assert {"The referrer's name", "The referrer's phone", "The referrer's email",
            "The referrer's role"} <= items
    assert any(w.item.startswith("Person 1:") for w in bundle.withheld)
    assert any("who made the allegation" in w.item for w in bundle.withheld)
    assert any("safeguarding report" in w.item for w in bundle.withheld)
    assert any(w.section == "Support sessions" and w.item == "Session note"
               for w in bundle.withheld)
    assert data["withheld"] and len(data["withheld"]) == len(bundle.withheld)
    assert data["format"] == "sv2desk-subject-access/1"


def test_the_export_is_audited_and_the_case_view_is_not_needed(admin, folder):
    case = referrals.create_referral(admin, referral_form("Audited Person")).id
    subject_access.export(admin, case)
    admin.workspace.sync_views()      # views waiting on an office-server PC
    with admin.workspace.engine.connect() as conn:
        last = conn.execute(select(AuditEntry.action, AuditEntry.object_type,
                                   AuditEntry.object_id)
                            .order_by(AuditEntry.seq.desc()).limit(1)).one()
        conn.rollback()
    assert tuple(last) == ("subject_access.export", "case", str(case))


def test_an_erased_case_has_nothing_to_export(admin):
    case = referrals.create_referral(admin, referral_form("Erased Person")).id
    cases.close(admin, case, "other")
    retention.erase(admin, [case], today=date.today() + timedelta(days=7 * 366))
    with pytest.raises(errors.ActionRefused):
        subject_access.export(admin, case)
