"""The connection check against 10,000, 50,000 and 100,000 clients (with a fifth as many
persons of concern), so its growth with the data shows: at 100,000 clients and 20,000
persons of concern, under 50 ms median and 150 ms at the slowest (issue 18).

The workspace is built once and kept in .bench-cache/ (made-up people, written straight
into the database: going through the services one referral at a time would take far
longer than the check it is there to measure). Each run copies it to a temporary folder,
signs in, and saves referrals through the real service, timing the connection check
inside it (services.connections.after_new_cases: index the new client and the people
they named, find candidates by blocking key, score them, raise flags) and the whole
referral.

Names follow the shape of UK names: a fifth of surnames from the most common hundred
(Smith about 1 in 80) and the rest from a long tail, so the blocks a common name falls
into are as large as they would be in life.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SIZES = ((10_000, 2_000), (50_000, 10_000), (100_000, 20_000))  # (clients, persons)
CLIENTS, PERSONS_OF_CONCERN = SIZES[-1]
REFERRALS = 40
BUDGET_MS = 50
SLOWEST_BUDGET_MS = 150
PASSWORD = "benchmark password 1"
CACHE = Path(__file__).resolve().parent.parent / ".bench-cache" / "connections"
BUILD_VERSION = "2"

TOP_SURNAMES = [  # (surname, people per 10,000), roughly as in England and Wales
    ("Smith", 126), ("Jones", 76), ("Williams", 64), ("Taylor", 60), ("Brown", 56),
    ("Davies", 50), ("Evans", 38), ("Wilson", 35), ("Thomas", 34), ("Johnson", 33),
    ("Roberts", 32), ("Robinson", 28), ("Thompson", 28), ("Wright", 28), ("Walker", 27),
    ("White", 26), ("Edwards", 25), ("Hughes", 25), ("Green", 24), ("Hall", 24),
    ("Lewis", 23), ("Harris", 23), ("Clarke", 22), ("Patel", 22), ("Jackson", 22),
    ("Wood", 21), ("Turner", 20), ("Martin", 20), ("Cooper", 20), ("Hill", 19),
    ("Ward", 19), ("Morris", 19), ("Moore", 18), ("Clark", 18), ("Lee", 18), ("King", 18),
    ("Baker", 17), ("Harrison", 17), ("Morgan", 17), ("Allen", 16), ("James", 16),
    ("Scott", 16), ("Phillips", 15), ("Watson", 15), ("Davis", 15), ("Parker", 15),
    ("Price", 15), ("Bennett", 14), ("Young", 14), ("Griffiths", 14), ("Mitchell", 14),
    ("Kelly", 14), ("Cook", 14), ("Carter", 14), ("Richardson", 13), ("Bailey", 13),
    ("Collins", 13), ("Bell", 13), ("Shaw", 13), ("Murphy", 13), ("Miller", 13),
    ("Cox", 13), ("Richards", 12), ("Khan", 12), ("Marshall", 12), ("Anderson", 12),
    ("Simpson", 12), ("Ellis", 12), ("Adams", 12), ("Singh", 12), ("Begum", 12),
    ("Wilkinson", 11), ("Foster", 11), ("Chapman", 11), ("Powell", 11), ("Webb", 11),
    ("Rogers", 11), ("Gray", 11), ("Mason", 11), ("Ali", 11), ("Hunt", 11),
    ("Hussain", 11), ("Campbell", 10), ("Matthews", 10), ("Owen", 10), ("Palmer", 10),
    ("Holmes", 10), ("Mills", 10), ("Barnes", 10), ("Knight", 10), ("Lloyd", 10),
    ("Butler", 10), ("Russell", 10), ("Barker", 10), ("Fisher", 10), ("Stevens", 10),
    ("Jenkins", 10), ("Murray", 10), ("Dixon", 10)]
TOP_FORENAMES = ["John", "David", "Michael", "Paul", "Andrew", "James", "Peter", "Mark",
                 "Richard", "Robert", "Stephen", "Christopher", "Daniel", "Thomas", "Matthew",
                 "Gary", "Lee", "Craig", "Jason", "Liam", "Ryan", "Jack", "Sarah", "Emma",
                 "Claire", "Nicola", "Rachel", "Lisa", "Michelle", "Helen", "Karen", "Julie",
                 "Joanne", "Amanda", "Louise", "Kelly", "Laura", "Gemma", "Hannah", "Sophie",
                 "Chloe", "Jessica", "Amy", "Charlotte", "Rebecca", "Victoria", "Susan",
                 "Margaret", "Elizabeth", "Catherine", "Mohammed", "Imran", "Aisha", "Fatima",
                 "Priya", "Tomasz", "Agnieszka", "William", "Bill", "Jim", "Dave", "Kate"]
SYLLABLES = ["ab", "bel", "cor", "dun", "el", "fen", "gar", "hol", "ith", "jor", "kel", "lan",
             "mor", "nes", "ol", "par", "quin", "ros", "sel", "tor", "ul", "ven", "wen", "yor",
             "zan", "bry", "cal", "dre", "fin", "gil", "har", "ing", "lor", "mac", "nor", "pen",
             "ran", "shaw", "tam", "wick", "ley", "by", "ton", "ford", "ham", "worth", "den"]
DISTRICTS = ["DE1", "DE3", "DE4", "DE5", "DE6", "DE7", "DE11", "DE12", "DE13", "DE14", "DE15",
             "DE21", "DE22", "DE23", "DE24", "DE45", "DE55", "DE56", "DE65", "DE72", "DE73",
             "DE74", "DE75", "S18", "S40", "S41", "S42", "S43", "S44", "S45", "SK13", "SK17",
             "SK22", "SK23", "NG9", "NG10", "NG16"]
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


class People:
    """Made-up people in the shape of UK names."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        tail = {"".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3)))
                .title() for _ in range(40_000)}
        self.surname_tail = sorted(tail)
        self.forename_tail = sorted({"".join(self.rng.choice(SYLLABLES) for _ in range(2))
                                     .title() for _ in range(3_000)})
        self.top = [s for s, _ in TOP_SURNAMES]
        self.top_weights = [w for _, w in TOP_SURNAMES]

    def surname(self) -> str:
        if self.rng.random() < 0.2:
            return self.rng.choices(self.top, self.top_weights)[0]
        return self.rng.choice(self.surname_tail)

    def forename(self) -> str:
        if self.rng.random() < 0.6:
            return self.rng.choice(TOP_FORENAMES)
        return self.rng.choice(self.forename_tail)

    def name(self) -> str:
        return f"{self.forename()} {self.surname()}"

    def dob(self) -> date:
        return date(1940, 1, 1) + timedelta(days=self.rng.randrange(65 * 365))

    def postcode(self) -> str:
        return (f"{self.rng.choice(DISTRICTS)} {self.rng.randrange(1, 10)}"
                f"{self.rng.choice(LETTERS)}{self.rng.choice(LETTERS)}")

    def phone(self) -> str:
        return f"07{self.rng.randrange(100, 999)} {self.rng.randrange(100000, 999999)}"


