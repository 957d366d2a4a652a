"""Operations: every service call a screen makes runs on the one database thread, and its
result comes back to the UI thread through one closure queue (after Anki's CollectionOp and
run_on_main); progress shows after half a second; what an operation changed is announced on
one signal, and the screens showing it refresh.

    op(self, lambda: letters.compose(session, case_id, request)) \\
        .success(self._composed).failure(self._refused) \\
        .changes(case_changed(case_id)).run()

A worker thread never calls a screen's code, never emits a signal and never touches a Qt
object: it only puts a closure on the queue (under a plain lock), which the UI thread drains
every few milliseconds while anything is running.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Any, Callable, Iterable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from ... import errors
from .messages import plain_message

log = logging.getLogger(__name__)

PROGRESS_AFTER_MS = 500     # quicker work never shows a progress box, so nothing flickers
DRAIN_EVERY_MS = 4          # how often the UI thread looks for results while work runs

# What an operation can change (the screens that show it refresh).
CASELOAD = "caseload"        # which cases there are, their stage or worker
QUEUE = "queue"              # the manager queue and its count
FLAGS = "flags"              # the connection check's possible connections
ACCOUNTS = "accounts"        # staff accounts, roles, line managers
DIRECTORY = "directory"      # the signposting directory
SETTINGS = "settings"        # organisation, idle lock
BACKUPS = "backups"          # backups made, the backup folder
RECORDS = "records"          # retention period, cases erased
EVERYTHING = "everything"    # someone else changed the data (another window)


def case_changed(case_id: int) -> str:
    return f"case:{case_id}"


class Changes(frozenset):
    """What an operation changed: a set of the names above and ``case:<id>``."""

    def touches(self, *names: str) -> bool:
        return EVERYTHING in self or any(name in self for name in names)

    def case(self, case_id: int | None) -> bool:
        return case_id is not None and self.touches(case_changed(case_id), CASELOAD)


class _Work(QRunnable):
    def __init__(self, fn: Callable[[], None]):
        super().__init__()
        self._fn = fn

    def run(self) -> None:     # in the database thread
        self._fn()


class Desk(QObject):
    """The one database thread, the closure queue back to the UI thread, and the change
    signal. The Shell owns it; a screen finds it through ``Desk.current()``."""

    changed = Signal(object)            # Changes
    busy_changed = Signal(bool)

    _current: "Desk | None" = None

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)     # one thread for the whole run, never a new one
        self._aside: QThreadPool | None = None     # made when first needed
        self._closures: deque[Callable[[], None]] = deque()
        self._lock = threading.Lock()
        self._running = 0
        self.generation = 0
        self._drainer = QTimer(self)
        self._drainer.setInterval(DRAIN_EVERY_MS)
        self._drainer.timeout.connect(self._drain)

    # -- the one desk ------------------------------------------------------------------

    @classmethod
    def current(cls) -> "Desk":
        """The Shell's desk; one made on first use where there is no Shell (a test that
        builds a screen on its own)."""
        desk = cls._current
        if desk is None or not shiboken6.isValid(desk):
            desk = cls._current = Desk()
        return desk

    def install(self) -> "Desk":
        Desk._current = self
        return self

    # -- the closure queue -------------------------------------------------------------

    def run_on_main(self, closure: Callable[[], None]) -> None:
        """Run ``closure`` on the UI thread soon (callable from any thread: it only appends
        to the queue; the UI thread looks at it while work is running)."""
        with self._lock:
            self._closures.append(closure)

    def soon(self, closure: Callable[[], None]) -> None:
        """Run ``closure`` on a later turn of the event loop (UI thread only): screen work
        split into turns, counted as the desk's until done (so a test's wait covers it)."""
        with self._lock:
            self._closures.append(closure)
        if not self._drainer.isActive():
            self._drainer.start()

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            waiting = len(self._closures)   # what was queued before this turn, no more
        for _ in range(waiting):
            with self._lock:
                if not self._closures:
                    break
                closure = self._closures.popleft()
            try:
                closure()
            except Exception:   # a screen's bug must not stop the queue; no details logged
                log.exception("a screen's handler failed")
        with self._lock:
            if not self._closures and self._running == 0:
                self._drainer.stop()

    # -- work on the database thread ----------------------------------------------------

    def submit(self, fn: Callable[[], Any], done: Callable[[bool, Any], None] | None = None,
               *, alongside: bool = False) -> None:
        """Run ``fn()`` on the database thread; ``done(ok, result or error)`` then runs on
        the UI thread, unless the desk was reset meanwhile (a lock or sign-out).

        With ``alongside``, ``fn`` runs on a second thread instead, so that the work queued
        on the database thread does not wait behind it: only for a long read-only job that
        keeps a connection of its own (the page check after signing in)."""
        with self._lock:
            self._running += 1
            first = self._running == 1
        if first:
            self.busy_changed.emit(True)
        if not self._drainer.isActive():
            self._drainer.start()
        generation = self.generation

        def work() -> None:   # in the database thread: only the queue is touched from here
            try:
                outcome = (True, fn())
            except BaseException as exc:    # handed to the UI thread
                outcome = (False, exc)
            self.run_on_main(lambda: self._finished(generation, done, outcome))

        self._aside_pool().start(_Work(work)) if alongside else self._pool.start(_Work(work))

    def _aside_pool(self) -> QThreadPool:
        if self._aside is None:
            self._aside = QThreadPool(self)
            self._aside.setMaxThreadCount(1)
        return self._aside

    def _finished(self, generation: int, done, outcome) -> None:
        with self._lock:
            self._running -= 1
            last = self._running == 0
        if last:
            self.busy_changed.emit(False)
        if done is not None and generation == self.generation:
            done(*outcome)

    def idle(self) -> bool:
        """Nothing running and nothing waiting to be handed back."""
        with self._lock:
            return self._running == 0 and not self._closures

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the database thread is free (at a lock, sign-out or close), then
        hand back what it finished. False if it was still busy after ``msecs``."""
        finished = self._pool.waitForDone(msecs)
        if self._aside is not None:
            finished = self._aside.waitForDone(msecs) and finished
        self._drain()
        return finished

    def forget_pending(self) -> None:
        """Results of work begun before now are dropped (the session they belong to is
        being closed)."""
        self.generation += 1

    def announce(self, changes: Iterable[str]) -> None:
        found = Changes(changes)
        if found:
            self.changed.emit(found)


