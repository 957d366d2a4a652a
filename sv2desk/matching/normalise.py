"""Names, dates of birth, ages, phone numbers and postcodes as the connection check
compares them. Pure Python: no Qt, no SQL.

A name is folded (accents, case, punctuation and spacing taken out), titles and
suffixes are dropped, surname particles are joined to the surname ("Van der Berg"
-> "vanderberg", "O'Brien" -> "obrien"), "Surname, Forename" is put in order, and
other names in the same text ("known as", "aka", a nickname in quotes) become further
forms of the name. Hyphenated and double surnames keep their parts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# Letters NFKD does not split into a base letter and an accent.
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ł": "l",
                          "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "œ": "oe",
                          "Œ": "oe", "ı": "i", "ð": "d"})

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor",
                    "rev", "revd", "reverend", "fr", "father", "sir", "dame", "lady", "lord",
                    "master", "sgt", "pc", "cllr", "capt"})
# Words for a relative or acquaintance that sometimes stand before a name ("Uncle Tony").
KIN = frozenset({"uncle", "aunt", "auntie", "aunty", "grandad", "granddad", "grandpa",
                 "grandma", "granny", "gran", "nan", "nana", "nanna", "cousin", "stepdad",
                 "stepmum", "step", "brother", "sister", "bro", "sis", "mum", "dad",
                 "mother", "father", "nephew", "niece", "friend", "neighbour", "partner",
                 "boyfriend", "girlfriend", "husband", "wife", "ex"})
SUFFIXES = frozenset({"jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "iv",
                      "esq", "obe", "mbe"})
# Joined to the word after them: "van der berg", "de souza", "o brien", "st john".
PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "du", "del", "della",
                       "le", "la", "mc", "mac", "o", "ni", "nic", "ui", "st", "ap", "bin",
                       "ibn", "al", "el", "abu"})
# Particles a surname is often written without ("Al Hassan" / "Hassan", "de Souza" /
# "Souza"); Mc, Mac, O and Ni are part of the name and stay.
DROPPABLE = frozenset({"van", "von", "der", "den", "de", "da", "di", "du", "del", "della",
                       "le", "la", "st", "ap", "bin", "ibn", "al", "el", "abu"})
# Particles that are also forenames or initials: joined only after the first word.
_PARTICLES_NOT_FIRST = frozenset({"al", "el", "o", "de", "la", "le", "da", "di", "st",
                                  "abu", "mac"})
_ALIAS = re.compile(r"(\b(?:aka|a\.k\.a\.?|also known as|known as|nee|née|formerly|or)\b|/)",
                    re.IGNORECASE)
_SURNAME_ALIAS = re.compile(r"nee|née|formerly", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”]([^\"“”]{2,40})[\"“”]|(?:(?<=\s)|^)['‘]([^'‘’]{2,40})['’](?=\s|$)")
_BRACKETS = re.compile(r"[(\[{][^)\]}]*[)\]}]")
# Words that start a description after a name ("Kev Buxton from the pub", "Tony, her
# stepdad"): the name ends before them.
DESCRIPTION = frozenset({"from", "at", "who", "that", "works", "worked", "lives", "lived",
                         "living", "her", "his", "my", "their", "our", "the", "of", "in",
                         "on", "with", "was", "is", "and", "possibly", "maybe", "probably",
                         "unknown", "surname", "not", "known", "called", "named", "used",
                         "currently", "previously", "age", "aged", "born", "dob", "about",
                         "around", "approx", "approximately", "phone", "mobile",
                         "address"})


_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
_DIGIT = re.compile(r"\d")
_NOT_ASCII_LETTERS = re.compile(r"[^A-Za-z]")
_DOTTED_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,3}")
_VOWEL = re.compile(r"[AEIOUY]")
_HYPHENS = re.compile(r"[-‐‑–—]+")


# Names repeat (the same words in many records): each word is folded once, not at every
# comparison of a record that holds it (the connection check at 100,000 clients).
@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower case, no accents, only letters, digits and single spaces.

    Apostrophes vanish (O'Brien -> obrien); other punctuation, hyphens included,
    becomes a space."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _NOT_LETTERS.sub(" ", text)
    return text.strip()


def fold_word(word: str) -> str:
    return fold(word).replace(" ", "")


@dataclass(frozen=True)
class NameForm:
    """One way of writing a person's name, folded.

    ``forenames``: given names in order (an initial is a one-letter word);
    ``surnames``: the surname's parts ("smith-jones" -> ("smith", "jones"));
    ``surname``: the whole surname joined ("smithjones"); ``bare``: the surname without
    a particle it is often written without ("alhassan" -> "hassan"), else "". A name of
    one word has it in ``forenames`` only (it could be either) and ``single`` is True."""

    forenames: tuple[str, ...]
    surnames: tuple[str, ...]
    surname: str
    single: bool = False
    bare: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return self.forenames + self.surnames


def _words(text: str) -> list[list[str]]:
    """Words of a name, each a list of parts (a hyphenated word has several)."""
    text = _BRACKETS.sub(" ", text)
    out = []
    for raw in text.replace(",", " ").split():
        if raw in ("'", "’", "-"):
            continue
        if out and fold_word(raw) in DESCRIPTION or _DIGIT.search(raw):
            break
        # "J.R." or "JR" (capitals, no vowel) are initials.
        letters = _NOT_ASCII_LETTERS.sub("", raw)
        if (_DOTTED_INITIALS.fullmatch(raw)
                or (raw.isupper() and 2 <= len(letters) <= 3
                    and not _VOWEL.search(letters))):
            out.extend([[ch.lower()] for ch in letters])
            continue
        parts = [fold_word(p) for p in _HYPHENS.split(raw)]
        parts = [p for p in parts if p]
        if parts:
            out.append(parts)
    return out


def _strip(words: list[list[str]]) -> list[list[str]]:
    while len(words) > 1 and words[0][0] in TITLES | KIN and len(words[0]) == 1:
        words = words[1:]
    while len(words) > 1 and words[-1][0] in SUFFIXES and len(words[-1]) == 1:
        words = words[:-1]
    return words


def _join_particles(words: list[list[str]], allow_first: bool = False
                    ) -> tuple[list[list[str]], dict[int, str]]:
    """Join particles to the word after them. Returns the words, and for each joined word
    (by position) the word without droppable particles ("alhassan" -> "hassan")."""
    out: list[list[str]] = []
    bare: dict[int, str] = {}
    i = 0
    while i < len(words):
        word = words[i]
        if (len(word) == 1 and word[0] in PARTICLES and i + 1 < len(words)
                and (i > 0 or allow_first or word[0] not in _PARTICLES_NOT_FIRST)):
            run = [word[0]]     # the particle run: "van der berg" -> "vanderberg"
            j = i + 1
            while j < len(words) - 1 and len(words[j]) == 1 and words[j][0] in PARTICLES:
                run.append(words[j][0])
                j += 1
            nxt = words[j]
            if all(r in DROPPABLE for r in run) and len(nxt) == 1:
                bare[len(out)] = nxt[0]
            out.append(["".join(run) + nxt[0]] + nxt[1:])
            i = j + 1
        else:
            out.append(word)
            i += 1
    return out, bare


def _make(forenames: list[list[str]], surname_words: list[list[str]], bare: str = ""
          ) -> NameForm:
    parts = tuple(p for w in surname_words for p in w)
    return NameForm(tuple(p for w in forenames for p in w), parts, "".join(parts),
                    bare=bare if len(parts) == 1 else "")


def _form(words: list[list[str]], surname_words: list[list[str]] | None = None
          ) -> NameForm | None:
    """A name from its words; ``surname_words`` when written "Surname, Forenames"."""
    if surname_words is not None:
        while len(surname_words) > 1 and surname_words[0][0] in TITLES and len(surname_words[0]) == 1:
            surname_words = surname_words[1:]
        surname_words, bare = _join_particles(surname_words, allow_first=True)
        forenames = _strip(words)
        if surname_words and forenames:
            return _make(forenames, surname_words, bare.get(len(surname_words) - 1, ""))
        words = forenames + surname_words
    words, bare = _join_particles(_strip(words))
    if not words:
        return None
    if len(words) == 1:
        if len(words[0]) > 1:     # "Smith-Jones" alone: a double surname
            return _make([], words)
        return NameForm(tuple(words[0]), (), "", single=True)
    return _make(words[:-1], words[-1:], bare.get(len(words) - 1, ""))


def _is_forenames(text: str) -> bool:
    """Whether the words after a comma are forenames (Capitalised, not a description)."""
    raw = text.split()
    if not 1 <= len(raw) <= 3:
        return False
    for word in raw:
        folded = fold_word(word)
        if not folded or folded in DESCRIPTION or folded in KIN or folded in TITLES:
            return False
        if word[:1].islower() and not text.islower():
            return False
    return True


# Only this much of a name is read for matching (names are bounded where they are typed,
# by the validation table; this keeps the matching's cost bounded whatever it is given:
# some steps here grow with the square of the number of words).
MAX_NAME_CHARACTERS = 300
MAX_NAME_WORDS = 24


def name_forms(text: str) -> list[NameForm]:
    """Every form of a name found in ``text`` (usually one).

    "John 'Jack' Smith" gives John Smith and Jack Smith; "Sarah Smith nee Jones" and
    "Dave Smith aka Dai" give two forms each (a one-word alias takes the surname)."""
    text = (text or "")[:MAX_NAME_CHARACTERS]
    if len(text.split()) > MAX_NAME_WORDS:
        text = " ".join(text.split()[:MAX_NAME_WORDS])
    return list(_name_forms(text))


@lru_cache(maxsize=30_000)
def _name_forms(text: str) -> tuple[NameForm, ...]:
    if not text.strip():
        return ()
    forms: list[NameForm] = []
    nicknames = [m.group(1) or m.group(2) for m in _QUOTED.finditer(text)]
    pieces = _ALIAS.split(_QUOTED.sub(" ", text))
    # pieces: name, keyword, alias, keyword, alias ...
    first_text = pieces[0]
    before, comma, after = _BRACKETS.sub(" ", first_text).partition(",")
    if comma and _is_forenames(after) and len(_words(before)) <= 3:     # "Smith, John"
        first = _form(_words(after), surname_words=_words(before))
    else:
        first = _form(_words(before))       # "Tony Price, her stepdad": the name only
    if first is not None:
        forms.append(first)
    aliases = [(pieces[i + 1], bool(_SURNAME_ALIAS.fullmatch(pieces[i].strip())))
               for i in range(1, len(pieces) - 1, 2)]
    aliases += [(nickname, False) for nickname in nicknames]
    for alias, is_surname in aliases:
        form = _form(_words(alias))
        if form is None:
            continue
        if form.single and first is not None and first.surnames and not is_surname:
            forms.append(NameForm(form.forenames, first.surnames, first.surname))  # aka Dai
        elif form.single and first is not None and first.forenames and is_surname:
            forms.append(NameForm(first.forenames, form.forenames, form.forenames[0]))  # nee Jones
        else:
            forms.append(form)
    # "Sophie Singh Okafor": a middle name, or a double surname without a hyphen.
    for form in list(forms):
        if len(form.forenames) >= 2 and len(form.surnames) == 1 \
                and len(form.forenames[-1]) > 1:
            forms.append(_make([[w] for w in form.forenames[:-1]],
                               [[form.forenames[-1]], list(form.surnames)]))
    unique = []
    for form in forms:
        if form not in unique:
            unique.append(form)
    return tuple(unique)


# -- dates, ages, phone numbers, postcodes ------------------------------------------------

POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][ABD-HJLNP-UW-Z]{2})\b",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Postcode:
    full: str        # "DE11AA"
    outward: str     # "DE1"
    sector: str      # "DE11"


def postcode(text: str) -> Postcode | None:
    """The first UK postcode in ``text``, or None."""
    if not text:
        return None
    m = POSTCODE.search(text.upper())
    if not m:
        return None
    outward, inward = m.group(1).upper(), m.group(2).upper()
    return Postcode(outward + inward, outward, outward + inward[0])


_PHONE = re.compile(r"(?<![\d+])(?:\+\s*44|0044|\(?0)[\d\s\-().]{8,16}\d")


def phone(text: str) -> str | None:
    """A UK phone number as its national digits ("07700900123"), or None."""
    if not text:
        return None
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if digits.startswith("0044"):
            digits = "0" + digits[4:]
        elif digits.startswith("44"):
            digits = "0" + digits[2:]
        if digits.startswith("00"):
            digits = digits[1:]
        if digits.startswith("0") and 10 <= len(digits) <= 11:
            return digits
    return None


MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_WORD_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})\b",
                        re.IGNORECASE)
_BORN_YEAR = re.compile(r"\b(?:born|b\.|dob|d\.o\.b\.?)\s*(?:in\s+)?(?:about\s+|around\s+|c\.?\s*)?"
                        r"((?:19|20)\d{2})\b", re.IGNORECASE)
_AGE = re.compile(r"\b(?:aged?|age\s*:)\s*(?:about|around|approx\.?|approximately|roughly|c\.?)?"
                  r"\s*(\d{1,3})\b|\b(\d{1,3})\s*(?:years? old|yrs? old|yo|y/o|ish)\b|"
                  r"\b(?:about|around|approx\.?|approximately|roughly)\s+(\d{1,3})\b",
                  re.IGNORECASE)
_DECADE = re.compile(r"\b(early|mid|late)?[\s\-]*(\d)0'?s\b", re.IGNORECASE)


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= today.year % 100 else 1900
    return year


def _valid(year: int, month: int, day: int, today: date) -> date | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d if date(today.year - 120, 1, 1) <= d <= today else None


def date_of_birth(text: str, today: date) -> date | None:
    """A full date in ``text`` (12/03/1985, 12.3.85, 1985-03-12, 12th March 1985)."""
    if not text:
        return None
    m = _ISO_DATE.search(text)
    if m:
        found = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), today)
        if found:
            return found
    for m in _NUMERIC_DATE.finditer(text):
        found = _valid(_year(m.group(3), today), int(m.group(2)), int(m.group(1)), today)
        if found:
            return found
    for m in _WORD_DATE.finditer(text):
        month = MONTHS.get(m.group(2)[:3].lower())
        if month:
            found = _valid(int(m.group(3)), month, int(m.group(1)), today)
            if found:
                return found
    return None


@dataclass(frozen=True)
class BirthYears:
    """The years a person could have been born in (inclusive), and how it is known."""

    low: int
    high: int
    exact_date: date | None = None


def birth_years_from_age(age: int, on: date, slack: int = 0) -> BirthYears:
    return BirthYears(on.year - age - 1 - slack, on.year - age + slack)


def birth_years(text: str, on: date) -> BirthYears | None:
    """Best-effort birth years from free text: a date of birth, "born 1985", an age
    ("aged 45", "about 45", "45 years old") or a decade ("in his 40s", "late 30s")."""
    if not text:
        return None
    dob = date_of_birth(text, on)
    if dob:
        return BirthYears(dob.year, dob.year, dob)
    m = _BORN_YEAR.search(text)
    if m:
        year = int(m.group(1))
        if on.year - 120 <= year <= on.year:
            return BirthYears(year, year)
    for m in _AGE.finditer(text):
        value = next(g for g in m.groups() if g)
        age = int(value)
        if 0 < age <= 110:
            approximate = bool(re.search(r"about|around|approx|roughly|ish|c\.", m.group(),
                                         re.IGNORECASE))
            return birth_years_from_age(age, on, slack=3 if approximate else 0)
    m = _DECADE.search(text)
    if m and m.group(2) != "0":
        decade = int(m.group(2)) * 10
        low_age, high_age = {"early": (decade, decade + 3), "mid": (decade + 3, decade + 7),
                             "late": (decade + 6, decade + 9)}.get(
            (m.group(1) or "").lower(), (decade, decade + 9))
        return BirthYears(on.year - high_age - 1, on.year - low_age)
    return None


@dataclass(frozen=True)
class Identifiers:
    """What could be read from a free-text note about a person."""

    birth: BirthYears | None
    phone: str | None
    postcode: Postcode | None


@lru_cache(maxsize=10_000)
def identifiers(text: str, on: date) -> Identifiers:
    """Best effort: a date of birth or age, a phone number and a postcode in ``text``.

    A phone number is looked for first, so its digits are not read as a date or age."""
    number = phone(text)
    rest = _PHONE.sub(" ", text) if number else text
    return Identifiers(birth_years(rest, on), number, postcode(rest))
