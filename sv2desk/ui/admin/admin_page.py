"""Administration: staff accounts (staff_panel), settings (settings_panel), backups
(backups_panel) and the diary's sites and rooms (rooms_panel), one tab each."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..common.messages import heading
from ..common.text import tr
from .backups_panel import BackupsPanel
from .rooms_panel import RoomsPanel
from .settings_panel import SettingsPanel
from .staff_panel import NEW_ACCOUNT_FORM, StaffPanel


class AdminPage(QWidget):
    title = QT_TR_NOOP("Administration")

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.staff = StaffPanel(session)
        self.settings = SettingsPanel(session)
        self.backups = BackupsPanel(session)
        self.rooms = RoomsPanel(session)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.staff, tr("&Staff accounts"))
        self.tabs.addTab(self.settings, tr("Se&ttings"))
        self.tabs.addTab(self.backups, tr("&Backups"))
        self.tabs.addTab(self.rooms, tr("Sites and &rooms"))
        from .office_server_panel import OfficeServerPanel
        self.office_server = OfficeServerPanel(session)
        self.office_server.moved.connect(self._moved_to_server)
        self.tabs.addTab(self.office_server, tr("&Office server"))
        self._session = session
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr(self.title)))
        layout.addWidget(self.tabs)

    def _moved_to_server(self, message: str) -> None:
        """The data moved: this session's file is closed, so everyone signs in again."""
        if self._session.on_access_ended is not None:
            self._session.on_access_ended(message)

    def drafts(self) -> list[tuple[str, dict]]:
        values = self.staff.draft()
        return [(NEW_ACCOUNT_FORM, values)] if values else []

    def restore_draft(self, form: str, values: dict) -> bool:
        if form != NEW_ACCOUNT_FORM:
            return False
        self.tabs.setCurrentWidget(self.staff)
        self.staff.restore(values)
        return True