class Operation:
    """One service call run on the database thread. Build it with ``op(...)``, add what to
    do with the result, then ``run()``."""

    _in_flight: set[tuple[int, str]] = set()

    def __init__(self, parent: QWidget | None, call: Callable[..., Any], *,
                 progress: str | None = None, key: str = "", alongside: bool = False):
        self.parent = parent
        self._alongside = alongside
        self._call = call
        self._progress_label = progress
        self._key = (id(parent), key) if key else None
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._changes: set[str] = set()
        self._changes_from: Callable[[Any], Iterable[str]] | None = None
        self._box = None
        self._display = None
        self._timer: QTimer | None = None
        self._latest: tuple[float, str] | None = None
        self._progress_lock = threading.Lock()
        self.desk = Desk.current()

    def success(self, fn: Callable[[Any], None]) -> "Operation":
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> "Operation":
        self._on_failure = fn
        return self

    def changes(self, *names: str, result: Callable[[Any], Iterable[str]] | None = None
                ) -> "Operation":
        """What a successful run changed (``result`` works it out from the result)."""
        self._changes.update(names)
        self._changes_from = result
        return self

    def shown_in(self, display) -> "Operation":
        """Show progress in ``display`` (with ``set_progress(fraction, message)`` and
        ``finish()``) from the start, instead of a box after half a second."""
        self._display = display
        return self

    def run(self) -> "Operation | None":
        """Start it; None when the same operation is still running for this screen (a
        second click on a button that has not finished yet)."""
        if self._key is not None:
            if self._key in Operation._in_flight:
                return None
            Operation._in_flight.add(self._key)
        call = self._call
        if self._progress_label is not None:
            report = self.report
            work = lambda: call(report)   # noqa: E731
        else:
            work = call
        if self._display is not None:
            self._box = self._display
        else:
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_progress)
            self._timer.start(PROGRESS_AFTER_MS)
        self.desk.submit(work, self._done, alongside=self._alongside)
        return self

    # -- progress ------------------------------------------------------------------------

    def report(self, fraction: float, message: str = "") -> None:
        """Called by the service, in the database thread: the newest figure is shown."""
        with self._progress_lock:
            first = self._latest is None
            self._latest = (float(fraction), str(message))
        if first:
            self.desk.run_on_main(self._show_latest)

    def _show_latest(self) -> None:
        with self._progress_lock:
            latest, self._latest = self._latest, None
        if latest is not None and self._box is not None and shiboken6.isValid(self._box):
            self._box.set_progress(*latest)

    def _show_progress(self) -> None:
        from .progress_dialog import ProgressDialog
        if self.parent is not None and not shiboken6.isValid(self.parent):
            return
        window = self.parent.window() if self.parent is not None else None
        self._box = ProgressDialog(self._progress_label or "Working…", window)
        self._box.show()

    # -- the result ----------------------------------------------------------------------

    def _done(self, ok: bool, value: Any) -> None:
        if self._key is not None:
            Operation._in_flight.discard(self._key)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._box is not None:
            if shiboken6.isValid(self._box):
                self._box.finish()
            self._box = None
        if self.parent is not None and not shiboken6.isValid(self.parent):
            return      # the screen went meanwhile (for example, the window was locked)
        if ok:
            if self._on_success is not None:
                self._on_success(value)
            changes = set(self._changes)
            if self._changes_from is not None:
                changes.update(self._changes_from(value))
            self.desk.announce(changes)
            return
        if isinstance(value, errors.AccessEnded):
            return      # the Shell returns to the sign-in window and says why
        if not isinstance(value, errors.SV2Error):
            log.warning("an operation failed unexpectedly (%s)", type(value).__name__)
        if self._on_failure is not None:
            self._on_failure(value)
        else:
            show_failure(self.parent, value)


def op(parent: QWidget | None, call: Callable[..., Any], *, progress: str | None = None,
       key: str = "", alongside: bool = False) -> Operation:
    """An operation for ``parent`` (the screen asking). With ``progress`` (the words shown
    after half a second) the call is given a ``report(fraction, message)`` to pass on to
    the service. With ``key``, a second run while the first is going is ignored. With
    ``alongside``, it runs beside the database thread (Desk.submit): a read-only job with
    a connection of its own."""
    return Operation(parent, call, progress=progress, key=key, alongside=alongside)


def show_failure(parent: QWidget | None, exc: BaseException) -> None:
    """The default for an operation with no failure handler: a plain message box."""
    from PySide6.QtWidgets import QMessageBox
    if parent is not None and not shiboken6.isValid(parent):
        return
    box = QMessageBox(QMessageBox.Icon.Warning, "SV2 Desk", plain_message(exc),
                      QMessageBox.StandardButton.Ok,
                      parent.window() if parent is not None else None)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
