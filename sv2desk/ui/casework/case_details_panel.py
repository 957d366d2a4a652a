"""The read-only parts of the case view: the person, safe contact, the referral, the
interaction answer and the persons of concern, and the timeline. Everything a person
typed is shown as plain text, never as markup."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGridLayout, QGroupBox, QLabel,
                               QScrollArea, QTableWidget, QTableWidgetItem, QWidget)

from ...policy import eligibility, lifecycle, referral as vocab
from ..common.forms import plain_label, same_label_widths

AREA = {eligibility.IN_AREA: "Inside Derbyshire",
        eligibility.PARTLY_IN_AREA: "Partly inside Derbyshire (address to confirm)",
        eligibility.OUT_OF_AREA: "Outside Derbyshire", eligibility.UNKNOWN: "Not known"}


def yes_no(value) -> str:
    return "Yes" if value else "No"


def codes(text: str, words: dict[str, str]) -> str:
    """'a,b' stored codes as the words a person would say."""
    return ", ".join(words.get(code, code) for code in (text or "").split(",") if code)


def when(at: str) -> str:
    """An ISO timestamp (UTC) as local day and time."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return at


def _box(title: str, rows: list[tuple[str, str]]) -> QGroupBox:
    box = QGroupBox(title)
    form = QFormLayout(box)
    for label, value in rows:
        form.addRow(QLabel(label), plain_label(value if value not in (None, "") else "—"))
    return box


class CaseDetailsPanel(QScrollArea):
    """The details of one case, rebuilt from a services.cases.CaseView."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Case details")
        self.show_view(None)

    def show_view(self, view) -> None:
        content = QWidget()
        layout = QGridLayout(content)
        if view is not None:
            boxes = self._boxes(view)
            for n, box in enumerate(boxes):
                layout.addWidget(box, n // 2, n % 2, Qt.AlignmentFlag.AlignTop)
            same_label_widths([box.layout() for box in boxes[0::2]])
            same_label_widths([box.layout() for box in boxes[1::2]])
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(2, 1)
        self.setWidget(content)

    def _boxes(self, view) -> list[QGroupBox]:
        c, r = view.client, view.referral
        born = c.get("date_of_birth")
        age = c.get("approximate_age")
        person = _box("The person", [
            ("Name:", c.get("name")), ("Would like us to use:", c.get("preferred_name")),
            ("Date of birth:", born.strftime("%d/%m/%Y") if born else
             f"Not known (about {age})" if age is not None else "Not known"),
            ("Gender:", c.get("gender")), ("Pronouns:", c.get("pronouns")),
            ("Address:", c.get("address")), ("Postcode:", c.get("postcode")),
            ("Phone:", c.get("phone")), ("Email:", c.get("email"))])
        contact = _box("Safe contact", [
            ("Post is safe:", yes_no(c.get("post_is_safe"))),
            ("Safe address for post:", c.get("safe_post_address")),
            ("We may phone:", yes_no(c.get("may_call"))),
            ("We may leave a voicemail:", yes_no(c.get("may_leave_voicemail"))),
            ("We may text:", yes_no(c.get("may_text"))),
            ("We may email:", yes_no(c.get("may_email"))),
            ("Safe times:", c.get("safe_times")),
            ("Our name on an envelope:", yes_no(c.get("name_on_envelope_ok"))),
            ("Our name when we phone:", yes_no(c.get("name_on_caller_display_ok")))])
        referrer = ([("Referred by:", r.get("referrer_organisation")),
                     ("Referrer:", ", ".join(filter(None, (r.get("referrer_name"),
                                                          r.get("referrer_role"))))),
                     ("Referrer's contact:", ", ".join(filter(None, (
                         r.get("referrer_phone"), r.get("referrer_email"))))),
                     ("May contact the referrer:", yes_no(r.get("referrer_contact_consent")))]
                    if r.get("external_referral") else [("Referred by:", "Self-referral")])
        referral = _box("The referral", [
            ("Referral date:", view.referral_date.strftime("%d/%m/%Y")),
            ("Arrived by:", view.arrived_by), *referrer,
            ("What happened:", codes(r.get("harm_categories"), vocab.HARM_CATEGORIES)),
            ("Details:", r.get("harm_other")),
            ("When:", vocab.HARM_TIMING.get(r.get("harm_timing"), "")),
            ("Support asked for:", codes(r.get("support_requested"), vocab.SUPPORT_TYPES)),
            ("Anything else:", r.get("support_other")),
            ("Where they live:", AREA.get(r.get("area_advice"), "")),
            ("Decision:", vocab.ELIGIBILITY_DECISIONS.get(r.get("eligibility_decision"), "")),
            ("Why:", r.get("eligibility_note")),
            ("May be an adult at risk:", yes_no(r.get("adult_at_risk"))),
            ("Safeguarding note:", r.get("safeguarding_note"))]
            + ([("Closed because:", lifecycle.CLOSE_REASONS.get(r.get("closed_reason"), "")),
                ("Closing note:", r.get("closed_note"))] if r.get("closed_reason") else []))
        people = "\n".join(
            " — ".join(filter(None, (p.name, p.relationship, p.other_identifiers)))
            for p in view.persons_of_concern) or "Nobody named."
        interaction = _box("Interactions with the person who harmed them", [
            ("Question:", vocab.INTERACTION_QUESTION),
            ("Answer:", vocab.INTERACTION_ANSWERS.get(view.interaction_answer, "Not answered")),
            ("Details:", view.interaction_details),
            ("People named:", people)])
        return [person, contact, referral, interaction]


class EventTable(QTableWidget):
    """When, who and what happened, newest first (a case's timeline, a concern's history)."""

    def __init__(self, accessible_name: str, widths=(140, 160), parent: QWidget | None = None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(("When", "Who", "What happened"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.setAccessibleName(accessible_name)
        self.setColumnWidth(0, widths[0])
        self.setColumnWidth(1, widths[1])

    def show_events(self, events) -> None:
        """``events``: (at, who, what) in the order they happened."""
        entries = list(reversed(list(events)))
        self.setRowCount(len(entries))
        for row, (at, who, what) in enumerate(entries):
            for column, text in enumerate((when(at), who, what)):
                self.setItem(row, column, QTableWidgetItem(text))


class Timeline(EventTable):
    """Everything that happened on the case, newest first."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Timeline", (140, 160), parent)

    def show_view(self, view) -> None:
        self.show_events([(e.at, e.who, e.what) for e in view.timeline] if view else [])
