"""Plain messages: what to tell a person when something fails, the boxes and lines that say
it (a problem in red, a notice in amber, an alert in strong red, success in green), and the
labels for words people typed (never read as markup)."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import QLabel, QWidget

from ... import errors
from .text import tr

UNEXPECTED = QT_TR_NOOP("SV2 Desk could not do that. Nothing has been changed. Try again, "
                        "and tell your administrator if it keeps happening.")
UNEXPECTED_OPENING = QT_TR_NOOP("SV2 Desk could not open the data. Nothing has been changed. "
                                "Try again, and tell your administrator if it keeps "
                                "happening.")

ERROR_STYLE = "color: #a4262c;"
SUCCESS_STYLE = "color: #0b5a0b;"
# A prominent box for safeguarding prompts and paused cases: dark red text on pale red.
ALERT_STYLE = ("background: #fde7e9; color: #6b0f14; border: 2px solid #a4262c; "
               "border-radius: 4px; padding: 8px; font-weight: bold;")
# A calmer box for advice and notices.
NOTICE_STYLE = ("background: #fff4ce; color: #3b2f00; border: 1px solid #c9a400; "
                "border-radius: 4px; padding: 8px;")
# Something went well: the backup is made, the record is saved.
DONE_STYLE = ("background: #dff6dd; color: #0b3d0b; border: 1px solid #107c10; "
              "border-radius: 4px; padding: 8px;")
PLAIN_STYLE = ("background: #f3f2f1; color: #323130; border: 1px solid #8a8886; "
               "border-radius: 4px; padding: 8px;")
BOLD_STYLE = "font-weight: bold;"


def plain_message(exc: BaseException, unexpected: str = UNEXPECTED) -> str:
    """The service's own words for a refusal; for anything else, a plain apology."""
    return exc.message if isinstance(exc, errors.SV2Error) else tr(unexpected)


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setWordWrap(True)
    return label


def subheading(text: str = "") -> QLabel:
    """The heading of a step or a part of a page: one size for every wizard page."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def words(text: str = "") -> QLabel:
    """A wrapped label of SV2 Desk's own words."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def plain_label(text: str = "") -> QLabel:
    """A label for words a person typed: never read as markup, may be selected and copied."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def notice(style: str, object_name: str) -> QLabel:
    """A coloured box holding a message (hidden until it has one)."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(f"#{object_name} {{ {style} }}")
    label.hide()
    return label


class MessageLine(QLabel):
    """A line of feedback that takes no room when there is nothing to say. ``done()``
    shows success in green, ``problem()`` a problem in red (``setText`` keeps the style
    the line was made with)."""

    def __init__(self, object_name: str, style: str = ERROR_STYLE,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._style = style
        self.setStyleSheet(style)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setVisible(bool(text))

    def done(self, text: str) -> None:
        self.setStyleSheet(SUCCESS_STYLE if self._style == ERROR_STYLE else DONE_STYLE)
        self.setText(text)

    def problem(self, text: str) -> None:
        self.setStyleSheet(ERROR_STYLE if self._style in (ERROR_STYLE, "") else ALERT_STYLE)
        self.setText(text)

    def clear(self) -> None:
        super().clear()
        self.setStyleSheet(self._style)
        self.hide()

    @property
    def is_success(self) -> bool:
        return self.styleSheet() in (SUCCESS_STYLE, DONE_STYLE)
