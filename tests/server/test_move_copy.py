"""Moving onto the office server by COPY: every row arrives as it was on this PC (sealed text
sealed exactly as an INSERT seals it, dates, yes/no and numbers as they were), and no
allegation is readable on the server without the workspace's key."""

from __future__ import annotations

import psycopg
from sqlalchemy import select

from sv2desk.models import Account, Base
from sv2desk.services import auth, concerns, office_server, referrals

from ..support.workspaces import WORKER_PASSWORD, make_workspace
from ..support.server_fixtures import _drop
from ..support.service_examples import referral_form

CANARY = "Canary-Moved-By-Copy-5K2W"
TABLES = ("clients", "cases", "concerns", "audit_log", "case_events",
          "connection_keys", "accounts")


def _rows(session) -> dict[str, list[tuple]]:
    found = {}
    with session.workspace.transaction() as db:
        for name in TABLES:
            table = Base.metadata.tables[name]
            found[name] = [tuple(r) for r in db.execute(select(table).order_by(
                *table.primary_key.columns))]
    return found


def test_a_move_by_copy_brings_every_row_as_it_was_and_seals_what_is_sealed(
        pg, tmp_path, memory_keyring):
    from sv2desk.policy import roles
    from sv2desk.services import accounts
    folder = tmp_path / "centre"
    new = make_workspace(folder)
    # With a line manager: a row naming another of its own table, filled in once every
    # row is there.
    accounts.create_account(new.session, "worker", "Wyn Worker", WORKER_PASSWORD,
                            {roles.SUPPORT_WORKER}, line_manager_id=new.session.account_id)
    worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
    case = referrals.create_referral(worker, referral_form(assign_to_me=True)).id
    concerns.raise_concern(worker, case, concerns.ConcernForm(
        information=CANARY, source=CANARY + " source", initial_risk_notes="",
        risk_level="medium"))
    auth.sign_out(worker)
    before = _rows(new.session)
    assert before["concerns"] and before["case_events"] and before["connection_keys"]
    with new.session.workspace.transaction() as db:
        assert db.scalar(select(Account.line_manager_id).where(
            Account.username == "worker")) == new.session.account_id
    report = office_server.move_to_server(new.session, pg.owner(), "sv2_copied")
    try:
        assert report.chain_ok
        assert {n: report.rows[n] for n in TABLES if n != "audit_log"} == {
            n: len(rows) for n, rows in before.items() if n != "audit_log"}
        assert report.rows["audit_log"] == len(before["audit_log"]) + 1   # the move itself
        with psycopg.connect(**pg.owner().args("sv2_copied")) as raw:
            stored = raw.execute("SELECT information::text, source::text FROM concerns").fetchall()
        assert stored and all(CANARY not in value and CANARY.encode().hex() not in value
                              for row in stored for value in row)
        worker = auth.sign_in(folder, "worker", WORKER_PASSWORD)
        try:
            after = _rows(worker)
        finally:
            auth.sign_out(worker)
        for name in TABLES:
            if name == "audit_log":         # the sign-in above added its own entries
                after[name] = after[name][:len(before[name])]
            assert after[name] == before[name], name
    finally:
        _drop(pg, "sv2_copied")
