"""Funder and commissioner returns: a quarter's figures from the casework as it was
recorded, small numbers hidden, previewed by managers only and exported as XLSX, CSV and
PDF (each export audited, none holding a name or a reference)."""

from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from sv2desk import errors
from sv2desk.models import AuditEntry
from sv2desk.policy import returns as policy
from sv2desk.policy.disclosure import SMALL
from sv2desk.services import assessments, cases, diary, equality, referrals, returns
from sv2desk.services.equality import EqualityForm

from ..support.pdf_tools import pdf_text
from ..support.service_examples import assessment_form, booking_form, referral_form

# The services' own tests: on one PC and on the office server (tests/support/server_fixtures.py).
pytestmark = pytest.mark.both_kinds

TODAY = date.today()
QUARTER = policy.quarter_of(TODAY)


def made(people) -> list[int]:
    """Seven referrals this quarter: six self-referrals and one from the police; five say
    they are women; one is closed; one has a session held and one not attended."""
    worker = people["worker"]
    ids = []
    for n in range(7):
        form = referral_form(f"Person Number{n}", assign_to_me=True, postcode="DE1 1AA",
                             referral_date=QUARTER.first_day)
        if n == 6:
            form.external_referral, form.referrer_type = True, "police"
            form.referrer_organisation = "Derbyshire Constabulary"
        ids.append(referrals.create_referral(worker, form).id)
        if n < 5:
            equality.record(worker, ids[-1], EqualityForm(gender="woman", age_band="25_34"))
    assessments.complete(worker, ids[0], assessment_form())
    held = diary.book(worker, ids[0], booking_form(0, start_time=time(9, 0)))
    diary.held(worker, held)
    missed = diary.book(worker, ids[0], booking_form(0, start_time=time(11, 0)))
    diary.did_not_attend(worker, missed)
    cases.close(worker, ids[6], "client_withdrew")
    return ids


def rows_of(table: returns.Table) -> dict[str, str]:
    return dict(table.rows)


def test_a_quarters_return_counts_what_was_recorded_and_hides_small_numbers(people):
    made(people)
    found = returns.preview(people["manager"], QUARTER)
    tables = {t.title: t for t in found.tables}
    figures = {f.label: f.value for f in found.figures}
    assert figures["Referrals received"] == "7"
    source = rows_of(tables["Referrals by source"])
    assert source[policy.SELF_REFERRAL] == "6" and source["Police"] == SMALL
    assert tables["Referrals by source"].total == "7"
    gender = rows_of(tables["Referrals by gender"])
    assert gender["Woman or girl"] == "5" and gender["Not recorded"] == SMALL
    district = rows_of(tables["Referrals by postcode district"])
    assert district["DE1"] == "*"    # all seven: it would show no one lives elsewhere
    sessions = rows_of(tables["Sessions offered"])
    assert sessions["Attended"] == SMALL and sessions["Not attended"] == SMALL
    assert tables["Sessions offered"].total == SMALL      # two sessions: nothing shown
    assert figures["Median days waited before allocation"].startswith("not shown")
    # All seven asked: showing 7 would show that none was not asked (a hidden 0), so the
    # seven is hidden too, and the total stays.
    question = tables["Referrals asked the interaction question"]
    assert [v for _, v in question.rows] == ["*", SMALL] and question.total == "7"


def test_only_managers_make_returns_and_every_export_is_audited(people):
    made(people)
    with pytest.raises(errors.PermissionDenied):
        returns.preview(people["worker"], QUARTER)
    manager = people["manager"]
    for kind in returns.FORMATS:
        returns.export(manager, QUARTER, kind)
    manager.workspace.sync_views()      # views waiting on an office-server PC
    with manager.workspace.engine.connect() as conn:
        exported = conn.execute(select(AuditEntry.object_id).where(
            AuditEntry.action == "returns.export")).scalars().all()
        conn.rollback()
    assert exported == [f"{QUARTER.code}:{kind}" for kind in returns.FORMATS]
    with pytest.raises(errors.ValidationError):
        returns.export(manager, QUARTER, "docx")
    with pytest.raises(errors.ValidationError):
        returns.preview(manager, "2026 Q1")


def test_the_exports_hold_the_same_protected_figures_and_no_names(people):
    ids = made(people)
    manager = people["manager"]
    references = [cases.open_case(manager, i).reference for i in ids]
    text = returns.export(manager, QUARTER, "csv").decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert ["Referrals received", "7"] in lines and ["Police", SMALL] in lines
    book = load_workbook(io.BytesIO(returns.export(manager, QUARTER, "xlsx")))
    cells = [[c.value for c in row] for row in book.active.iter_rows()]
    assert ["Referrals received", 7] in cells and ["Police", SMALL] in cells
    pdf = pdf_text(returns.export(manager, QUARTER, "pdf"))
    assert "Referrals by source" in pdf and "<5" in pdf
    for secret in ["Person Number", "Derbyshire Constabulary", *references]:
        assert secret not in text and secret not in str(cells) and secret not in pdf


def test_quarters_follow_the_financial_year():
    q = policy.Quarter(2026, 1)
    assert (q.first_day, q.last_day) == (date(2026, 4, 1), date(2026, 6, 30))
    q4 = policy.Quarter(2026, 4)
    assert (q4.first_day, q4.last_day) == (date(2027, 1, 1), date(2027, 3, 31))
    assert policy.quarter_of(date(2027, 2, 14)) == q4
    assert policy.last_complete(date(2026, 4, 2)) == policy.Quarter(2025, 4)
