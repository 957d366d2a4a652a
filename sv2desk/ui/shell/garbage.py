"""Python's cyclic garbage collector run on the GUI thread only.

Left to itself, the collector runs in whichever thread happens to allocate, the database
thread included, and may then destroy Qt objects from the wrong thread, which can crash
the program (seen once in the test suite). As calibre and pyqtgraph do, automatic
collection is switched off and a timer on the GUI thread collects each generation when its
threshold is reached.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    INTERVAL_MS = 500

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                break

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()
