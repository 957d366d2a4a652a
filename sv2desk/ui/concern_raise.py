"""Raising a concern from the case view: the client has been identified as a potential
perpetrator of sexual abuse (policy paragraph 4). The case is paused the moment it is saved.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton,
                               QWidget)

from .. import errors
from ..policy import perpetrators as policy
from ..services import concerns
from .forms import ALERT_STYLE, Choice, FieldErrors, MessageLine, note_edit, notice

RAISE_FORM = "concern.raise"
PAUSES = ("Raising a concern pauses the case at once: no support can be offered or continue "
          "until a member of the management team has reviewed it and the outcome has been "
          "shared with the client. " + policy.POLICY_PARAGRAPH_4)


class RaiseConcernPanel(QGroupBox):
    """What led to the concern, where it came from, the risk as it seems now. Emits
    ``raised(concern_id)`` once saved."""

    raised = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__("Client identified as a potential perpetrator", parent)
        self.setObjectName("raise_concern_panel")
        self._session = session
        self.case_id: int | None = None
        self.errors = FieldErrors()
        self.explained = notice(ALERT_STYLE, "raise_concern_explained")
        self.explained.setText(PAUSES)
        self.explained.show()
        self.information = note_edit("What information led to this", 80)
        self.source = QLineEdit()
        self.source.setPlaceholderText("For example: the client, the referrer, police, "
                                       "another service")
        self.initial_risk_notes = note_edit("Initial risk notes", 60)
        self.risk_level = Choice(policy.RISK_LEVELS, "Risk level", columns=2)
        self.raise_button = QPushButton("&Raise the concern and pause the case")
        self.raise_button.clicked.connect(self.raise_concern)
        self.cancel_button = QPushButton("Do&n't raise it")
        self.cancel_button.clicked.connect(self.cancel)
        self.message = MessageLine("raise_concern_message")
        form = QFormLayout(self)
        form.addRow(self.explained)
        self.errors.add_row(form, "What &information led to this?", "information",
                            self.information)
        self.errors.add_row(form, "Where did it come &from?", "source", self.source)
        self.errors.add_row(form, "Initial risk notes:", "initial_risk_notes",
                            self.initial_risk_notes)
        self.errors.add_row(form, "Risk &level now:", "risk_level", self.risk_level)
        buttons = QHBoxLayout()
        buttons.addWidget(self.raise_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch()
        form.addRow("", buttons)
        form.addRow("", self.message)
        self.hide()

    def open_for(self, case_id: int) -> None:
        if self.case_id != case_id:
            self.clear()
        self.case_id = case_id
        self.show()
        self.information.setFocus()

    def clear(self) -> None:
        self.information.clear()
        self.source.clear()
        self.initial_risk_notes.clear()
        self.risk_level.set_value("")
        self.errors.clear()
        self.message.clear()

    def cancel(self) -> None:
        self.clear()
        self.hide()

    def form(self) -> concerns.ConcernForm:
        return concerns.ConcernForm(information=self.information.toPlainText().strip(),
                                    source=self.source.text().strip(),
                                    initial_risk_notes=self.initial_risk_notes.toPlainText()
                                    .strip(), risk_level=self.risk_level.value())

    def raise_concern(self) -> None:
        self.message.clear()
        try:
            concern_id = concerns.raise_concern(self._session, self.case_id, self.form())
        except errors.ValidationError as exc:
            self.message.setText(" ".join(self.errors.show(exc.fields)))
            return
        except errors.SV2Error as exc:
            self.errors.clear()
            self.message.setText(exc.message)
            return
        self.cancel()
        self.raised.emit(concern_id)

    # -- drafts ------------------------------------------------------------------------

    def drafts(self) -> list[tuple[str, dict]]:
        form = self.form()
        if self.isHidden() or self.case_id is None or not (
                form.information or form.source or form.initial_risk_notes):
            return []
        return [(RAISE_FORM, {"case_id": self.case_id, "information": form.information,
                              "source": form.source,
                              "initial_risk_notes": form.initial_risk_notes,
                              "risk_level": form.risk_level})]

    def set_values(self, values: dict) -> None:
        self.information.setPlainText(str(values.get("information") or ""))
        self.source.setText(str(values.get("source") or ""))
        self.initial_risk_notes.setPlainText(str(values.get("initial_risk_notes") or ""))
        self.risk_level.set_value(str(values.get("risk_level") or ""))
