"""Installing on an office PC: where files are found and kept, start-up without a screen or
without Qt's libraries, the About box, and the Windows-only paths (tested with fakes)."""

from __future__ import annotations

import ctypes
import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QToolBar

import sv2desk
from sv2desk import about, install_check, keyring_choice, paths, screen_check
from sv2desk.store import locks
from sv2desk.ui.shell.about_dialog import AboutDialog
from sv2desk.ui.shell.main_window import MainWindow
from ..gui.screens import click, settle, sign_out

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


# -- where things are -------------------------------------------------------------------

def test_resources_come_from_the_source_tree_or_the_package_folder(monkeypatch, tmp_path):
    assert paths.resource("letters", "referrer.txt") == ROOT / "resources/letters/referrer.txt"
    assert paths.resource("letters", "referrer.txt").is_file()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource("fonts", "x.ttf") == tmp_path / "resources" / "fonts" / "x.ttf"
    assert paths.resources() == tmp_path / "resources"


def test_windows_data_goes_in_the_local_not_the_roaming_application_data(monkeypatch):
    import platformdirs.windows
    folders = {"CSIDL_LOCAL_APPDATA": r"C:\Users\ann\AppData\Local",
               "CSIDL_APPDATA": r"C:\Users\ann\AppData\Roaming"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    monkeypatch.delenv("SV2DESK_WORKSPACE", raising=False)
    monkeypatch.delenv("SV2DESK_LOG_DIR", raising=False)
    data = str(paths.default_workspace("win32")).replace("/", "\\")
    assert data == r"C:\Users\ann\AppData\Local\SV2\SV2 Desk\workspace"
    assert str(paths.log_folder("win32")).replace("/", "\\").startswith(
        r"C:\Users\ann\AppData\Local\SV2\SV2 Desk")


def test_linux_data_goes_in_the_persons_own_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SV2DESK_WORKSPACE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert paths.default_workspace("linux") == tmp_path / "share" / "SV2 Desk" / "workspace"
    monkeypatch.setenv("SV2DESK_WORKSPACE", str(tmp_path / "chosen"))
    assert paths.default_workspace("linux") == tmp_path / "chosen"


def test_the_version_is_one_number_everywhere():
    assert importlib.metadata.version("sv2desk") == sv2desk.__version__
    assert about.version_line() == f"SV2 Desk {sv2desk.__version__}"


# -- starting without a screen, or without Qt's libraries -------------------------------

def _program(name: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    clean.update(env)
    return subprocess.run([str(VENV_BIN / name), *args], env=clean, capture_output=True,
                          text=True, timeout=60)


def test_help_and_version_need_no_screen():
    done = _program("sv2desk", "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: sv2desk")
    assert "The data folder on this PC:" in done.stdout and done.stderr == ""
    assert _program("sv2desk", "--version").stdout.strip() == about.version_line()
    assert _program("sv2desk-admin", "--version").stdout.strip() == about.version_line()


def test_no_screen_is_explained_instead_of_qt_aborting(tmp_path):
    done = _program("sv2desk", "--workspace", str(tmp_path / "ws"))
    assert done.returncode == 2
    assert "needs a desktop screen" in done.stderr
    assert "Aborted" not in done.stderr and "qt.qpa" not in done.stderr
    assert not (tmp_path / "ws").exists()


def _loader(missing: set[str]):
    def load(name):
        if name in missing:
            raise OSError(f"{name}: cannot open shared object file")
        return object()
    return load


def test_missing_qt_libraries_are_named_as_debian_packages_to_install():
    load = _loader({"libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libgthread-2.0.so.0",
                    "libglib-2.0.so.0"})
    said = screen_check.problem({"DISPLAY": ":0"}, "linux", load)
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0 libglib2.0-0\n" in said
    assert "could not load the Qt platform plugin" not in said
    assert screen_check.missing_packages(load) == ["libxcb-cursor0", "libxkbcommon-x11-0",
                                                   "libglib2.0-0"]


def test_when_nothing_stops_the_window_nothing_is_said():
    everything = _loader(set())
    assert screen_check.problem({}, "win32", everything) is None
    assert screen_check.problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", everything) is None
    assert screen_check.problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", everything) is None
    assert "needs a desktop screen" in screen_check.problem({}, "linux", everything)


def test_a_screen_that_does_not_answer_is_explained(monkeypatch):
    class NoServer:
        class _Fn:
            def __init__(self, result):
                self.result = result

            def __call__(self, *args):
                return self.result

        def __init__(self):
            self.xcb_connect = self._Fn(1234)
            self.xcb_connection_has_error = self._Fn(1)   # connection refused
            self.xcb_disconnect = self._Fn(None)

    said = screen_check.problem({"DISPLAY": ":99"}, "linux", lambda name: NoServer())
    assert "could not reach the screen it was asked to use (DISPLAY=:99)" in said


def _needed(library: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True,
                         check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def test_every_system_library_qt_x11_support_loads_is_in_the_table():
    """The table cannot fall behind PySide6: every library the xcb plugin and Qt's own
    libraries need, that PySide6 does not bring, is listed with its Debian package."""
    import PySide6
    qt = Path(PySide6.__file__).parent / "Qt"
    bundled = {p.name for p in (qt / "lib").iterdir()}
    base = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libdl.so.2",
            "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2"}
    needed = set(_needed(qt / "plugins/platforms/libqxcb.so"))
    for name in ("XcbQpa", "Gui", "Core", "Widgets", "DBus", "OpenGL"):
        needed.update(_needed(qt / "lib" / f"libQt6{name}.so.6"))
    system = {n for n in needed if n not in bundled and n not in base}
    assert system - set(screen_check.LIBRARIES) == set()


def test_the_libraries_in_the_table_load_here():
    """This machine has Qt's runtime (make test installs it), so nothing is reported."""
    assert screen_check.missing_libraries(ctypes.CDLL) == []


# -- the keyring: which one, on Windows and Linux (fakes) -----------------------------

class _FakeWinVault:
    priority = 5


_FakeWinVault.__module__ = "keyring.backends.Windows"
_FakeWinVault.__name__ = "WinVaultKeyring"


def test_on_windows_the_credential_manager_is_named_and_used():
    found = keyring_choice.describe(
        "win32", _FakeWinVault(), usable=True,
        registered={"keyring.backends.Windows", "keyring.backends.SecretService"},
        importable=lambda name: True)
    assert found.name == "Windows Credential Manager"
    assert found.usable and found.carried == ("keyring.backends.Windows",)
    assert found.backend == "keyring.backends.Windows.WinVaultKeyring"


def test_a_package_without_the_windows_backend_is_caught():
    found = keyring_choice.describe("win32", object(), usable=False,
                                    registered={"keyring.backends.SecretService"},
                                    importable=lambda name: True)
    assert found.carried == () and found.expected == ("keyring.backends.Windows",)


def test_with_no_keyring_binding_is_not_offered(no_keyring):
    found = keyring_choice.describe("linux")
    assert found.name == "no keyring" and not found.usable
    # This installation (the virtual environment) carries the Linux backends.
    assert "keyring.backends.SecretService" in found.carried


def test_a_chain_of_keyrings_is_named_by_the_first():
    class Chain:
        backends = [_FakeWinVault()]
    Chain.__module__ = "keyring.backends.chainer"
    chain = Chain()
    assert keyring_choice.name_of(chain) == "Windows Credential Manager"


# -- Windows file locking (LockFileEx), with a fake kernel32 ----------------------------

class FakeKernel32:
    def __init__(self, grant=True):
        self.calls: list[tuple] = []
        self.grant = grant

    def LockFileEx(self, handle, flags, reserved, low, high, overlapped):  # noqa: N802
        self.calls.append(("lock", handle, flags, low, high,
                           overlapped._obj.Offset))
        return 1 if self.grant else 0

    def UnlockFileEx(self, handle, reserved, low, high, overlapped):  # noqa: N802
        self.calls.append(("unlock", handle, low, high, overlapped._obj.Offset))
        return 1


def test_windows_locks_ask_for_the_right_kind_of_lock_on_the_right_byte():
    kernel = FakeKernel32()
    lock, unlock = locks.windows_locking(kernel, lambda fd: 1000 + fd)
    assert lock(3, exclusive=False, wait=True)                 # shared, waits
    assert lock(3, exclusive=True, wait=False)                 # exclusive, never waits
    assert lock(3, True, True, offset=1)                       # keys.json: second byte
    unlock(3, offset=1)
    assert kernel.calls == [("lock", 1003, 0x0, 1, 0, 0), ("lock", 1003, 0x3, 1, 0, 0),
                            ("lock", 1003, 0x2, 1, 0, 1), ("unlock", 1003, 1, 0, 1)]


def test_a_windows_lock_held_elsewhere_is_reported_not_waited_for():
    lock, _ = locks.windows_locking(FakeKernel32(grant=False), lambda fd: fd)
    assert lock(3, exclusive=True, wait=False) is False


# -- the installation check's reading of letters ----------------------------------------

def test_names_are_found_in_pdf_text_however_it_comes_back():
    # Arabic as a PDF may give it back: presentation forms, drawn right to left.
    shaped = "\ufeaa\ufee4\ufea4\ufee3"           # محمد in presentation forms, reversed
    found = install_check.names_found(f"Dear Zoë Ångström\n{shaped}",
                                      ["Zoë Ångström", "محمد", "Дмитрий"])
    assert found == {"Zoë Ångström": True, "محمد": True, "Дмитрий": False}


# -- the About box ----------------------------------------------------------------------

def test_about_shows_the_version_licence_and_where_the_data_is(qtbot, admin_session,
                                                               folder):
    window = MainWindow(admin_session)
    qtbot.addWidget(window)
    window.show()
    toolbar = window.findChild(QToolBar, "actions")
    click(qtbot, toolbar.widgetForAction(window.about_action))
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None)
    dialog = window.findChild(AboutDialog)
    assert dialog.isVisible() and dialog.windowTitle() == "About SV2 Desk"
    assert dialog.findChild(QLabel, "about_version").text() == f"SV2 Desk {sv2desk.__version__}"
    assert dialog.data_folder.text() == str(folder)
    assert about.LICENCE in dialog.licence.toPlainText()
    assert "Qt and Qt for Python (PySide6): LGPL version 3" in dialog.licence.toPlainText()
    click(qtbot, dialog.copy_button)
    assert QApplication.clipboard().text() == str(folder)
    assert dialog.copy_button.text() == "Copied"


def test_a_package_missing_its_screen_support_says_install_again(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    said = screen_check.problem({"DISPLAY": ":0"}, "linux", _loader(set()))
    assert "incomplete: its screen support (libqxcb.so) is missing. Install SV2 Desk again." \
        in said
