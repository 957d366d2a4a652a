"""The connection check: a survivor never meets their abuser here (DESIGN.md section 5).

When a referral is saved, a person of concern is named, or a client is identified as a
potential perpetrator, that person is compared with every client and every person of
concern on other cases (sv2desk/matching; SCORING.md explains the points). A likely
match raises a confidential flag that only managers see: the worker who entered the
referral is told nothing, and nothing about it reaches a case timeline. A manager
confirms a flag, recording the safety measures agreed, or dismisses it with the
reason; both are audited and neither deletes anything.

Once a link is confirmed the two clients it connects are kept apart: they are never
booked on the same day, at any place, and one worker does not work with both, unless a
manager overrides that with a reason (recorded and audited; every refusal is audited). Whoever is refused is told
only that a confidential restriction applies and to speak to a manager.

Only records that share a blocking key (a 64-bit hash of a name sound, a name variant,
a date of birth, phone number or postcode) are scored, so a check against 100,000
clients reads a few hundred rows. The keys live in connection_keys, written here when
clients and persons of concern are created.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import delete, func, insert, or_, select

from .. import errors, paths
from ..matching import score as matching
from ..matching.variants import VARIANTS_FILE, dataset_version as variants_dataset_version
from ..models import (Account, Case, Client, Concern, ConnectionDecision, ConnectionFlag,
                      ConnectionKey, ConnectionOverride, PersonOfConcern, Setting,
                      SupportSession)
from ..policy import lifecycle, permissions, referral as vocab, validation
from . import audit
from .registry import operation

CLIENT, POC = "client", "poc"
OPEN, CONFIRMED, DISMISSED = "open", "confirmed", "dismissed"
STATUS_LABELS = {OPEN: "Waiting for a manager", CONFIRMED: "Confirmed: kept apart",
                 DISMISSED: "Dismissed: not the same person"}
TRIGGERS = {"referral": "A referral was saved",
            "person_of_concern": "A person of concern was named",
            "concern": "A client was identified as a potential perpetrator",
            "client_changed": "A client's details were changed"}
KIND_LABELS = {CLIENT: "Client", POC: "Person of concern named by a client"}
# What a flag is, by the rule that raised it (stored with its evidence).
HOLD, RELATIVE, LINK = "hold", "relative", "link"
RULE_LABELS = {
    HOLD: ("Likely the same person as someone another client named as the person who "
           "harmed them, or as someone the service decided it cannot support."),
    RELATIVE: ("Possibly a relative of a person another client named (the same surname "
               "and address or phone, but not the same person). Confirming keeps the two "
               "clients apart; their cases carry on."),
    LINK: ("Two records that may be one person, one of them identified as a potential "
           "perpetrator. Confirming keeps the clients apart."),
}
# What deciding a HOLD flag does, said after the rule: whether the check held the case
# depends on where the case was (a case already paused while a concern is decided, or
# closed, is not held; the flag alone asks a manager to look).
HOLD_HELD = (" Their case is held until a manager checks: confirming raises a concern on "
             "it, dismissing lets it carry on.")
HOLD_NOT_HELD = (" Their case is not held, because it was already paused or closed when the "
                 "check ran: confirming keeps the two clients apart.")
THRESHOLD = matching.THRESHOLD   # the score at which a flag is raised (for the screen)
# At most this many flags from one check (the strongest first): a name like "J Smith"
# alone should not bury the manager queue.
MAX_FLAGS_PER_CHECK = 10
# The blocking-key scheme. Change KEY_SCHEME (or the variants file) and every key is
# written again on the next check.
KEY_SCHEME = "1"
SCHEME_SETTING = "connections.key_scheme"

BOOKING_REFUSED = ("A confidential restriction applies to this booking, so it cannot be "
                   "made on this day. Please choose another day or speak to a manager.")
WORKER_REFUSED = ("A confidential restriction means this member of staff cannot work on "
                  "this case. Please speak to a manager.")
MANAGER_MAY_OVERRIDE = (" As a manager you can override it: give the reason, and it will "
                        "be recorded.")
OVERRIDE_LIMIT = vocab.NOTE_LIMIT


# -- people as the matcher sees them ------------------------------------------------------

def _day(iso: str | None) -> date:
    try:
        return datetime.fromisoformat(iso).date() if iso else date.today()
    except ValueError:
        return date.today()


# Kept small: about 1 KB a person (the design budget is 250 MB for the whole program).
@lru_cache(maxsize=30_000)
def client_person(name, preferred_name, date_of_birth, approximate_age, phone, postcode,
                  created_at) -> matching.Person:
    return matching.person(name, preferred_name, date_of_birth=date_of_birth,
                           age=approximate_age, age_on=_day(created_at), phone=phone or "",
                           postcode=postcode or "")


@lru_cache(maxsize=10_000)
def poc_person(name, other_identifiers, created_at) -> matching.Person:
    return matching.person(name, notes=other_identifiers or "", notes_on=_day(created_at))


_CLIENT_COLUMNS = (Client.id, Client.name, Client.preferred_name, Client.date_of_birth,
                   Client.approximate_age, Client.phone, Client.postcode, Client.created_at)


def _client_from_row(row) -> matching.Person:
    return client_person(*row[1:])


# -- the index of blocking keys -------------------------------------------------------------

@lru_cache(maxsize=1)
def scheme() -> str:
    variants = paths.resource(VARIANTS_FILE).read_bytes()
    return (KEY_SCHEME + "-" + hashlib.sha256(variants).hexdigest()[:16] + "-nicknames-" +
            variants_dataset_version())


def key_rows(kind: str, record_id: int, person: matching.Person) -> list[dict]:
    return [{"key": k, "kind": kind, "record_id": record_id}
            for k in sorted(matching.key_hashes(person))]


def _index(db, kind: str, record_id: int, person: matching.Person) -> None:
    db.execute(delete(ConnectionKey).where(ConnectionKey.kind == kind,
                                           ConnectionKey.record_id == record_id))
    rows = key_rows(kind, record_id, person)
    if rows:
        db.execute(insert(ConnectionKey), rows)


def rebuild_index(db) -> int:
    """Write every record's keys again, a batch at a time. Returns how many records were
    indexed (about 40 seconds for 120,000)."""
    db.execute(delete(ConnectionKey))
    count = 0
    rows: list[dict] = []

    def flush(limit: int) -> None:
        if len(rows) >= limit:
            db.execute(insert(ConnectionKey), rows)
            rows.clear()

    for row in db.execute(select(*_CLIENT_COLUMNS).execution_options(yield_per=5_000)):
        rows += key_rows(CLIENT, row.id, _client_from_row(row))
        count += 1
        flush(20_000)
    for poc_id, name, notes, created in db.execute(
            select(PersonOfConcern.id, PersonOfConcern.name, PersonOfConcern.other_identifiers,
                   PersonOfConcern.created_at).execution_options(yield_per=5_000)):
        rows += key_rows(POC, poc_id, poc_person(name, notes, created))
        count += 1
        flush(20_000)
    flush(1)
    setting = db.get(Setting, SCHEME_SETTING)
    if setting is None:
        db.add(Setting(key=SCHEME_SETTING, value=scheme()))
    else:
        setting.value = scheme()
    db.flush()
    return count


def ensure_index(db) -> None:
    """Rebuild the keys if they were written under another scheme (or never: a workspace
    upgraded from before the connection check)."""
    setting = db.get(Setting, SCHEME_SETTING)
    if setting is None or setting.value != scheme():
        rebuild_index(db)


# -- the check ----------------------------------------------------------------------------

# Ids per IN (...) list: well under SQLite's limit on bound parameters.
CHUNK = 5_000


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


@dataclass
class _Record:
    kind: str
    id: int
    case_ids: frozenset[int]
    client_id: int            # the client of the case (for a client: itself)
    person: matching.Person


def _pair(a: tuple[str, int], b: tuple[str, int]) -> str:
    return "|".join(sorted(f"{kind}:{rid}" for kind, rid in (a, b)))


def _load(db, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], _Record]:
    """The clients and persons of concern asked for, with their cases, in few queries."""
    found: dict[tuple[str, int], _Record] = {}
    client_ids = sorted(rid for kind, rid in wanted if kind == CLIENT)
    rows, cases = [], {}
    for ids in _chunks(client_ids):
        rows += db.execute(select(*_CLIENT_COLUMNS).where(Client.id.in_(ids))).all()
        for case_id, client_id in db.execute(select(Case.id, Case.client_id)
                                             .where(Case.client_id.in_(ids))):
            cases.setdefault(client_id, set()).add(case_id)
    for r in rows:
        if cases.get(r.id):
            found[CLIENT, r.id] = _Record(CLIENT, r.id, frozenset(cases[r.id]), r.id,
                                          _client_from_row(r))
    for ids in _chunks(sorted(rid for kind, rid in wanted if kind == POC)):
        for r in db.execute(select(PersonOfConcern.id, PersonOfConcern.case_id, Case.client_id,
                                   PersonOfConcern.name, PersonOfConcern.other_identifiers,
                                   PersonOfConcern.created_at)
                            .join(Case, Case.id == PersonOfConcern.case_id)
                            .where(PersonOfConcern.id.in_(ids))):
            found[POC, r.id] = _Record(POC, r.id, frozenset({r.case_id}), r.client_id,
                                       poc_person(r.name, r.other_identifiers, r.created_at))
    return found


def _clients_with_concerns(db, client_ids) -> set[int]:
    found: set[int] = set()
    # On the office server the concern rows are hidden from whoever is not on their case;
    # the check (for managers' eyes only) asks the server's own function instead.
    on_server = db.get_bind().dialect.name == "postgresql"
    for ids in _chunks(sorted(client_ids)):
        if on_server:
            found |= set(db.scalars(select(Case.client_id).where(
                Case.client_id.in_(ids), func.sv2desk_had_concern(Case.id))))
            continue
        found |= set(db.scalars(select(Case.client_id).join(Concern, Concern.case_id == Case.id)
                                .where(Case.client_id.in_(ids))))
    return found


def _clients_not_supported(db, client_ids) -> set[int]:
    """Clients the service decided it cannot support: a case closed under the perpetrator
    policy (read from the cases, not the concern rows the office server shows only to the
    people on the case). A concern still being decided raises a flag for managers, as any
    match with a potential perpetrator does, without a hold."""
    found: set[int] = set()
    for ids in _chunks(sorted(client_ids)):
        found |= set(db.scalars(select(Case.client_id).where(
            Case.client_id.in_(ids), Case.closed_reason == lifecycle.WORKFLOW_CLOSE_REASON)))
    return found


def flag_details(flag: ConnectionFlag) -> dict:
    """What the check stored with a flag: the reasons (plain English), the rule that raised
    it, the client whose case it holds, and hashes of the dates of birth, phone numbers and
    postcodes known when it was raised (as in the key index: no personal data)."""
    found = json.loads(flag.evidence_json)
    if isinstance(found, list):          # a flag raised before the rules were stored
        return {"reasons": found, "rule": LINK, "held": None, "seen": []}
    return found


def check_many(db, session, subjects, trigger: str) -> list[int]:
    """Compare each client or person of concern in ``subjects`` ((kind, id) pairs) with
    every other record, and raise a flag for each likely match not flagged before.

    Runs inside the caller's transaction, with a handful of queries however many subjects
    there are (a batch of referrals is checked in one pass). Tells the caller nothing it
    could show: returns the new flags' ids, for tests and benchmarks."""
    ensure_index(db)
    subjects = list(dict.fromkeys(subjects))
    records = _load(db, set(subjects))
    mine = [records[s] for s in subjects if s in records]
    kinds = {(r.kind, r.id): matching.key_kinds(r.person) for r in mine}
    hashes = {subject: set(found) for subject, found in kinds.items()}
    by_key: dict[int, set[tuple[str, int]]] = {}
    for ids in _chunks(sorted(set().union(*hashes.values()) if hashes else ())):
        for key, kind, rid in db.execute(select(ConnectionKey.key, ConnectionKey.kind,
                                                ConnectionKey.record_id)
                                         .where(ConnectionKey.key.in_(ids))):
            by_key.setdefault(key, set()).add((kind, rid))
    candidates = {s: matching.candidates(kinds[s], by_key) - {s} for s in hashes}
    records |= _load(db, set().union(*candidates.values()) - set(records)
                     if candidates else set())
    # First pass: every likely match, and every survivor who looks like a relative of a
    # person another client named, before the rules that need more from the database.
    likely: list[tuple[_Record, _Record, matching.Match, str]] = []
    for me in mine:
        for key in candidates[me.kind, me.id]:
            other = records.get(key)
            # A case is never flagged against itself (a client and the people they named).
            if other is None or other.case_ids & me.case_ids or other.client_id == me.client_id:
                continue
            result, related = matching.compare_both(me.person, other.person)
            if result.flagged:
                likely.append((me, other, result, ""))
            elif related is not None and {me.kind, other.kind} == {CLIENT, POC}:
                likely.append((me, other, related, RELATIVE))
    if not likely:
        return []
    # Two clients alike are one person referred twice: a connection only when one of them
    # has been identified as a potential perpetrator, and a hold when the service decided
    # it cannot support them.
    both_clients = {r.id for me, other, _, _ in likely if me.kind == other.kind == CLIENT
                    for r in (me, other)}
    concerns = _clients_with_concerns(db, both_clients)
    not_supported = _clients_not_supported(db, both_clients & concerns)
    # Two people of concern alike, named by one survivor referred twice (their clients
    # alike), are the same abuser named again: not a new connection.
    client_pairs = {tuple(sorted((me.client_id, other.client_id))) for me, other, _, _
                    in likely if me.kind == other.kind == POC}
    clients = _load(db, {(CLIENT, c) for pair in client_pairs for c in pair} - set(records))
    clients |= records

    def same_survivor(a: int, b: int) -> bool:
        x, y = clients.get((CLIENT, a)), clients.get((CLIENT, b))
        return bool(x and y and matching.compare(x.person, y.person).flagged)

    survivors_again = {pair for pair in client_pairs if same_survivor(*pair)}
    per_subject: dict[tuple[str, int], list] = {}
    for me, other, result, rule in likely:
        held = None
        if me.kind == other.kind == CLIENT:
            if not {me.id, other.id} & concerns:
                continue
            barred = {me.id, other.id} & not_supported
            if len(barred) == 1:
                rule, held = HOLD, ({me.id, other.id} - barred).pop()
            else:
                rule = LINK
        elif me.kind == other.kind == POC:
            if tuple(sorted((me.client_id, other.client_id))) in survivors_again:
                continue
            rule = LINK
        elif not rule:
            rule, held = HOLD, (me.id if me.kind == CLIENT else other.id)
        per_subject.setdefault((me.kind, me.id), []).append((result, other, rule, held))
    wanted = []
    for (kind, rid), found in per_subject.items():
        found.sort(key=lambda f: (f[2] != HOLD, -f[0].score, f[1].kind, f[1].id))
        for result, other, rule, held in found[:MAX_FLAGS_PER_CHECK]:
            me = records[kind, rid]
            wanted.append((me, other, result, _pair((kind, rid), (other.kind, other.id)),
                           rule, held, sorted(matching.identifier_hashes(me.person) |
                                              matching.identifier_hashes(other.person))))
    existing: dict[str, ConnectionFlag] = {}
    for pairs in _chunks(sorted({w[3] for w in wanted})):
        existing |= {f.pair: f for f in db.scalars(select(ConnectionFlag)
                                                     .where(ConnectionFlag.pair.in_(pairs)))}
    now = audit.now_iso()
    flags, reopened, holds = [], [], []
    for me, other, result, pair, rule, held, seen in wanted:
        details = {"reasons": result.evidence, "rule": rule, "held": held, "seen": seen}
        flag = existing.get(pair)
        if flag is not None:
            # A flag dismissed stays dismissed for the same pair unless something new (a
            # date of birth, phone number or postcode not known then) has appeared.
            if flag.status == DISMISSED and set(seen) - set(flag_details(flag)["seen"]):
                flag.status, flag.score, flag.trigger = OPEN, result.score, trigger
                flag.evidence_json = json.dumps(details)
                reopened.append(flag)
                if rule == HOLD:
                    holds.append(held)
            continue
        flag = ConnectionFlag(
            pair=pair, left_kind=me.kind, left_id=me.id, left_case_id=min(me.case_ids),
            right_kind=other.kind, right_id=other.id, right_case_id=min(other.case_ids),
            score=result.score, evidence_json=json.dumps(details), trigger=trigger,
            raised_at=now, raised_by=session.account_id, status=OPEN)
        existing[pair] = flag
        flags.append(flag)
        if rule == HOLD:
            holds.append(held)
    if not flags and not reopened:
        return []
    db.add_all(flags)
    db.flush()
    ids = [flag.id for flag in flags]
    if ids:
        audit.record_many(db, session.account_id, "connections.flag_raised", "connection_flag",
                          ids)
    if reopened:
        audit.record_many(db, session.account_id, "connections.flag_reopened",
                          "connection_flag", [f.id for f in reopened])
    from . import connection_holds
    connection_holds.hold_clients(db, session, holds)
    return ids + [f.id for f in reopened]


