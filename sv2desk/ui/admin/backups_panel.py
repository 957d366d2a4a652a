"""Administration → Backups: the backup folder, "Back up now" with its progress, the
backups in the folder, and restoring one (restore_panel.py). The automatic backup at
sign-out and when SV2 Desk closes is the Shell's (with its own progress window).

Every call runs as an operation on the one database thread; a backup reports its progress
to the screen as it goes, so SV2 Desk stays usable meanwhile.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QGroupBox, QLabel, QMessageBox,
                               QProgressBar, QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from ... import errors
from ...policy import backups as rotation
from ...services import backups
from ...services.backups import KEEP_DAYS as _KEEP_DAYS
from ..common.field_errors import FieldErrors
from ..common.layout import row
from ..common.messages import NOTICE_STYLE, MessageLine, plain_message, words
from ..common.operation import BACKUPS, Changes, Desk, op
from ..common.tables import fill, read_only_table
from ..common.text import tr
from .restore_panel import RestorePanel

log = logging.getLogger(__name__)

COLUMNS = (QT_TR_NOOP("Made"), QT_TR_NOOP("Size"), QT_TR_NOOP("Kept as"), QT_TR_NOOP("File"))
KEPT_COLUMNS = (QT_TR_NOOP("Kept since"), QT_TR_NOOP("What it is"),
                QT_TR_NOOP("Removed after"), QT_TR_NOOP("Size"))
KINDS = {"daily": QT_TR_NOOP("daily"), "weekly": QT_TR_NOOP("weekly"),
         "monthly": QT_TR_NOOP("monthly")}


def describe_size(size: int) -> str:
    if size >= 1_000_000:
        return tr("{size:.1f} MB").format(size=size / 1_000_000)
    return tr("{size} KB").format(size=max(1, round(size / 1000)))


def describe_status(state: backups.BackupStatus) -> str:
    if state.last_made_at is None:
        return tr("No backup has been made yet.")
    made = state.last_made_at.astimezone().strftime("%a %d %b %Y at %H:%M")
    return tr("Last backup: {made}.").format(made=made) + " " + (
        tr("Changes have been made since then that are not backed up yet: they will be at "
           "the next sign-out, or press Back up now.") if state.changes_not_backed_up else
        tr("Nothing has changed since then."))


def kinds(found: list[backups.BackupInfo]) -> dict:
    """Which backups the rotation keeps as the day's, the week's and the month's newest."""
    local = {b.path: b.created_at.astimezone() for b in found}
    times = list(local.values())
    groups = (("daily", rotation._newest_per(times, lambda t: t.date(), rotation.KEEP_DAILY)),
              ("weekly", rotation._newest_per(times, lambda t: t.isocalendar()[:2],
                                              rotation.KEEP_WEEKLY)),
              ("monthly", rotation._newest_per(times, lambda t: (t.year, t.month),
                                               rotation.KEEP_MONTHLY)))
    return {path: ", ".join(tr(KINDS[name]) for name, kept in groups if moment in kept)
            for path, moment in local.items()}


def look_up_backups(session):
    """On the database thread: everything the tab shows."""
    return (backups.get_settings(session), backups.list_backups(session),
            backups.status(session), backups.kept_copies(session))


