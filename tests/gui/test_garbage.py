"""The cyclic garbage collector runs on the GUI thread only (sv2desk/ui/garbage.py)."""

from __future__ import annotations

import gc
import threading

from sv2desk.ui.shell.garbage import GuiThreadCollector


class Cycle:
    def __init__(self):
        self.me = self


def test_cycles_are_collected_by_the_gui_threads_timer_and_never_automatically(qtbot):
    gc.enable()                 # as the application starts (the test fixture turns it off)
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()
        collected_in = []
        gc.callbacks.append(lambda phase, info: phase == "start" and collected_in.append(
            threading.current_thread()))
        # More than the youngest generation's threshold (signing in raises it for the whole
        # process: sv2desk/collector.py), so a collection falls due while that thread runs.
        many = 2 * collector.thresholds[0]
        made = threading.Thread(target=lambda: [Cycle() for _ in range(many)])
        made.start()
        made.join()
        assert collected_in == []                    # nothing collected on that thread
        qtbot.waitUntil(lambda: bool(collected_in), timeout=5000)
        assert set(collected_in) == {threading.main_thread()}
    finally:
        gc.callbacks.pop()
        collector.stop()
    assert gc.isenabled()
    gc.disable()                # back as the test fixture had it
