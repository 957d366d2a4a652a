"""The sign-in screen, also used as the lock screen. Shows nothing about any client.

After a few wrong passwords SV2 Desk makes the person wait (policy/signin.py): the window
warns before the try that starts the wait, and counts the wait down.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
                               QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from ... import errors
from ...policy import signin as signin_policy
from ..common.fields import password_edit
from ..common.messages import ERROR_STYLE, UNEXPECTED_OPENING, heading, plain_message, words
from ..common.operation import op
from ..common.text import tr


def opening_message(exc: BaseException) -> str:
    return plain_message(exc, UNEXPECTED_OPENING)


class SignInWindow(QWidget):
    """Emits ``signed_in(session)``. With ``locked_username`` it is the lock screen."""

    signed_in = Signal(object)
    attempt_finished = Signal()

    def __init__(self, folder: Path, *, locked_username: str | None = None,
                 locked_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.folder = Path(folder)
        self._locked_username = locked_username
        self._wrong: dict[str, int] = {}        # wrong passwords typed here, per username
        self._wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.setWindowTitle(tr("SV2 Desk — Locked") if locked_username
                            else tr("SV2 Desk — Sign in"))
        self.resize(520, 380)

        self.title = heading(tr("SV2 Desk is locked") if locked_username
                             else tr("Sign in to SV2 Desk"))
        self.explain = words()
        self.explain.setTextFormat(Qt.TextFormat.PlainText)
        if locked_username:
            self.explain.setText(tr("{name} was signed in. Enter your password to carry on, "
                                    "or switch to another person.").format(name=locked_name))

        # password page
        self.username = QLineEdit()
        self.username.setAccessibleName(tr("Username"))
        self.username.setMaxLength(200)
        self.password = password_edit(tr("Password"))
        self.sign_in_button = QPushButton(tr("Unlock") if locked_username else tr("&Sign in"))
        self.sign_in_button.setDefault(True)
        self.recovery_link = QPushButton(tr("Use the &recovery key instead"))
        self.recovery_link.setFlat(True)
        self.switch_user_button = QPushButton(tr("S&witch user"))
        password_page = QWidget()
        form = QFormLayout(password_page)
        user_label = QLabel(tr("&Username:"))
        user_label.setBuddy(self.username)
        pass_label = QLabel(tr("&Password:"))
        pass_label.setBuddy(self.password)
        form.addRow(user_label, self.username)
        form.addRow(pass_label, self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_in_button)
        buttons.addStretch()
        buttons.addWidget(self.switch_user_button)
        buttons.addWidget(self.recovery_link)
        form.addRow(buttons)

        # recovery key page
        self.recovery_key = QLineEdit()
        self.recovery_key.setAccessibleName(tr("Recovery key"))
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.recovery_key.setMaxLength(200)
        self.recovery_button = QPushButton(tr("&Open with recovery key"))
        self.back_button = QPushButton(tr("&Back to password"))
        self.back_button.setFlat(True)
        recovery_page = QWidget()
        rform = QFormLayout(recovery_page)
        rform.addRow(words(tr("Type the recovery key from the recovery sheet. This is for "
                              "administrators: it opens the data so a password can be "
                              "reset, or enrols this PC.")))
        key_label = QLabel(tr("Recovery &key:"))
        key_label.setBuddy(self.recovery_key)
        rform.addRow(key_label, self.recovery_key)
        rbuttons = QHBoxLayout()
        rbuttons.addWidget(self.recovery_button)
        rbuttons.addStretch()
        rbuttons.addWidget(self.back_button)
        rform.addRow(rbuttons)

        self.pages = QStackedWidget()
        self.pages.addWidget(password_page)
        self.pages.addWidget(recovery_page)

        self.message = QLabel()
        self.message.setObjectName("sign_in_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setAccessibleName(tr("Sign-in message"))
        self.warning = QLabel()
        self.warning.setObjectName("sign_in_warning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(tr("Signing in"))
        self.busy.setMaximumHeight(10)
        self.busy.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addWidget(self.pages)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.warning)
        layout.addStretch()

        self.sign_in_button.clicked.connect(self.submit_password)
        self.password.returnPressed.connect(self.submit_password)
        self.username.returnPressed.connect(self.password.setFocus)
        self.username.textEdited.connect(self._username_changed)
        self.recovery_link.clicked.connect(lambda: self._show_page(1))
        self.back_button.clicked.connect(lambda: self._show_page(0))
        self.recovery_button.clicked.connect(self.submit_recovery_key)
        self.recovery_key.returnPressed.connect(self.submit_recovery_key)
        self.switch_user_button.clicked.connect(self.switch_user)
        self._apply_lock_mode()

    def _apply_lock_mode(self) -> None:
        locked = self._locked_username is not None
        self.username.setText(self._locked_username or "")
        self.username.setReadOnly(locked)
        self.switch_user_button.setVisible(locked)
        self.recovery_link.setVisible(not locked)
        (self.password if locked else self.username).setFocus()

    def switch_user(self) -> None:
        self._locked_username = None
        self.title.setText(tr("Sign in to SV2 Desk"))
        self.explain.clear()
        self.sign_in_button.setText(tr("&Sign in"))
        self.setWindowTitle(tr("SV2 Desk — Sign in"))
        self.password.clear()
        self.message.clear()
        self._stop_countdown()
        self._apply_lock_mode()

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.message.clear()
        (self.recovery_key if index else self.username).setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.sign_in_button, self.recovery_button, self.password,
                       self.recovery_key, self.switch_user_button):
            widget.setEnabled(not busy)
        if not busy and self._wait_left:
            self.sign_in_button.setEnabled(False)

    def submit_password(self) -> None:
        if self._wait_left or self.busy.isVisible():
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.message.setText(tr("Enter your username and password."))
            return
        folder = self.folder

        def sign_in():  # on the database thread, which also imports the services
            from ...services import auth
            return auth.sign_in(folder, username, password)
        self._start(sign_in)

    def submit_recovery_key(self) -> None:
        key = self.recovery_key.text()
        if not key.strip():
            self.message.setText(tr("Type the recovery key."))
            return
        folder = self.folder

        def sign_in():
            from ...services import auth
            return auth.sign_in_with_recovery_key(folder, key)
        self._start(sign_in)

    def _start(self, fn) -> None:
        self.message.setText("")
        self._set_busy(True)
        op(self, fn).success(self._succeeded).failure(self._failed).run()

    def _succeeded(self, session) -> None:
        self._set_busy(False)
        self.password.clear()
        self.recovery_key.clear()
        self.warning.hide()
        self.attempt_finished.emit()
        self.signed_in.emit(session)

    def _failed(self, exc) -> None:
        self._set_busy(False)
        self.password.clear()
        self.message.setText(opening_message(exc))
        if isinstance(exc, errors.WrongPassword) and self.pages.currentIndex() == 0:
            self._count_wrong(self.username.text().strip())
        elif isinstance(exc, errors.TooManyAttempts):
            self._start_countdown(exc.wait_seconds)
        (self.recovery_key if self.pages.currentIndex() else self.password).setFocus()
        self.attempt_finished.emit()

    # -- the wait after wrong passwords -------------------------------------------------

    def _count_wrong(self, username: str) -> None:
        """Warn before the try that starts a wait; start the countdown once it has."""
        wrong = self._wrong[username.casefold()] = self._wrong.get(username.casefold(), 0) + 1
        free = signin_policy.FREE_ATTEMPTS
        if wrong == free - 1:
            self.warning.setText(tr(
                "Take care: after one more wrong password SV2 Desk makes you wait {wait} "
                "before the next try. If you have forgotten it, ask an administrator to "
                "reset it.").format(wait=self._seconds(signin_policy.wait_after(free))))
            self.warning.show()
        elif wrong >= free:
            self._start_countdown(signin_policy.wait_after(wrong))

    @staticmethod
    def _seconds(seconds: int) -> str:
        if seconds < 120:
            return tr("%n second(s)", "", seconds)
        return tr("%n minute(s)", "", (seconds + 59) // 60)

    def _start_countdown(self, seconds: int) -> None:
        self._wait_left = max(1, int(seconds))
        self.sign_in_button.setEnabled(False)
        self._show_wait()
        self._countdown.start()

    def _show_wait(self) -> None:
        self.warning.setText(tr("Too many wrong passwords. You can try again in {wait}.")
                             .format(wait=self._seconds(self._wait_left)))
        self.warning.show()

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left > 0:
            self._show_wait()
            return
        self._stop_countdown()
        self.warning.setText(tr("You can try again now."))
        self.warning.show()
        self.message.clear()

    def _stop_countdown(self) -> None:
        self._countdown.stop()
        self._wait_left = 0
        self.sign_in_button.setEnabled(not self.busy.isVisible())

    def _username_changed(self) -> None:
        """Another person's account: the wait shown was for the one typed before."""
        if self._wait_left:
            self._stop_countdown()
            self.warning.hide()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape and self.pages.currentIndex() == 1:
            self._show_page(0)
            return
        super().keyPressEvent(event)
