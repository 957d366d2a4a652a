"""The model-based test of the policy kernel: random sequences of real service calls by
random actors over several cases, with the policy's invariants checked after every step.

A Hypothesis ``RuleBasedStateMachine`` drives the services as they are: workers on and off
each case, whoever raised its concern, line managers, other managers, an administrator,
accounts turned off or demoted while signed in. After every call it reads the database
directly (not through the services) and checks, independently of policy/access.py:

- no support session is recorded, planned or held while the case is paused, or before the
  assessment; a paused case has no planned session that is not suspended;
- every change of a case's stage is a move in the lifecycle table made by the operation
  called (so "support ends" reaches "closed" only through the outcome being shared), and
  a case at an open stage after a concern has a decision that support continues, shared;
- every concern reaches the queue only after the explanation and a countersignature by
  the raiser's line manager, who held the manager role then;
- nobody decides or corrects a concern they raised; only managers decide;
- nobody outside the people on the case (its assigned worker, whoever raised a concern on
  it, managers) receives a concern's text, its decision or anything derived from it, in a
  return value or an exception message, and lists hold only cases the person may open;
- the connection check: a client named as a person of concern on another case has their
  open case held at once (no assessment or support while it waits), and only the check
  holds a case; a manager's confirmation raises a concern on it, a dismissal resumes it
  where it was; the held client's worker never sees the other case or the name;
- every refused call leaves exactly one "denied" entry, every successful one its entry,
  and the audit chain verifies;
- an account turned off, or with a role taken away, can do nothing from that moment;
- a booked session is held or marked not attended only while the case may have support,
  and never once suspended; nobody is allocated from the waiting list while their case is
  paused or before its assessment; no contact we make uses a channel the client said is
  not safe, or leaves a message where they said not to (the daily casework, issue 17).

Used by tests/safety/test_policy_model.py (a bounded profile) and `make soak` (a long one).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import text

from sv2desk import errors
from sv2desk.letters.render import LetterText
from sv2desk.policy import lifecycle as L, permissions, perpetrators, roles
from sv2desk.policy import safe_contact
from sv2desk.services import (accounts, assessments, audit, auth, caseload, cases, clients,
                              concerns, contacts, diary, letters, outcomes, referrals, reviews,
                              settings, setup, subject_access, support, waiting_list)
# As ``connections``: Hypothesis derives the fixed sequences of `make test` from the source of
# PolicyMachine (comments aside), so the calls in it keep the words they had.
from sv2desk.services.connections import flags as connections
from sv2desk.services.session import Session
from sv2desk.store.crypto import KdfParams

# Cheap on purpose (the key derivation is timed by the benchmarks, not here): a sequence
# signs its people in hundreds of times.
KDF = KdfParams(time_cost=1, memory_kib=64, parallelism=1)
PASSWORD = "model password 1"
WRONG = "not the password 1"

# name -> (roles, line manager's name)
STAFF = {
    "m1": ({roles.MANAGER}, "m2"),
    "m2": ({roles.MANAGER}, "m1"),
    "w1": ({roles.SUPPORT_WORKER}, "m1"),
    "w2": ({roles.SUPPORT_WORKER}, "m2"),
    "w3": ({roles.SUPPORT_WORKER}, None),
    "adm": ({roles.ADMIN}, None),
}
ACTORS = ("admin",) + tuple(STAFF)
CASEWORK = {roles.SUPPORT_WORKER, roles.MANAGER}
DENIED = errors.PermissionDenied   # every refusal of the access rule or the table


def make_template(folder: Path) -> dict[str, int]:
    """A workspace with the staff above (administrator "admin" is also a manager)."""
    new = setup.create_workspace(
        folder, organisation=settings.Organisation(name="SV2 Model", address="1 Test St"),
        admin_username="admin", admin_display_name="Ada Admin", admin_password=PASSWORD,
        kdf=KDF)
    admin = new.session
    ids = {"admin": admin.account_id}
    for name, (held, _) in STAFF.items():
        ids[name] = accounts.create_account(admin, name, f"Staff {name}", PASSWORD, held).id
    for name, (_, manager) in STAFF.items():
        if manager:
            accounts.set_line_manager(admin, ids[name], ids[manager])
    auth.sign_out(admin)
    return ids


@dataclass
class Snapshot:
    """What the database holds, read directly (small tables: a few cases and people)."""

    cases: dict[int, tuple]          # id -> (status, assigned, status_before_hold)
    concerns: dict[int, tuple]       # id -> (case_id, raised_by, status, stage)
    decisions: dict[int, tuple]      # id -> (concern_id, decided_by, outcome, communicator)
    accounts: dict[int, tuple]       # id -> (active, line_manager_id, roles)
    sessions: list[tuple]            # (id, case_id, planned, suspended_at, status)
    explanations: set[int]           # concern ids
    discussions: dict[int, int]      # concern id -> manager id
    communications: dict[int, list]  # concern id -> [communication id]
    seq: int
    waiting: dict = field(default_factory=dict)    # entry id -> (case_id, open, allocated_at)
    contacts: dict = field(default_factory=dict)   # contact id -> (channel, direction,
                                                   # outcome, and the client's answers now)

    def newest_concern(self, case_id: int) -> int | None:
        found = [cid for cid, c in self.concerns.items() if c[0] == case_id]
        return max(found) if found else None

    def newest_decision(self, concern_id: int | None) -> int | None:
        found = [did for did, d in self.decisions.items() if d[0] == concern_id]
        return max(found) if found else None

    def raisers(self, case_id: int) -> set[int]:
        return {c[1] for c in self.concerns.values() if c[0] == case_id}

    def roles_of(self, account_id: int) -> set[str]:
        return set(self.accounts[account_id][2])

    def sees_concern(self, account_id: int, case_id: int) -> bool:
        """The people on the case (the oracle, written here apart from policy/access.py)."""
        active, _, held = self.accounts[account_id]
        if not active:
            return False
        status, assigned, _ = self.cases[case_id]
        return roles.MANAGER in held or (
            roles.SUPPORT_WORKER in held and
            (assigned == account_id or account_id in self.raisers(case_id)))

    def sees_case(self, account_id: int, case_id: int) -> bool:
        if self.sees_concern(account_id, case_id):
            return True
        active, _, held = self.accounts[account_id]
        return bool(active and held & CASEWORK and self.cases[case_id][1] is None
                    and not self.raisers(case_id))


QUERIES = {
    "roles": "SELECT account_id, role FROM account_roles",
    "cases": "SELECT id, status, assigned_worker_id, status_before_hold FROM cases",
    "concerns": "SELECT id, case_id, raised_by, status, stage FROM concerns",
    "decisions": "SELECT id, concern_id, decided_by, outcome, communicator_id "
                 "FROM concern_decisions",
    "accounts": "SELECT id, active, line_manager_id FROM accounts",
    "sessions": "SELECT id, case_id, planned, suspended_at, status FROM support_sessions",
    "waiting": "SELECT id, case_id, open, allocated_at FROM waiting_list",
    "contacts": "SELECT a.id, a.channel, a.direction, a.outcome, c.may_call, "
                "c.may_leave_voicemail, c.may_text, c.may_email, c.post_is_safe "
                "FROM contact_attempts a JOIN cases k ON k.id = a.case_id "
                "JOIN clients c ON c.id = k.client_id",
    "explanations": "SELECT concern_id FROM concern_explanations",
    "discussions": "SELECT concern_id, manager_id FROM line_manager_discussions",
    "communications": "SELECT concern_id, id FROM outcome_communications",
    "seq": "SELECT coalesce(max(seq), 0) FROM audit_log",
}


def _driver_cursor(c, workspace):
    """The driver's own cursor, reading every row: on the office server the model reads as
    the whole database (row-level security would otherwise hide concerns from it)."""
    cursor = c.connection.driver_connection.cursor()
    if getattr(workspace, "kind", "file") == "server":
        cursor.execute("SELECT set_config('sv2desk.scope', 'all', true)")
    return cursor


def _marks(workspace, sql: str) -> str:
    """The driver's placeholder: ? for SQLite, %s for PostgreSQL."""
    return sql.replace("?", "%s") if getattr(workspace, "kind", "file") == "server" else sql