class BackupsPanel(QWidget):
    """Administrators only (the services check it too)."""

    COLUMNS = COLUMNS
    backup_finished = Signal(object)     # BackupMade, or the error
    restored = Signal(object)            # Restored: the data changed, sign out

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.found: list[backups.BackupInfo] = []

        self.message = MessageLine("backup_message", NOTICE_STYLE)
        self.message.setAccessibleName(tr("Backup message"))
        self.errors = FieldErrors(self.message)
        # Chosen with the button, never typed: shown as words, not as a box to type in.
        self.folder = QLabel()
        self.folder.setObjectName("backup_folder")
        self.folder.setTextFormat(Qt.TextFormat.PlainText)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setAccessibleName(tr("Backup folder"))
        self.folder.setWordWrap(True)
        self.folder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.folder.setMinimumWidth(380)
        choose = QPushButton(tr("&Choose folder…"))
        choose.clicked.connect(self.choose_folder)
        self.choose_button = choose
        self.rotation = words()
        folder_box = QGroupBox(tr("Where backups go"))
        form = QFormLayout(folder_box)
        self.errors.add_row(form, tr("Backup &folder:"), "folder",
                            row(self.folder, choose, stretch=False))
        form.addRow("", words(tr("Choose a USB drive or a network share, not this PC's own "
                                 "disk. A backup opens only with the recovery key or an "
                                 "administrator's password.")))
        form.addRow(tr("Kept:"), self.rotation)

        self.backup_button = QPushButton(tr("&Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(tr("Backup progress"))
        self.progress.hide()
        self.step = QLabel()
        self.step.setObjectName("backup_step")

        self.status = words()
        self.status.setAccessibleName(tr("Backup status"))
        self.table = read_only_table([tr(c) for c in COLUMNS], tr("Backups in the backup "
                                                                  "folder"))
        self.table.itemSelectionChanged.connect(self._selected)
        list_box = QGroupBox(tr("Backups in the folder"))
        inner = QVBoxLayout(list_box)
        inner.addWidget(self.status)
        inner.addWidget(row(self.backup_button, self.progress, self.step))
        inner.addWidget(self.message)
        inner.addWidget(self.table)

        self.restore = RestorePanel(session)
        self.restore.restored.connect(self._after_restore)

        self.kept = read_only_table([tr(c) for c in KEPT_COLUMNS],
                                    tr("Copies of the data kept on this PC"), stretch=1)
        self.kept.setMaximumHeight(140)
        kept_box = QGroupBox(tr("Copies kept on this PC for a while"))
        kept_layout = QVBoxLayout(kept_box)
        kept_layout.addWidget(words(tr(
            "Kept for {days} days, just in case, then removed. They are encrypted like the "
            "data, and an erasure removes them at once (they hold what is erased).").format(
                days=_KEEP_DAYS)))
        kept_layout.addWidget(self.kept)

        layout = QVBoxLayout(self)
        layout.addWidget(folder_box)
        layout.addWidget(list_box, 1)
        layout.addWidget(kept_box)
        layout.addWidget(self.restore)
        Desk.current().changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.touches(BACKUPS):
            self.refresh()

    # -- folder and list -----------------------------------------------------------------

    def refresh(self) -> None:
        session = self._session
        op(self, lambda: look_up_backups(session)).success(lambda found: self._show(*found)) \
            .failure(lambda exc: self.message.problem(plain_message(exc))).run()

    def _show(self, current, found, state, copies) -> None:
        if current.folder:
            self.folder.setText(str(current.folder))
            self.folder.setStyleSheet("")
        else:
            self.folder.setText(tr("No backup folder chosen yet."))
            self.folder.setStyleSheet("color: palette(mid); font-style: italic;")
        self._folder = str(current.folder) if current.folder else ""
        self.rotation.setText(current.rotation[0].upper() + current.rotation[1:] + ".")
        self.found = list(found)
        kept = kinds(self.found)
        fill(self.table, [(info.created_at.astimezone().strftime("%a %d %b %Y, %H:%M"),
                           describe_size(info.size), kept.get(info.path, ""), info.path.name)
                          for info in self.found])
        self.status.setText(describe_status(state))
        fill(self.kept, [(copy.made_at.astimezone().strftime("%a %d %b %Y, %H:%M"),
                          copy.description, copy.remove_after.astimezone().strftime("%d %b %Y"),
                          describe_size(copy.size)) for copy in copies])

    _folder = ""

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("Choose the backup folder"),
                                                self._folder)
        if path:
            self.set_folder(path)

    def set_folder(self, path) -> None:
        session = self._session

        def chosen(_result) -> None:
            self.errors.clear()
            self.message.done(tr("Backups will go to this folder."))
        op(self, lambda: backups.set_folder(session, path), key="folder") \
            .success(chosen).failure(self.errors.failed).changes(BACKUPS).run()

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.found):
            self.restore.choose(self.found[rows[0].row()].path)

    def _after_restore(self, result) -> None:
        """Signed out for the restore (done or not): back to the sign-in screen."""
        if isinstance(result, BaseException):
            text = tr("The backup was not restored: {why}\n\nYou have been signed out. Sign "
                      "in again to carry on with the data as it was.").format(
                          why=plain_message(result))
        else:
            text = tr("The backup has been restored. The data that was there before is kept, "
                      "renamed, in {where}.\n\nSign in again with your password as it was "
                      "when the backup was made.").format(
                          where=result.set_aside.name if result.set_aside
                          else tr("its folder"))
        show_notice(text)
        self.restored.emit(result)
        window = self.window()
        if hasattr(window, "sign_out_requested"):
            window.sign_out_requested.emit()

    # -- back up now ---------------------------------------------------------------------

    def back_up_now(self) -> None:
        if not self._folder:
            self.errors.show({"folder": tr("Choose a backup folder first.")})
            return
        self.errors.clear()
        self.backup_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.step.setText(tr("Starting the backup…"))
        session = self._session
        op(self, lambda report: backups.create(session, progress=report),
           progress=tr("Making a backup…"), key="backup").shown_in(self) \
            .success(self._backed_up).failure(self._backup_failed).changes(BACKUPS).run()

    # the operation shows its progress here, not in a box of its own
    def set_progress(self, fraction: float, message: str = "") -> None:
        self.progress.show()
        self.progress.setValue(round(100 * max(0.0, min(1.0, fraction))))
        self.step.setText(message)

    def finish(self) -> None:
        self.backup_button.setEnabled(True)

    def _backed_up(self, made) -> None:
        self.progress.setValue(100)
        self.step.setText(tr("Done."))
        at = made.backup.created_at.astimezone().strftime("%H:%M")
        self.message.done(tr("Backup made at {time} ({size}). Keep the drive somewhere "
                             "safe.").format(time=at, size=describe_size(made.backup.size)))
        self.backup_finished.emit(made)

    def _backup_failed(self, exc) -> None:
        self.progress.hide()
        self.step.setText("")
        if isinstance(exc, errors.ValidationError):
            self.errors.failed(exc)
        elif isinstance(exc, OSError):
            self.message.problem(tr("The backup could not be written to that folder (is the "
                                    "drive full, read-only or unplugged?). No backup was "
                                    "made."))
        else:
            self.message.problem(plain_message(exc))
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
