"""The application's front door and frame: set-up, sign-in, main window, lock and hide.

    no workspace ──► set-up wizard ──► main window
    workspace ─────► sign-in ────────► main window ──(idle / Ctrl+L)──► lock screen
                                                   ◄──(same password)──┘ or switch user
    main window ──(sign out / close)──► the daily backup, with its progress ──► sign-in / quit

The Shell owns the only Desk: the one database thread every operation runs on.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from ... import errors
from ...policy.signin import DEFAULT_IDLE_LOCK_MINUTES
from ...services.workspace_files import workspace_exists
from ..common.messages import plain_message
from ..common.operation import Desk, op
from ..common.text import tr
from . import window_places
from .privacy import IdleWatcher, ScreenHider
from .sign_in_window import SignInWindow

# The rest of the application (services, database, main window) is imported after the
# sign-in window is showing, on the database thread, so the window appears quickly.
HEAVY_MODULES = ("sv2desk.services.auth", "sv2desk.services.drafts", "sv2desk.services.settings",
                 "sv2desk.services.backups", "sv2desk.ui.shell.main_window")
CLOSING_WAIT_MS = 600_000   # closing waits this long at most for the backup to finish

log = logging.getLogger(__name__)


def _preload() -> None:
    import importlib
    for name in HEAVY_MODULES:
        importlib.import_module(name)
    # The password-strength estimator loads its word lists on first use (a tenth of a
    # second): here, not when someone first types a new password.
    from ...policy import signin as signin_policy
    signin_policy.password_strength("warming the estimator up", ())


class Shell(QObject):
    """Owns whichever top-level window is showing, the session, idle lock and hiding."""

    main_window_shown = Signal(object)
    locked = Signal()
    signed_out = Signal(object)     # what the daily backup did (services.backups), or None
    # An administrator turned the account off or took a role away (from any thread).
    access_ended = Signal(str)

    def __init__(self, folder: Path, *, idle_ms: int | None = None, kdf=None, quit=None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._quit = quit or QApplication.quit      # a test passes its own
        self.folder = Path(folder)
        self.desk = Desk(self).install()
        self.hider = ScreenHider(self)
        self._idle_override = idle_ms
        self._kdf = kdf
        self.session = None
        self.window: QWidget | None = None
        self.notice = None
        self.closing = None          # the window showing the daily backup at sign-out
        self.page_check = None       # the page check after signing in to large data
        self.idle = IdleWatcher(idle_ms or DEFAULT_IDLE_LOCK_MINUTES * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.access_ended.connect(self._end_access)

    @property
    def executor(self) -> Desk:      # the name screens and tools used before
        return self.desk

    # -- windows -------------------------------------------------------------------------

    def start(self) -> QWidget:
        if workspace_exists(self.folder):
            window = self.show_sign_in()
            self.desk.submit(_preload)
            return window
        from .setup_wizard import SetupWizard
        wizard = SetupWizard(self.folder, kdf=self._kdf)
        wizard.completed.connect(self._signed_in)
        wizard.join_requested.connect(lambda: self._join_server(wizard))
        return self._show(wizard)

    def _join_server(self, wizard) -> None:
        """First run on a PC joining the office server: once enrolled, the sign-in."""
        from .enrol_dialog import EnrolDialog
        self.enrol_dialog = EnrolDialog(self.folder, wizard)

        def joined():
            window = self.show_sign_in()
            window.message.setText(tr("This PC now uses the office server. Sign in with "
                                      "your usual user name and password."))
        self.enrol_dialog.enrolled.connect(joined)
        self.enrol_dialog.open()

    def _show(self, window: QWidget, *, placed: bool = False) -> QWidget:
        old = self.window
        self.window = window
        self.hider.add_shortcut(window)
        if not placed:
            window_places.centre(window)
            window.show()
        if old is not None and old is not window:
            old.close()
            old.deleteLater()
        # Then the new window has the keyboard (Ctrl+L, F12, typing): made active after the
        # old one has gone, which would otherwise take the activation with it.
        window.raise_()
        window.activateWindow()
        return window

    def show_sign_in(self, locked_username: str | None = None, locked_name: str = ""):
        window = SignInWindow(self.folder, locked_username=locked_username,
                              locked_name=locked_name)
        window.signed_in.connect(self._signed_in)
        return self._show(window)

    def _signed_in(self, session) -> None:
        from .main_window import MainWindow
        self.session = session
        session.on_access_ended = self.access_ended.emit
        log.info("signed in (account %s)", session.account_id)
        try:
            window = MainWindow(session, desk=self.desk)
        except errors.SV2Error as exc:  # for example a damaged page read while building it
            self._damaged(exc)
            return
        window.lock_requested.connect(self.lock)
        window.sign_out_requested.connect(self.sign_out)
        window.close_requested.connect(self.close_application)
        window.managed = True
        window.hide_requested.connect(self.hider.toggle)
        window.settings_changed.connect(self._apply_idle_setting)
        window_places.restore(window, session.workspace.slots.workspace_id,
                              session.account_id)
        self._show(window, placed=True)
        self._apply_idle_setting()
        self.idle.start()
        window.offer_drafts()
        if session.notices:   # a file set aside, the audit trail's protection put back...
            from ..admin.backups_panel import show_notice
            self.notice = show_notice("\n\n".join(session.notices))
        from ...services import auth
        if auth.pages_need_checking(session):
            # Every page of large data is checked after signing in, on a read-only
            # connection of its own beside the database thread: the first page of cases
            # (queued on the database thread meanwhile) does not wait for it (issue 19).
            self.page_check = op(window, lambda: auth.check_pages(session), alongside=True) \
                .failure(self._damaged).run()
        self.main_window_shown.emit(window)

    def _damaged(self, exc) -> None:
        """The page check after signing in found damage: close the data and say so."""
        log.warning("the page check after signing in failed")
        message = plain_message(exc)
        session = self.session
        self._leave_main_window()
        self.session = None
        if session is not None and session.open:
            from ...services import auth

            def close():
                try:
                    auth.sign_out(session)
                except Exception:  # the damage may stop the sign-out being recorded
                    pass
                finally:
                    session.close()
            self.desk.submit(close)
        window = self.show_sign_in()
        window.message.setText(message)

    def _end_access(self, message: str) -> None:
        """The account was changed by an administrator while signed in: close everything
        and return to the sign-in window, saying why."""
        session = self.session
        if session is None or not session.open:
            return
        log.info("access ended by an administrator's change")
        self._leave_main_window()
        self.session = None
        from ...services import auth

        def close():
            try:
                auth.sign_out(session)
            finally:
                session.close()
        self.desk.submit(close)
        window = self.show_sign_in()
        window.message.setText(message)

    def _apply_idle_setting(self) -> None:
        if self._idle_override is not None or self.session is None:
            return
        from ...services import settings
        session = self.session
        op(self.window, lambda: settings.read(session).idle_lock_minutes) \
            .success(lambda minutes: self.idle.set_interval(minutes * 60_000)) \
            .failure(lambda exc: None).run()

    # -- leaving: lock, sign out, close --------------------------------------------------

    def _leave_main_window(self, *, keep_place: bool = False) -> list[tuple[str, dict]]:
        """Take what was typed (to keep as drafts; with ``keep_place``, where the person was
        too, to go back there after unlocking), then close every view of the data at once:
        nothing is left on screen while the session is closed behind it."""
        from .main_window import MainWindow
        self.idle.stop()
        self.hider.show_all()
        kept: list[tuple[str, dict]] = []
        window = self.window
        if isinstance(window, MainWindow):
            kept = window.open_forms(with_place=keep_place)
            if self.session is not None:
                window_places.remember(window, self.session.workspace.slots.workspace_id,
                                       self.session.account_id)
        self.desk.forget_pending()      # answers to work begun for the old screens: dropped
        for other in QApplication.topLevelWidgets():
            if other is not window and other is not self.closing and other.isVisible():
                other.close()
        if isinstance(window, MainWindow):
            window.leaving = True
            window.hide()
        return kept

    def _keep_drafts(self, session, kept) -> None:   # on the database thread
        from ...services import drafts
        for form, values in kept:
            try:
                drafts.save(session, form, values)
            except errors.SV2Error:
                log.warning("a draft could not be kept")

    def lock(self) -> None:
        """Keep unfinished forms as drafts, close every view, drop the key, show the lock
        screen. The screen comes at once; the key is dropped on the database thread
        (before anything typed on the lock screen is tried)."""
        session = self.session
        if session is None or not session.open:
            return
        locked_username = None if session.via_recovery_key else session.username
        locked_name = session.display_name
        kept = self._leave_main_window(keep_place=True)
        self.session = None
        from ...services import auth

        def lock_now():
            self._keep_drafts(session, kept)
            auth.lock(session)
        self.desk.submit(lock_now)
        log.info("locked")
        self.show_sign_in(locked_username, locked_name)
        self.locked.emit()

    def sign_out(self) -> None:
        """Sign out; an unfinished form is kept as a draft for next time. The daily backup
        is made first, with its progress on screen."""
        self._finish_session(then_quit=False)

    def close_application(self) -> None:
        """The main window was closed: keep drafts, make the daily backup (it can be left to
        finish: SV2 Desk closes by itself afterwards), sign out, quit."""
        self._finish_session(then_quit=True)

    def _finish_session(self, *, then_quit: bool) -> None:
        session = self.session
        if session is None or not session.open:
            if then_quit:
                self._quit()
            else:
                self.show_sign_in()
            return
        kept = self._leave_main_window()
        self.session = None
        from .closing_window import ClosingWindow
        self.closing = ClosingWindow(then_quit)
        self._show(self.closing)
        from ...services import auth, backups

        def finish(report):
            self._keep_drafts(session, kept)
            try:
                outcome = backups.automatic_if_due(session, progress=report)
            except Exception as exc:   # never stops a sign-out; logged without details
                log.warning("the automatic backup did not run (%s)", type(exc).__name__)
                outcome = None
            auth.sign_out(session)
            return outcome

        done = lambda outcome: self._finished(outcome, then_quit)   # noqa: E731
        operation = op(self.closing, finish, progress=tr("Making the daily backup…"))
        operation.success(done).failure(lambda exc: done(None))
        operation.shown_in(self.closing)
        operation.run()

    def _finished(self, outcome, then_quit: bool) -> None:
        if outcome is not None and outcome.outcome in ("unavailable", "failed"):
            log.warning("automatic backup: %s", outcome.outcome)
        log.info("closed" if then_quit else "signed out")
        self.signed_out.emit(outcome)
        if then_quit:
            if self.closing is not None:
                self.closing.close()
            self._quit()
            return
        window = self.show_sign_in()
        self.closing = None
        if outcome is not None and outcome.outcome in ("unavailable", "failed"):
            window.message.setText(outcome.message)

    def shutdown(self) -> None:
        """The application is ending (or a test is done): finish what the database thread
        is doing, and if someone is still signed in, keep drafts and sign out."""
        self.desk.wait(CLOSING_WAIT_MS)
        session = self.session
        if session is not None and session.open:
            kept = self._leave_main_window()
            self.session = None
            from ...services import auth

            def finish():
                self._keep_drafts(session, kept)
                try:
                    from ...services import backups
                    backups.automatic_if_due(session)
                except Exception as exc:
                    log.warning("the automatic backup did not run (%s)", type(exc).__name__)
                auth.sign_out(session)
            self.desk.submit(finish)
            self.desk.wait(CLOSING_WAIT_MS)
            log.info("closed")
