"""Letters in the case view: choose the kind of letter and the services to name, make it
from its template, check and edit the text, preview it and finalise it; then print the
finalised letters (letter_list). The text being edited is kept as a draft if SV2 Desk
locks. Nothing is written to disk: previews and prints work from memory."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QSizePolicy, QStackedWidget, QVBoxLayout,
                               QWidget)

from ...letters import templates
from ...letters.render import LetterText
from ...policy import signposting as directory
from ...services import letters, signposting
from ..common.field_errors import FieldErrors
from ..common.fields import line_edit, note_edit
from ..common.layout import row
from ..common.messages import ALERT_STYLE, BOLD_STYLE, MessageLine, notice
from ..common.operation import case_changed, op
from ..common.text import tr
from ..directory.signposting_page import short_warning
from .letter_list_panel import LetterListPanel, show_pdf

LETTER_FORM = "letter"
OWN_EXPERIENCE = "not_supported_own_experience"
# the directory category offered first for each kind of letter (None: every category)
SUGGESTED_CATEGORY = {"outcome_not_supported": "harm_prevention", "signposting": "survivors",
                      "referrer": None, "outcome_support_continues": None}


class ServicePicker(QListWidget):
    """Directory entries to tick; hidden rather than forgotten when filtered out."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setMinimumHeight(110)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def set_services(self, services) -> None:
        ticked = self.ticked()
        self.clear()
        for service in services:
            warning = short_warning(service.warning)
            item = QListWidgetItem(service.name + (f"  ({warning.lower()})" if warning else ""))
            item.setSizeHint(item.sizeHint())
            item.setData(Qt.ItemDataRole.UserRole, service.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, service.category)
            item.setToolTip("\n".join(filter(None, (service.category_label, service.phone,
                                                    service.web, service.warning))))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if service.id in ticked
                               else Qt.CheckState.Unchecked)
            self.addItem(item)

    def show_category(self, category: str | None) -> None:
        for i in range(self.count()):
            item = self.item(i)
            item.setHidden(category is not None and
                           item.data(Qt.ItemDataRole.UserRole + 1) != category)

    def ticked(self) -> list[int]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def untick_all(self) -> None:
        for i in range(self.count()):
            self.item(i).setCheckState(Qt.CheckState.Unchecked)

    def tick(self, entry_id: int) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == entry_id:
                self.item(i).setCheckState(Qt.CheckState.Checked)