def check(db, session, kind: str, record_id: int, trigger: str) -> list[int]:
    """Compare one client or person of concern with every other record (see check_many)."""
    return check_many(db, session, [(kind, record_id)], trigger)


def after_new_cases(db, session, case_ids) -> list[int]:
    """For the referral services: index and check each new case's client and the people
    they named, all in one pass. Returns the new flags' ids."""
    case_ids = list(case_ids)
    if not case_ids:
        return []
    ensure_index(db)
    clients, pocs = [], []
    for ids in _chunks(case_ids):
        clients += db.execute(select(*_CLIENT_COLUMNS).join(Case, Case.client_id == Client.id)
                              .where(Case.id.in_(ids))).all()
        pocs += db.execute(select(PersonOfConcern.id, PersonOfConcern.name,
                                  PersonOfConcern.other_identifiers, PersonOfConcern.created_at)
                           .where(PersonOfConcern.case_id.in_(ids))).all()
    rows: list[dict] = []
    for row in clients:
        rows += key_rows(CLIENT, row.id, _client_from_row(row))
    for poc_id, name, notes, created in pocs:
        rows += key_rows(POC, poc_id, poc_person(name, notes, created))
    for kind, ids in ((CLIENT, [r.id for r in clients]), (POC, [p[0] for p in pocs])):
        for chunk in _chunks(ids):
            db.execute(delete(ConnectionKey).where(ConnectionKey.kind == kind,
                                                   ConnectionKey.record_id.in_(chunk)))
    for start in range(0, len(rows), 20_000):
        db.execute(insert(ConnectionKey), rows[start:start + 20_000])
    return check_many(db, session, [(CLIENT, r.id) for r in clients] +
                      [(POC, p[0]) for p in pocs], "referral")


