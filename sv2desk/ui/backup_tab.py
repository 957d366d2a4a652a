"""Administration → Backups: the backup folder, "Back up now" with its progress, the
backups in the folder, and restoring one (restore_box.py). Also the automatic backup
the shell runs at sign-out and when SV2 Desk closes.

Backups run on a background DatabaseExecutor; progress comes back to the screen by a
queued signal (the worker never touches a widget), so SV2 Desk stays usable meanwhile.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QGroupBox, QLabel, QLineEdit, QMessageBox,
                               QProgressBar, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget)

from .. import errors
from ..policy import backups as rotation
from ..services import backups
from ..services.backups import KEEP_DAYS as _KEEP_DAYS
from .forms import NOTICE_STYLE, FieldErrors, MessageLine, read_only_table, row
from .restore_box import RestoreBox
from .sign_in import plain_message
from .tasks import DatabaseExecutor

log = logging.getLogger(__name__)

AUTOMATIC_WAIT_MS = 120_000   # sign-out waits at most this long for the daily backup


class ProgressRelay(QObject):
    """Carries ``progress(fraction, message)`` from the worker thread to the screen."""

    changed = Signal(float, str)

    def __call__(self, fraction: float, message: str) -> None:   # in the worker thread
        self.changed.emit(float(fraction), str(message))


def describe_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def describe_status(state: backups.BackupStatus) -> str:
    if state.last_made_at is None:
        return "No backup has been made yet."
    made = state.last_made_at.astimezone().strftime("%a %d %b %Y at %H:%M")
    return (f"Last backup: {made}. " + (
        "Changes have been made since then that are not backed up yet: they will be at the "
        "next sign-out, or press Back up now." if state.changes_not_backed_up else
        "Nothing has changed since then."))


def kinds(found: list[backups.BackupInfo]) -> dict:
    """Which backups the rotation keeps as the day's, the week's and the month's newest."""
    local = {b.path: b.created_at.astimezone() for b in found}
    times = list(local.values())
    groups = (("daily", rotation._newest_per(times, lambda t: t.date(), rotation.KEEP_DAILY)),
              ("weekly", rotation._newest_per(times, lambda t: t.isocalendar()[:2],
                                              rotation.KEEP_WEEKLY)),
              ("monthly", rotation._newest_per(times, lambda t: (t.year, t.month),
                                               rotation.KEEP_MONTHLY)))
    return {path: ", ".join(name for name, kept in groups if when in kept)
            for path, when in local.items()}


