"""Finding other people's names in free text, for the manager who reviews a subject access
copy before it is released: people recorded on the case, staff, and anyone in the index of
persons of concern. Each name found is withheld or released by the manager's choice (the
defaults: withhold everyone but staff, who appear in their work role).

Matching is by words, not by substring: the text and every name are split into words and
compared case-insensitively, longest name first, so "Ann" never matches inside "Annual"
and the whole index can be checked in one pass over the text whatever its size.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

NAME_WITHHELD = "[withheld: another person]"
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
MAX_WORDS = 6

ON_THE_CASE = "someone the client named"
REFERRER = "the referrer"
STAFF = "a member of staff"
INDEX = "a person of concern on another record"
DEFAULT_WITHHELD = {ON_THE_CASE: True, REFERRER: True, STAFF: False, INDEX: True}


def _norm(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold().replace("\u2019", "'")


def words(name: str) -> tuple[str, ...]:
    return tuple(_norm(w) for w in _WORD.findall(name or ""))


@dataclass
class NameFound:
    """One other person's name found in the copy, and where."""

    key: str                 # the name's words, normalised: what the manager decides on
    name: str                # as recorded
    who: str                 # ON_THE_CASE, REFERRER, STAFF or INDEX
    places: list[str] = field(default_factory=list)     # "section: field"

    @property
    def withhold_by_default(self) -> bool:
        return DEFAULT_WITHHELD[self.who]


class NameFinder:
    """Names to look for; ``redact`` replaces those to withhold and notes every find."""

    def __init__(self, own_names=()):
        self._names: dict[tuple[str, ...], tuple[str, str, str]] = {}
        self._own = {w for name in own_names for w in words(name)} | \
            {words(n) for n in own_names if n}
        self.found: dict[str, NameFound] = {}
        self.withhold: set[str] | None = None      # None: the defaults

    def add(self, name: str, who: str, *, parts: bool = False) -> None:
        """Look for ``name`` (and, with ``parts``, each word of it of 3 letters or more)."""
        full = words(name)
        if not full or full in self._own:
            return
        key = " ".join(full)
        entries = [full] + ([(w,) for w in full if len(w) >= 3] if parts else [])
        for entry in entries:
            if len(entry) > MAX_WORDS or (len(entry) == 1 and entry[0] in self._own):
                continue
            current = self._names.get(entry)
            # a person on the case outranks the same name elsewhere
            if current is None or (DEFAULT_WITHHELD[who] and not DEFAULT_WITHHELD[current[2]]):
                self._names[entry] = (key, " ".join(name.split()), who)

    def _withheld(self, key: str, who: str) -> bool:
        return DEFAULT_WITHHELD[who] if self.withhold is None else key in self.withhold

    def redact(self, place: str, text) -> tuple[object, list[NameFound]]:
        """``text`` with the names to withhold replaced, and the names withheld in it."""
        if not isinstance(text, str) or not text or not self._names:
            return text, []
        spans = [(m.start(), m.end(), _norm(m.group(0))) for m in _WORD.finditer(text)]
        out, last, withheld, i = [], 0, [], 0
        while i < len(spans):
            for n in range(min(MAX_WORDS, len(spans) - i), 0, -1):
                entry = tuple(s[2] for s in spans[i:i + n])
                hit = self._names.get(entry)
                if hit is None:
                    continue
                key, name, who = hit
                found = self.found.setdefault(key, NameFound(key, name, who))
                if place not in found.places:
                    found.places.append(place)
                if self._withheld(key, who):
                    out.append(text[last:spans[i][0]])
                    out.append(NAME_WITHHELD)
                    last = spans[i + n - 1][1]
                    if found not in withheld:
                        withheld.append(found)
                i += n
                break
            else:
                i += 1
        out.append(text[last:])
        return "".join(out), withheld