def after_new_person(db, session, poc: PersonOfConcern) -> list[int]:
    """For referrals.add_person_of_concern: index and check the person just named."""
    ensure_index(db)
    _index(db, POC, poc.id, poc_person(poc.name, poc.other_identifiers, poc.created_at))
    return check(db, session, POC, poc.id, "person_of_concern")


def after_client_changed(db, session, client_id: int) -> list[int]:
    """For edits to a client's record (name, date of birth, phone, postcode): index the
    client again and check them, inside the caller's transaction. A likely match holds
    their open case, as for a new referral; a flag dismissed for the same pair comes back
    only when the edit brings a date of birth, phone number or postcode not known then.
    Returns the ids of the flags raised or reopened."""
    ensure_index(db)
    row = db.execute(select(*_CLIENT_COLUMNS).where(Client.id == client_id)).one_or_none()
    if row is None:
        return []
    _index(db, CLIENT, client_id, _client_from_row(row))
    return check(db, session, CLIENT, client_id, "client_changed")


def after_concern(db, session, case: Case) -> list[int]:
    """For concerns.insert_concern: check the client now identified as a potential
    perpetrator (other clients who may be the same person now count too)."""
    return check(db, session, CLIENT, case.client_id, "concern")


# -- keeping linked people apart ------------------------------------------------------------

