"""The main window: navigation by role, toolbar (hide screen, lock, sign out), status bar.

An area appears in the navigation only when it is built and the person's role
allows it. Window titles never contain client names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow,
                               QPushButton, QStackedWidget, QToolBar, QVBoxLayout, QWidget)

from ..policy import permissions, roles as role_names
from ..services import drafts
from .account_page import AccountPage
from .admin_page import AdminPage
from .caseload_page import CaseloadPage
from .dashboard_page import DashboardPage
from .manager_queue import ManagerQueuePage
from .records_page import RecordsPage
from .referral_form import ReferralPage
from .signposting_page import SignpostingPage


@dataclass(frozen=True)
class Area:
    title: str
    roles: frozenset[str]
    build: Callable


# Areas in navigation order. Later work adds the Manager queue and the Signposting
# directory here as each is built.
AREAS: list[Area] = [
    Area("My caseload", permissions.CASEWORKERS, CaseloadPage),
    Area("New referral", permissions.CASEWORKERS, ReferralPage),
    Area("Manager queue", permissions.MANAGERS, ManagerQueuePage),
    Area("Reports", permissions.MANAGERS, DashboardPage),
    Area("Signposting directory", permissions.EVERYONE, SignpostingPage),
    Area("My account", frozenset(role_names.ALL_ROLES), AccountPage),
    Area("Records", frozenset({role_names.MANAGER, role_names.ADMIN}), RecordsPage),
    Area("Administration", frozenset({role_names.ADMIN}), AdminPage),
]


class MainWindow(QMainWindow):
    lock_requested = Signal()
    sign_out_requested = Signal()
    hide_requested = Signal()
    settings_changed = Signal()

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("SV2 Desk")
        self.resize(1200, 760)
        self.pages: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setAccessibleName("Areas")
        self.nav.setFixedWidth(200)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } "
                               "QListWidget::item { padding: 8px 6px; }")
        self.stack = QStackedWidget()
        for area in AREAS:
            if area.roles.isdisjoint(session.roles):
                continue
            page = area.build(session)
            self.pages[area.title] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(area.title, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, area.title)  # the text may carry a badge
        for title, page in self.pages.items():
            if hasattr(page, "review_requested"):
                page.review_requested.connect(self.open_review)
            if hasattr(page, "badge_changed"):
                page.badge_changed.connect(lambda text, t=title: self.set_badge(t, text))
                self.set_badge(title, page.badge())
            if hasattr(page, "case_requested"):
                page.case_requested.connect(self.open_case)
            if hasattr(page, "case_created"):
                page.case_created.connect(self.case_created)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        # Office server mode: other PCs' changes refresh the queue badge and the caseload.
        self.watcher = None
        if getattr(session.workspace, "kind", "file") == "server":
            from .server_changes import ChangeWatcher
            self.watcher = ChangeWatcher(session, self)
            self.watcher.changed.connect(self.changed_elsewhere)

        self.draft_bar = QWidget()
        self.draft_bar.setObjectName("draft_bar")
        self.draft_bar.setStyleSheet("#draft_bar { background: #fff4ce; }")
        self.draft_label = QLabel()
        self.draft_open = QPushButton("&Open it")
        self.draft_discard = QPushButton("&Discard it")
        bar = QHBoxLayout(self.draft_bar)
        bar.addWidget(self.draft_label, 1)
        bar.addWidget(self.draft_open)
        bar.addWidget(self.draft_discard)
        self.draft_bar.hide()
        self.draft_open.clicked.connect(self.open_draft)
        self.draft_discard.clicked.connect(self.discard_draft)
        self._drafts: list = []

        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.nav)
        right = QVBoxLayout()
        right.addWidget(self.draft_bar)
        right.addWidget(self.stack, 1)
        outer.addLayout(right, 1)
        self.setCentralWidget(central)

        toolbar = QToolBar("Actions")
        toolbar.setObjectName("actions")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        self.hide_action = QAction("Hide screen (F12)", self)
        self.hide_action.setToolTip("Cover SV2 Desk at once, for example when someone walks in")
        self.hide_action.triggered.connect(self.hide_requested)
        self.lock_action = QAction("Lock (Ctrl+L)", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock_requested)
        self.sign_out_action = QAction("Sign out", self)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.about_action = QAction("About", self)
        self.about_action.setToolTip("Which version this is, its licence, and where the data is")
        self.about_action.triggered.connect(self.show_about)
        for action in (self.hide_action, self.lock_action, self.sign_out_action,
                       self.about_action):
            toolbar.addAction(action)

        binding = ("Bound to this PC (keyring second factor active)" if session.bound_to_pc
                   else "Not bound to this PC (no keyring second factor)")
        who = session.display_name if not session.via_recovery_key else "the recovery key"
        self.status_label = QLabel(f"Signed in as {who} ({role_names.describe(session.roles)})"
                                   f"  ·  {binding}")
        self.status_label.setObjectName("status_who")
        self.statusBar().addWidget(self.status_label)

    def changed_elsewhere(self, names: list) -> None:
        """Another PC changed cases (or the queue): the pages that show them ask again."""
        for page in self.pages.values():
            if isinstance(page, ManagerQueuePage):
                page.refresh_count()
            elif isinstance(page, CaseloadPage) and any(n.startswith("case:") for n in names):
                page.list.refresh()

    def closeEvent(self, event):
        if self.watcher is not None:
            self.watcher.stop()
        super().closeEvent(event)

    def show_about(self):
        from .about_dialog import AboutDialog
        dialog = AboutDialog(self.session.workspace.folder, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- areas -------------------------------------------------------------------------

    def area_titles(self) -> list[str]:
        return [self.nav.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.nav.count())]

    def set_badge(self, title: str, badge: str) -> None:
        """Show e.g. "Manager queue (3)" in the navigation (no badge when empty)."""
        item = self.nav.item(self.area_titles().index(title))
        item.setText(f"{title} ({badge})" if badge else title)

    def show_area(self, title: str) -> QWidget:
        self.nav.setCurrentRow(self.area_titles().index(title))
        return self.pages[title]

    def case_created(self, case_id: int) -> None:
        """A new case exists: lists that may show it look again."""
        for page in self.pages.values():
            if hasattr(page, "case_created_elsewhere"):
                page.case_created_elsewhere(case_id)

    def open_case(self, case_id: int, start_assessment: bool = False) -> None:
        """Show a case in the caseload area (asked for by another area, e.g. New referral)."""
        page = self.pages.get("My caseload")
        if page is not None:
            self.show_area("My caseload")
            page.open_case(case_id, start_assessment)

    def open_review(self, concern_id: int) -> None:
        """Show a concern's review screen in the manager queue (asked for by the case view)."""
        page = self.pages.get("Manager queue")
        if page is not None:
            self.show_area("Manager queue")
            page.open_review(concern_id)

    # -- drafts ------------------------------------------------------------------------

    def open_forms(self) -> list[tuple[str, dict]]:
        """Every unfinished form, as (form name, values), to keep as drafts on lock."""
        found = []
        for page in self.pages.values():
            if hasattr(page, "drafts"):
                found.extend(page.drafts())
        return found

    def offer_drafts(self) -> None:
        self._drafts = drafts.list_own(self.session)
        if not self._drafts:
            self.draft_bar.hide()
            return
        count = len(self._drafts)
        self.draft_label.setText(
            "You have an unfinished form from before SV2 Desk locked." if count == 1 else
            f"You have {count} unfinished forms from before SV2 Desk locked.")
        self.draft_bar.show()

    def open_draft(self) -> None:
        if not self._drafts:
            return
        content = drafts.take(self.session, self._drafts[0].id)
        for title, page in self.pages.items():
            if hasattr(page, "restore_draft") and page.restore_draft(content.form, content.values):
                self.show_area(title)
                break
        self.offer_drafts()

    def discard_draft(self) -> None:
        if self._drafts:
            drafts.discard(self.session, self._drafts[0].id)
        self.offer_drafts()
