"""The application's front door and frame: set-up, sign-in, main window, lock and hide.

    no workspace ──► set-up wizard ──► main window
    workspace ─────► sign-in ────────► main window ──(idle / Ctrl+L)──► lock screen
                                                   ◄──(same password)──┘ or switch user
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from .. import errors
from ..policy.signin import DEFAULT_IDLE_LOCK_MINUTES
from ..services.workspace_files import workspace_exists
from .privacy import IdleWatcher, ScreenHider
from .sign_in import SignInWindow
from .tasks import DatabaseExecutor

# The rest of the application (services, database, main window) is imported after the
# sign-in window is showing, on the database thread, so the window appears quickly.
HEAVY_MODULES = ("sv2desk.services.auth", "sv2desk.services.drafts", "sv2desk.services.settings",
                 "sv2desk.ui.main_window")


def _preload() -> None:
    import importlib
    for name in HEAVY_MODULES:
        importlib.import_module(name)

log = logging.getLogger(__name__)


class Shell(QObject):
    """Owns whichever top-level window is showing, the session, idle lock and hiding."""

    main_window_shown = Signal(object)
    locked = Signal()
    # An administrator turned the account off or took a role away (from any thread).
    access_ended = Signal(str)

    def __init__(self, folder: Path, *, idle_ms: int | None = None, kdf=None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.folder = Path(folder)
        self.executor = DatabaseExecutor(self)
        self.hider = ScreenHider(self)
        self._idle_override = idle_ms
        self._kdf = kdf
        self.session = None
        self.window: QWidget | None = None
        self.idle = IdleWatcher(idle_ms or DEFAULT_IDLE_LOCK_MINUTES * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.access_ended.connect(self._end_access)

    # -- windows -------------------------------------------------------------------------

    def start(self) -> QWidget:
        if workspace_exists(self.folder):
            window = self.show_sign_in()
            self.executor.submit(_preload)
            return window
        from .setup_wizard import SetupWizard
        wizard = SetupWizard(self.executor, self.folder, kdf=self._kdf)
        wizard.completed.connect(self._signed_in)
        wizard.join_requested.connect(lambda: self._join_server(wizard))
        return self._show(wizard)

    def _join_server(self, wizard) -> None:
        """First run on a PC joining the office server: once enrolled, the sign-in."""
        from .enrol_dialog import EnrolDialog
        self.enrol_dialog = EnrolDialog(self.executor, self.folder, wizard)

        def joined():
            window = self.show_sign_in()
            window.message.setText("This PC now uses the office server. Sign in with your "
                                   "usual user name and password.")
        self.enrol_dialog.enrolled.connect(joined)
        self.enrol_dialog.open()

    def _show(self, window: QWidget) -> QWidget:
        old = self.window
        self.window = window
        self.hider.add_shortcut(window)
        window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        return window

    def show_sign_in(self, locked_username: str | None = None, locked_name: str = ""):
        window = SignInWindow(self.folder, self.executor, locked_username=locked_username,
                              locked_name=locked_name)
        window.signed_in.connect(self._signed_in)
        return self._show(window)

    def _signed_in(self, session) -> None:
        from .main_window import MainWindow
        self.session = session
        session.on_access_ended = self.access_ended.emit
        log.info("signed in (account %s)", session.account_id)
        try:
            window = MainWindow(session)
        except errors.SV2Error as exc:  # for example a damaged page read while building it
            self._damaged(exc)
            return
        window.lock_requested.connect(self.lock)
        window.sign_out_requested.connect(self.sign_out)
        window.hide_requested.connect(self.hider.toggle)
        window.settings_changed.connect(self._apply_idle_setting)
        self._show(window)
        self._apply_idle_setting()
        self.idle.start()
        window.offer_drafts()
        if session.notices:   # a file set aside, the audit trail's protection put back...
            from .backup_tab import show_notice
            self.notice = show_notice("\n\n".join(session.notices))
        from ..services import auth
        if auth.pages_need_checking(session):
            self.executor.submit(lambda: auth.check_pages(session), None, self._damaged)
        self.main_window_shown.emit(window)

    def _damaged(self, exc) -> None:
        """The page check after signing in found damage: close the data and say so."""
        from .sign_in import plain_message
        log.warning("the page check after signing in failed")
        message = plain_message(exc)
        session = self.session
        if session is not None and session.open:
            from ..services import auth
            try:
                self._close_session(auth.sign_out)
            except Exception:  # the damage may stop the sign-out being recorded
                pass
            finally:
                session.close()
                self.session = None
        window = self.show_sign_in()
        window.message.setText(message)

    def _end_access(self, message: str) -> None:
        """The account was changed by an administrator while signed in: close everything
        and return to the sign-in window, saying why."""
        session = self.session
        if session is None or not session.open:
            return
        log.info("access ended by an administrator's change")
        self.idle.stop()
        self.hider.show_all()
        for window in QApplication.topLevelWidgets():
            if window is not self.window and window.isVisible():
                window.close()
        from ..services import auth
        try:
            auth.sign_out(session)
        finally:
            session.close()
            self.session = None
        window = self.show_sign_in()
        window.message.setText(message)

    def _apply_idle_setting(self) -> None:
        if self._idle_override is None and self.session is not None:
            from ..services import settings
            minutes = settings.read(self.session).idle_lock_minutes
            self.idle.set_interval(minutes * 60_000)

    # -- lock, sign out ------------------------------------------------------------------

    def lock(self) -> None:
        """Keep unfinished forms as drafts, close every view, drop the key, show the lock screen."""
        session = self.session
        if session is None or not session.open:
            return
        locked_username = None if session.via_recovery_key else session.username
        locked_name = session.display_name
        from ..services import auth
        self._close_session(auth.lock)
        log.info("locked")
        self.show_sign_in(locked_username, locked_name)
        self.locked.emit()

    def _close_session(self, close) -> None:
        from ..services import drafts
        from .main_window import MainWindow
        session = self.session
        self.idle.stop()
        self.hider.show_all()
        for window in QApplication.topLevelWidgets():
            if window is not self.window and window.isVisible():
                window.close()
        if isinstance(self.window, MainWindow):
            for form, values in self.window.open_forms():
                try:
                    drafts.save(session, form, values)
                except errors.SV2Error:
                    log.warning("a draft could not be kept")
        close(session)
        self.session = None

    def sign_out(self) -> None:
        """Sign out; an unfinished form is kept as a draft for next time."""
        backup = None
        if self.session is not None and self.session.open:
            from ..services import auth
            backup = self._automatic_backup()
            self._close_session(auth.sign_out)
            log.info("signed out")
        window = self.show_sign_in()
        if backup is not None and backup.outcome in ("unavailable", "failed"):
            window.message.setText(backup.message)

    def _automatic_backup(self):
        """The daily backup (at most once a day; nothing when no backup folder is set)."""
        from .backup_tab import automatic_backup
        return automatic_backup(self.executor, self.session)

    def shutdown(self) -> None:
        """Closing the application: keep drafts and sign out, so nothing is lost."""
        self.executor.wait()
        if self.session is not None and self.session.open:
            from ..services import auth
            self._automatic_backup()
            self._close_session(auth.sign_out)
            log.info("closed")