def _kept_apart(db, client_id: int) -> dict[int, int]:
    """Other client id -> confirmed flag id, for every client kept apart from this one.

    A confirmed link between a client and a person of concern keeps that client apart
    from the client who named the person. A link between two persons of concern, or
    between two client records of one person, keeps no one apart."""
    own_cases = list(db.scalars(select(Case.id).where(Case.client_id == client_id)))
    flags = db.scalars(select(ConnectionFlag).where(
        ConnectionFlag.status == CONFIRMED,
        or_((ConnectionFlag.left_kind == CLIENT) & (ConnectionFlag.left_id == client_id),
            (ConnectionFlag.right_kind == CLIENT) & (ConnectionFlag.right_id == client_id),
            ConnectionFlag.left_case_id.in_(own_cases),
            ConnectionFlag.right_case_id.in_(own_cases)))).all()
    found: dict[int, int] = {}
    for flag in flags:
        pair = _separated_clients(db, flag)
        if pair is not None and client_id in pair:
            other = pair[1] if pair[0] == client_id else pair[0]
            if other != client_id:
                found.setdefault(other, flag.id)
    return found


def _open_case_ids(db, client_ids) -> list[int]:
    return list(db.scalars(select(Case.id).where(Case.client_id.in_(client_ids),
                                                 Case.status != lifecycle.CLOSED)))


