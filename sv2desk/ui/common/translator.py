"""The translator SV2 Desk loads (British English: it says "1 minute" but "2 minutes"), and
the pseudo-translation the tests run with, which makes every string a third longer so a
label, button or column heading that would be cut off in another language shows up now."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ... import paths

log = logging.getLogger(__name__)
LANGUAGE = "en_GB"
_installed: list[QTranslator] = []


def translation_file(language: str = LANGUAGE):
    return paths.resource("translations", f"sv2desk_{language}.qm")


def install(app: QCoreApplication | None = None, language: str = LANGUAGE) -> QTranslator | None:
    """Load the translation for ``language`` (British English by default)."""
    app = app or QCoreApplication.instance()
    translator = QTranslator(app)
    if not translator.load(str(translation_file(language))):
        log.warning("the %s translation could not be loaded", language)
        return None
    app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    _installed.append(translator)
    return translator


# what is left as it is inside a string: {placeholders}, %n and %1, <tags>, &entities;
_KEEP = re.compile(r"(\{[^}]*\}|%n|%\d|<[^>]*>|&[a-z]+;|\\n)")


def lengthen(text: str) -> str:
    """``text`` a third longer (at least), every word stretched, so wrapping still happens
    where it would; placeholders, mnemonics (&) and markup are kept."""
    out = []
    for part in _KEEP.split(text):
        if not part or _KEEP.fullmatch(part):
            out.append(part)
            continue
        letters = 0
        stretched = []
        for ch in part:
            stretched.append(ch)
            if ch.isalpha():
                letters += 1
                if letters % 3 == 0:
                    stretched.append(ch)
        out.append("".join(stretched))
    result = "".join(out)
    shortfall = -(-len(text) // 3) - (len(result) - len(text))
    if shortfall > 0:
        result += "~" * shortfall
    return result


class PseudoTranslator(QTranslator):
    """Every string a third longer (``lengthen``); a string it has already lengthened is
    left as it is, so a translated text passed through tr() again does not grow twice."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._made: set[str] = set()

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: N802 (Qt's name)
        if not source or source in self._made:
            return source
        made = lengthen(source)
        self._made.add(made)
        return made

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False