class BackupTab(QWidget):
    """Administrators only (the services check it too)."""

    COLUMNS = ("Made", "Size", "Kept as", "File")
    backup_finished = Signal(object)     # BackupMade, or the error
    restored = Signal(object)            # Restored: the data changed, sign out

    def __init__(self, session, executor: DatabaseExecutor | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.executor = executor or DatabaseExecutor(self)
        self.found: list[backups.BackupInfo] = []
        self.relay = ProgressRelay(self)
        self.relay.changed.connect(self._progress)

        self.errors = FieldErrors()
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText("No backup folder chosen")
        self.folder.setAccessibleName("Backup folder")
        choose = QPushButton("&Choose folder…")
        choose.clicked.connect(self.choose_folder)
        self.rotation = QLabel()
        self.rotation.setWordWrap(True)
        folder_box = QGroupBox("Where backups go")
        form = QFormLayout(folder_box)
        self.errors.add_row(form, "Backup &folder:", "folder", row(self.folder, choose))
        self.folder.setMinimumWidth(380)
        form.addRow("", QLabel("Choose a USB drive or a network share, not this PC's own "
                               "disk. A backup opens only with the recovery key or an "
                               "administrator's password."))
        form.addRow("Kept:", self.rotation)

        self.backup_button = QPushButton("&Back up now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Backup progress")
        self.progress.hide()
        self.step = QLabel()
        self.message = MessageLine("backup_message", NOTICE_STYLE)
        self.message.setAccessibleName("Backup message")

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Backup status")
        self.table = read_only_table(self.COLUMNS, "Backups in the backup folder")
        self.table.itemSelectionChanged.connect(self._selected)
        list_box = QGroupBox("Backups in the folder")
        inner = QVBoxLayout(list_box)
        inner.addWidget(self.status)
        inner.addWidget(row(self.backup_button, self.progress, self.step))
        inner.addWidget(self.message)
        inner.addWidget(self.table)

        self.restore = RestoreBox(session, self.executor, self.relay)
        self.restore.restored.connect(self._after_restore)

        self.kept = read_only_table(("Kept since", "What it is", "Removed after", "Size"),
                                    "Copies of the data kept on this PC")
        self.kept.setMaximumHeight(140)
        kept_box = QGroupBox("Copies kept on this PC for a while")
        kept_layout = QVBoxLayout(kept_box)
        note = QLabel(f"Kept for {_KEEP_DAYS} days, just in case, then removed. They "
                      "are encrypted like the data, and an erasure removes them at once "
                      "(they hold what is erased).")
        note.setWordWrap(True)
        kept_layout.addWidget(note)
        kept_layout.addWidget(self.kept)

        layout = QVBoxLayout(self)
        layout.addWidget(folder_box)
        layout.addWidget(list_box, 1)
        layout.addWidget(kept_box)
        layout.addWidget(self.restore)
        self.refresh()

    # -- folder and list -----------------------------------------------------------------

    def refresh(self) -> None:
        current = backups.get_settings(self._session)
        self.folder.setText(str(current.folder) if current.folder else "")
        self.rotation.setText(current.rotation[0].upper() + current.rotation[1:] + ".")
        self.found = backups.list_backups(self._session)
        kept = kinds(self.found)
        self.table.setRowCount(len(self.found))
        for r, info in enumerate(self.found):
            made = info.created_at.astimezone().strftime("%a %d %b %Y, %H:%M")
            for c, value in enumerate((made, describe_size(info.size), kept.get(info.path, ""),
                                       info.path.name)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.status.setText(describe_status(backups.status(self._session)))
        copies = backups.kept_copies(self._session)
        self.kept.setRowCount(len(copies))
        for r, copy in enumerate(copies):
            for c, value in enumerate((copy.made_at.astimezone().strftime("%a %d %b %Y, %H:%M"),
                                       copy.description,
                                       copy.remove_after.astimezone().strftime("%d %b %Y"),
                                       describe_size(copy.size))):
                self.kept.setItem(r, c, QTableWidgetItem(value))
        self.kept.resizeColumnsToContents()

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Choose the backup folder",
                                                self.folder.text())
        if path:
            self.set_folder(path)

    def set_folder(self, path) -> bool:
        try:
            backups.set_folder(self._session, path)
        except errors.ValidationError as exc:
            self.errors.show(exc.fields)
            return False
        self.errors.clear()
        self.message.setText("Backups will go to this folder.")
        self.refresh()
        return True

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.found):
            self.restore.choose(self.found[rows[0].row()].path)

    def _after_restore(self, result) -> None:
        """Signed out for the restore (done or not): back to the sign-in screen."""
        if isinstance(result, BaseException):
            text = ("The backup was not restored: " + plain_message(result) + "\n\nYou have "
                    "been signed out. Sign in again to carry on with the data as it was.")
        else:
            text = ("The backup has been restored. The data that was there before is kept, "
                    f"renamed, in {result.set_aside.name if result.set_aside else 'its folder'}."
                    "\n\nSign in again with your password as it was when the backup was made.")
        show_notice(text)
        self.restored.emit(result)
        window = self.window()
        if hasattr(window, "sign_out_requested"):
            window.sign_out_requested.emit()

    # -- back up now ---------------------------------------------------------------------

    def back_up_now(self) -> None:
        if not self.folder.text():
            self.errors.show({"folder": "Choose a backup folder first."})
            return
        self.errors.clear()
        self.message.clear()
        self.backup_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.step.setText("Starting the backup…")
        session, relay = self._session, self.relay
        self.executor.submit(lambda: backups.create(session, progress=relay),
                             self._backed_up, self._backup_failed)

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.show()
        self.progress.setValue(round(100 * max(0.0, min(1.0, fraction))))
        self.step.setText(message)

    def _backed_up(self, made) -> None:
        self.backup_button.setEnabled(True)
        self.progress.setValue(100)
        self.step.setText("")
        when = made.backup.created_at.astimezone().strftime("%H:%M")
        self.message.setText(f"Backup made at {when} ({describe_size(made.backup.size)}). "
                             "Keep the drive somewhere safe.")
        self.refresh()
        self.backup_finished.emit(made)

    def _backup_failed(self, exc) -> None:
        self.backup_button.setEnabled(True)
        self.progress.hide()
        self.step.setText("")
        if isinstance(exc, errors.ValidationError):
            self.errors.show(exc.fields)
        elif isinstance(exc, OSError):
            self.message.setText("The backup could not be written to that folder (is the "
                                 "drive full, read-only or unplugged?). No backup was made.")
        else:
            self.message.setText(plain_message(exc))
        self.refresh()
        self.backup_finished.emit(exc)


_NOTICES: list = []   # kept until closed: the window that asked may be gone by then


def show_notice(text: str) -> QMessageBox:
    """A message that outlives the main window (shown, not waited for)."""
    box = QMessageBox(QMessageBox.Icon.Information, "SV2 Desk", text)
    box.setModal(False)
    box.finished.connect(lambda _=0, b=box: _NOTICES.remove(b) if b in _NOTICES else None)
    _NOTICES.append(box)
    box.show()
    return box


# -- the automatic backup (called by the shell) -----------------------------------------------

def automatic_backup(executor: DatabaseExecutor, session,
                     wait_ms: int = AUTOMATIC_WAIT_MS) -> backups.AutomaticBackup | None:
    """Run the daily backup on the database thread and wait for it (at most ``wait_ms``).
    Returns what happened, or None when it could not be run or did not finish in time."""
    result: list = []

    def work():
        try:
            result.append(backups.automatic_if_due(session, now=datetime.now().astimezone()))
        except Exception as exc:   # never stops a sign-out; logged without details
            log.warning("the automatic backup did not run (%s)", type(exc).__name__)

    executor.submit(work)
    if not executor.wait(wait_ms):
        log.warning("the automatic backup is taking too long; not waiting for it")
        return None
    outcome = result[0] if result else None
    if outcome is not None and outcome.outcome in ("unavailable", "failed"):
        log.warning("automatic backup: %s", outcome.outcome)
    return outcome