def _works_with(db, worker_id: int, client_ids) -> bool:
    """The worker is assigned to, or has a session on, an open case of these clients."""
    case_ids = _open_case_ids(db, client_ids)
    if not case_ids:
        return False
    if db.scalar(select(Case.id).where(Case.id.in_(case_ids),
                                       Case.assigned_worker_id == worker_id).limit(1)):
        return True
    return db.scalar(select(SupportSession.id).where(SupportSession.case_id.in_(case_ids),
                                                     SupportSession.worker_id == worker_id)
                     .limit(1)) is not None


def _refuse(session, message: str) -> None:
    """Refuse, saying only that a restriction applies (audited as denied by the operation,
    like every refusal)."""
    if permissions.sees_every_case(session.roles):
        message += MANAGER_MAY_OVERRIDE
    raise errors.RestrictionApplies(message)


def _override(db, session, case: Case, flag_ids, action: str, worker_id: int,
              reason: str) -> None:
    if not permissions.sees_every_case(session.roles):
        raise errors.PermissionDenied("Only a manager can override a confidential "
                                      "restriction.")
    check = validation.Check("assignment")
    check.text("override_reason", reason, required="Say why the restriction is overridden.")
    if check.problems:
        raise errors.ValidationError(check.problems)
    now = audit.now_iso()
    for flag_id in sorted(set(flag_ids)):
        record = ConnectionOverride(flag_id=flag_id, case_id=case.id, action=action,
                                    worker_id=worker_id, overridden_by=session.account_id,
                                    overridden_at=now, reason=reason)
        db.add(record)
        db.flush()
        audit.record(db, session.account_id, "connections.override", "connection_override",
                     record.id)


