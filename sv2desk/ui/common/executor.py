"""Running slow work (key derivation, opening the data) off the UI thread.

One single-thread pool runs all database work, so access is serialised; the
result comes back to the UI thread by a queued signal to a main-thread object.
"""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class Task(QObject):
    """One piece of background work. Emits ``succeeded(result)`` or ``failed(error)``."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, fn: Callable, parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn

    def _run(self) -> None:  # in the worker thread
        try:
            result = self._fn()
        except Exception as exc:  # handed to the UI thread, which shows the plain message
            log.info("background task ended with %s", type(exc).__name__)
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


class DatabaseExecutor(QObject):
    """A single background thread for everything that touches the database."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def submit(self, fn: Callable, on_success: Callable | None = None,
               on_failure: Callable | None = None) -> Task:
        """Run ``fn()`` in the background. Callbacks run in the UI thread."""
        task = Task(fn, self)
        if on_success is not None:
            task.succeeded.connect(on_success)
        if on_failure is not None:
            task.failed.connect(on_failure)
        task.finished.connect(self._forget)
        self._running.add(task)
        self._pool.start(_Runnable(task))
        return task

    @Slot()
    def _forget(self) -> None:
        task = self.sender()
        self._running.discard(task)

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
