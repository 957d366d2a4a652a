"""Administration: staff accounts (staff_panel), settings (settings_panel), backups
(backups_panel), the diary's sites and rooms (rooms_panel) and the office server
(office_server_panel), one tab each; each tab but the first built when first shown."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..common.lazy_tabs import LazyTabs, TabBuiltWhenShown
from ..common.messages import heading
from ..common.text import tr
from .backups_panel import BackupsPanel
from .rooms_panel import RoomsPanel
from .settings_panel import SettingsPanel
from .staff_panel import NEW_ACCOUNT_FORM, StaffPanel


def _office_server_panel(session):
    from .office_server_panel import OfficeServerPanel
    return OfficeServerPanel(session)


class AdminPage(LazyTabs, QWidget):
    title = QT_TR_NOOP("Administration")

    settings = TabBuiltWhenShown(1, QT_TR_NOOP("Se&ttings"), SettingsPanel)
    backups = TabBuiltWhenShown(2, QT_TR_NOOP("&Backups"), BackupsPanel)
    rooms = TabBuiltWhenShown(3, QT_TR_NOOP("Sites and &rooms"), RoomsPanel)
    office_server = TabBuiltWhenShown(4, QT_TR_NOOP("&Office server"), _office_server_panel)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.staff = StaffPanel(session)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.staff, tr("&Staff accounts"))
        self.add_tab_places()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr(self.title)))
        layout.addWidget(self.tabs)

    def tab_built(self, name: str, panel: QWidget) -> None:
        if name == "office_server":
            panel.moved.connect(self._moved_to_server)

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
