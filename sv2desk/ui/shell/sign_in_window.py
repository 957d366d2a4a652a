"""The sign-in screen, also used as the lock screen. Shows nothing about any client."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
                               QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from ... import errors
from ..common.forms import ERROR_STYLE, heading, password_edit
from ..common.executor import DatabaseExecutor

UNEXPECTED = ("SV2 Desk could not open the data. Nothing has been changed. Try again, and "
              "tell your administrator if it keeps happening.")


def plain_message(exc: BaseException) -> str:
    return exc.message if isinstance(exc, errors.SV2Error) else UNEXPECTED


class SignInWindow(QWidget):
    """Emits ``signed_in(session)``. With ``locked_username`` it is the lock screen."""

    signed_in = Signal(object)
    attempt_finished = Signal()

    def __init__(self, folder: Path, executor: DatabaseExecutor, *,
                 locked_username: str | None = None, locked_name: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.folder = Path(folder)
        self._executor = executor
        self._locked_username = locked_username
        self.setWindowTitle("SV2 Desk — Locked" if locked_username else "SV2 Desk — Sign in")
        self.resize(460, 360)

        self.title = heading("SV2 Desk is locked" if locked_username else "Sign in to SV2 Desk")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        if locked_username:
            self.explain.setText(f"{locked_name} was signed in. Enter your password to carry "
                                 "on, or switch to another person.")

        # password page
        self.username = QLineEdit()
        self.username.setAccessibleName("Username")
        self.password = password_edit("Password")
        self.sign_in_button = QPushButton("Unlock" if locked_username else "&Sign in")
        self.sign_in_button.setDefault(True)
        self.recovery_link = QPushButton("Use the &recovery key instead")
        self.recovery_link.setFlat(True)
        self.switch_user_button = QPushButton("S&witch user")
        password_page = QWidget()
        form = QFormLayout(password_page)
        user_label = QLabel("&Username:")
        user_label.setBuddy(self.username)
        pass_label = QLabel("&Password:")
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
        self.recovery_key.setAccessibleName("Recovery key")
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.recovery_button = QPushButton("&Open with recovery key")
        self.back_button = QPushButton("&Back to password")
        self.back_button.setFlat(True)
        recovery_page = QWidget()
        rform = QFormLayout(recovery_page)
        note = QLabel("Type the recovery key from the recovery sheet. This is for "
                      "administrators: it opens the data so a password can be reset, or "
                      "enrols this PC.")
        note.setWordWrap(True)
        rform.addRow(note)
        key_label = QLabel("Recovery &key:")
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
        self.message.setAccessibleName("Sign-in message")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Signing in")
        self.busy.setMaximumHeight(10)
        self.busy.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addWidget(self.pages)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addStretch()

        self.sign_in_button.clicked.connect(self.submit_password)
        self.password.returnPressed.connect(self.submit_password)
        self.username.returnPressed.connect(self.password.setFocus)
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
        self.title.setText("Sign in to SV2 Desk")
        self.explain.clear()
        self.sign_in_button.setText("&Sign in")
        self.setWindowTitle("SV2 Desk — Sign in")
        self.password.clear()
        self.message.clear()
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

    def submit_password(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.message.setText("Enter your username and password.")
            return
        folder = self.folder

        def sign_in():  # on the database thread, which also imports the services
            from ...services import auth
            return auth.sign_in(folder, username, password)
        self._start(sign_in)

    def submit_recovery_key(self) -> None:
        key = self.recovery_key.text()
        if not key.strip():
            self.message.setText("Type the recovery key.")
            return
        folder = self.folder

        def sign_in():
            from ...services import auth
            return auth.sign_in_with_recovery_key(folder, key)
        self._start(sign_in)

    def _start(self, fn) -> None:
        self.message.setText("")
        self._set_busy(True)
        self._executor.submit(fn, self._succeeded, self._failed)

    def _succeeded(self, session) -> None:
        self._set_busy(False)
        self.password.clear()
        self.recovery_key.clear()
        self.attempt_finished.emit()
        self.signed_in.emit(session)

    def _failed(self, exc) -> None:
        self._set_busy(False)
        self.password.clear()
        self.message.setText(plain_message(exc))
        (self.recovery_key if self.pages.currentIndex() else self.password).setFocus()
        self.attempt_finished.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.pages.currentIndex() == 1:
            self._show_page(0)
            return
        super().keyPressEvent(event)