def check_worker(db, session, case: Case, worker_id: int | None, action: str,
                 override_reason: str = "") -> None:
    """Refuse a worker who works with someone this case's client is kept apart from,
    unless a manager gives a reason (recorded and audited)."""
    if worker_id is None:
        return
    apart = _kept_apart(db, case.client_id)
    clashing = [flag_id for other, flag_id in apart.items()
                if _works_with(db, worker_id, [other])]
    if not clashing:
        return
    if not (isinstance(override_reason, str) and validation.visible(override_reason)):
        _refuse(session, WORKER_REFUSED)
    _override(db, session, case, clashing, action, worker_id, override_reason)


def check_booking(db, session, case: Case, on: date, location: str = "",
                  override_reason: str = "") -> None:
    """Refuse to book a session on a day when someone this case's client is kept apart
    from has a session, at any place (DESIGN.md: linked people are never booked on the
    same day; an unknown place, such as a phone session, counts as the same place), unless
    a manager gives a reason, which is recorded and audited. ``location`` is kept for the
    callers; the place no longer makes a booking safe."""
    apart = _kept_apart(db, case.client_id)
    if not apart:
        return
    clashing = []
    for other, flag_id in apart.items():
        case_ids = _open_case_ids(db, [other])
        if case_ids and db.scalar(select(SupportSession.id).where(
                SupportSession.case_id.in_(case_ids), SupportSession.session_date == on,
                SupportSession.suspended_at.is_(None),
                SupportSession.status.not_in(("cancelled", "moved"))).limit(1)) is not None:
            clashing.append(flag_id)
    if not clashing:
        return
    if not (isinstance(override_reason, str) and validation.visible(override_reason)):
        _refuse(session, BOOKING_REFUSED)
    _override(db, session, case, clashing, "booking", session.account_id, override_reason)


# -- the manager queue -------------------------------------------------------------------

@dataclass(frozen=True)
class FlaggedRecord:
    """One side of a flag, shown beside the other."""

    kind: str
    kind_label: str
    record_id: int
    case_id: int
    case_reference: str
    case_status: str
    worker_name: str
    name: str
    preferred_name: str
    date_of_birth: date | None
    age: str                  # a client's approximate age, or the birth years read from a
                              # person of concern's identifiers ("born between 1975 and 1982")
    phone: str
    postcode: str
    relationship: str         # a person of concern: who they are to the client
    named_by: str             # a person of concern: the client who named them
    other_identifiers: str


@dataclass(frozen=True)
class DecisionView:
    id: int
    decision: str
    decided_by: str
    decided_at: str
    safety_measures: str
    reason: str
    replaces_id: int | None


@dataclass(frozen=True)
class FlagView:
    id: int
    score: int
    evidence: tuple[str, ...]
    status: str
    status_label: str
    trigger: str
    raised_at: str
    raised_by: str
    left: FlaggedRecord
    right: FlaggedRecord
    decisions: tuple[DecisionView, ...]
    keeps_apart: tuple[str, ...]    # the case references kept apart once confirmed
    clashes: tuple[str, ...]        # what already breaks that (for the manager to act on)
    rule: str = LINK                # HOLD, RELATIVE or LINK: what the flag is
    rule_label: str = ""            # that, in plain words, with what deciding does
    held_case: str = ""             # the reference of the case the flag holds, if any


def _names(db) -> dict[int, str]:
    return dict(db.execute(select(Account.id, Account.display_name)).all())


ERASED = "(no longer held)"


