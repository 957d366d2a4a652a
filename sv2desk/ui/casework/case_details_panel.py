"""The read-only parts of the case view: the person, safe contact, the referral, the
interaction answer and the persons of concern, and the timeline. Everything a person
typed is shown as plain text, never as markup."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QScrollArea, QWidget

from ...policy import eligibility, lifecycle, referral as vocab
from ..common.layout import same_label_widths
from ..common.messages import plain_label
from ..common.tables import EventTable
from ..common.text import tr, yes_no

AREA = {eligibility.IN_AREA: QT_TR_NOOP("Inside Derbyshire"),
        eligibility.PARTLY_IN_AREA: QT_TR_NOOP("Partly inside Derbyshire (address to confirm)"),
        eligibility.OUT_OF_AREA: QT_TR_NOOP("Outside Derbyshire"),
        eligibility.UNKNOWN: QT_TR_NOOP("Not known")}


def codes(text: str, words: dict[str, str]) -> str:
    """'a,b' stored codes as the words a person would say."""
    return ", ".join(tr(words.get(code, code)) for code in (text or "").split(",") if code)


def _box(title: str, rows: list[tuple[str, str]]) -> QGroupBox:
    box = QGroupBox(tr(title))
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    for label, value in rows:
        words = QLabel(tr(label))
        words.setWordWrap(True)
        form.addRow(words, plain_label(value if value not in (None, "") else "—"))
    return box


class CaseDetailsPanel(QScrollArea):
    """The details of one case, rebuilt from a services.cases.CaseView."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(tr("Case details"))
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
        person = _box(QT_TR_NOOP("The person"), [
            (QT_TR_NOOP("Name:"), c.get("name")), (QT_TR_NOOP("Would like us to use:"), c.get("preferred_name")),
            (QT_TR_NOOP("Date of birth:"), born.strftime("%d/%m/%Y") if born else
             tr("Not known (about {age})").format(age=age) if age is not None
             else tr("Not known")),
            (QT_TR_NOOP("Gender:"), c.get("gender")), (QT_TR_NOOP("Pronouns:"), c.get("pronouns")),
            (QT_TR_NOOP("Address:"), c.get("address")), (QT_TR_NOOP("Postcode:"), c.get("postcode")),
            (QT_TR_NOOP("Phone:"), c.get("phone")), (QT_TR_NOOP("Email:"), c.get("email"))])
        contact = _box(QT_TR_NOOP("Safe contact"), [
            (QT_TR_NOOP("Post is safe:"), yes_no(c.get("post_is_safe"))),
            (QT_TR_NOOP("Safe address for post:"), c.get("safe_post_address")),
            (QT_TR_NOOP("We may phone:"), yes_no(c.get("may_call"))),
            (QT_TR_NOOP("We may leave a voicemail:"), yes_no(c.get("may_leave_voicemail"))),
            (QT_TR_NOOP("We may text:"), yes_no(c.get("may_text"))),
            (QT_TR_NOOP("We may email:"), yes_no(c.get("may_email"))),
            (QT_TR_NOOP("Safe times:"), c.get("safe_times")),
            (QT_TR_NOOP("Our name on an envelope:"), yes_no(c.get("name_on_envelope_ok"))),
            (QT_TR_NOOP("Our name when we phone:"), yes_no(c.get("name_on_caller_display_ok")))])
        referrer = ([(QT_TR_NOOP("Referred by:"), r.get("referrer_organisation")),
                     (QT_TR_NOOP("Referrer:"), ", ".join(filter(None, (r.get("referrer_name"),
                                                          r.get("referrer_role"))))),
                     (QT_TR_NOOP("Referrer's contact:"), ", ".join(filter(None, (
                         r.get("referrer_phone"), r.get("referrer_email"))))),
                     (QT_TR_NOOP("May contact the referrer:"), yes_no(r.get("referrer_contact_consent")))]
                    if r.get("external_referral") else [(QT_TR_NOOP("Referred by:"), tr("Self-referral"))])
        referral = _box(QT_TR_NOOP("The referral"), [
            (QT_TR_NOOP("Referral date:"), view.referral_date.strftime("%d/%m/%Y")),
            (QT_TR_NOOP("Arrived by:"), view.arrived_by), *referrer,
            (QT_TR_NOOP("What happened:"), codes(r.get("harm_categories"), vocab.HARM_CATEGORIES)),
            (QT_TR_NOOP("Details:"), r.get("harm_other")),
            (QT_TR_NOOP("When:"), tr(vocab.HARM_TIMING.get(r.get("harm_timing"), ""))),
            (QT_TR_NOOP("Support asked for:"), codes(r.get("support_requested"), vocab.SUPPORT_TYPES)),
            (QT_TR_NOOP("Anything else:"), r.get("support_other")),
            (QT_TR_NOOP("Where they live:"), tr(AREA.get(r.get("area_advice"), ""))),
            (QT_TR_NOOP("Decision:"), tr(vocab.ELIGIBILITY_DECISIONS.get(r.get("eligibility_decision"), ""))),
            (QT_TR_NOOP("Why:"), r.get("eligibility_note")),
            (QT_TR_NOOP("May be an adult at risk:"), yes_no(r.get("adult_at_risk"))),
            (QT_TR_NOOP("Safeguarding note:"), r.get("safeguarding_note"))]
            + ([(QT_TR_NOOP("Closed because:"), tr(lifecycle.CLOSE_REASONS.get(r.get("closed_reason"), ""))),
                (QT_TR_NOOP("Closing note:"), r.get("closed_note"))] if r.get("closed_reason") else []))
        people = "\n".join(
            " — ".join(filter(None, (p.name, p.relationship, p.other_identifiers)))
            for p in view.persons_of_concern) or tr("Nobody named.")
        interaction = _box(QT_TR_NOOP("Interactions with the person who harmed them"), [
            (QT_TR_NOOP("Question:"), tr(vocab.INTERACTION_QUESTION)),
            (QT_TR_NOOP("Answer:"), tr(vocab.INTERACTION_ANSWERS.get(view.interaction_answer,
                                                         "Not answered"))),
            (QT_TR_NOOP("Details:"), view.interaction_details),
            (QT_TR_NOOP("People named:"), people)])
        return [person, contact, referral, interaction]


class Timeline(EventTable):
    """Everything that happened on the case, newest first."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Timeline"), (140, 160), parent)

    def show_view(self, view) -> None:
        self.show_events([(e.at, e.who, e.what) for e in view.timeline] if view else [])
