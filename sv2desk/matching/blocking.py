"""Blocking keys for the connection check: which people are scored against each other at all.

Two people are scored (score.py) only when they share a key: a name by its sound or a variant,
a forename with a surname's initial, a date of birth (either way round), a phone number or a
postcode. Keys are stored as 64-bit hashes, so the index holds no personal data. Pure Python:
no Qt, no SQL.
"""

from __future__ import annotations

import hashlib
from datetime import date

from . import variants
from .score import Person, sound_codes, surname_candidates


def _word_codes(word: str) -> set[str]:
    """Ways a forename is keyed: its sound (metaphone), and each variant group."""
    codes = {"m" + sound_codes(word)[0]} if len(word) > 1 else set()
    codes |= {"g" + g for g in variants.groups(word)}
    return codes


def keys(p: Person) -> set[str]:
    """Blocking keys: two people are scored only when they share at least one.

    Every pair this module would flag shares a key unless both names are misspelt in a
    way that changes their sound and first letter, with no date of birth, phone or
    postcode in common (see SCORING.md)."""
    out: set[str] = set()
    for form in p.forms:
        if form.single:
            continue
        surnames = {s for s in surname_candidates(form) if len(s) > 1}
        for s in surnames:
            s_code = "m" + sound_codes(s)[0]
            for f in form.forenames[:3]:
                # the whole name by sound or variant, in either order
                for f_code in _word_codes(f):
                    out.add("p" + "|".join(sorted((f_code, s_code))))
                    out.add("i" + f_code + "|" + s[0])      # forename + surname initial
                out.add("i" + s_code + "|" + f[0])          # surname + forename initial
                if len(f) >= 4:                              # Belle / Annabelle
                    out.add("e" + f[-4:] + "|" + s_code)
    if p.birth is not None and p.birth.exact_date is not None:
        d = p.birth.exact_date
        out.add("d" + d.isoformat())
        swapped = _day_month_swapped(d)
        if swapped:
            out.add("d" + swapped)          # a date with day and month the other way round
    if p.phone:
        out.add("t" + p.phone[-10:])
    if p.postcode is not None:
        out.add("c" + p.postcode.full)
    return out


def _day_month_swapped(d: date) -> str | None:
    try:
        return date(d.year, d.day, d.month).isoformat()
    except ValueError:
        return None


def key_hash(key: str) -> int:
    """A blocking key as a signed 64-bit integer, as stored (no personal data in the
    index; a collision only adds a candidate to score)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def key_hashes(p: Person) -> set[int]:
    return {key_hash(k) for k in keys(p)}


# Keys that alone say little (a forename's sound with a surname's first letter, a
# surname's sound with an initial, the end of a forename with a surname's sound): a record
# sharing only one of these, in a block larger than this, is not scored. The large blocks
# are the common names (every "John S..."), where scoring every member would cost the
# most and a flag would need more than the one weak likeness anyway.
WEAK_KEYS = frozenset("ie")
WEAK_BLOCK_LIMIT = 60


def key_kinds(p: Person) -> dict[int, str]:
    """Each blocking key's hash, with the kind of key it is (its first letter)."""
    return {key_hash(k): k[0] for k in keys(p)}


def candidates(kinds: dict[int, str], blocks) -> set:
    """The records worth scoring against a person whose keys are ``kinds`` (from
    key_kinds), given ``blocks``: key hash -> the records holding that key. Every record
    sharing a strong key (the whole name by sound, a date of birth, phone or postcode),
    or two keys of any kind, or one weak key in a small block."""
    seen: dict = {}
    for key, kind in kinds.items():
        block = blocks.get(key, ())
        weak = kind in WEAK_KEYS
        for record in block:
            if not weak:
                seen[record] = 2
            else:
                seen[record] = seen.get(record, 0) + (1 if len(block) > WEAK_BLOCK_LIMIT
                                                      else 2)
    return {record for record, points in seen.items() if points >= 2}


def identifier_hashes(p: Person) -> set[int]:
    """The hashed keys of a person's date of birth, phone number and postcode: what a flag
    remembers, so that a dismissed flag comes back only when one of these is new."""
    return {key_hash(k) for k in keys(p) if k[0] in "dtc"}