def _record_view(db, kind: str, record_id: int, case_id: int, names) -> FlaggedRecord:
    case = db.get(Case, case_id)
    record = db.get(Client if kind == CLIENT else PersonOfConcern, record_id)
    common = dict(kind=kind, kind_label=KIND_LABELS[kind], record_id=record_id,
                  case_id=case_id, case_reference=case.reference if case else ERASED,
                  case_status=lifecycle.LABELS[case.status] if case else "",
                  worker_name=names.get(case.assigned_worker_id, "Not assigned") if case
                  else "")
    if record is None or case is None:        # erased under the retention policy
        return FlaggedRecord(**common, name=ERASED, preferred_name="", date_of_birth=None,
                             age="", phone="", postcode="", relationship="", named_by="",
                             other_identifiers="")
    if kind == CLIENT:
        return FlaggedRecord(**common, name=record.name, preferred_name=record.preferred_name,
                             date_of_birth=record.date_of_birth,
                             age=str(record.approximate_age)
                             if record.approximate_age is not None else "",
                             phone=record.phone, postcode=record.postcode, relationship="",
                             named_by="", other_identifiers="")
    found = matching.person(record.name, notes=record.other_identifiers,
                            notes_on=_day(record.created_at))
    birth = found.birth
    client = case.client
    return FlaggedRecord(**common, name=record.name, preferred_name="",
                         date_of_birth=birth.exact_date if birth else None,
                         age=f"born {birth.low}" if birth and not birth.exact_date
                         and birth.low == birth.high else
                         f"born between {birth.low} and {birth.high}"
                         if birth and not birth.exact_date else "",
                         phone=found.phone or "", postcode=_postcode_text(found.postcode),
                         relationship=record.relationship_to_client,
                         named_by=client.preferred_name or client.name,
                         other_identifiers=record.other_identifiers)


def _postcode_text(pc) -> str:
    return f"{pc.outward} {pc.full[len(pc.outward):]}" if pc else ""


def _separated_clients(db, flag: ConnectionFlag) -> tuple[int, int] | None:
    """The two clients a confirmed flag keeps apart (the client linked, and the client
    who named the person of concern), or None."""
    if {flag.left_kind, flag.right_kind} != {CLIENT, POC}:
        return None
    if flag.left_kind == CLIENT:
        linked, poc_case = flag.left_id, flag.right_case_id
    else:
        linked, poc_case = flag.right_id, flag.left_case_id
    named_by = db.scalar(select(Case.client_id).where(Case.id == poc_case))
    return linked, named_by


def _clashes(db, pair, names) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if pair is None:
        return (), ()
    a, b = pair
    refs = {client: sorted(db.scalars(select(Case.reference).where(Case.client_id == client)))
            for client in pair}
    keeps = tuple(refs[a] + refs[b])
    out = []
    cases_a, cases_b = _open_case_ids(db, [a]), _open_case_ids(db, [b])
    if cases_a and cases_b:
        def workers(case_ids):
            found = set(db.scalars(select(Case.assigned_worker_id)
                                   .where(Case.id.in_(case_ids))))
            found |= set(db.scalars(select(SupportSession.worker_id)
                                    .where(SupportSession.case_id.in_(case_ids))))
            return {w for w in found if w is not None}
        for worker in sorted(workers(cases_a) & workers(cases_b)):
            out.append(f"{names.get(worker, 'One member of staff')} works with both.")
        today = date.today()
        sessions_b = db.execute(select(SupportSession.session_date, SupportSession.location)
                                .where(SupportSession.case_id.in_(cases_b),
                                       SupportSession.session_date >= today)).all()
        days_b = {d for d, _ in sessions_b}
        for day, place in db.execute(select(SupportSession.session_date,
                                            SupportSession.location)
                                     .where(SupportSession.case_id.in_(cases_a),
                                            SupportSession.session_date >= today)):
            if day in days_b:
                out.append(f"Both have sessions on {day:%d %B %Y}.")
    return keeps, tuple(dict.fromkeys(out))


def _view(db, flag: ConnectionFlag) -> FlagView:
    names = _names(db)
    decisions = db.scalars(select(ConnectionDecision).where(ConnectionDecision.flag_id ==
                                                            flag.id)
                           .order_by(ConnectionDecision.id)).all()
    keeps, clashes = _clashes(db, _separated_clients(db, flag), names)
    details = flag_details(flag)
    held = ", ".join(db.scalars(select(Case.reference).where(
        Case.client_id == details["held"], Case.status == lifecycle.CONNECTION_CHECK))) \
        if details["held"] is not None else ""
    return FlagView(
        id=flag.id, score=flag.score, evidence=tuple(flag_details(flag)["reasons"]),
        status=flag.status, status_label=STATUS_LABELS[flag.status],
        trigger=TRIGGERS.get(flag.trigger, flag.trigger), raised_at=flag.raised_at,
        raised_by=names.get(flag.raised_by, ""),
        left=_record_view(db, flag.left_kind, flag.left_id, flag.left_case_id, names),
        right=_record_view(db, flag.right_kind, flag.right_id, flag.right_case_id, names),
        decisions=tuple(DecisionView(d.id, d.decision, names.get(d.decided_by, ""),
                                     d.decided_at, d.safety_measures, d.reason,
                                     d.replaces_id) for d in decisions),
        keeps_apart=keeps, clashes=clashes if flag.status != DISMISSED else (),
        rule=details["rule"], rule_label=_rule_label(details["rule"], flag.status, held),
        held_case=held)