def _marker(clients: int = CLIENTS, persons: int = PERSONS_OF_CONCERN) -> dict:
    from sv2desk.services.connections import index as connection_index
    from sv2desk.store import migrate
    return {"version": BUILD_VERSION, "clients": clients, "persons": persons,
            "scheme": connection_index.scheme(), "schema": migrate.head_revision()}


def build(folder: Path, report, clients_wanted: int = CLIENTS,
          persons_wanted: int = PERSONS_OF_CONCERN) -> None:
    """A workspace with CLIENTS clients (each with a case) and PERSONS_OF_CONCERN persons of
    concern, written straight into the database, with their blocking keys."""
    from sqlalchemy import insert

    from sv2desk.models import Case, Client, ConnectionKey, PersonOfConcern, Setting
    from sv2desk.services import auth
    from sv2desk.services.connections.index import (CLIENT, POC, SCHEME_SETTING, client_person,
                                                    key_rows, poc_person, scheme)
    from .workspaces import new_bench_workspace

    started = time.perf_counter()
    session = new_bench_workspace(folder, PASSWORD)
    people = People(20240601)
    now = "2024-06-01T09:00:00+00:00"
    clients, cases, pocs, keys = [], [], [], []
    for i in range(1, clients_wanted + 1):
        rng = people.rng
        known_dob = rng.random() < 0.8
        client = dict(id=i, name=people.name(), preferred_name="",
                      date_of_birth=people.dob() if known_dob else None,
                      approximate_age=None if known_dob else rng.randrange(16, 80),
                      gender="", pronouns="", address="", postcode=people.postcode(),
                      phone=people.phone() if rng.random() < 0.7 else "", email="",
                      safe_post_address="", safe_times="", created_at=now, version=1)
        clients.append(client)
        cases.append(dict(id=i, reference=f"SV2-2024-{i:06d}", client_id=i,
                          status=rng.choice(["referred", "awaiting_support", "in_support",
                                             "closed", "closed"]),
                          closed_note="", referral_date=date(2024, 1, 1), arrived_by="phone",
                          referrer_organisation="", referrer_name="", referrer_role="",
                          referrer_phone="", referrer_email="", harm_categories="rape",
                          harm_other="", harm_timing="recent", support_requested="counselling",
                          support_other="", interaction_answer="no", interaction_details="",
                          area_advice="in_area", eligibility_decision="accept",
                          eligibility_note="", safeguarding_note="", created_by=session.account_id,
                          created_at=now, updated_at=now, version=1))
        keys += key_rows(CLIENT, i, client_person(
            client["name"], "", client["date_of_birth"], client["approximate_age"],
            client["phone"], client["postcode"], now))
    for i in range(1, persons_wanted + 1):
        rng = people.rng
        notes = rng.choice(["", f"about {rng.randrange(20, 70)}", f"lives {people.postcode()}",
                            f"DOB {people.dob():%d/%m/%Y}", f"mob {people.phone()}"])
        poc = dict(id=i, case_id=rng.randrange(1, clients_wanted + 1), name=people.name(),
                   relationship_to_client=rng.choice(["ex-partner", "stepfather", "uncle",
                                                      "neighbour", "friend of the family"]),
                   other_identifiers=notes, created_at=now)
        pocs.append(poc)
        keys += key_rows(POC, i, poc_person(
            poc["name"], notes, now))
    with session.workspace.transaction() as db:
        for table, rows in ((Client, clients), (Case, cases), (PersonOfConcern, pocs)):
            for start in range(0, len(rows), 10_000):
                db.execute(insert(table), rows[start:start + 10_000])
        for start in range(0, len(keys), 50_000):
            db.execute(insert(ConnectionKey), keys[start:start + 50_000])
        db.merge(Setting(key=SCHEME_SETTING, value=scheme()))
    auth.sign_out(session)
    (folder / "bench-marker.json").write_text(json.dumps(_marker(clients_wanted,
                                                                 persons_wanted)))
    report.note(f"built {clients_wanted:,} clients and {persons_wanted:,} persons of concern "
                f"({len(keys):,} blocking keys) in {time.perf_counter() - started:.1f} s; "
                "kept in .bench-cache/connections")