def snapshot(workspace) -> Snapshot:
    """Read on the driver's own connection (quicker than the ORM, and outside it). View
    entries waiting on an office-server PC (written within 0.1 s) are written first."""
    workspace.sync_views()
    with workspace.engine.connect() as c:
        cursor = _driver_cursor(c, workspace)
        rows = {}
        for name, sql in QUERIES.items():
            cursor.execute(sql)
            rows[name] = cursor.fetchall()
        c.rollback()
    roles_of: dict[int, set] = {}
    for account_id, role in rows["roles"]:
        roles_of.setdefault(account_id, set()).add(role)
    snap = Snapshot(
        cases={r[0]: tuple(r[1:]) for r in rows["cases"]},
        concerns={r[0]: tuple(r[1:]) for r in rows["concerns"]},
        decisions={r[0]: tuple(r[1:]) for r in rows["decisions"]},
        accounts={r[0]: (bool(r[1]), r[2], frozenset(roles_of.get(r[0], ())))
                  for r in rows["accounts"]},
        sessions=[tuple(r) for r in rows["sessions"]],
        explanations={r[0] for r in rows["explanations"]},
        discussions={r[0]: r[1] for r in rows["discussions"]},
        communications={}, seq=rows["seq"][0][0],
        waiting={r[0]: (r[1], bool(r[2]), r[3]) for r in rows["waiting"]},
        contacts={r[0]: tuple(r[1:]) for r in rows["contacts"]})
    for concern_id, comm_id in rows["communications"]:
        snap.communications.setdefault(concern_id, []).append(comm_id)
    return snap


def new_entries(workspace, after: int) -> list[tuple]:
    """Entries appended since ``after``: (account, action, outcome, seq, at, object type,
    object id, previous hash, hash, signer, origin)."""
    with workspace.engine.connect() as c:
        cursor = _driver_cursor(c, workspace)
        cursor.execute(_marks(workspace,
                              "SELECT account_id, action, outcome, seq, at, object_type, "
                              "object_id, prev_hash, hash, signer, origin FROM audit_log "
                              "WHERE seq > ? ORDER BY seq"), (after,))
        rows = cursor.fetchall()
        c.rollback()
    return [tuple(r) for r in rows]