def _rule_label(rule: str, status: str, held_case: str) -> str:
    """The rule that raised a flag in plain words, with what deciding it does now."""
    if rule != HOLD or status != OPEN:
        return RULE_LABELS[rule]
    return RULE_LABELS[rule] + (HOLD_HELD if held_case else HOLD_NOT_HELD)


@operation("connections.open_flags")
def open_flags(session, *, include_decided: bool = False) -> list[FlagView]:
    """The manager queue: each flag with both records side by side and the evidence,
    oldest first. Decided flags too when asked. Recorded as a view."""
    query = select(ConnectionFlag).order_by(ConnectionFlag.id)
    if not include_decided:
        query = query.where(ConnectionFlag.status == OPEN)
    with session.workspace.transaction() as db:
        views = [_view(db, flag) for flag in db.scalars(query)]
        audit.record(db, session.account_id, "connections.open_flags", "queue", None)
        return views


@operation("connections.view")
def view(session, flag_id: int) -> FlagView:
    with session.workspace.transaction() as db:
        flag = _get(db, flag_id)
        result = _view(db, flag)
        audit.record(db, session.account_id, "connections.view", "connection_flag", flag.id)
        return result


@operation("connections.count")
def count(session) -> int:
    """How many flags wait for a manager (the badge in the navigation)."""
    with session.workspace.transaction() as db:
        return db.scalar(select(func.count()).select_from(ConnectionFlag)
                         .where(ConnectionFlag.status == OPEN))


def _get(db, flag_id: int) -> ConnectionFlag:
    flag = db.get(ConnectionFlag, flag_id)
    if flag is None:
        raise errors.NotFound("That flag could not be found.")
    return flag


def _decide(session, flag_id: int, decision: str, safety_measures: str, reason: str) -> int:
    with session.workspace.transaction() as db:
        flag = _get(db, flag_id)
        previous = db.scalar(select(ConnectionDecision).where(
            ConnectionDecision.flag_id == flag.id).order_by(ConnectionDecision.id.desc())
            .limit(1))
        record = ConnectionDecision(flag_id=flag.id, decision=decision,
                                    decided_by=session.account_id, decided_at=audit.now_iso(),
                                    safety_measures=safety_measures, reason=reason,
                                    replaces_id=previous.id if previous else None)
        db.add(record)
        flag.status = decision
        db.flush()
        action = "connections.confirm" if decision == CONFIRMED else "connections.dismiss"
        audit.record(db, session.account_id, action, "connection_flag", flag.id)
        details = flag_details(flag)
        if details["rule"] == HOLD:
            from . import connection_holds
            if decision == CONFIRMED:
                connection_holds.after_confirm(db, session, flag, details["held"])
            else:
                connection_holds.after_dismiss(db, session, flag, details["held"])
        return record.id


def _text_problem(value: str, field: str, missing: str) -> dict[str, str]:
    check = validation.Check("connection_flag")
    check.text(field, value, required=missing)
    return check.problems


@operation("connections.confirm")
def confirm(session, flag_id: int, safety_measures: str) -> int:
    """A manager confirms the two records are linked and records the safety measures
    agreed. From now on the two clients are kept apart. A flag dismissed earlier can be
    confirmed: the new decision names the one it replaces."""
    problems = _text_problem(safety_measures, "safety_measures",
                             "Record the safety measures agreed (for example separate "
                             "days, rooms and workers).")
    if problems:
        raise errors.ValidationError(problems)
    return _decide(session, flag_id, CONFIRMED, safety_measures, "")


@operation("connections.dismiss")
def dismiss(session, flag_id: int, reason: str) -> int:
    """A manager dismisses the flag (not the same person), saying why. Nothing is
    deleted; the flag can be confirmed later if that was wrong."""
    problems = _text_problem(reason, "reason", "Say why this is not the same person.")
    if problems:
        raise errors.ValidationError(problems)
    return _decide(session, flag_id, DISMISSED, "", reason)
