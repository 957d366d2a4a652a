"""The connection check against 10,000, 50,000 and 100,000 clients (and the persons of
concern they named, about one for every five clients), so its growth with the data shows:
at 100,000 clients under 50 ms median and 150 ms at the slowest (issue 18).

The workspaces are the casework benchmark's (benchmarks/casework.py: the 100,000 made once
by sv2desk.demo.bulk, the 10,000 and 50,000 kept on the way; their blocking keys written
by the services' own functions). Each run copies one to a temporary folder, signs in, and
saves referrals through the real service, timing the connection check inside it
(services.connections.after_new_cases: index the new client and the people they named,
find candidates by blocking key, score them, raise flags) and the whole referral.

The demo's names follow the shape of UK names (a fifth of surnames from the most common
hundred, the rest from a long tail), so the blocks a common name falls into are as large
as they would be in life; the referrals saved here are made-up people of the same shape,
the first few the commonest names of all.
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SIZES = (10_000, 50_000, 100_000)     # clients
REFERRALS = 40
BUDGET_MS = 50
SLOWEST_BUDGET_MS = 150
PASSWORD = "benchmark password 1"

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
    for clients in SIZES:
        _run_size(report, clients)


def _run_size(report, clients: int) -> None:
    from sqlalchemy import func, select
    from sv2desk.models import PersonOfConcern
    from sv2desk.services import auth, referrals
    from sv2desk.services.connections import check as connection_check
    from . import casework

    source, _ = casework.cached_workspace(clients, report)
    with tempfile.TemporaryDirectory(prefix="sv2desk-bench-") as tmp:
        folder = Path(tmp) / "workspace"
        shutil.copytree(source, folder)
        session = auth.sign_in(folder, "bench", PASSWORD)
        with session.workspace.transaction() as db:
            persons = db.scalar(select(func.count()).select_from(PersonOfConcern))
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
    largest = clients == SIZES[-1]
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
