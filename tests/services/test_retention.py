"""Retention: closed cases are kept for the period the administrator sets (six years by
default), then listed for a manager, who erases them. Erasure removes every word anyone
typed about the person, even from the free pages of the encrypted file, and keeps the
anonymous codes and dates the reports count. A concern that ended with no further action
can be erased sooner, on request, with the reason recorded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import select, text

from sv2desk import errors
from sv2desk.models import (AuditEntry, Base, Case, CaseEvent, Client, Concern, Decision,
                            Erasure, Explanation, LineManagerDiscussion)
from sv2desk.services import (audit, auth, caseload, cases, concerns, outcomes, referrals, reports,
                              retention, reviews)
from sv2desk.services.connections import flags as connection_flags
from sv2desk.store.workspace import DB_NAME

from ..support.canaries import Canaries, user_text_columns, write_casework_canaries
from ..support.safety_helpers import assert_plain_message
from ..support.service_examples import (communication_form, decision_form, discussion_form,
                                        explanation_form, referral_form)
from ..support.workspaces import MANAGER_PASSWORD

LATER = date.today() + timedelta(days=6 * 366 + 1)   # past six years from today


def _user_text(session) -> list[str]:
    """Every user text value in the database."""
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    values = []
    with session.workspace.engine.connect() as conn:
        for table, column in user_text_columns():
            values += [v for v in conn.execute(select(tables[table].c[column])).scalars() if v]
        conn.rollback()
    return values


def _decrypted_pages(folder, key: bytes) -> bytes:
    """Every page of the closed database file, decrypted (SQLCipher 4 defaults: AES-256-CBC,
    4096-byte pages, 80 reserved bytes holding the IV and the HMAC): free pages included."""
    data = (folder / DB_NAME).read_bytes()
    page_size, reserve = 4096, 80
    plain = []
    for n in range(len(data) // page_size):
        page = data[n * page_size:(n + 1) * page_size]
        iv = page[page_size - reserve:page_size - reserve + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain.append(decryptor.update(page[16 if n == 0 else 0:page_size - reserve])
                     + decryptor.finalize())
    return b"".join(plain)


def _found(canaries: Canaries, haystack: bytes) -> set[str]:
    return {canaries.label_of(m.group()) for m in canaries.pattern().finditer(haystack)}


def test_the_retention_period_runs_from_closing(admin_session):
    case = referrals.create_referral(admin_session, referral_form("Closing Person")).id
    assert retention.due(admin_session, today=LATER) == []      # open cases are never due
    cases.close(admin_session, case, "support_completed")
    assert retention.read(admin_session).years == 6
    assert retention.due(admin_session, today=date.today() + timedelta(days=365)) == []
    (row,) = retention.due(admin_session, today=LATER)
    assert row.case_id == case and row.closed_on == date.today()
    assert row.keep_until == retention.keep_until(date.today(), 6)
    assert row.closed_reason == "Support completed"
    retention.set_period(admin_session, 2)
    assert [r.case_id for r in retention.due(
        admin_session, today=date.today() + timedelta(days=2 * 366))] == [case]
    for bad in (0, 101, "6", 2.5):
        with pytest.raises(errors.ValidationError):
            retention.set_period(admin_session, bad)
    assert retention.keep_until(date(2024, 2, 29), 6) == date(2030, 2, 28)


@pytest.mark.file_only
def test_erasure_removes_every_typed_word_and_keeps_the_counts(created, folder):
    new, _ = created
    admin = new.session
    key = admin.workspace._master_key
    erased_words, kept_words = Canaries(), Canaries()
    erased = write_casework_canaries(admin, erased_words)
    kept = write_casework_canaries(admin, kept_words)
    before = reports.dashboard(admin)
    with admin.workspace.engine.connect() as conn:
        codes = conn.execute(select(Case.status, Case.referral_date, Case.harm_categories,
                                    Case.support_requested, Case.closed_reason,
                                    Case.interaction_answer, Case.closed_at)
                             .where(Case.id == erased)).one()
        conn.rollback()

    assert retention.erase(admin, [erased], today=LATER) == 1

    values = "\n".join(_user_text(admin))
    assert not [label for label, canary in erased_words.items() if canary in values]
    assert all(canary in values for canary in kept_words.values())
    assert caseload.search(admin, erased_words["client name"]) == []
    assert len(caseload.search(admin, kept_words["client name"])) == 1
    after = reports.dashboard(admin)
    assert (after.referrals, after.referrals_with_question_answered) == (
        before.referrals, before.referrals_with_question_answered)
    with admin.workspace.transaction() as db:
        row = db.get(Case, erased)
        assert (row.status, row.referral_date, row.harm_categories, row.support_requested,
                row.closed_reason, row.interaction_answer, row.closed_at) == tuple(codes)
        assert row.reference.startswith("ERASED-") and row.erased_at
        client = db.get(Client, row.client_id)
        assert client.name == "" and client.date_of_birth is None
        keys_left = db.execute(text(
            "SELECT count(*) FROM connection_keys WHERE kind = 'client' AND record_id = :c"),
            {"c": row.client_id}).scalar()
        entry = db.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())
                           .where(AuditEntry.action == "retention.erase")).first()
    assert keys_left == 0
    assert (entry.object_type, entry.object_id) == ("case", str(erased))
    assert retention.due(admin, today=LATER)[0].case_id == kept     # erased: off the list
    assert audit.check_chain(admin.workspace).ok
    auth.sign_out(admin)

    # Not even the free pages of the database file hold the erased words.
    pages = _decrypted_pages(folder, key)
    assert _found(erased_words, pages) == set()
    assert _found(kept_words, pages) >= {"client name", "closing note"}   # the scan works


def test_only_cases_past_their_period_are_erased(admin_session, folder):
    open_case = referrals.create_referral(admin_session, referral_form("Still Open")).id
    closed = referrals.create_referral(admin_session, referral_form("Closed Today")).id
    cases.close(admin_session, closed, "other")
    before = _user_text(admin_session)
    for ids, today in (([open_case], LATER), ([closed], date.today()),
                       ([closed, open_case], LATER), ([9999], LATER)):
        with pytest.raises(errors.ActionRefused) as refused:
            retention.erase(admin_session, ids, today=today)
        assert_plain_message(refused.value)
        assert _user_text(admin_session) == before
    assert retention.erase(admin_session, [], today=LATER) == 0


def test_a_connection_flag_keeps_its_words_while_the_other_case_is_kept(admin_session):
    survivor = referrals.create_referral(admin_session, referral_form(
        "Survivor Person", interaction_answer="yes",
        persons_named=[referrals.PersonNamed("Harold Flagstaff", "ex-partner",
                                             "landline 01332 123456, DE22 3AB")])).id
    # a relative of the man named (kept apart, no hold: the cases can close)
    other = referrals.create_referral(admin_session, referral_form(
        "Susan Flagstaff", phone="01332 123456", postcode="DE22 3AB")).id
    (flag,) = connection_flags.open_flags(admin_session)
    connection_flags.confirm(admin_session, flag.id, "Separate days and rooms")
    for case in (survivor, other):
        cases.close(admin_session, case, "other")
    retention.erase(admin_session, [survivor], today=LATER)
    assert "Separate days and rooms" in _user_text(admin_session)
    retention.erase(admin_session, [other], today=LATER)
    assert "Separate days and rooms" not in _user_text(admin_session)


# -- a concern that ended with no further action, erased sooner on request -------------------------

def _concern_through_to(folder, admin, outcome: str, share: bool = True) -> tuple[int, int]:
    case = referrals.create_referral(admin, referral_form("Concern Person",
                                                          assign_to_me=True)).id
    concern = concerns.raise_concern(admin, case, concerns.ConcernForm(
        information="Neighbour Quentin said something worrying", source="A neighbour",
        risk_level="medium"))
    concerns.record_explanation(admin, concern, explanation_form())
    concerns.countersign_discussion(admin, concern, MANAGER_PASSWORD, discussion_form())
    manager = auth.sign_in(folder, "manager", MANAGER_PASSWORD)
    try:
        reviews.decide(manager, concern, decision_form(outcome=outcome))
    finally:
        auth.sign_out(manager)
    if share:
        outcomes.record_communication(admin, concern, communication_form())
    return case, concern


@pytest.fixture
def admin_with_line_manager(created):
    from sv2desk.services import accounts
    new, ids = created
    accounts.set_line_manager(new.session, ids["admin"], ids["manager"])
    return new.session


def test_a_no_further_action_concern_is_erased_on_request_with_the_reason(
        admin_with_line_manager, folder):
    admin = admin_with_line_manager
    case, concern = _concern_through_to(folder, admin, "support_continues")
    with pytest.raises(errors.ValidationError):
        retention.erase_concern(admin, concern, "   ")
    retention.erase_concern(admin, concern, "The client asked for it to be removed")
    with admin.workspace.transaction() as db:
        c = db.get(Concern, concern)
        d = db.scalars(select(Decision).where(Decision.concern_id == concern)).one()
        e = db.scalars(select(Explanation).where(Explanation.concern_id == concern)).one()
        m = db.scalars(select(LineManagerDiscussion)
                       .where(LineManagerDiscussion.concern_id == concern)).one()
        kinds = set(db.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case)))
        erasure = db.scalars(select(Erasure).where(Erasure.concern_id == concern)).one()
    assert (c.information, c.source, c.initial_risk_notes) == ("", "", "")
    assert (c.status, c.risk_level) == ("completed", "medium")        # codes stay
    assert d.outcome == "support_continues" and d.victim_safety_note == ""
    assert (m.risks, m.needs) == ("", "") and e.not_able_to_support
    assert not kinds & {"concern", "explanation", "discussion", "decision", "outcome"}
    assert erasure.reason == "The client asked for it to be removed"
    assert "Quentin" not in "\n".join(_user_text(admin))
    assert reports.dashboard(admin).decisions_by_outcome  # still counted
    assert cases.open_case(admin, case).status != "closed"             # support carries on
    with pytest.raises(errors.ActionRefused):
        retention.erase_concern(admin, concern, "again")


@pytest.mark.parametrize("outcome, share", [("support_ends", True),
                                            ("support_continues", False)])
def test_other_concerns_are_not_erased_sooner(admin_with_line_manager, folder, outcome, share):
    admin = admin_with_line_manager
    _, concern = _concern_through_to(folder, admin, outcome, share)
    before = _user_text(admin)
    with pytest.raises(errors.ActionRefused) as refused:
        retention.erase_concern(admin, concern, "The client asked")
    assert "no further action" in refused.value.message
    assert _user_text(admin) == before
