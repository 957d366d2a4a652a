"""Words a person reads go through ``tr()``, so a translator (en_GB, which also says "1
minute" but "2 minutes") can change them; ``make translations`` collects them.

    tr("Sign in")                         # plain words
    tr("Backup made at {time}.").format(time=...)
    tr("%n case(s)", "", count)           # a count: the translation has each plural form

Constants at module level are marked with ``QT_TR_NOOP("...")`` and passed through
``tr()`` where they are shown. Words from the policy tables (stage names, vocabularies)
are shown through ``tr()`` too; ``make translations`` collects them from the tables.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = ""     # pyside6-lupdate files a bare tr() call under the empty context


def tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    if not text:
        return text
    return QCoreApplication.translate(CONTEXT, text, disambiguation or None, n)


def tr_map(words: dict) -> dict:
    """A policy vocabulary (code -> words) with the words translated."""
    return {code: tr(text) for code, text in words.items()}


def yes_no(value) -> str:
    return tr("Yes") if value else tr("No")
