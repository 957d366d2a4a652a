"""Funder and commissioner returns: choose a quarter, look at its figures (every count under
5 already hidden), and save it as an Excel workbook, a CSV file or a PDF. Making and saving a
return are audited; the file holds counts only, never a name or a reference."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (QFileDialog, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from ...policy import disclosure, returns as policy
from ...services import returns
from ..common.messages import MessageLine, heading, words
from ..common.operation import op
from ..common.text import tr

QUARTERS_OFFERED = 8
SUFFIX = {"xlsx": ".xlsx", "csv": ".csv", "pdf": ".pdf"}


def quarters(today: date | None = None) -> list[policy.Quarter]:
    """The current quarter and the ones before it, newest first."""
    found = [policy.quarter_of(today or date.today())]
    while len(found) < QUARTERS_OFFERED:
        found.append(found[-1].previous())
    return found


class ReturnsPage(QWidget):
    """Choose a quarter, preview its return, save it in a format."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.made: returns.Return | None = None
        from ..common.fields import combo
        self.quarter = combo(tr("Quarter"), [(q.label, q) for q in quarters()])
        self.quarter.setCurrentIndex(1)           # the last complete quarter
        self.preview_button = QPushButton(tr("&Show the figures"))
        self.preview_button.clicked.connect(self.preview)
        self.export_buttons = {
            "xlsx": QPushButton(tr("Save as &Excel…")),
            "csv": QPushButton(tr("Save as &CSV…")),
            "pdf": QPushButton(tr("Save as &PDF…")),
        }
        for kind, button in self.export_buttons.items():
            button.clicked.connect(lambda _=False, k=kind: self.export(k))
            button.setEnabled(False)
        from ..common.layout import flow
        top = flow(self.quarter, self.preview_button, *self.export_buttons.values())
        self.figures = QTreeWidget()
        self.figures.setHeaderLabels([tr("Figure"), tr("Number")])
        self.figures.setAccessibleName(tr("The return's figures"))
        self.footnote = words(tr(disclosure.FOOTNOTE))
        self.message = MessageLine("returns_message")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Returns to funders and commissioners")))
        layout.addWidget(words(tr("Counts for the quarter, for the Ministry of Justice, the "
                                  "Police and Crime Commissioner and the NHS. No return can "
                                  "identify a person: small numbers are hidden.")))
        layout.addWidget(top)
        layout.addWidget(self.message)
        layout.addWidget(self.figures, 1)
        layout.addWidget(self.footnote)

    def preview(self) -> None:
        session, quarter = self._session, self.quarter.currentData()
        self.message.clear()
        op(self, lambda: returns.preview(session, quarter), key="preview",
           progress=None).success(self._show).failure(
            lambda exc: self.message.problem(str(getattr(exc, "message", exc)))).run()

    def _show(self, made: returns.Return) -> None:
        self.made = made
        self.figures.clear()
        top = QTreeWidgetItem(self.figures, [tr("Figures for the quarter"), ""])
        for figure in made.figures:
            QTreeWidgetItem(top, [tr(figure.label), figure.value])
        for table in made.tables:
            item = QTreeWidgetItem(self.figures, [tr(table.title), table.total])
            for label, value in table.rows:
                QTreeWidgetItem(item, [tr(label), value])
        self.figures.expandAll()
        self.figures.resizeColumnToContents(0)
        for button in self.export_buttons.values():
            button.setEnabled(True)

    def save_path(self, kind: str) -> str:
        """Where to save (a dialog; tests replace this)."""
        quarter = self.quarter.currentData()
        suggested = str(Path.home() / f"SV2 return {quarter.code}{SUFFIX[kind]}")
        path, _ = QFileDialog.getSaveFileName(self, tr("Save the return"), suggested,
                                              f"*{SUFFIX[kind]}")
        return path

    def export(self, kind: str) -> None:
        path = self.save_path(kind)
        if not path:
            return
        if not path.endswith(SUFFIX[kind]):
            path += SUFFIX[kind]
        session, quarter = self._session, self.quarter.currentData()

        def save():
            data = returns.export(session, quarter, kind)
            Path(path).write_bytes(data)
            return path
        op(self, save, key="export").success(
            lambda saved: self.message.done(tr("Saved: {path}").format(path=saved))) \
            .failure(lambda exc: self.message.problem(
                tr("The return could not be saved there. Choose another folder.")
                if isinstance(exc, OSError) else str(getattr(exc, "message", exc)))).run()
