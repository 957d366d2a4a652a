"""The main window: navigation by role, toolbar (hide screen, lock, sign out), status bar.

An area appears in the navigation only when it is built and the person's role allows it.
Window titles never contain client names. After SV2 Desk unlocks, the person is put back
where they were, with what they had typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow,
                               QPushButton, QStackedWidget, QToolBar, QVBoxLayout, QWidget)

from ...policy import permissions, roles as role_names
from ..admin.account_page import AccountPage
from ..admin.admin_page import AdminPage
from ..admin.records_page import RecordsPage
from ..casework.caseload_page import CaseloadPage
from ..casework.diary_page import DiaryPage
from ..casework.waiting_list_page import WaitingListPage
from ..casework.referral_page import ReferralPage
from ..common.drafts import KeepsDrafts
from ..common.messages import NOTICE_STYLE
from ..common.operation import Desk, op
from ..common.text import tr
from ..directory.signposting_page import SignpostingPage
from ..review.manager_queue_page import ManagerQueuePage
from ..review.reports_page import ReportsPage
from ..review.returns_page import ReturnsPage

PLACE_FORM = "shell.place"      # where the person was when SV2 Desk locked


@dataclass(frozen=True)
class Area:
    title: str
    roles: frozenset[str]
    build: Callable


CASELOAD = QT_TR_NOOP("My caseload")
NEW_REFERRAL = QT_TR_NOOP("New referral")
DIARY = QT_TR_NOOP("Diary")
WAITING_LIST = QT_TR_NOOP("Waiting list")
RETURNS = QT_TR_NOOP("Funder returns")
MANAGER_QUEUE = QT_TR_NOOP("Manager queue")
REPORTS = QT_TR_NOOP("Reports")
DIRECTORY = QT_TR_NOOP("Signposting directory")
MY_ACCOUNT = QT_TR_NOOP("My account")
RECORDS = QT_TR_NOOP("Records")
ADMINISTRATION = QT_TR_NOOP("Administration")

# Areas in navigation order (titles in English: the key each area is known by).
AREAS: list[Area] = [
    Area(CASELOAD, permissions.CASEWORKERS, CaseloadPage),
    Area(NEW_REFERRAL, permissions.CASEWORKERS, ReferralPage),
    Area(DIARY, permissions.CASEWORKERS, DiaryPage),
    Area(WAITING_LIST, permissions.CASEWORKERS, WaitingListPage),
    Area(MANAGER_QUEUE, permissions.MANAGERS, ManagerQueuePage),
    Area(REPORTS, permissions.MANAGERS, ReportsPage),
    Area(RETURNS, permissions.MANAGERS, ReturnsPage),
    Area(DIRECTORY, permissions.EVERYONE, SignpostingPage),
    Area(MY_ACCOUNT, frozenset(role_names.ALL_ROLES), AccountPage),
    Area(RECORDS, frozenset({role_names.MANAGER, role_names.ADMIN}), RecordsPage),
    Area(ADMINISTRATION, frozenset({role_names.ADMIN}), AdminPage),
]


class _Pages(dict):
    """The areas built so far, by title; asking for one not built yet builds it."""

    def __init__(self, window: "MainWindow"):
        super().__init__()
        self._window = window

    def __missing__(self, title: str) -> QWidget:
        page = self._window._build_area(title)
        if page is None:
            raise KeyError(title)
        self[title] = page
        return page

    def get(self, title: str, default=None):
        try:
            return self[title]
        except KeyError:
            return default

    def __contains__(self, title) -> bool:   # an area this person has, built or not
        return dict.__contains__(self, title) or title in self._window._areas


class MainWindow(QMainWindow):
    lock_requested = Signal()
    sign_out_requested = Signal()
    close_requested = Signal()
    hide_requested = Signal()
    settings_changed = Signal()

    def __init__(self, session, parent: QWidget | None = None, *, desk: Desk | None = None):
        super().__init__(parent)
        self.session = session
        self.desk = desk or Desk.current()
        self.leaving = False
        self.managed = False          # the Shell signs out and closes when this is closed
        self.setWindowTitle("SV2 Desk")
        self.resize(1280, 800)
        # Each area is built when it is first wanted (the first at once, the rest one per
        # turn of the event loop once the window shows), so that signing in never holds
        # the screen still while every area is laid out.
        self.pages: _Pages = _Pages(self)
        self._areas: dict[str, Area] = {}

        self.nav = QListWidget()
        self.nav.setAccessibleName(tr("Areas"))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } "
                               "QListWidget::item { padding: 8px 6px; }")
        self.nav.setWordWrap(True)
        self.stack = QStackedWidget()
        for area in AREAS:
            if area.roles.isdisjoint(session.roles):
                continue
            self._areas[area.title] = area
            self.stack.addWidget(QWidget())          # its place, until it is built
            item = QListWidgetItem(tr(area.title), self.nav)
            item.setData(Qt.ItemDataRole.UserRole, area.title)  # the text may carry a badge
        self._fit_navigation()
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.setCurrentRow(0)
        self.desk.soon(self._build_the_rest)      # the other areas, one per turn (the
                                                  # manager queue first: its badge counts)
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
        self.draft_label.setWordWrap(True)
        self.draft_open = QPushButton(tr("&Open it"))
        self.draft_discard = QPushButton(tr("&Discard it"))
        bar = QHBoxLayout(self.draft_bar)
        bar.addWidget(self.draft_label, 1)
        bar.addWidget(self.draft_open)
        bar.addWidget(self.draft_discard)
        self.draft_bar.hide()
        self.draft_open.clicked.connect(self.open_draft)
        self.draft_discard.clicked.connect(self.discard_draft)
        self._drafts: list = []
        self.recovery_notice = QLabel()
        self.recovery_notice.setObjectName("recovery_notice")
        self.recovery_notice.setWordWrap(True)
        self.recovery_notice.setStyleSheet(f"#recovery_notice {{ {NOTICE_STYLE} }}")
        self.recovery_notice.hide()

        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.nav)
        right = QVBoxLayout()
        right.addWidget(self.recovery_notice)
        right.addWidget(self.draft_bar)
        right.addWidget(self.stack, 1)
        outer.addLayout(right, 1)
        self.setCentralWidget(central)

        toolbar = QToolBar(tr("Actions"))
        toolbar.setObjectName("actions")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        self.hide_action = QAction(tr("Hide screen (F12)"), self)
        self.hide_action.setToolTip(tr("Cover SV2 Desk at once, for example when someone "
                                       "walks in"))
        self.hide_action.triggered.connect(self.hide_requested)
        self.lock_action = QAction(tr("Lock (Ctrl+L)"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock_requested)
        self.sign_out_action = QAction(tr("Sign out"), self)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.about_action = QAction(tr("About"), self)
        self.about_action.setToolTip(tr("Which version this is, its licence, and where the "
                                        "data is"))
        self.about_action.triggered.connect(self.show_about)
        for action in (self.hide_action, self.lock_action, self.sign_out_action,
                       self.about_action):
            toolbar.addAction(action)

        binding = (tr("This data opens only on this PC (bound to it)") if session.bound_to_pc
                   else tr("This data is not bound to this PC"))
        who = session.display_name if not session.via_recovery_key else tr("the recovery key")
        self.status_label = QLabel(tr("Signed in as {who} ({roles})  ·  {binding}").format(
            who=who, roles=role_names.describe(session.roles), binding=binding))
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setObjectName("status_who")
        self.statusBar().addWidget(self.status_label)
        if role_names.ADMIN in session.roles:
            self._check_recovery_key()

    def _fit_navigation(self) -> None:
        """The navigation as wide as its longest area's name (with a badge), within reason."""
        metrics = self.nav.fontMetrics()
        longest = max((metrics.horizontalAdvance(self.nav.item(i).text() + " (99)")
                       for i in range(self.nav.count())), default=120)
        self.nav.setFixedWidth(min(320, max(200, longest + 48)))

    def show_about(self):
        from .about_dialog import AboutDialog
        dialog = AboutDialog(self.session.workspace.folder, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def changed_elsewhere(self, names: list) -> None:
        """Another PC changed cases (or the queue): announced on the desk's one change
        signal, so the screens showing them ask again."""
        from ..common.operation import CASELOAD, QUEUE
        found = set(names) | {QUEUE}
        if any(str(n).startswith("case:") for n in names):
            found.add(CASELOAD)
        self.desk.announce(found)

    def _stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Closing the window signs out through the Shell (drafts kept, the daily backup
        made with its progress), which then quits."""
        if self.watcher is not None:
            self.watcher.stop()
        if self.leaving or not self.managed or not self.session.open:
            self._stop_watching()
            super().closeEvent(event)       # (a window with no Shell just closes)
            return
        event.ignore()
        self.close_requested.emit()

    # -- areas -------------------------------------------------------------------------

    def area_titles(self) -> list[str]:
        return [self.nav.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.nav.count())]

    def set_badge(self, title: str, badge: str) -> None:
        """Show e.g. "Manager queue (3)" in the navigation (no badge when empty)."""
        item = self.nav.item(self.area_titles().index(title))
        item.setText(f"{tr(title)} ({badge})" if badge else tr(title))

    def current_area(self) -> str:
        return self.area_titles()[self.nav.currentRow()]

    def show_area(self, title: str) -> QWidget:
        self.nav.setCurrentRow(self.area_titles().index(title))
        return self.pages[title]

    def _show_row(self, row: int) -> None:
        if row >= 0:
            self.pages.get(self.area_titles()[row])      # built now if it was not yet
            self.stack.setCurrentIndex(row)

    def _build_area(self, title: str) -> QWidget | None:
        area = self._areas.get(title)
        if area is None:
            return None
        page = area.build(self.session)
        index = self.area_titles().index(title)
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if current == index:
            self.stack.setCurrentIndex(index)
        if title == CASELOAD:
            page.review_requested.connect(self.open_review)
        elif title in (NEW_REFERRAL, WAITING_LIST):
            page.case_requested.connect(self.open_case)
        elif title == MANAGER_QUEUE:
            page.case_requested.connect(self.open_case)
            page.badge_changed.connect(lambda text: self.set_badge(MANAGER_QUEUE, text))
        return page

    def _build_the_rest(self) -> None:
        """One more area built, then the next on the following turn of the event loop."""
        import shiboken6
        if not shiboken6.isValid(self):
            return                          # the window went meanwhile (a lock, a sign-out)
        waiting = sorted((title for title in self._areas
                          if not dict.__contains__(self.pages, title)),
                         key=lambda title: title != MANAGER_QUEUE)
        if waiting and not self.leaving:
            self.pages.get(waiting[0])
            self.desk.soon(self._build_the_rest)


    def open_case(self, case_id: int, start_assessment: bool = False) -> None:
        """Show a case in the caseload area (asked for by another area, e.g. New referral)."""
        page = self.pages.get(CASELOAD)
        if page is not None:
            self.show_area(CASELOAD)
            page.open_case(case_id, start_assessment)

    def open_review(self, concern_id: int) -> None:
        """Show a concern's review screen in the manager queue (asked for by the case view)."""
        page = self.pages.get(MANAGER_QUEUE)
        if page is not None:
            self.show_area(MANAGER_QUEUE)
            page.open_review(concern_id)

    # -- the recovery key ----------------------------------------------------------------

    def _check_recovery_key(self) -> None:
        from ...services import settings
        session = self.session

        def said(current) -> None:
            if not current.recovery_key_stored:
                self.recovery_notice.setText(tr(
                    "The recovery key made when SV2 Desk was set up was never confirmed as "
                    "stored. Without it nobody can open the data if every password is "
                    "forgotten. Make a new one with 'sv2desk-admin rekey' (it prints a new "
                    "recovery sheet), or see docs/installing.md."))
                self.recovery_notice.show()
        op(self, lambda: settings.read(session)).success(said).failure(lambda exc: None).run()

    # -- drafts and the place the person was -----------------------------------------------

    def _draft_pages(self) -> list[tuple[str, KeepsDrafts]]:
        return [(title, page) for title, page in self.pages.items()
                if isinstance(page, KeepsDrafts)]

    def open_forms(self, with_place: bool = False) -> list[tuple[str, dict]]:
        """Every unfinished form, as (form name, values), to keep as drafts; with
        ``with_place`` (locking), where the person was too (the area, the case open)."""
        found = []
        for _title, page in self._draft_pages():
            found.extend(page.drafts())
        if not with_place:
            return found
        place = {"area": self.current_area()}
        page = self.stack.currentWidget()
        if hasattr(page, "place"):
            place.update(page.place())
        found.append((PLACE_FORM, place))
        return found

    def offer_drafts(self, resume: bool = True) -> None:
        """After signing in: go back to where the person was, with the form they were
        filling in as they left it; any other unfinished forms are offered in the bar."""
        from ...services import drafts
        session = self.session

        def listed(found) -> None:
            self._drafts = [d for d in found if d.form != PLACE_FORM]
            places = [d for d in found if d.form == PLACE_FORM]
            if resume and places:
                self._resume(places[-1].id, [p.id for p in places[:-1]])
            elif resume and self._drafts:
                self.open_draft()
            else:
                self._show_draft_bar()
        op(self, lambda: drafts.list_own(session)).success(listed).run()

    def _resume(self, place_id: int, stale: list[int]) -> None:
        from ...services import drafts
        session = self.session

        def taken(content) -> None:
            values = content.values if isinstance(content.values, dict) else {}
            area = values.get("area")
            if area in self.pages:
                self.show_area(area)
                page = self.pages[area]
                if hasattr(page, "go_to_place"):
                    page.go_to_place(values)
            if self._drafts:
                self.open_draft()
            else:
                self._show_draft_bar()

        def take():
            for draft_id in stale:
                drafts.discard(session, draft_id)
            return drafts.take(session, place_id)
        op(self, take).success(taken).run()

    def _show_draft_bar(self) -> None:
        if not self._drafts:
            self.draft_bar.hide()
            return
        self.draft_label.setText(tr("You have %n unfinished form(s) from before SV2 Desk "
                                    "locked.", "", len(self._drafts)))
        self.draft_bar.show()

    def open_draft(self) -> None:
        if not self._drafts:
            return
        from ...services import drafts
        session, draft = self.session, self._drafts.pop(0)

        def taken(content) -> None:
            for title, page in self._draft_pages():
                if page.restore_draft(content.form, content.values):
                    self.show_area(title)
                    break
            self._show_draft_bar()
        op(self, lambda: drafts.take(session, draft.id)).success(taken).run()

    def discard_draft(self) -> None:
        if not self._drafts:
            return
        from ...services import drafts
        session, draft = self.session, self._drafts.pop(0)
        op(self, lambda: drafts.discard(session, draft.id)) \
            .success(lambda _: self._show_draft_bar()).run()
