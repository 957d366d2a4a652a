"""Usernames: the one form two usernames are compared in, and what a username may hold.

Two usernames are the same when they are equal after Unicode compatibility normalisation
and case folding (NFKC_Casefold: "ÖRN" and "örn", "josé" typed either way, "straße" and
"strasse", full-width "ａｎｎ" and "ann"). Uniqueness and the key-slot tag both use this
form, so a second account can never share the first one's key slot.

A username is refused, with a plain reason, when it holds a space, an invisible or
control character (a zero-width space, a direction mark, NUL), or letters from more than
one alphabet (a Cyrillic "а" among Latin letters looks like "ann" but is not). Japanese,
Chinese and Korean usernames may mix their own scripts with Latin, as Unicode's
"highly restrictive" profile allows (UTS #39).
"""

from __future__ import annotations

import unicodedata

import regex

MAX_LENGTH = 80

# Scripts that may be mixed in one username (UTS #39, highly restrictive).
_ALLOWED_MIXES = (
    frozenset({"Latin", "Han", "Hiragana", "Katakana"}),
    frozenset({"Latin", "Han", "Bopomofo"}),
    frozenset({"Latin", "Han", "Hangul"}),
)
_SCRIPT = regex.compile(r"\p{Script=(\w+)}")


def normal_form(username: str) -> str:
    """The form usernames are compared in (NFKC, case folded, NFKC again; outer spaces
    dropped)."""
    text = unicodedata.normalize("NFKC", username.strip())
    return unicodedata.normalize("NFKC", text.casefold())


def _script(ch: str) -> str:
    for name in ("Latin", "Greek", "Cyrillic", "Armenian", "Hebrew", "Arabic", "Devanagari",
                 "Bengali", "Gurmukhi", "Gujarati", "Tamil", "Thai", "Georgian", "Hangul",
                 "Hiragana", "Katakana", "Bopomofo", "Han", "Ethiopic", "Sinhala"):
        if regex.match(rf"\p{{Script={name}}}", ch):
            return name
    if regex.match(r"\p{Script=Common}|\p{Script=Inherited}", ch):
        return ""
    return unicodedata.name(ch, "unknown").split(" ")[0].title()


def problem(username: str) -> str | None:
    """Why this username cannot be used (plain English), or None when it can."""
    text = username.strip()
    if not text:
        return "Enter a username."
    if len(text) > MAX_LENGTH:
        return f"A username can be at most {MAX_LENGTH} characters."
    for ch in text:
        category = unicodedata.category(ch)
        if ch.isspace() or category in ("Zs", "Zl", "Zp"):
            return "A username is one word, with no spaces."
        if category == "Cc":
            return ("A username cannot hold control characters (such as a tab or an "
                    "invisible NUL): type it again by hand.")
        if category in ("Cf", "Cs", "Co", "Cn"):
            return ("A username cannot hold invisible or unusual characters (such as a "
                    "zero-width space, often picked up by copying and pasting): type it "
                    "again by hand.")
    if not normal_form(text):
        return "Enter a username."
    scripts = {s for s in (_script(ch) for ch in text if ch.isalpha()) if s}
    if len(scripts) > 1 and not any(scripts <= mix for mix in _ALLOWED_MIXES):
        return ("A username must use the letters of one alphabet: this one mixes "
                + " and ".join(sorted(scripts)) + " letters, which can look alike "
                "(for example a Cyrillic \u201c\u0430\u201d among Latin letters).")
    return None