def _cached(report, clients: int = CLIENTS, persons: int = PERSONS_OF_CONCERN) -> Path:
    from . import cache
    folder = CACHE.with_name(f"connections-{clients}")

    def fresh() -> None:
        if folder.exists():
            shutil.rmtree(folder)
        build(folder, report, clients, persons)
    cache.kept(folder, folder / "bench-marker.json", _marker(clients, persons), fresh, report)
    report.note(f"the workspace kept in .bench-cache/{folder.name} ({clients:,} clients, "
                f"{persons:,} persons of concern)")
    return folder


def _referral_forms(n: int):
    from sv2desk.services.referrals import PersonNamed, ReferralForm

    people = People(99)
    forms = []
    for i in range(n):
        # The worst cases first (after the warm-up): the commonest names, as a client and as a person named.
        worst = i - 1 if 1 <= i <= 4 else None
        name = ["John Smith", "Sarah Jones", "Mohammed Khan", "J Smith"][worst] \
            if worst is not None else people.name()
        named = ["David Smith", "Michael Jones", "Dave Williams", "Paul Taylor"][worst] \
            if worst is not None else people.name()
        forms.append(ReferralForm(
            name=name, date_of_birth=people.dob(), postcode=people.postcode(),
            phone=people.phone(), harm_categories={"rape"}, harm_timing="recent",
            support_requested={"counselling"}, interaction_answer="yes",
            persons_named=[PersonNamed(named, "ex-partner",
                                       f"about {people.rng.randrange(25, 60)}")],
            eligibility_decision="accept", referral_date=date.today(), arrived_by="phone"))
    return forms


def run(report) -> None:
    report.section("Connection check: one referral (a client and one person named), by the "
                   "size of the workspace")
    for clients, persons in SIZES:
        _run_size(report, clients, persons)


def _run_size(report, clients: int, persons: int) -> None:
    from sv2desk.services import auth, referrals
    from sv2desk.services.connections import check as connection_check

    source = _cached(report, clients, persons)
    with tempfile.TemporaryDirectory(prefix="sv2desk-bench-") as tmp:
        folder = Path(tmp) / "workspace"
        shutil.copytree(source, folder)
        session = auth.sign_in(folder, "bench", PASSWORD)
        checks: list[float] = []
        flags: list[int] = []
        real = connection_check.after_new_cases

        def timed(db, session_, case_ids):
            start = time.perf_counter()
            raised = real(db, session_, case_ids)
            checks.append(time.perf_counter() - start)
            flags.append(len(raised))
            return raised

        totals: list[float] = []
        warm_up, *forms = _referral_forms(REFERRALS + 1)
        referrals.create_referral(session, warm_up)    # the first after sign-in: not timed
        connection_check.after_new_cases = timed
        try:
            for form in forms:
                start = time.perf_counter()
                referrals.create_referral(session, form)
                totals.append(time.perf_counter() - start)
        finally:
            connection_check.after_new_cases = real
            auth.sign_out(session)
    ms = sorted(t * 1000 for t in checks)
    at = f"at {clients:,} clients, {persons:,} persons"
    largest = (clients, persons) == SIZES[-1]
    report.figure(f"check {at}: median of {REFERRALS}", statistics.median(ms), "ms",
                  budget=BUDGET_MS if largest else None,
                  budget_text=f"< {BUDGET_MS} ms" if largest else "", precision=1)
    report.figure(f"check {at}: slowest", ms[-1], "ms",
                  budget=SLOWEST_BUDGET_MS if largest else None,
                  budget_text=f"< {SLOWEST_BUDGET_MS} ms" if largest else "", precision=1)
    report.figure(f"check {at}: 'John Smith' naming 'David Smith'", checks[0] * 1000, "ms",
                  precision=1)
    report.figure(f"whole referral saved {at}, median", statistics.median(totals) * 1000,
                  "ms", precision=1)
    report.note(f"flags raised {at}: {sum(flags)} in {REFERRALS} referrals (made-up people; "
                "a flag here is a chance likeness, as in life)")