class LetterChooserPanel(QGroupBox):
    """Step 1: the kind of letter and the services it names."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Write a letter"), parent)
        self.message = MessageLine("compose_message")
        self.errors = FieldErrors(self.message)
        self.kind = QComboBox()
        self.kind.addItem(tr("Choose…"), "")
        for code, kind in templates.KINDS.items():
            self.kind.addItem(tr(kind.title), code)
        self.category = QComboBox()
        self.category.setAccessibleName(tr("Show services in"))
        self.category.addItem(tr("Every category"), None)
        for code, words in directory.CATEGORIES.items():
            self.category.addItem(tr(words), code)
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.setMinimumContentsLength(16)
        self.services = ServicePicker(tr("Services to name in the letter"))
        self.no_services = QLabel(tr("This letter does not list any services."))
        self.own_experience = QCheckBox(tr("Also point to support for their own experience "
                                           "of abuse"))
        self.survivor_services = ServicePicker(tr("Services for their own experience of "
                                                  "abuse"))
        self.make_button = QPushButton(tr("Make the lette&r"))
        form = QFormLayout(self)
        self.errors.add_row(form, tr("&Kind of letter:"), "kind", self.kind)
        self.category_label = QLabel(tr("Sho&w:"))
        self.category_label.setBuddy(self.category)
        form.addRow(self.category_label, self.category)
        self.errors.add_row(form, tr("Ser&vices:"), "services", self.services)
        self.services.parentWidget().setSizePolicy(QSizePolicy.Policy.Preferred,
                                                   QSizePolicy.Policy.Expanding)
        form.addRow("", self.no_services)
        form.addRow("", self.own_experience)
        self.errors.add_row(form, "", OWN_EXPERIENCE, self.survivor_services)
        form.addRow("", row(self.make_button))
        form.addRow("", self.message)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.category.currentIndexChanged.connect(
            lambda: self.services.show_category(self.category.currentData()))
        self.own_experience.toggled.connect(self.survivor_services.setEnabled)
        self._kind_changed()

    def set_services(self, services) -> None:
        self.services.set_services(services)
        self.services.show_category(self.category.currentData())
        self.survivor_services.set_services(
            [s for s in services if s.category == "survivors"])

    def _kind_changed(self) -> None:
        code = self.kind.currentData() or ""
        lists = templates.KINDS[code].needs_services if code else True
        own = code == "outcome_not_supported"
        form = self.layout()
        form.setRowVisible(self.category, lists)
        form.setRowVisible(self.services.parentWidget(), lists)   # the field and its message
        form.setRowVisible(self.no_services, not lists)
        form.setRowVisible(self.own_experience, own)
        form.setRowVisible(self.survivor_services.parentWidget(), own)
        self.survivor_services.setEnabled(self.own_experience.isChecked())
        self.category.setCurrentIndex(max(0, self.category.findData(
            SUGGESTED_CATEGORY.get(code))))
        self.errors.clear()
        self.message.clear()

    def reset(self) -> None:
        self.kind.setCurrentIndex(0)
        self.own_experience.setChecked(False)
        self.services.untick_all()
        self.survivor_services.untick_all()

    def request(self) -> letters.LetterRequest | None:
        """What to ask the service for; None (with messages by the fields) if incomplete."""
        code = self.kind.currentData() or ""
        problems = {}
        if not code:
            problems["kind"] = tr("Choose the kind of letter.")
        own = None
        if code == "outcome_not_supported" and self.own_experience.isChecked():
            own = self.survivor_services.ticked()
            if not own:
                problems[OWN_EXPERIENCE] = tr("Tick at least one service for their own "
                                              "experience.")
        if problems:
            self.errors.show(problems)
            return None
        lists = templates.KINDS[code].needs_services
        return letters.LetterRequest(code, self.services.ticked() if lists else [], own)


class LetterReviewPanel(QGroupBox):
    """Step 2: the letter's text to check and edit, large print, preview and finalise."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Check and edit the letter"), parent)
        self.letter: LetterText | None = None
        self.message = MessageLine("review_message")
        self.errors = FieldErrors(self.message)
        self.recipient = note_edit(tr("Who the letter is to, one line each"), 4)
        self.subject = line_edit("letter", "subject")
        self.body = note_edit(tr("The letter's text"), 12, form="letter", field="body")
        self.large_print = QCheckBox(tr("Lar&ge print"))
        self.preview_button = QPushButton(tr("Pre&view…"))
        self.finalise_button = QPushButton(tr("&Finalise the letter"))
        self.start_again_button = QPushButton(tr("Start again (not &kept)"))
        self.directory_warning = notice(ALERT_STYLE, "directory_warning")
        hint = QLabel(tr("Read it through and change anything that is not right. Leave a "
                         "blank line between paragraphs. Nothing is stored until you finalise "
                         "it."))
        hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(hint)
        form.addRow(self.directory_warning)
        self.errors.add_row(form, tr("&Who it is to:"), "recipient_lines", self.recipient)
        self.errors.add_row(form, tr("S&ubject:"), "subject", self.subject)
        self.errors.add_row(form, tr("Lett&er:"), "body", self.body)
        self.body.setMinimumHeight(220)
        self.body.parentWidget().setSizePolicy(QSizePolicy.Policy.Preferred,   # the text grows
                                               QSizePolicy.Policy.Expanding)
        form.addRow("", self.large_print)
        form.addRow("", row(self.preview_button, self.finalise_button, self.start_again_button))
        form.addRow("", self.message)

    def show_letter(self, letter: LetterText, large_print: bool = False) -> None:
        self.letter = letter
        self.setTitle(tr("Check and edit the letter: {kind}").format(
            kind=tr(templates.KINDS[letter.kind].title)))
        self.recipient.setPlainText("\n".join(letter.recipient_lines))
        self.subject.setText(letter.subject)
        self.body.setPlainText(letter.body)
        self.large_print.setChecked(large_print)
        if letter.directory_warnings:
            self.directory_warning.setText(
                tr("Check before you send this letter. It names directory entries that are "
                   "not confirmed, or not checked in the last 12 months; the finalised letter "
                   "will record which:") + "\n"
                + "\n".join(f"• {w}" for w in letter.directory_warnings))
            self.directory_warning.show()
        else:
            self.directory_warning.hide()
        self.errors.clear()
        self.message.clear()

    def edited(self) -> LetterText:
        lines = tuple(line.strip() for line in self.recipient.toPlainText().splitlines()
                      if line.strip())
        return replace(self.letter, subject=self.subject.text().strip(),
                       recipient_lines=lines, body=self.body.toPlainText().strip())

    def check(self) -> bool:
        problems = {}
        if not self.subject.text().strip():
            problems["subject"] = tr("The letter needs a subject line.")
        if not self.recipient.toPlainText().strip():
            problems["recipient_lines"] = tr("Say who the letter is to.")
        if not self.body.toPlainText().strip():
            problems["body"] = tr("The letter is empty.")
        self.errors.show(problems)
        return not problems


