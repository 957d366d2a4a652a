"""An evaluation of the connection check on referrals the rules were not written from
(`make evaluate`; SCORING.md section 3 quotes it).

A seeded generator takes people from a large name source (Faker's person names for Great
Britain, Ireland, India, New Zealand and the United States, several thousand forenames and
surnames, with the commonest UK surnames at their real frequency), gives them dates of
birth, mobiles and Derbyshire postcodes, and writes corrupted duplicates of some of them
with the kinds of error real referrals carry: typing and OCR-like slips, phonetic
respellings, a missing forename, surname, date of birth, phone or postcode, forename and
surname swapped, a value replaced (a new phone, a move), nicknames, a surname changed on
marriage, date-of-birth slips or only an age, and extra words ("Kev from the pub").

Each referral (every duplicate, and as many new people) is checked as the service checks
it: blocking keys (an in-memory index built the same way as connection_keys), the score,
at most MAX_FLAGS_PER_CHECK flags. Recall is the share of duplicates whose original is
flagged; false alerts are flags raised on anyone else, per referral.

The points were tuned looking only at seed 1 (``--seed 1``); the figures reported are for
seed 2, never used for tuning. Nicknames in the duplicates come half from the same
``nicknames`` dataset the check reads (so that kind of error is easier than in life) and
half from cutting a name short or adding -ie/-y, which no rule was written from.

Run: ``python -m benchmarks.evaluate_matching [--seed 2] [--people 5000 100000]``.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sv2desk.matching import blocking, score

REPORT_SEED = 2
TUNING_SEED = 1
DUPLICATES = 5_000
EVALUATED_ON = date(2026, 6, 1)
MAX_FLAGS = 10              # as services/connections.MAX_FLAGS_PER_CHECK

KEYBOARD = {  # neighbouring keys on a UK keyboard
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij",
    "i": "uok", "o": "ipl", "p": "ol", "a": "qsz", "s": "awdz", "d": "sefx", "f": "drgc",
    "g": "fthv", "h": "gyjb", "j": "hukn", "k": "jilm", "l": "kop", "z": "asx",
    "x": "zsdc", "c": "xdfv", "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk"}
OCR = [("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("li", "h"), ("h", "li"),
       ("vv", "w"), ("w", "vv"), ("e", "c"), ("c", "e"), ("n", "h"), ("u", "ii"), ("o", "a"),
       ("l", "i"), ("i", "l")]
SOUNDS = [("ph", "f"), ("f", "ph"), ("ck", "k"), ("k", "ck"), ("c", "k"), ("y", "i"),
          ("i", "y"), ("ee", "ea"), ("ea", "ee"), ("ie", "y"), ("y", "ie"), ("ou", "ow"),
          ("ai", "ay"), ("ay", "ai"), ("s", "z"), ("z", "s"), ("th", "t"), ("an", "en"),
          ("er", "a"), ("a", "er"), ("ll", "l"), ("l", "ll"), ("nn", "n"), ("tt", "t"),
          ("t", "tt"), ("ss", "s"), ("s", "ss"), ("ey", "y"), ("oe", "o"), ("w", "wh")]
EXTRA = ["{f} from the pub", "{f} {s} (ex-partner)", "Mr {f} {s}", "{f} {s}, her stepdad",
         "{f} {s} - lives nearby", "Uncle {f}", "{f} {s} aka {f2}", "{s}, {f}",
         "{f} {s} possibly", "{f} who works at the garage", "Dr {f} {s}", "{f} {s} Jnr"]
DISTRICTS = ["DE1", "DE3", "DE4", "DE5", "DE6", "DE7", "DE11", "DE12", "DE13", "DE14",
             "DE15", "DE21", "DE22", "DE23", "DE24", "DE45", "DE55", "DE56", "DE65", "DE72",
             "DE73", "DE74", "DE75", "S18", "S40", "S41", "S42", "S43", "S44", "S45", "SK13",
             "SK17", "SK22", "SK23", "NG9", "NG10", "NG16"]
KINDS = ["typing slip", "OCR slip", "phonetic respelling", "missing forename",
         "missing surname", "missing date of birth", "missing phone and postcode",
         "forename and surname swapped", "phone replaced", "moved (postcode replaced)",
         "nickname", "surname changed on marriage", "date of birth slip",
         "only an age", "extra words", "slips in both names"]


@dataclass
class Record:
    forename: str
    surname: str
    female: bool
    dob: date | None
    phone: str
    postcode: str
    name_text: str = ""
    age: int | None = None
    kinds: tuple[str, ...] = ()

    def person(self) -> score.Person:
        name = self.name_text or f"{self.forename} {self.surname}".strip()
        return score.person(name, date_of_birth=self.dob, age=self.age, age_on=EVALUATED_ON,
                            phone=self.phone, postcode=self.postcode)


class NameSource:
    """Forenames (with sex) and surnames from Faker's person providers."""

    def __init__(self):
        from faker.providers.person import en_GB, en_IE, en_IN, en_NZ, en_US

        from .connections import TOP_SURNAMES
        female, male, surnames = set(), set(), set()
        for module in (en_GB, en_IE, en_IN, en_NZ, en_US):
            p = module.Provider
            female |= set(getattr(p, "first_names_female", ()))
            male |= set(getattr(p, "first_names_male", ()))
            surnames |= set(p.last_names)
        ok = set(string.ascii_letters + "-' ")
        self.female = sorted(n for n in female if set(n) <= ok)
        self.male = sorted(n for n in male - female if set(n) <= ok)
        self.surnames = sorted(n for n in surnames if set(n) <= ok)
        self.top = [s for s, _ in TOP_SURNAMES]
        self.top_weights = [w for _, w in TOP_SURNAMES]

    def size(self) -> str:
        return (f"{len(self.female)} female and {len(self.male)} male forenames, "
                f"{len(self.surnames)} surnames")