# -- forms --------------------------------------------------------------------------------

def born(n: int) -> date:
    """Each client's own date of birth: no two alike enough for the connection check."""
    return date(1960 + n % 40, 1 + n % 12, 1 + n % 28)


def phone(n: int) -> str:
    return f"07700 9{n:05d}"


def referral(n: int, assign_to_me: bool, external: bool) -> referrals.ReferralForm:
    return referrals.ReferralForm(
        name=f"Client{n}q Testperson", date_of_birth=born(n), phone=phone(n),
        postcode="DE1 1AA",
        harm_categories={"rape"},
        harm_timing="recent", support_requested={"counselling"}, interaction_answer="no",
        eligibility_decision="accept", referral_date=date.today(), arrived_by="phone",
        assign_to_me=assign_to_me, external_referral=external,
        referrer_organisation="Referrer Org" if external else "",
        referrer_contact_consent=external, address="1 Safe Street", post_is_safe=True)


def decision(outcome: str, communicator: str, communicator_id=None, note="") -> reviews.DecisionForm:
    return reviews.DecisionForm(
        steps={code: ("not_needed", "") for code in perpetrators.NEXT_STEPS},
        outcome=outcome, victim_safety_note=note or "Kept apart; checked",
        communicator=communicator, communicator_id=communicator_id,
        communicator_reason="The client asked" if communicator == "manager" else "")


# What a successful call records in the audit trail (operation -> action), where it differs.
AUDITED_AS: dict[str, str] = {}   # none now: every use case audits under its own name
NOT_AUDITED = {"caseload.rows", "concerns.for_case", "concerns.line_manager", "accounts.get_own",
               "letters.postal_check", "letters.list_for_case"}


# The operations that save a record the connection check compares (and so may hold a case).
CHECKED_BY = {"referrals.create", "referrals.add_person_of_concern", "concerns.raise",
              "assessments.complete", "connections.confirm"}


@dataclass
class Counters:
    sequences: int = 0
    steps: int = 0
    calls: dict = field(default_factory=dict)
    refused: int = 0
    rules: int = 0          # steps of the sequences (rules run)
    holds: int = 0          # cases held by the connection check
    lengths: list = field(default_factory=list)   # steps in each sequence, when it ended


COUNTERS = Counters()


