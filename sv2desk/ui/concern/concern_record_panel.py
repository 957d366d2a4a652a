"""What has been recorded about a concern, read-only: what led to it, the explanation of the
four points, the line-manager discussion, the assessment's needs and safety notes, the
management decisions, how the outcome was shared, and the concern's history.

Shown to the worker on the case (the Concern tab) and to managers (the review screen).
Everything a person typed is shown as plain text, never as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QWidget

from ...policy import lifecycle, perpetrators as policy
from ..common.layout import same_label_widths
from ..common.messages import plain_label
from ..common.tables import EventTable
from ..common.text import tr, yes_no
from ..common.when import day, when


LONG_LABEL = 34   # a label longer than this goes above its value, across the box


def record_box(title: str, rows: list[tuple[str, str]], object_name: str = "",
               stacked: bool = False) -> QGroupBox:
    """A box of label: value rows; ``stacked`` puts every label above its value (narrow)."""
    box = QGroupBox(tr(title))
    if object_name:
        box.setObjectName(object_name)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    if stacked:
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    for label, value in rows:
        value_label = plain_label(value if value not in (None, "") else "—")
        label = tr(label)
        words = QLabel(label)
        words.setWordWrap(stacked or len(label) > LONG_LABEL)
        words.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if stacked and label:
            words.setStyleSheet("font-weight: bold;")
        if len(label) > LONG_LABEL and not stacked:
            form.addRow(words)
            form.addRow(value_label)
        else:
            form.addRow(words, value_label)
    return box


def concern_rows(record) -> list[tuple[str, str]]:
    return [(QT_TR_NOOP("Raised:"), tr("{when} by {name}").format(when=when(record.raised_at), name=record.raised_by)),
            (QT_TR_NOOP("Stage then:"), tr(record.stage)),
            (QT_TR_NOOP("Risk level:"), tr(policy.RISK_LEVELS.get(record.risk_level, record.risk_level))),
            (QT_TR_NOOP("What led to it:"), record.information),
            (QT_TR_NOOP("Where it came from:"), record.source),
            (QT_TR_NOOP("Initial risk notes:"), record.initial_risk_notes),
            (QT_TR_NOOP("Referred by:"), tr("Another service") if record.external_referral
             else tr("Self-referral"))]


def explanation_rows(explanation: dict | None) -> list[tuple[str, str]]:
    if not explanation:
        return [("", tr("Not recorded yet."))]
    rows = [(QT_TR_NOOP("When:"), when(explanation["explained_on"])),
            (QT_TR_NOOP("How:"), tr(policy.EXPLANATION_METHODS.get(explanation["method"],
                                                       explanation["method"])))]
    for number, (name, words) in enumerate(policy.FOUR_POINTS, 1):
        if explanation.get(name):
            said = tr("Explained: {point}").format(point=tr(words))
        else:
            said = tr("NOT explained: {point}\nWhy: {why}").format(
                point=tr(words), why=explanation.get(f"{name}_reason", ""))
        rows.append((tr("Point {number}:").format(number=number), said))
    return rows


def discussion_rows(discussion: dict | None) -> list[tuple[str, str]]:
    if not discussion:
        return [("", tr("Not countersigned yet."))]
    return [(QT_TR_NOOP("Countersigned:"), tr("{when} by {name}").format(
                when=when(discussion["countersigned_at"]),
                name=discussion.get("manager_name", ""))),
            (QT_TR_NOOP("Risks:"), discussion["risks"]), (QT_TR_NOOP("Needs:"), discussion["needs"]),
            (QT_TR_NOOP("Immediate safeguarding action:"), discussion["safeguarding_action"])]


def decision_rows(decision: dict, external: bool) -> list[tuple[str, str]]:
    rows = [(QT_TR_NOOP("Decided:"), tr("{when} by {name}").format(
        when=when(decision["decided_at"]), name=decision["decided_by_name"]))]
    if decision.get("corrects_id"):
        rows.append((QT_TR_NOOP("Corrects an earlier decision:"), decision.get("correction_reason", "")))
    rows.append((QT_TR_NOOP("Outcome:"), tr(policy.OUTCOMES.get(decision["outcome"], decision["outcome"]))))
    steps = decision.get("steps", {})
    first = True
    for code, words in policy.NEXT_STEPS.items():
        if code == "contact_referrer" and not external:
            continue
        step = steps.get(code, {})
        status = tr(policy.STEP_STATUSES.get(step.get("status", ""), "Not recorded"))
        note = f"\n{step['note']}" if step.get("note") else ""
        words = tr(words.replace(" (external referrals only)", ""))
        rows.append((QT_TR_NOOP("Next steps:") if first else "", f"{status}: {words}{note}"))
        first = False
    if external:
        rows.append((QT_TR_NOOP("May contact the referrer:"), yes_no(decision["referrer_contact_consent"])))
    if steps.get("report_safeguarding", {}).get("status") == "done":
        rows += [(QT_TR_NOOP("Reported to:"), decision["safeguarding_authority"]),
                 (QT_TR_NOOP("Reported on:"), day(decision["safeguarding_reported_on"])),
                 (QT_TR_NOOP("Their reference:"), decision["safeguarding_reference"]),
                 (QT_TR_NOOP("Consent:"), tr(policy.SAFEGUARDING_CONSENT.get(
                     decision["safeguarding_consent"], ""))),
                 (QT_TR_NOOP("Lawful basis:"), decision["safeguarding_lawful_basis"])]
    rows.append((QT_TR_NOOP("How this avoids greater risk to victims, children or vulnerable people:"),
                 decision["victim_safety_note"]))
    who = decision.get("communicator_name", "")
    if decision["communicator"] == "manager":
        who = tr("{name} (a manager), because: {why}").format(
            name=who, why=decision["communicator_reason"])
    rows.append((QT_TR_NOOP("Shares the outcome:"), who))
    return rows


def communication_rows(communication: dict | None) -> list[tuple[str, str]]:
    if not communication:
        return [("", tr("Not shared yet."))]
    return [(QT_TR_NOOP("When:"), when(communication["communicated_on"])),
            (QT_TR_NOOP("How:"), tr(policy.COMMUNICATION_METHODS.get(communication["method"],
                                                         communication["method"]))),
            (QT_TR_NOOP("Letter sent:"), yes_no(communication["letter_sent"])),
            (QT_TR_NOOP("Notes:"), communication["notes"]),
            (QT_TR_NOOP("The case then:"), tr(lifecycle.WORKFLOW_LABELS.get(communication["case_result"],
                                                       communication["case_result"])))]


class ConcernRecordPanel(QWidget):
    """Group boxes of everything recorded on a concern, in one or two columns."""

    def __init__(self, columns: int = 2, parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = columns
        self.stacked = columns == 1      # narrow: each label above its value
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QGroupBox] = []

    def show_record(self, record, *, with_outcome: bool = True) -> None:
        for box in self.boxes:
            self.grid.removeWidget(box)
            box.deleteLater()
        self.boxes = []
        if record is None:
            return
        boxes = [record_box(QT_TR_NOOP("The concern"), concern_rows(record), "concern_box", self.stacked),
                 record_box(QT_TR_NOOP("The explanation to the client"), explanation_rows(
                     record.explanation), "explanation_box", self.stacked),
                 record_box(QT_TR_NOOP("Line-manager discussion: risk and needs"),
                            discussion_rows(record.discussion), "discussion_box",
                            self.stacked),
                 record_box(QT_TR_NOOP("From the initial options assessment"), [
                     (QT_TR_NOOP("Needs:"), record.assessment_needs),
                     (QT_TR_NOOP("Safety notes:"), record.assessment_safety_notes)], "assessment_box",
                     self.stacked)]
        if with_outcome:
            for n, decision in enumerate(record.decisions):
                title = (QT_TR_NOOP("Management decision") if n == 0
                         else QT_TR_NOOP("Correction to the decision"))
                boxes.append(record_box(title, decision_rows(decision,
                                                             record.external_referral),
                                        f"decision_box_{n}", self.stacked))
            if record.decisions:
                boxes.append(record_box(QT_TR_NOOP("The outcome shared with the client"),
                                        communication_rows(record.communication),
                                        "communication_box", self.stacked))
        for n, box in enumerate(boxes):
            self.grid.addWidget(box, n // self.columns, n % self.columns,
                                Qt.AlignmentFlag.AlignTop)
        for column in range(self.columns):
            if not self.stacked:
                same_label_widths([b.layout() for b in boxes[column::self.columns]])
            self.grid.setColumnStretch(column, 1)
        self.boxes = boxes


class HistoryTable(EventTable):
    """The concern's history (ConcernRecord.history), newest first."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("History of the concern"), (130, 140), parent)

    def show_history(self, history) -> None:
        entries = list(history or ())
        self.show_events(entries)
        self.setMinimumHeight(min(60 + 30 * len(entries), 260))
