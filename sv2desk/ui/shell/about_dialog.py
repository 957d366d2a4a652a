"""The About box: which version this is, its licence, and where the data and log are kept.

For whoever looks after the PC (an upgrade, a support call): everything shown comes from
sv2desk.about, which ``--version`` also uses. No client data appears here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QPushButton, QTextBrowser, QVBoxLayout, QWidget)

from ... import about, paths
from ..common.messages import heading


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    def __init__(self, data_folder: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About SV2 Desk"))
        info = about.about(data_folder)
        self.info = info

        icon = QLabel()
        icon.setPixmap(QPixmap(str(paths.resource("icons", "sv2desk.png"))).scaledToWidth(
            64, Qt.TransformationMode.SmoothTransformation))
        title = heading(self.tr("SV2 Desk {version}").format(version=info.version))
        title.setObjectName("about_version")
        summary = QLabel(self.tr(about.SUMMARY))
        top = QHBoxLayout()
        top.addWidget(icon)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(summary)
        top.addLayout(words, 1)

        self.data_folder = _selectable(str(info.data_folder))
        self.data_folder.setObjectName("about_data_folder")
        self.copy_button = QPushButton(self.tr("&Copy the data folder's location"))
        self.copy_button.clicked.connect(self.copy_data_folder)
        facts = QFormLayout()
        facts.addRow(self.tr("Your data is kept in:"), self.data_folder)
        facts.addRow("", self.copy_button)
        facts.addRow(self.tr("The log is in:"), _selectable(str(info.log_folder)))
        facts.addRow(self.tr("Installed in:"), _selectable(
            str(info.installed_in) if info.installed_in else self.tr("(run from source)")))
        facts.addRow(self.tr("Runs on:"), _selectable(info.runtime))

        self.licence = QTextBrowser()
        self.licence.setObjectName("about_licence")
        self.licence.setAccessibleName(self.tr("Licence"))
        self.licence.setOpenLinks(False)
        self.licence.setPlainText(self.tr(about.LICENCE) + "\n\n"
                                  + self.tr("It is built with:") + "\n"
                                  + "\n".join(f"  {name}: {licence}"
                                              for name, licence in about.COMPONENTS))
        self.licence.setMinimumHeight(160)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(facts)
        layout.addWidget(QLabel(self.tr("Licence:")))
        layout.addWidget(self.licence, 1)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def copy_data_folder(self) -> None:
        QGuiApplication.clipboard().setText(str(self.info.data_folder))
        self.copy_button.setText(self.tr("Copied"))