class LettersPanel(QWidget):
    """The Letters tab of the case view."""

    finalised = Signal(int)     # the letter's id

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.case_id: int | None = None
        self._directory_for: int | None = None     # the case the directory was looked up for
        self.dialog = None
        self.chooser = LetterChooserPanel()
        self.review = LetterReviewPanel()
        self.steps = QStackedWidget()
        self.steps.addWidget(self.chooser)
        self.steps.addWidget(self.review)
        self.list = LetterListPanel(session)
        self.message = MessageLine("letters_message", style=BOLD_STYLE)
        self.chooser.make_button.clicked.connect(self.make_letter)
        self.review.preview_button.clicked.connect(self.preview)
        self.review.finalise_button.clicked.connect(self.finalise)
        self.review.start_again_button.clicked.connect(self.start_again)
        columns = QHBoxLayout()
        columns.addWidget(self.steps, 3)
        columns.addWidget(self.list, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(columns, 1)

    # -- the case ----------------------------------------------------------------------

    def show_view(self, view) -> None:
        """The case view was (re)loaded: a different case starts afresh."""
        if view.id != self.case_id:
            self.case_id = view.id
            self.start_again()
            self.message.clear()
        self.list.show_case(view.id)
        if self.isVisible():
            self._look_up_directory()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._look_up_directory()
        super().showEvent(event)

    def _look_up_directory(self) -> None:
        """The directory, once per case opened (each look-up is audited)."""
        if self.case_id is None or self._directory_for == self.case_id:
            return
        self._directory_for = self.case_id
        session = self._session
        op(self, lambda: signposting.search(session)).success(self.chooser.set_services) \
            .failure(lambda exc: self.chooser.errors.failed(exc)).run()

    # -- composing, reviewing, finalising ------------------------------------------------

    def make_letter(self) -> None:
        """Make the letter from its template, on the database thread."""
        self.message.clear()
        self.chooser.message.clear()
        request = self.chooser.request()
        if request is None:
            return
        session, case_id = self._session, self.case_id
        op(self, lambda: letters.compose(session, case_id, request),
           progress=None, key="compose").success(self._made) \
            .failure(self.chooser.errors.failed).run()

    def _made(self, letter: LetterText) -> None:
        self.chooser.errors.clear()
        self.review.show_letter(letter)
        self.steps.setCurrentWidget(self.review)
        self.review.body.setFocus()

    def preview(self) -> None:
        """The letter as it would print, marked DRAFT, made on the database thread."""
        if self.review.letter is None or not self.review.check():
            return
        session, letter = self._session, self.review.edited()
        large = self.review.large_print.isChecked()
        op(self, lambda: letters.preview(session, letter, large), key="preview") \
            .success(self._show_preview).failure(self.review.errors.failed).run()

    def _show_preview(self, pdf: bytes) -> None:
        self.review.message.clear()
        self.dialog = show_pdf(self, self._session, pdf, tr("Letter preview (draft)"),
                               document="letter_preview", object_type="case",
                               object_id=self.case_id, message=self.review.message, draft=True)

    def finalise(self) -> None:
        if self.review.letter is None or not self.review.check():
            return
        session, case_id, letter = self._session, self.case_id, self.review.edited()
        large = self.review.large_print.isChecked()
        op(self, lambda: letters.finalise(session, case_id, letter, large), key="finalise") \
            .success(self._finalised).failure(self.review.errors.failed) \
            .changes(case_changed(case_id)).run()

    def _finalised(self, letter_id: int) -> None:
        self.start_again()
        self.list.show_case(self.case_id, select_id=letter_id)
        self.message.setText(tr("The letter is finalised and stored, encrypted, with the "
                                "case. Print it from \u201cLetters on this case\u201d."))
        self.finalised.emit(letter_id)

    def start_again(self) -> None:
        self.review.letter = None
        self.review.errors.clear()
        self.review.message.clear()
        self.chooser.reset()
        self.steps.setCurrentWidget(self.chooser)

    # -- drafts ------------------------------------------------------------------------

    def drafts(self) -> list[tuple[str, dict]]:
        """The letter being checked and edited, if any (kept as a draft on lock)."""
        if self.review.letter is None or self.case_id is None:
            return []
        letter = self.review.edited()
        return [(LETTER_FORM, {"case_id": self.case_id, "kind": letter.kind,
                               "subject": letter.subject,
                               "recipient_lines": list(letter.recipient_lines),
                               "body": self.review.body.toPlainText(),
                               "sign_off": list(letter.sign_off),
                               "reference": letter.reference,
                               "service_ids": list(letter.service_ids),
                               "directory_warnings": list(letter.directory_warnings),
                               "large_print": self.review.large_print.isChecked()})]

    def restore_draft(self, values: dict) -> None:
        kind = str(values.get("kind") or "")
        if kind not in templates.KINDS:
            return
        letter = LetterText(kind, str(values.get("subject") or ""),
                            tuple(str(x) for x in values.get("recipient_lines") or ()),
                            str(values.get("body") or ""),
                            tuple(str(x) for x in values.get("sign_off") or ()),
                            str(values.get("reference") or ""),
                            tuple(int(x) for x in values.get("service_ids") or ()
                                  if isinstance(x, int)),
                            tuple(str(x) for x in values.get("directory_warnings") or ()))
        self.review.show_letter(letter, bool(values.get("large_print")))
        self.steps.setCurrentWidget(self.review)
