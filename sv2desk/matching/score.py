"""Scoring two people for the connection check (which people are scored at all: blocking.py).

How the points are chosen, with worked examples, is in SCORING.md beside this file
(the examples there are checked by tests/policy/test_matching.py). Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import JaroWinkler, Levenshtein

from . import normalise, variants
from .normalise import BirthYears, NameForm, Postcode

# A pair scoring this or more raises a flag for a manager.
THRESHOLD = 45

POINTS = {
    # surnames
    "surname_same": 35,
    "surname_part": 28,
    "surname_alike": 25,
    "surname_weak": 10,
    "surname_differ": -10,
    # forenames
    "forename_same": 30,
    "forename_variant": 26,
    "forename_short": 22,
    "forename_alike": 25,
    "forename_initial": 15,
    "forename_weak": 10,
    "forename_gendered": -15,
    "forename_differ": -40,
    "forename_outweighed": 0,   # forenames differ, but two of surname, dob, mobile agree
    "middle_name": -6,          # the match is on a middle name, not the first name
    "other_order": -3,          # the names match only in the other order
    "single_same": 20,          # one name given: it is one of the other's names
    "single_alike": 8,
    "single_differ": -10,
    "single_confirmed": 10,     # one name, and a date of birth or mobile agrees too
    # date of birth, age
    "dob_same": 30,
    "dob_slip": 15,
    "dob_differ": -25,
    "dob_years_apart": -50,
    "ages_fit": 10,
    "ages_differ": -10,
    "ages_far_apart": -40,
    # phone and postcode
    "phone_same": 30,
    "landline_same": 15,
    "phone_differ": -5,
    "postcode_same": 15,
    "postcode_sector": 6,
    "postcode_district": 3,
    "postcode_differ": -5,
}

REASONS = {
    "surname_same": "Same surname",
    "surname_part": ("Surnames share a part (double-barrelled, hyphenated, or written with "
                     "or without a prefix such as Al or Van)"),
    "surname_alike": "Surnames are spelt differently but look or sound alike",
    "surname_weak": "Surnames are somewhat alike",
    "surname_differ": "Against: surnames differ (a surname can change, e.g. on marriage)",
    "forename_same": "Same forename",
    "forename_variant": "Forenames are forms of one name (a nickname or variant)",
    "forename_short": "One forename is a short form of the other",
    "forename_alike": "Forenames are spelt differently but look or sound alike",
    "forename_initial": "An initial fits the other forename",
    "forename_weak": "Forenames are somewhat alike",
    "forename_gendered": "Against: forenames are the male and female forms of a name",
    "forename_differ": "Against: forenames differ",
    "forename_outweighed": ("Forenames differ, but two of surname, date of birth and mobile "
                            "number are the same (a forename can be a nickname, a middle "
                            "name or wrong)"),
    "middle_name": "The forename matches a middle name",
    "other_order": "The names match only when written in the other order",
    "single_same": "Only one name is known, and it is one of the other person's names",
    "single_alike": "Only one name is known, and it is like one of the other person's names",
    "single_differ": "Against: only one name is known, and it matches none of the other's",
    "single_confirmed": ("Only one name is known, but the date of birth or mobile number "
                         "agrees as well"),
    "dob_same": "Same date of birth",
    "dob_slip": "Dates of birth differ by what could be a typing slip",
    "dob_differ": "Against: dates of birth differ",
    "dob_years_apart": "Against: dates of birth are years apart",
    "ages_fit": "Ages fit",
    "ages_differ": "Against: ages differ",
    "ages_far_apart": "Against: ages are far apart",
    "phone_same": "Same mobile phone number",
    "landline_same": "Same landline number (a household may share one)",
    "phone_differ": "Against: phone numbers differ",
    "postcode_same": "Same postcode",
    "postcode_sector": "Postcodes in the same neighbourhood (postcode sector)",
    "postcode_district": "Postcodes in the same district",
    "postcode_differ": "Against: postcodes in different districts",
}


@dataclass(frozen=True)
class Person:
    """One person as the connection check sees them: every form of their name, and what
    is known of their birth, phone and postcode."""

    forms: tuple[NameForm, ...]
    birth: BirthYears | None = None
    phone: str | None = None
    postcode: Postcode | None = None


def person(*names: str, date_of_birth: date | None = None, age: int | None = None,
           age_on: date | None = None, phone: str = "", postcode: str = "",
           notes: str = "", notes_on: date | None = None) -> Person:
    """A Person from what was typed. ``age`` is an approximate age given on ``age_on``;
    ``notes`` is free text (a person of concern's other identifiers, written on
    ``notes_on``) searched for a date of birth or age, phone number and postcode."""
    forms: list[NameForm] = []
    for name in names:
        for form in normalise.name_forms(name or ""):
            if form not in forms:
                forms.append(form)
    forms = _with_preferred(forms)
    found = normalise.identifiers(notes, notes_on or date.today()) if notes else None
    birth = None
    if date_of_birth is not None:
        birth = BirthYears(date_of_birth.year, date_of_birth.year, date_of_birth)
    elif age is not None:
        birth = normalise.birth_years_from_age(age, age_on or date.today(), slack=2)
    elif found is not None:
        birth = found.birth
    return Person(tuple(forms), birth,
                  normalise.phone(phone) or (found.phone if found else None),
                  normalise.postcode(postcode) or (found.postcode if found else None))


def _with_preferred(forms: list[NameForm]) -> list[NameForm]:
    """A one-word preferred name ("Jo") takes the surname of the full name."""
    full = next((f for f in forms if f.surnames), None)
    if full is None:
        return forms
    out = []
    for form in forms:
        if form.single:
            form = NameForm(form.forenames, full.surnames, full.surname, bare=full.bare)
        if form not in out:
            out.append(form)
    return out


@dataclass(frozen=True)
class Match:
    score: int
    reasons: tuple[tuple[int, str], ...]    # (points, plain-English reason)

    @property
    def flagged(self) -> bool:
        return self.score >= THRESHOLD

    @property
    def evidence(self) -> list[str]:
        return [text for _, text in self.reasons]


# -- comparing words -------------------------------------------------------------------

@lru_cache(maxsize=65536)
def sound_codes(word: str) -> tuple[str, str]:
    """Metaphone (with any first vowel written A: Eyre and Ayre sound alike) and NYSIIS."""
    sound = jellyfish.metaphone(word)
    if sound[:1] in ("E", "I", "O", "U"):
        sound = "A" + sound[1:]
    return sound, jellyfish.nysiis(word)


# Endings that make a female form of a name (Paul / Paula, Daniel / Danielle).
_FEMININE = ("a", "e", "le", "elle", "ette", "na", "ina", "ine")


def _gendered(short: str, long_: str) -> bool:
    return long_.startswith(short) and long_[len(short):] in _FEMININE and len(short) >= 3


def _alike(a: str, b: str) -> bool:
    """Spelt a little differently, or sounding the same with a small spelling change."""
    if min(len(a), len(b)) < 3:
        return False
    distance = Levenshtein.distance(a, b, weights=(1, 1, 1))
    if distance <= 2 and (JaroWinkler.similarity(a, b) >= 0.9
                          or sound_codes(a)[0] == sound_codes(b)[0]
                          or sound_codes(a)[1] == sound_codes(b)[1]):
        return True
    # a swap of two neighbouring letters counts as one slip
    return jellyfish.damerau_levenshtein_distance(a, b) == 1


def _weak(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 3:
        return False
    ca, cb = sound_codes(a), sound_codes(b)
    return JaroWinkler.similarity(a, b) >= 0.85 or ca[0] == cb[0] or ca[1] == cb[1]


@lru_cache(maxsize=100_000)     # pure: the same two words always give the same code
def _forename_pair(a: str, b: str) -> str:
    if a == b:
        return "forename_same" if len(a) > 1 else "forename_initial"
    if len(a) == 1 or len(b) == 1:
        return "forename_initial" if a[0] == b[0] else "forename_differ"
    if variants.are_variants(a, b):
        return "forename_variant"
    short, long_ = sorted((a, b), key=len)
    if _gendered(short, long_):
        return "forename_gendered"
    if len(short) >= 3 and long_.startswith(short):
        return "forename_short"             # Chris / Christopher, Kev / Kevin
    if len(short) >= 4 and len(long_) - len(short) >= 3 and long_.endswith(short):
        return "forename_short"             # Belle / Annabelle
    if _alike(a, b):
        return "forename_alike"
    if _weak(a, b):
        return "forename_weak"
    return "forename_differ"


def _forenames(a: tuple[str, ...], b: tuple[str, ...]) -> list[str]:
    """Codes of the best forename match: the first forenames, or a middle name."""
    if not a or not b:
        return []
    best: list[str] | None = None
    best_points = -999
    for i, x in enumerate(a[:3]):
        for j, y in enumerate(b[:3]):
            codes = [_forename_pair(x, y)]
            if (i or j) and POINTS[codes[0]] > 0:
                codes.append("middle_name")
            points = sum(POINTS[c] for c in codes)
            if points > best_points:
                best, best_points = codes, points
    return best or []


def surname_candidates(form: NameForm) -> set[str]:
    found = {form.surname, *form.surnames}
    if form.bare:
        found.add(form.bare)
    return {s for s in found if s}


@lru_cache(maxsize=100_000)
def _surnames(a: NameForm, b: NameForm) -> str | None:
    if not a.surname or not b.surname:
        return None
    if a.surname == b.surname:
        return "surname_same"
    ca, cb = surname_candidates(a), surname_candidates(b)
    if ca & cb:
        return "surname_part"
    if any(_alike(x, y) for x in ca for y in cb if len(x) > 2 and len(y) > 2):
        return "surname_alike"
    if _weak(a.surname, b.surname):
        return "surname_weak"
    return "surname_differ"


def _single(word: str, other: NameForm) -> str:
    if any(word == w for w in other.words):
        return "single_same"
    if any(w[0] == word[0] and (variants.are_variants(word, w) or _alike(word, w))
           for w in other.words if len(w) > 1):
        return "single_alike"
    return "single_differ"


def _swapped(form: NameForm) -> NameForm | None:
    """The name read the other way round ("Smith John" as John Smith)."""
    if form.single or not form.forenames or len(form.surnames) != 1:
        return None
    return NameForm(form.surnames + form.forenames[1:], (form.forenames[0],),
                    form.forenames[0])


def _name_codes(a: NameForm, b: NameForm) -> list[str]:
    if a.single or b.single:
        if a.single and b.single:
            return [_single(a.forenames[0], b)]
        word, other = (a.forenames[0], b) if a.single else (b.forenames[0], a)
        return [_single(word, other)]
    codes = []
    surname = _surnames(a, b)
    if surname:
        codes.append(surname)
    codes += _forenames(a.forenames, b.forenames)
    return codes


def _best_name(a: Person, b: Person) -> list[str]:
    best: list[str] = []
    best_points = -999
    for fa in a.forms:
        for fb in b.forms:
            tries = [_name_codes(fa, fb)]
            swapped = _swapped(fb)
            if swapped is not None:
                tries.append(_name_codes(fa, swapped) + ["other_order"])
            for codes in tries:
                points = sum(POINTS[c] for c in codes)
                if points > best_points:
                    best, best_points = codes, points
    return best


# -- dates of birth, ages, phones, postcodes -------------------------------------------------

def _digit_slip(x: int, y: int) -> bool:
    """One digit different, or two neighbouring digits swapped (1985 / 1958 / 1986)."""
    sx, sy = str(x), str(y)
    if len(sx) != len(sy):
        sx, sy = sx.zfill(2), sy.zfill(2)
    return jellyfish.damerau_levenshtein_distance(sx, sy) == 1


def _birth(a: BirthYears | None, b: BirthYears | None) -> str | None:
    if a is None or b is None:
        return None
    if a.exact_date and b.exact_date:
        x, y = a.exact_date, b.exact_date
        if x == y:
            return "dob_same"
        if (x.day, x.month) == (y.month, y.day) and x.year == y.year:
            return "dob_slip"               # day and month the other way round
        if (x.day, x.month) == (y.day, y.month) and abs(x.year - y.year) == 1:
            return "dob_slip"               # a year out (worked out from an age)
        same = [x.day == y.day, x.month == y.month, x.year == y.year]
        if sum(same) == 2:
            which = same.index(False)
            values = [(x.day, y.day), (x.month, y.month), (x.year, y.year)][which]
            if _digit_slip(*values):
                return "dob_slip"
        return "dob_years_apart" if abs(x.year - y.year) >= 5 else "dob_differ"
    gap = max(0, a.low - b.high, b.low - a.high)
    if gap == 0:
        return "ages_fit"
    if gap <= 3:
        return None
    if gap <= 8:
        return "ages_differ"
    return "ages_far_apart"


def _phone(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return None
    if a[-10:] != b[-10:]:
        return "phone_differ"
    return "phone_same" if a.startswith("07") else "landline_same"


def _postcode(a: Postcode | None, b: Postcode | None) -> str | None:
    if a is None or b is None:
        return None
    if a.full == b.full:
        return "postcode_same"
    if a.sector == b.sector:
        return "postcode_sector"
    if a.outward == b.outward:
        return "postcode_district"
    return "postcode_differ"


_SAME_SURNAME = ("surname_same", "surname_part")
_FORENAMES_AGAINST = ("forename_differ", "forename_gendered")


def _all_codes(a: Person, b: Person) -> list[str]:
    codes = _best_name(a, b)
    for code in (_birth(a.birth, b.birth), _phone(a.phone, b.phone),
                 _postcode(a.postcode, b.postcode)):
        if code:
            codes.append(code)
    # What one person shares that a relative does not: the same surname and the same full
    # date of birth are that person, whatever the forename (a nickname, a middle name used
    # as the first, a forename missed out or written wrong).
    # So are a surname and the same mobile number, or the same date of birth and mobile.
    found = set(codes)
    surname = bool(found & set(_SAME_SURNAME))
    if (surname and found & {"dob_same", "phone_same"}) or {"dob_same", "phone_same"} <= found:
        codes = ["forename_outweighed" if c in _FORENAMES_AGAINST else c for c in codes]
    # One name (a surname or a forename alone) with the same date of birth or mobile.
    if "single_same" in codes and {"dob_same", "phone_same"} & set(codes):
        codes.append("single_confirmed")
    return codes


def _match(codes: list[str]) -> Match:
    reasons = sorted(((POINTS[c], REASONS[c]) for c in codes), key=lambda r: -r[0])
    return Match(sum(p for p, _ in reasons), tuple(reasons))


def compare(a: Person, b: Person) -> Match:
    """The score for two people and the reasons for it, strongest first."""
    return _match(_all_codes(a, b))


RELATIVE_REASON = ("Same surname and the same address or phone, but another forename: "
                   "possibly a relative of the person named")


def _relative(codes: list[str], result: Match) -> Match | None:
    found = set(codes)
    if result.flagged or not found & set(_SAME_SURNAME):
        return None
    if not found & {"postcode_same", "landline_same", "phone_same"}:
        return None
    return Match(result.score, result.reasons + ((0, RELATIVE_REASON),))


def relative(a: Person, b: Person) -> Match | None:
    """Two people who look like members of one household (the same surname, and the same
    postcode or phone number), when they are not a likely match (another forename, or a
    date of birth years apart): a survivor who may be related to a person another client
    named. None if not."""
    codes = _all_codes(a, b)
    return _relative(codes, _match(codes))


def compare_both(a: Person, b: Person) -> tuple[Match, Match | None]:
    """compare() and relative() at once (the connection check asks both of one pair)."""
    codes = _all_codes(a, b)
    result = _match(codes)
    return result, _relative(codes, result)
