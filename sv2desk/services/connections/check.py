"""The connection check itself: each record saved compared with those sharing a blocking key,
and a flag raised for each likely match.

When a referral is saved, a person of concern is named, or a client is identified as a
potential perpetrator, that person is compared with every client and every person of
concern on other cases that shares a blocking key with them (index.py; SCORING.md explains
the points). A likely match raises a confidential flag that only managers see (flags.py):
the worker who entered the referral is told nothing, and nothing about it reaches a case
timeline. A likely match with someone another client named as their abuser, or with
someone the service decided it cannot support, holds the client's open case (holds.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select

from ...matching import blocking, score as matching
from ...models import Case, Client, Concern, ConnectionFlag, ConnectionKey, PersonOfConcern
from ...policy import lifecycle
from .. import audit
from .holds import hold_clients
from .index import (CLIENT, CLIENT_COLUMNS, POC, chunks, client_from_row, ensure_index,
                    index_one, key_rows, poc_person)

OPEN, CONFIRMED, DISMISSED = "open", "confirmed", "dismissed"     # a flag's status
TRIGGERS = {"referral": "A referral was saved",
            "person_of_concern": "A person of concern was named",
            "concern": "A client was identified as a potential perpetrator",
            "client_changed": "A client's details were changed"}
# What a flag is, by the rule that raised it (stored with its evidence).
HOLD, RELATIVE, LINK = "hold", "relative", "link"
THRESHOLD = matching.THRESHOLD   # the score at which a flag is raised (for the screen)
# At most this many flags from one check (the strongest first): a name like "J Smith"
# alone should not bury the manager queue.
MAX_FLAGS_PER_CHECK = 10


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
    for ids in chunks(client_ids):
        rows += db.execute(select(*CLIENT_COLUMNS).where(Client.id.in_(ids))).all()
        for case_id, client_id in db.execute(select(Case.id, Case.client_id)
                                             .where(Case.client_id.in_(ids))):
            cases.setdefault(client_id, set()).add(case_id)
    for r in rows:
        if cases.get(r.id):
            found[CLIENT, r.id] = _Record(CLIENT, r.id, frozenset(cases[r.id]), r.id,
                                          client_from_row(r))
    for ids in chunks(sorted(rid for kind, rid in wanted if kind == POC)):
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
    for ids in chunks(sorted(client_ids)):
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
    for ids in chunks(sorted(client_ids)):
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
    kinds = {(r.kind, r.id): blocking.key_kinds(r.person) for r in mine}
    hashes = {subject: set(found) for subject, found in kinds.items()}
    by_key: dict[int, set[tuple[str, int]]] = {}
    for ids in chunks(sorted(set().union(*hashes.values()) if hashes else ())):
        for key, kind, rid in db.execute(select(ConnectionKey.key, ConnectionKey.kind,
                                                ConnectionKey.record_id)
                                         .where(ConnectionKey.key.in_(ids))):
            by_key.setdefault(key, set()).add((kind, rid))
    candidates = {s: blocking.candidates(kinds[s], by_key) - {s} for s in hashes}
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
                           rule, held, sorted(blocking.identifier_hashes(me.person) |
                                              blocking.identifier_hashes(other.person))))
    existing: dict[str, ConnectionFlag] = {}
    for pairs in chunks(sorted({w[3] for w in wanted})):
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
    hold_clients(db, session, holds)
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
    for ids in chunks(case_ids):
        clients += db.execute(select(*CLIENT_COLUMNS).join(Case, Case.client_id == Client.id)
                              .where(Case.id.in_(ids))).all()
        pocs += db.execute(select(PersonOfConcern.id, PersonOfConcern.name,
                                  PersonOfConcern.other_identifiers, PersonOfConcern.created_at)
                           .where(PersonOfConcern.case_id.in_(ids))).all()
    rows: list[dict] = []
    for row in clients:
        rows += key_rows(CLIENT, row.id, client_from_row(row))
    for poc_id, name, notes, created in pocs:
        rows += key_rows(POC, poc_id, poc_person(name, notes, created))
    for kind, ids in ((CLIENT, [r.id for r in clients]), (POC, [p[0] for p in pocs])):
        for chunk in chunks(ids):
            db.execute(delete(ConnectionKey).where(ConnectionKey.kind == kind,
                                                   ConnectionKey.record_id.in_(chunk)))
    for start in range(0, len(rows), 20_000):
        db.execute(insert(ConnectionKey), rows[start:start + 20_000])
    return check_many(db, session, [(CLIENT, r.id) for r in clients] +
                      [(POC, p[0]) for p in pocs], "referral")


def after_new_person(db, session, poc: PersonOfConcern) -> list[int]:
    """For referrals.add_person_of_concern: index and check the person just named."""
    ensure_index(db)
    index_one(db, POC, poc.id, poc_person(poc.name, poc.other_identifiers, poc.created_at))
    return check(db, session, POC, poc.id, "person_of_concern")


def after_client_changed(db, session, client_id: int) -> list[int]:
    """For edits to a client's record (name, date of birth, phone, postcode): index the
    client again and check them, inside the caller's transaction. A likely match holds
    their open case, as for a new referral; a flag dismissed for the same pair comes back
    only when the edit brings a date of birth, phone number or postcode not known then.
    Returns the ids of the flags raised or reopened."""
    ensure_index(db)
    row = db.execute(select(*CLIENT_COLUMNS).where(Client.id == client_id)).one_or_none()
    if row is None:
        return []
    index_one(db, CLIENT, client_id, client_from_row(row))
    return check(db, session, CLIENT, client_id, "client_changed")


def after_concern(db, session, case: Case) -> list[int]:
    """For concerns.insert_concern: check the client now identified as a potential
    perpetrator (other clients who may be the same person now count too)."""
    return check(db, session, CLIENT, case.client_id, "concern")

