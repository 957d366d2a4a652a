"""The real program (sv2desk's own main) signed in, signed out and closed from the sign-in
window: it ends cleanly, with no warning from Qt on the way out (it used to print "QObject:
shared QObject was deleted directly. The program is malformed and may crash.")."""

from __future__ import annotations

import os
import subprocess
import sys

from sv2desk.services import auth

from ..support.workspaces import ADMIN_PASSWORD, make_workspace

CHILD = r"""
import os, sys
from PySide6.QtCore import QTimer
from sv2desk.ui import app as app_module
from sv2desk.ui.shell import shell as shell_module

class Scripted(shell_module.Shell):
    def start(self):
        window = super().start()
        QTimer.singleShot(50, self._sign_in)
        return window

    def _sign_in(self):
        window = self.window
        window.username.setText("admin")
        window.password.setText(os.environ["SV2DESK_TEST_PASSWORD"])
        self.main_window_shown.connect(lambda main: QTimer.singleShot(200, self.sign_out))
        self.signed_out.connect(lambda *_: setattr(self, "signed_out_seen", True))
        self.signed_out.connect(lambda *_: QTimer.singleShot(200, lambda: self.window.close()))
        window.attempt_finished.connect(lambda: QTimer.singleShot(2000, self._stuck))
        window.submit_password()

    def _stuck(self):
        if self.session is None and not self.signed_out_seen:
            print("not signed in:", self.window.message.text(), flush=True)
            os._exit(3)

    signed_out_seen = False

shell_module.Shell = Scripted
sys.exit(app_module.main(["--workspace", os.environ["SV2DESK_TEST_FOLDER"]]))
"""


def test_closing_after_signing_out_ends_cleanly_without_a_qt_warning(tmp_path):
    folder = tmp_path / "workspace"
    auth.sign_out(make_workspace(folder).session)    # nothing of it left open here
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SV2DESK_TEST_FOLDER=str(folder),
               SV2DESK_TEST_PASSWORD=ADMIN_PASSWORD, SV2DESK_CONFIG_DIR=str(tmp_path / "cfg"),
               SV2DESK_LOG_DIR=str(tmp_path / "logs"))
    child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, text=True,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
    try:
        out, _ = child.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        child.kill()
        out, _ = child.communicate()
        raise AssertionError(f"SV2 Desk did not close: {out[-3000:]}")
    said = [line for line in out.splitlines()
            if line.strip() and not line.startswith("This plugin does not support")]
    assert child.returncode == 0, said
    assert said == []
    assert any(p.suffix == ".log" or p.name.startswith("sv2desk")
               for p in (tmp_path / "logs").iterdir())      # it did run and sign in