class PolicyMachine(RuleBasedStateMachine):
    """Set ``template`` (a folder made by ``make_template``) and ``ids`` before use."""

    template: Path
    ids: dict[str, int]
    # On the office server: copies the template's server workspace to a folder, returning
    # a function that drops its database (tests/support/server_fixtures.py); None for one PC.
    server_copy = None

    @initialize()
    def open_workspace(self):
        COUNTERS.sequences += 1
        # In memory where the machine has it (a tmpfs): the same files, without the disk.
        shm = Path("/dev/shm")
        self.tmp = Path(tempfile.mkdtemp(prefix="sv2model-",
                                         dir=shm if shm.is_dir() else None))
        if self.server_copy is None:
            shutil.copytree(self.template, self.tmp / "ws")
        else:
            self.drop = self.server_copy(self.tmp / "ws")
        admin = auth.sign_in(self.tmp / "ws", "admin", PASSWORD)
        self.workspace = admin.workspace
        self._snapshot = None
        report = audit.check_chain(self.workspace)
        assert report.ok, report.problem
        with self.workspace.engine.connect() as c:
            self._head = tuple(c.execute(text(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).one())
            c.rollback()
        self.sessions = {"admin": admin}
        for name in STAFF:
            self.sessions[name] = self._session_for(name)
        self.cases: list[int] = []
        self.tokens: dict[int, set[str]] = {}     # case -> words only its people may see
        self.names: dict[int, str] = {}           # case -> the client's name
        self.letters: dict[int, list[int]] = {}   # case -> finalised letter ids
        self.n = 0
        self.steps = -1                           # the invariant runs once after set-up

    def teardown(self):
        COUNTERS.lengths.append(getattr(self, "steps", 0))
        workspace = getattr(self, "workspace", None)
        if workspace is not None and not workspace.closed:
            report = audit.check_chain(workspace)     # the whole chain, once more
            assert report.ok, report.problem
        if workspace is not None and not workspace.closed:
            workspace.close()
        if getattr(self, "tmp", None):
            shutil.rmtree(self.tmp, ignore_errors=True)
        if getattr(self, "drop", None):
            self.drop()

    def _session_for(self, name: str) -> Session:
        """A sign-in of ``name`` at this PC: the account's roles as they are now."""
        account_id = self.ids[name]
        held = self.snap().accounts[account_id][2]
        # Their own signing key signs what they do (their password, as at sign-in).
        if self.snap().accounts[account_id][0]:
            assert self.workspace.add_signer(account_id, PASSWORD)
        return Session(self.workspace, account_id, name, f"Staff {name}", frozenset(held))

    # -- the one way every rule calls a service -------------------------------------------

    def call(self, actor: str, fn, *args, case: int | None = None, **kwargs):
        """Make the call; check everything a step must keep. Returns (result, error)."""
        COUNTERS.steps += 1
        op = fn.operation_name
        COUNTERS.calls[op] = COUNTERS.calls.get(op, 0) + 1
        session = self.sessions[actor]
        me = session.account_id
        before = self.snap()
        active, _, held = before.accounts[me]
        ended = session.access_ended or not active or not held >= session.roles
        try:
            result, error = fn(session, *args, **kwargs), None
        except errors.SV2Error as exc:
            result, error = None, exc
        after = self._snapshot = snapshot(self.workspace)
        written = new_entries(self.workspace, before.seq)
        if isinstance(error, DENIED):
            COUNTERS.refused += 1

        # An account turned off, or with a role taken away, can do nothing from then on.
        if ended:
            assert isinstance(error, errors.AccessEnded), (actor, op, error)
        # Every refusal leaves exactly one "denied" entry; nothing else is written.
        self._chain_continues(written)
        written = [w[:3] for w in written]
        if isinstance(error, DENIED):
            assert written == [(me, op, "denied")], (op, written)
            self._unchanged(before, after)
        elif error is None:
            assert not [w for w in written if w[2] == "denied"], (op, written)
            if op not in NOT_AUDITED:
                action = AUDITED_AS.get(op, op)
                assert any(w[1] == action and w[2] == "ok" for w in written), (op, written)
        # A case the person may not open is refused exactly as one that does not exist.
        if case is not None and not before.sees_case(me, case) and not ended and \
                permissions.allows(op, held):
            # (A form that is wrong in itself is refused first, whatever the case: that
            # says nothing about the case.)
            assert isinstance(error, (errors.NotYours, errors.ValidationError)), (
                actor, op, case, error)
            if isinstance(error, errors.NotYours):
                assert error.message == errors.NotYours.message
        self._no_leak(actor, before, result, error)
        self._moves_follow_the_table(op, case, before, after, error)
        self._sessions_follow_the_policy(before, after)
        self._workflow_records_follow_the_policy(op, before, after)
        return result, error

    def snap(self) -> Snapshot:
        """The database as it is now (read again only after a service call)."""
        if self._snapshot is None:
            self._snapshot = snapshot(self.workspace)
        return self._snapshot

    def _chain_continues(self, written: list[tuple]) -> None:
        """The entries appended by this call extend the verified chain: each follows the
        one before it and holds the hash of its own content."""
        seq, previous = self._head
        for (account_id, action, outcome, n, at, object_type, object_id, prev, digest, signer,
             origin) in written:
            assert n == seq + 1 and prev == previous, (n, seq)
            assert digest == audit.entry_hash(n, at, account_id, action, object_type,
                                              object_id, outcome, prev, signer, origin), n
            seq, previous = n, digest
        self._head = (seq, previous)

    def _unchanged(self, before: Snapshot, after: Snapshot) -> None:
        for attr in ("cases", "concerns", "decisions", "accounts", "sessions", "explanations",
                     "waiting", "contacts",
                     "discussions", "communications"):
            assert getattr(before, attr) == getattr(after, attr), attr

    def _no_leak(self, actor: str, before: Snapshot, result, error) -> None:
        """Nothing of a case's concern reaches someone not on the case."""
        me = self.ids[actor]
        shown = repr(result) + " " + (error.message if error else "")
        for case_id in self.cases:
            if before.sees_concern(me, case_id):
                continue
            for token in self.tokens.get(case_id, ()):
                assert token not in shown, (actor, case_id, token)
            if not before.sees_case(me, case_id):
                assert self.names[case_id] not in shown, (actor, case_id)
                if isinstance(result, list) and all(isinstance(i, int) for i in result):
                    assert case_id not in result, (actor, case_id)

    def _moves_follow_the_table(self, op, case, before, after, error) -> None:
        for case_id, (status, _, _) in after.cases.items():
            if case_id not in before.cases:
                # a new referral, held at once when the check finds a likely match
                assert status in (L.REFERRED, L.CONNECTION_CHECK)
                continue
            old = before.cases[case_id][0]
            if old == status:
                continue
            assert error is None, (op, case_id, old, status)
            if status == L.CONNECTION_CHECK:
                COUNTERS.holds += 1
                # Only the connection check holds a case, when a record it compares is
                # saved: any open case of the client found, not only the one called on.
                assert old in L.OPEN_STAGES and op in CHECKED_BY, (op, old)
                continue
            if op in ("connections.confirm", "connections.dismiss"):
                # a manager's decision on a flag moves the held client's case
                ops = {op, "concerns.raise"} if op == "connections.confirm" else {op}
            else:
                assert case_id == case, (op, case_id, old, status)
                ops = {op}
            moves = [m for (stage, name), m in L.TABLE.items()
                     if stage == old and m.operation in ops]
            allowed = set()
            for m in moves:
                if m.to == L.RESUME:
                    allowed.add(before.cases[case_id][2] or
                                before.concerns[before.newest_concern(case_id)][3])
                elif m.to != L.STAYS:
                    allowed.add(m.to)
            if op == "assessments.complete" and old == L.REFERRED:
                allowed |= {m.to for m in L.moves_of(op)}   # through "being assessed"
            assert status in allowed, (op, old, status)
            if old == L.OUTCOME_TO_COMMUNICATE:
                newest = after.newest_concern(case_id)
                outcome = after.decisions[after.newest_decision(newest)][2]
                assert (status == L.CLOSED) == (outcome == "support_ends"), (status, outcome)

    def _sessions_follow_the_policy(self, before, after) -> None:
        old = {s[0]: s for s in before.sessions}
        for session_id, case_id, planned, suspended, status in after.sessions:
            if session_id not in old:   # recorded now: only once assessed, never paused
                assert before.cases[case_id][0] in (L.AWAITING_SUPPORT, L.IN_SUPPORT)
            if after.cases[case_id][0] in L.PAUSED and planned:
                assert suspended is not None, (session_id, case_id)
            if session_id in old and old[session_id][4] != status and \
                    status in ("held", "did_not_attend"):
                # Held or not attended: only where support may be, never once suspended.
                assert before.cases[case_id][0] in (L.AWAITING_SUPPORT, L.IN_SUPPORT)
                assert old[session_id][3] is None, session_id
        for entry_id, (case_id, _, allocated) in after.waiting.items():
            if allocated and not (entry_id in before.waiting and before.waiting[entry_id][2]):
                assert before.cases[case_id][0] in (L.AWAITING_SUPPORT, L.IN_SUPPORT), (
                    "allocated from the waiting list while paused or before assessment")
        for contact_id, (channel, direction, outcome, *answers) in after.contacts.items():
            if contact_id in before.contacts or direction != safe_contact.OUTGOING:
                continue
            prefs = safe_contact.Preferences(*(bool(a) for a in answers))
            assert safe_contact.allowed(prefs, channel), (contact_id, channel)
            assert not (channel == "call" and outcome == "left_message"
                        and not prefs.may_leave_voicemail), contact_id

    def _workflow_records_follow_the_policy(self, op, before, after) -> None:
        for concern_id, (case_id, raiser, status, _) in after.concerns.items():
            if status != L.CONCERN_ON_HOLD:
                # To the queue only after both steps, countersigned by the line manager.
                assert concern_id in after.explanations and concern_id in after.discussions
            if concern_id in after.discussions and concern_id not in before.discussions:
                signer = after.discussions[concern_id]
                assert signer == before.accounts[raiser][1], (concern_id, signer)
                assert roles.MANAGER in before.roles_of(signer) and before.accounts[signer][0]
        for decision_id, (concern_id, decided_by, _, _) in after.decisions.items():
            assert decided_by != after.concerns[concern_id][1], decision_id
            if decision_id not in before.decisions:
                assert roles.MANAGER in before.roles_of(decided_by)
        # A case at an open stage after a concern: its newest decision is that support
        # continues, and that was shared after it was made.
        for case_id, (status, _, _) in after.cases.items():
            newest = after.newest_concern(case_id)
            if status in L.OPEN_STAGES and newest is not None:
                assert after.concerns[newest][2] == L.CONCERN_COMPLETED, case_id
                assert after.decisions[after.newest_decision(newest)][2] == "support_continues"
                assert after.communications.get(newest), case_id

    @invariant()
    def count_the_step(self):
        """(The chain is checked as each call appends to it, and whole at the end.)"""
        COUNTERS.rules += 1
        self.steps = getattr(self, "steps", -1) + 1

    # -- helpers for rules -----------------------------------------------------------------

    def pick(self, index: int) -> int:
        return self.cases[index % len(self.cases)]

    def has_cases(self):
        return bool(self.cases)

    def newest_concern(self, case_id: int) -> tuple[int, int | None]:
        """(concern, its case): the case's newest concern; on a case with none, another
        case's concern (or one that does not exist), as someone guessing numbers would."""
        snap = self.snap()
        concern = snap.newest_concern(case_id) or max(snap.concerns, default=999)
        return concern, snap.concerns[concern][0] if concern in snap.concerns else None

    # -- the rules: what people do --------------------------------------------------------

    @rule(actor=st.sampled_from(ACTORS), assign_to_me=st.booleans(), external=st.booleans())
    def refer(self, actor, assign_to_me, external):
        self.n += 1
        name = f"Client{self.n}q Testperson"
        result, error = self.call(actor, referrals.create_referral,
                                  referral(self.n, assign_to_me, external))
        if error is None:
            self.cases.append(result.id)
            self.names[result.id] = f"Client{self.n}q"
            self.tokens[result.id] = set()
        else:
            assert isinstance(error, DENIED) and name not in error.message

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99),
          to=st.sampled_from(ACTORS + ("nobody",)))
    def assign(self, actor, i, to):
        case = self.pick(i)
        worker = None if to == "nobody" else self.ids[to]
        self.call(actor, cases.assign, case, worker, case=case)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99))
    def start_assessment(self, actor, i):
        case = self.pick(i)
        self.call(actor, assessments.start, case, case=case)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99),
          kind=st.sampled_from(["support_offered", "signposted", "perpetrator"]))
    def complete_assessment(self, actor, i, kind):
        case = self.pick(i)
        self.n += 1
        token = f"Assessmentconcern{self.n}q"
        perpetrator = kind == "perpetrator"
        form = assessments.AssessmentForm(
            identity_confirmed=True, eligibility_confirmed=True, interaction_answer="no",
            potential_perpetrator=perpetrator,
            perpetrator_notes=token if perpetrator else "",
            risk_level="medium" if perpetrator else "",
            outcome="" if perpetrator else kind,
            options_offered={"counselling"} if kind == "support_offered" else set())
        _, error = self.call(actor, assessments.complete, case, form, case=case)
        if error is None and perpetrator:
            self.tokens[case].add(token)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99), planned=st.booleans())
    def record_session(self, actor, i, planned):
        case = self.pick(i)
        form = support.SessionForm(
            session_date=date.today() + timedelta(days=3 if planned else 0),
            session_type="counselling", duration_minutes=50, planned=planned)
        self.call(actor, support.record_session, case, form, case=case)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99),
          reason=st.sampled_from(["support_completed", "not_supported"]))
    def close(self, actor, i, reason):
        case = self.pick(i)
        self.call(actor, cases.close, case, reason, case=case)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99))
    def raise_concern(self, actor, i):
        case = self.pick(i)
        self.n += 1
        info, source = f"Concerninfo{self.n}q", f"Concernsource{self.n}q"
        _, error = self.call(actor, concerns.raise_concern, case, concerns.ConcernForm(
            information=info, source=source, risk_level="high"), case=case)
        if error is None:
            self.tokens[case] |= {info, source}

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99), j=st.integers(0, 99))
    def name_another_client(self, actor, i, j):
        """A survivor names someone who is a client on another case (by their mobile number
        and date of birth: the model's names, with digits, are not names to the check):
        the connection check holds that case."""
        case, other = self.pick(i), self.pick(j)
        n = int(self.names[other][len("Client"):-1])
        person = referrals.PersonNamed("Testperson", "ex-partner",
                                       f"DOB {born(n):%d/%m/%Y}, mob {phone(n)}")
        self.call(actor, referrals.add_person_of_concern, case, person, case=case)

    def _flags(self) -> list[tuple[int, str]]:
        with self.workspace.engine.connect() as c:
            found = c.execute(text("SELECT id, status FROM connection_flags ORDER BY id")).all()
            c.rollback()
        return [tuple(f) for f in found]

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), k=st.integers(0, 99), confirm=st.booleans())
    def decide_flag(self, actor, k, confirm):
        """Someone confirms or dismisses a flag (only managers may)."""
        flags = self._flags()
        flag = flags[k % len(flags)][0] if flags else 999
        if confirm:
            self.call(actor, connections.confirm, flag, "Separate days and workers")
        else:
            self.call(actor, connections.dismiss, flag, "Not the same person")

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99))
    def explain(self, actor, i):
        case = self.pick(i)
        concern, case = self.newest_concern(case)
        form = concerns.ExplanationForm(
            explained_on=datetime.now() - timedelta(minutes=1), method="phone",
            points={name: True for name, _ in perpetrators.FOUR_POINTS})
        self.call(actor, concerns.record_explanation, concern, form, case=case)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99), right=st.booleans())
    def countersign(self, actor, i, right):
        case = self.pick(i)
        concern, case = self.newest_concern(case)
        self.n += 1
        token = f"Discussedrisk{self.n}q"
        _, error = self.call(actor, concerns.countersign_discussion, concern,
                             PASSWORD if right else WRONG,
                             concerns.DiscussionForm(risks=token, needs="Needs talked about"),
                             case=case)
        if error is None:
            self.tokens[case].add(token)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99),
          outcome=st.sampled_from(sorted(perpetrators.OUTCOMES)),
          by=st.sampled_from(["worker", "manager"]))
    def decide(self, actor, i, outcome, by):
        case = self.pick(i)
        concern, case = self.newest_concern(case)
        self.n += 1
        note = f"Victimsafety{self.n}q"
        _, error = self.call(actor, reviews.decide, concern, decision(outcome, by, note=note),
                             case=case)
        if error is None:
            self.tokens[case].add(note)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99),
          outcome=st.sampled_from(sorted(perpetrators.OUTCOMES)))
    def correct(self, actor, i, outcome):
        case = self.pick(i)
        snap = self.snap()
        newest = snap.newest_decision(snap.newest_concern(case)) or max(snap.decisions,
                                                                         default=999)
        case = snap.concerns[snap.decisions[newest][0]][0] if newest in snap.decisions \
            else None
        self.n += 1
        note = f"Correctednote{self.n}q"
        _, error = self.call(actor, reviews.correct, newest,
                             decision(outcome, "worker", note=note), "Corrected in a test",
                             case=case)
        if error is None:
            self.tokens[case].add(note)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99))
    def share_outcome(self, actor, i):
        case = self.pick(i)
        concern, case = self.newest_concern(case)
        self.call(actor, outcomes.record_communication, concern, outcomes.CommunicationForm(
            communicated_on=datetime.now(), method="phone"), case=case)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99),
          what=st.sampled_from(["open", "concern", "for_case", "letters", "compose_outcome",
                                "compose_referrer", "finalise_outcome",
                                "finalise_signposting", "open_letter", "print_letter",
                                "hand_over_letter", "line_manager", "add_person",
                                "subject_access"]))
    def look(self, actor, i, what):
        case = self.pick(i)
        concern, concern_case = self.newest_concern(case)
        kind = "outcome_not_supported"
        if what == "open":
            self.call(actor, cases.open_case, case, case=case)
        elif what == "concern":
            self.call(actor, concerns.view, concern, case=concern_case)
        elif what == "for_case":
            self.call(actor, concerns.for_case, case, case=case)
        elif what == "letters":
            self.call(actor, letters.list_for_case, case, case=case)
        elif what == "compose_outcome":
            self.call(actor, letters.compose, case, letters.LetterRequest(kind, []), case=case)
        elif what in ("finalise_outcome", "finalise_signposting"):
            letter = LetterText(kind if what == "finalise_outcome" else "signposting",
                                "Subject", ("Clientname", "1 Safe Street"),
                                "Dear Client,\n\nA letter in a test.", ("A Worker",))
            result, error = self.call(actor, letters.finalise, case, letter, case=case)
            if error is None:
                self.letters.setdefault(case, []).append(result)
        elif what == "compose_referrer":
            self.call(actor, letters.compose, case, letters.LetterRequest("referrer", [1]),
                      case=case)
        elif what in ("open_letter", "print_letter", "hand_over_letter"):
            fn = {"open_letter": letters.open_letter, "print_letter": letters.print_for_post,
                  "hand_over_letter": letters.hand_over}[what]
            mine = self.letters.get(case) or [n for ids in self.letters.values() for n in ids]
            self.call(actor, fn, mine[-1] if mine else 999,
                      case=case if self.letters.get(case) else None)
        elif what == "add_person":
            self.call(actor, referrals.add_person_of_concern, case,
                      referrals.PersonNamed("Named Personq", "neighbour"), case=case)
        elif what == "subject_access":
            self.call(actor, subject_access.export, case, case=case)
        else:
            self.call(actor, concerns.line_manager, concern, case=concern_case)

    @rule(actor=st.sampled_from(ACTORS),
          scope=st.sampled_from([caseload.MINE, caseload.UNASSIGNED, caseload.ALL]),
          how=st.sampled_from(["list", "rows", "search"]))
    def lists(self, actor, scope, how):
        me = self.ids[actor]
        before = self.snap()
        if how == "list":
            result, error = self.call(actor, caseload.case_ids, scope)
            ids = result or []
        elif how == "rows":
            result, error = self.call(actor, caseload.rows, list(self.cases))
            ids = [r.id for r in result or []]
        else:
            result, error = self.call(actor, caseload.search, "Testperson", 50)
            ids = [r.id for r in result or []]
        if error is None:
            # The SQL in the lists and the rule agree: exactly the cases the person may open.
            visible = {c for c in self.cases if before.sees_case(me, c)}
            assert set(ids) <= visible, (actor, set(ids) - visible)
            if how == "rows" or (how == "list" and scope == caseload.ALL) or how == "search":
                assert set(ids) == visible, (actor, how, visible - set(ids))

    @precondition(has_cases)
    @rule(i=st.integers(0, 99), choice=st.integers(0, 3))
    def progress(self, i, choice):
        """Someone who may takes the case's next step, so that the random attacks above
        meet cases at every stage of the workflow."""
        case = self.pick(i)
        snap = self.snap()
        status, assigned, _ = snap.cases[case]
        concern = snap.newest_concern(case)
        live = [n for n in ACTORS if snap.accounts[self.ids[n]][0]
                and not self.sessions[n].access_ended]
        managers = [n for n in live if roles.MANAGER in snap.roles_of(self.ids[n])]
        by_id = {self.ids[n]: n for n in live}
        on_case = by_id.get(assigned) or (managers[choice % len(managers)] if managers
                                           else None)
        if on_case is None:
            return
        if status == L.REFERRED and assigned is None and choice % 2:
            self.assign(on_case, i, on_case)
        elif status in (L.REFERRED, L.ASSESSING):
            self.complete_assessment(on_case, i, ("support_offered", "support_offered",
                                                  "perpetrator", "signposted")[choice])
        elif status in (L.AWAITING_SUPPORT, L.IN_SUPPORT):
            booked = [x for x in snap.sessions if x[1] == case and x[4] == "planned"]
            if choice == 0:
                self.raise_concern(on_case, i)
            elif choice == 3 and booked:
                self.call(on_case, diary.held, booked[0][0], case=case)
            elif choice == 3:
                self.book(on_case, i, 0, 9 + i % 10)
            elif choice == 2 and not snap.waiting:
                self.join_waiting_list(on_case, i, "counselling")
            else:
                self.record_session(on_case, i, planned=choice == 1)
        elif status == L.CONNECTION_CHECK and managers:
            open_flags = [f for f, state in self._flags() if state == "open"]
            if open_flags:
                self.decide_flag(managers[choice % len(managers)], choice, choice % 2 == 0)
        elif status == L.ON_HOLD and concern:
            if concern not in snap.explanations:
                self.explain(on_case, i)
            else:
                self.countersign(on_case, i, right=True)
        elif status == L.AWAITING_MANAGEMENT_REVIEW and concern:
            raiser = snap.concerns[concern][1]
            deciders = [n for n in managers if self.ids[n] != raiser]
            if deciders:
                self.decide(deciders[choice % len(deciders)], i,
                            sorted(perpetrators.OUTCOMES)[choice % 2],
                            "manager" if choice == 3 else "worker")
        elif status == L.OUTCOME_TO_COMMUNICATE and concern:
            communicator = snap.decisions[snap.newest_decision(concern)][3]
            sharer = by_id.get(communicator) or (managers[0] if managers else None)
            if sharer:
                self.share_outcome(sharer, i)
        elif status == L.CLOSED and concern and managers:
            self.correct(managers[choice % len(managers)], i,
                         sorted(perpetrators.OUTCOMES)[choice % 2])
        else:
            self.call(on_case, cases.open_case, case, case=case)

    # -- the daily casework (issue 17) ---------------------------------------------------

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99), days=st.integers(0, 3),
          hour=st.integers(8, 19))
    def book(self, actor, i, days, hour):
        case = self.pick(i)
        form = diary.BookingForm(date.today() + timedelta(days=days), time(hour, 0), 50,
                                 "counselling")
        self.call(actor, diary.book, case, form, case=case)

    @precondition(lambda self: any(s[4] == "planned" for s in self.snap().sessions))
    @rule(actor=st.sampled_from(ACTORS), j=st.integers(0, 99),
          what=st.sampled_from(["cancel", "held", "did_not_attend", "reschedule"]))
    def settle(self, actor, j, what):
        booked = [s for s in self.snap().sessions if s[4] == "planned"]
        session_id, case = booked[j % len(booked)][:2]
        if what == "cancel":
            self.call(actor, diary.cancel, session_id, "client", "Unwell", case=case)
        elif what == "reschedule":
            self.call(actor, diary.reschedule, session_id, diary.BookingForm(
                date.today() + timedelta(days=4), time(9, 0), 50, "counselling"), case=case)
        else:
            self.call(actor, getattr(diary, what), session_id, case=case)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99),
          service=st.sampled_from(["counselling", "isva"]))
    def join_waiting_list(self, actor, i, service):
        case = self.pick(i)
        self.call(actor, waiting_list.add, case, waiting_list.WaitingForm(service), case=case)

    @precondition(lambda self: any(w[1] for w in self.snap().waiting.values()))
    @rule(actor=st.sampled_from(ACTORS), j=st.integers(0, 99), to=st.sampled_from(ACTORS))
    def allocate(self, actor, j, to):
        waiting = sorted(e for e, w in self.snap().waiting.items() if w[1])
        entry = waiting[j % len(waiting)]
        self.call(actor, waiting_list.allocate, entry, self.ids[to],
                  case=self.snap().waiting[entry][0])

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99),
          channel=st.sampled_from(sorted(safe_contact.CHANNELS)), k=st.integers(0, 5),
          incoming=st.booleans())
    def contact(self, actor, i, channel, k, incoming):
        case = self.pick(i)
        outcomes_ = safe_contact.OUTCOMES_FOR[channel]
        form = contacts.ContactForm(channel, safe_contact.INCOMING if incoming
                                    else safe_contact.OUTGOING, outcomes_[k % len(outcomes_)])
        self.call(actor, contacts.record, case, form, case=case)

    @precondition(has_cases)
    @rule(actor=st.sampled_from(ACTORS), i=st.integers(0, 99),
          answers=st.tuples(*[st.booleans()] * 5))
    def change_safe_contact(self, actor, i, answers):
        case = self.pick(i)
        found, error = self.call(actor, clients.details, case, case=case)
        if error is None:
            may_call, voicemail, may_text, may_email, post = answers
            found.may_call, found.may_leave_voicemail = may_call, voicemail
            found.may_text, found.may_email = may_text, may_email
            found.post_is_safe = post
            found.safe_post_address = "1 Model Street" if post else found.safe_post_address
            self.call(actor, clients.update, case, found, case=case)

    @precondition(lambda self: getattr(self, "changes", 0) < 3)
    @rule(actor=st.sampled_from(("admin", "adm", "m1", "w1")),
          whom=st.sampled_from(tuple(STAFF)),
          change=st.sampled_from(["disable", "demote", "promote", "line_manager_worker",
                                  "line_manager_manager"]))
    def change_account(self, actor, whom, change):
        self.changes = getattr(self, "changes", 0) + 1
        target_id = self.ids[whom]
        if change == "disable":
            self.call(actor, accounts.disable_account, target_id)
        elif change == "demote":
            self.call(actor, accounts.set_roles, target_id, {roles.SUPPORT_WORKER})
        elif change == "promote":
            self.call(actor, accounts.set_roles, target_id,
                      {roles.SUPPORT_WORKER, roles.MANAGER})
        elif change == "line_manager_worker":
            w3 = self.snap().accounts[self.ids["w3"]]
            _, error = self.call(actor, accounts.set_line_manager, target_id, self.ids["w3"])
            if not (w3[0] and roles.MANAGER in w3[2]) or whom == "w3":
                assert error is not None  # only an active manager, never oneself
        else:
            self.call(actor, accounts.set_line_manager, target_id, self.ids["m1"])

    @precondition(lambda self: any(s.access_ended for s in self.sessions.values()))
    @rule(name=st.sampled_from(tuple(STAFF)))
    def sign_in_again(self, name):
        """The person signs in again (fresh rights, if the account is still on)."""
        account = self.snap().accounts[self.ids[name]]
        if account[0]:
            self.sessions[name] = self._session_for(name)
        self.call(name, accounts.get_own)
