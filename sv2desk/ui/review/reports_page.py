"""The managers' dashboard of the perpetrator workflow (services.reports.dashboard): open
concerns by stage and by age as bar charts, the time from a concern to the decision and to
the outcome being shared, decisions by outcome, and how many referrals answered the
interaction question; the numbers are written out too. "Export as PDF" previews the
report from memory; printing or saving a copy is recorded."""

from __future__ import annotations

from PySide6.QtCharts import (QBarCategoryAxis, QBarSet, QChart, QChartView,
                              QHorizontalBarSeries, QValueAxis)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from PySide6.QtCore import QT_TR_NOOP

from ...services import exports, reports
from ..common.messages import MessageLine, heading, plain_label, plain_message, words
from ..common.operation import Changes, QUEUE, Desk, op
from ..common.pdf_preview_dialog import PdfPreviewDialog
from ..common.shortcuts import carry_shortcuts
from ..common.text import tr

BAR_COLOUR = QColor("#2f5d8a")


def _days(value) -> str:
    if value is None:
        return "—"
    if float(value).is_integer():
        return tr("%n day(s)", "", int(value))
    return tr("{days:g} days").format(days=value)


def durations_text(durations) -> str:
    if not durations.count:
        return tr("None yet.")
    return tr("Median {median}, longest {longest} ({count}).").format(
        median=_days(durations.median_days), longest=_days(durations.longest_days),
        count=tr("%n concern(s)", "", durations.count))


def wrapped(label: str, width: int = 24) -> str:
    """A long category name on two lines, so the chart does not cut it short."""
    if len(label) <= width:
        return label
    cut = label.rfind(" ", 0, width + 1)
    return label if cut < 0 else label[:cut] + "<br>" + label[cut + 1:]


class CountChart(QChartView):
    """A horizontal bar chart of counts (category -> number), labelled with each number."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(title)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFixedHeight(250)
        chart = QChart()
        chart.setTitle(title)
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 12, 4))
        chart.setBackgroundRoundness(0)
        self.setChart(chart)

    def show_counts(self, counts: dict[str, int]) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        rows = list(counts.items())[::-1]      # drawn from the bottom up: first on top
        bars = QBarSet(tr("Open concerns"))
        bars.append([float(n) for _, n in rows])
        bars.setColor(BAR_COLOUR)
        bars.setLabelColor(QColor("#000000"))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsPrecision(6)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([wrapped(tr(label)) for label, _ in rows])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        top = max(counts.values(), default=0)
        values = QValueAxis()
        values.setRange(0, max(4, top + 1))
        values.setTickCount(min(max(4, top + 1), 10) + 1)
        values.setLabelFormat("%d")
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)


class ReportsPage(QWidget):
    """Figures for managers, refreshed whenever the area is shown."""

    title = QT_TR_NOOP("Reports")

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.figures = None
        self.preview: PdfPreviewDialog | None = None
        intro = words(tr("The potential-perpetrator workflow across the whole service: cases "
                         "waiting, how long each step takes, and the decisions made. No names "
                         "are shown here."))
        self.stage_chart = CountChart(tr("Open concerns by stage"))
        self.age_chart = CountChart(tr("Open concerns by how long since they were raised"))
        charts = QHBoxLayout()
        charts.addWidget(self.stage_chart, 3)
        charts.addWidget(self.age_chart, 2)
        numbers = QGroupBox(tr("In numbers"))
        self.numbers = QFormLayout(numbers)
        self.numbers.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.values: dict[str, QLabel] = {}
        for key, text in (("by_stage", QT_TR_NOOP("Open concerns by stage:")),
                          ("by_age", QT_TR_NOOP("Open concerns by age:")),
                          ("to_decision", QT_TR_NOOP("From the concern to the management "
                                                     "decision:")),
                          ("to_communication", QT_TR_NOOP("From the concern to the outcome "
                                                          "being shared:")),
                          ("by_outcome", QT_TR_NOOP("Decisions by outcome (corrections not "
                                                    "counted):")),
                          ("question", QT_TR_NOOP("Referrals with the interaction question "
                                                  "answered:"))):
            value = plain_label()
            value.setObjectName(f"dashboard_{key}")
            self.values[key] = value
            label = QLabel(tr(text))
            label.setWordWrap(True)
            self.numbers.addRow(label, value)
        self.refresh_button = QPushButton(tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(tr("&Export as PDF…"))
        self.export_button.clicked.connect(self.export_pdf)
        self.message = MessageLine("dashboard_message")
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.message, 1)
        buttons.addStretch()
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(intro)
        column.addLayout(charts)
        column.addWidget(numbers)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setAccessibleName(tr("Dashboard"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Reports: the potential-perpetrator workflow")))
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self._stale = True
        Desk.current().changed.connect(self._changed)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name): the area is shown
        super().showEvent(event)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.touches(QUEUE) and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """The figures, counted on the database thread."""
        session = self._session
        op(self, lambda: reports.dashboard(session), key="refresh").success(self._show) \
            .failure(lambda exc: self.message.setText(plain_message(exc))).run()

    def _show(self, figures) -> None:
        self.message.clear()
        self.figures = figures
        self.stage_chart.show_counts(figures.open_by_stage)
        self.age_chart.show_counts(figures.open_by_age)

        def lines(counts: dict[str, int]) -> str:
            return "\n".join(f"{tr(label)}: {n}" for label, n in counts.items())

        self.values["by_stage"].setText(lines(figures.open_by_stage))
        self.values["by_age"].setText(lines(figures.open_by_age))
        self.values["to_decision"].setText(durations_text(figures.to_decision))
        self.values["to_communication"].setText(durations_text(figures.to_communication))
        self.values["by_outcome"].setText(lines(figures.decisions_by_outcome))
        self.values["question"].setText(
            tr("{answered:,} of {referrals:,} ({percent:.1f}%; it should be 100%).").format(
                answered=figures.referrals_with_question_answered,
                referrals=figures.referrals, percent=figures.question_answered_percent))

    def export_pdf(self) -> None:
        """The report as a PDF, made on the database thread, previewed from memory in a
        dialog that does not block."""
        self.message.clear()
        session = self._session
        op(self, lambda: reports.export_pdf(session), key="export") \
            .success(self._preview) \
            .failure(lambda exc: self.message.setText(plain_message(exc))).run()

    def _preview(self, pdf: bytes) -> PdfPreviewDialog:
        session = self._session

        def record(call) -> None:
            op(self, lambda: call(session, "workflow_report", "report")).run()
        self.preview = PdfPreviewDialog(
            pdf, tr("Perpetrator workflow report"),
            suggested_name="perpetrator-workflow-report.pdf",
            on_printed=lambda: record(exports.record_print),
            on_saved=lambda: record(exports.record_saved_copy),
            parent=self.window())
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        carry_shortcuts(self.preview, self.window())
        self.preview.destroyed.connect(self._preview_gone)
        self.preview.open()
        return self.preview

    def _preview_gone(self) -> None:
        self.preview = None