class Generator:
    def __init__(self, seed: int, names: NameSource):
        self.rng = random.Random(seed)
        self.names = names
        from nicknames import NickNamer
        self.nicks = NickNamer().nickname_lookup

    def surname(self) -> str:
        r = self.rng
        if r.random() < 0.25:
            return r.choices(self.names.top, self.names.top_weights)[0]
        return r.choice(self.names.surnames)

    def original(self) -> Record:
        r = self.rng
        female = r.random() < 0.5
        forename = r.choice(self.names.female if female else self.names.male)
        dob = date(1940, 1, 1) + timedelta(days=r.randrange(66 * 365))
        phone = f"07{r.randrange(100, 999)} {r.randrange(100000, 999999)}" \
            if r.random() < 0.7 else ""
        postcode = (f"{r.choice(DISTRICTS)} {r.randrange(1, 10)}"
                    f"{r.choice('ABDEFGHJLNPQRSTUWXYZ')}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                    if r.random() < 0.8 else "")
        return Record(forename, self.surname(), female, dob, phone, postcode)

    # -- corruptions ---------------------------------------------------------------------

    def _typo(self, word: str) -> str:
        r = self.rng
        if len(word) < 3:
            return word
        i = r.randrange(1, len(word))
        how = r.randrange(4)
        low = word.lower()
        if how == 0 and low[i] in KEYBOARD:
            ch = r.choice(KEYBOARD[low[i]])
            return word[:i] + ch + word[i + 1:]
        if how == 1:
            return word[:i] + word[i + 1:]
        if how == 2:
            return word[:i] + word[i - 1] + word[i:]
        if i < len(word) - 1:
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        return word[:-1]

    def _swap_pattern(self, word: str, table) -> str:
        low = word.lower()
        options = [(a, b) for a, b in table if a in low[1:]]
        if not options:
            return self._typo(word)
        a, b = self.rng.choice(options)
        i = low.index(a, 1)
        out = low[:i] + b + low[i + len(a):]
        return out[:1].upper() + out[1:]

    def _nickname(self, forename: str) -> str:
        r = self.rng
        known = sorted(self.nicks.get(forename.lower(), ()))
        if known and r.random() < 0.5:
            return r.choice(known).title()
        stem = forename[:r.choice((3, 4))]
        return stem + r.choice(("", "", "ie", "y")) if len(forename) > 4 else forename

    def duplicate(self, of: Record) -> Record:
        r = self.rng
        d = Record(of.forename, of.surname, of.female, of.dob, of.phone, of.postcode)
        kinds = r.sample(KINDS, r.choice((1, 1, 2, 2, 3)))
        for kind in kinds:
            if kind == "typing slip":
                if r.random() < 0.5:
                    d.forename = self._typo(d.forename)
                else:
                    d.surname = self._typo(d.surname)
            elif kind == "slips in both names":
                d.forename, d.surname = self._typo(d.forename), self._typo(d.surname)
            elif kind == "OCR slip":
                if r.random() < 0.5:
                    d.forename = self._swap_pattern(d.forename, OCR)
                else:
                    d.surname = self._swap_pattern(d.surname, OCR)
            elif kind == "phonetic respelling":
                if r.random() < 0.5:
                    d.forename = self._swap_pattern(d.forename, SOUNDS)
                else:
                    d.surname = self._swap_pattern(d.surname, SOUNDS)
            elif kind == "missing forename":
                d.forename = ""
            elif kind == "missing surname":
                d.surname = ""
            elif kind == "missing date of birth":
                d.dob = None
            elif kind == "missing phone and postcode":
                d.phone = d.postcode = ""
            elif kind == "forename and surname swapped":
                d.forename, d.surname = d.surname, d.forename
            elif kind == "phone replaced":
                d.phone = f"07{r.randrange(100, 999)} {r.randrange(100000, 999999)}"
            elif kind == "moved (postcode replaced)":
                d.postcode = (f"{r.choice(DISTRICTS)} {r.randrange(1, 10)}"
                              f"{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                              f"{r.choice('ABDEFGHJLNPQRSTUWXYZ')}")
            elif kind == "nickname":
                d.forename = self._nickname(d.forename)
            elif kind == "surname changed on marriage":
                d.surname = self.surname()
            elif kind == "date of birth slip" and d.dob:
                x = d.dob
                choice = r.randrange(3)
                try:
                    if choice == 0:
                        d.dob = date(x.year, x.day, x.month)
                    elif choice == 1:
                        d.dob = date(x.year + r.choice((-1, 1)), x.month, x.day)
                    else:
                        d.dob = date(x.year, x.month, min(28, (x.day % 10) * 10 +
                                                          r.randrange(1, 9)) or 1)
                except ValueError:
                    d.dob = date(x.year, x.month, max(1, x.day - 1))
            elif kind == "only an age" and d.dob:
                d.age = (EVALUATED_ON - d.dob).days // 365 + r.choice((-1, 0, 0, 1))
                d.dob = None
            elif kind == "extra words":
                template = r.choice(EXTRA)
                d.name_text = template.format(f=d.forename, s=d.surname,
                                              f2=self._nickname(d.forename))
        if not (d.forename or d.surname):
            d.surname = of.surname
        d.kinds = tuple(kinds)
        return d


@dataclass
class Result:
    people: int
    referrals: int
    duplicates: int
    found: int
    false_alerts: int
    seconds: float
    missed_by_kind: Counter = field(default_factory=Counter)
    by_kind: Counter = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.found / self.duplicates

    @property
    def false_per_referral(self) -> float:
        return self.false_alerts / self.referrals


def evaluate(seed: int, people: int, duplicates: int = DUPLICATES,
             names: NameSource | None = None) -> Result:
    """Make ``people`` originals, ``duplicates`` corrupted copies of some of them and as
    many referrals of new people, and check each referral against the originals."""
    names = names or NameSource()
    gen = Generator(seed, names)
    originals = [gen.original() for _ in range(people)]
    persons = [o.person() for o in originals]
    index: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(persons):
        for k in blocking.key_hashes(p):
            index[k].append(i)
    sources = [gen.rng.randrange(people) for _ in range(duplicates)]
    referrals = [(gen.duplicate(originals[i]), i) for i in sources]
    referrals += [(gen.original(), None) for _ in range(duplicates)]
    started = time.perf_counter()
    result = Result(people, len(referrals), duplicates, 0, 0, 0.0)
    for record, source in referrals:
        me = record.person()
        candidates = blocking.candidates(blocking.key_kinds(me), index)
        scored = []
        for c in candidates:
            m = score.compare(me, persons[c])
            if m.flagged:
                scored.append((-m.score, c))
        flagged = {c for _, c in sorted(scored)[:MAX_FLAGS]}
        if source is not None:
            for kind in record.kinds:
                result.by_kind[kind] += 1
            if source in flagged:
                result.found += 1
            else:
                for kind in record.kinds:
                    result.missed_by_kind[kind] += 1
        result.false_alerts += len(flagged - {source})
    result.seconds = time.perf_counter() - started
    return result


def print_result(r: Result, seed: int) -> None:
    print(f"seed {seed}, {r.people:,} people, {r.referrals:,} referrals "
          f"({r.duplicates:,} duplicates, {r.referrals - r.duplicates:,} new people): "
          f"recall {r.recall:.3f}, false alerts per referral {r.false_per_referral:.3f} "
          f"({r.seconds:.1f} s to check)")
    for kind in KINDS:
        n = r.by_kind[kind]
        if n:
            print(f"    {kind:<32} {n:>5} duplicates, recall "
                  f"{1 - r.missed_by_kind[kind] / n:.3f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=REPORT_SEED)
    parser.add_argument("--people", type=int, nargs="+", default=[5_000, 100_000])
    parser.add_argument("--duplicates", type=int, default=DUPLICATES)
    args = parser.parse_args(argv)
    names = NameSource()
    print(f"Name source: {names.size()} (Faker, MIT licence); threshold {score.THRESHOLD}")
    for people in args.people:
        print_result(evaluate(args.seed, people, args.duplicates, names), args.seed)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
