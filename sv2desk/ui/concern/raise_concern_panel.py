"""Raising a concern from the case view: the client has been identified as a potential
perpetrator of sexual abuse (policy paragraph 4). The case is paused the moment it is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPushButton, QWidget

from ...policy import perpetrators as policy
from ...services import concerns
from ..common.binding import Binding
from ..common.field_errors import FieldErrors
from ..common.fields import Choice, line_edit, note_edit
from ..common.messages import ALERT_STYLE, MessageLine, notice
from ..common.operation import CASELOAD, QUEUE, case_changed, op
from ..common.text import tr

RAISE_FORM = "concern.raise"
PAUSES = QT_TR_NOOP("Raising a concern pauses the case at once: no support can be offered or "
                    "continue until a member of the management team has reviewed it and the "
                    "outcome has been shared with the client.")


class RaiseConcernPanel(QGroupBox):
    """What led to the concern, where it came from, the risk as it seems now. Emits
    ``raised(concern_id)`` once saved."""

    raised = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(tr("Client identified as a potential perpetrator"), parent)
        self.setObjectName("raise_concern_panel")
        self._session = session
        self.case_id: int | None = None
        self.message = MessageLine("raise_concern_message")
        self.errors = FieldErrors(self.message)
        self.explained = notice(ALERT_STYLE, "raise_concern_explained")
        self.explained.setText(tr(PAUSES) + " " + policy.POLICY_PARAGRAPH_4)
        self.explained.show()
        self.information = note_edit(tr("What information led to this"), 4, form="concern",
                                     field="information")
        self.source = line_edit("concern", "source")
        self.source.setPlaceholderText(tr("For example: the client, the referrer, police, "
                                          "another service"))
        self.initial_risk_notes = note_edit(tr("Initial risk notes"), 3, form="concern",
                                            field="initial_risk_notes")
        self.risk_level = Choice(policy.RISK_LEVELS, tr("Risk level"), columns=2)
        self.raise_button = QPushButton(tr("&Raise the concern and pause the case"))
        self.raise_button.clicked.connect(self.raise_concern)
        self.cancel_button = QPushButton(tr("Do&n't raise it"))
        self.cancel_button.clicked.connect(self.cancel)
        form = QFormLayout(self)
        form.addRow(self.explained)
        self.errors.add_row(form, tr("What &information led to this?"), "information",
                            self.information)
        self.errors.add_row(form, tr("Where did it come &from?"), "source", self.source)
        self.errors.add_row(form, tr("Initial risk notes:"), "initial_risk_notes",
                            self.initial_risk_notes)
        self.errors.add_row(form, tr("Risk &level now:"), "risk_level", self.risk_level)
        self.binding = Binding(information=self.information, source=self.source,
                               initial_risk_notes=self.initial_risk_notes,
                               risk_level=self.risk_level)
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
        self.binding.clear()
        self.errors.clear()

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
        session, case_id, form = self._session, self.case_id, self.form()
        op(self, lambda: concerns.raise_concern(session, case_id, form), key="raise") \
            .success(self._raised).failure(self.errors.failed) \
            .changes(case_changed(case_id), CASELOAD, QUEUE).run()

    def _raised(self, concern_id: int) -> None:
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
        self.binding.set_values(values)
