"""Other PCs' changes, in office server mode: a watcher that waits for the server's change
notices off the UI thread and announces them on one signal, so the manager queue's badge
and the caseload refresh within a second or two of a change made elsewhere."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from ... import errors
from ...services import changes


# Announced each time the watcher starts listening (at first, and again after the server
# was away): whatever another PC changed before then was not heard, so the screens ask again.
SINCE_BEFORE_LISTENING = ["case:*", "queue"]


class ChangeWatcher(QObject):
    """Emits ``changed(list of change names)`` on the UI thread. Stops by itself when the
    session closes, and quietly while the server is away (it listens again after). Each
    time it starts listening it announces ``SINCE_BEFORE_LISTENING`` once, so a change made
    elsewhere between the screens' first reading and the LISTEN is not missed."""

    changed = Signal(list)

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sv2desk-changes", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        listener = None
        while not self._stop.is_set() and self._session.open:
            try:
                if listener is None:
                    listener = changes.listen(self._session)
                    if listener is None:
                        return
                    if not self._stop.is_set():
                        self.changed.emit(list(SINCE_BEFORE_LISTENING))
                heard = listener.wait(1.0)
            except errors.SV2Error:
                if listener is not None:
                    listener.close()
                listener = None
                self._stop.wait(5.0)     # the server is away: listen again in a while
                continue
            if heard and not self._stop.is_set():
                self.changed.emit(sorted(heard))
        if listener is not None:
            listener.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=3)
