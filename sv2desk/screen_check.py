"""Before Qt starts on Linux: is there a screen, and are the libraries Qt's X11 support needs here?

Without this, a PC missing one small system library (or started from a terminal with no
screen) gets Qt's raw "could not load the Qt platform plugin ... Aborted". Instead SV2
Desk says in plain words what is wrong and which Debian packages to install.

``python -m sv2desk.screen_check`` prints the Debian packages this PC is missing (one
a line; nothing when none are), for ``make run`` to install.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path
from typing import Callable, Mapping

# The system libraries Qt's xcb platform plugin and Qt's own libraries load (the rest, such
# as ICU, come with PySide6), and the Debian package that holds each. A test reads the
# plugin's real dependencies, so this cannot quietly fall behind a PySide6 upgrade.
LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libzstd.so.1": "libzstd1",
    "libz.so.1": "zlib1g",
}

# Platforms that draw nowhere (tests, checks) need neither a screen nor X11's libraries.
NO_SCREEN_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")

Loader = Callable[[str], object]


def _load(name: str):
    return ctypes.CDLL(name)


def missing_libraries(load: Loader = _load) -> list[str]:
    """The libraries in LIBRARIES that this PC cannot load."""
    missing = []
    for name in LIBRARIES:
        try:
            load(name)
        except OSError:
            missing.append(name)
    return missing


def missing_packages(load: Loader = _load) -> list[str]:
    """The Debian packages to install for the missing libraries (each once, in order)."""
    return list(dict.fromkeys(LIBRARIES[name] for name in missing_libraries(load)))


def _display_answers(load: Loader) -> bool:
    """True when the X server named by $DISPLAY accepts a connection (asked through libxcb)."""
    xcb = load("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(None, None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)


def packaged_x11_plugin() -> Path | None:
    """Where a packaged SV2 Desk keeps Qt's X11 plugin (None when run from source)."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(getattr(sys, "_MEIPASS", "")) / "PySide6/Qt/plugins/platforms/libqxcb.so"


def problem(env: Mapping[str, str] | None = None, system: str | None = None,
            load: Loader = _load) -> str | None:
    """What stops SV2 Desk's windows from showing on this PC, in plain words; None if nothing."""
    env = os.environ if env is None else env
    system = system or sys.platform
    if not system.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if platform in NO_SCREEN_PLATFORMS:
        return None
    has_x11 = bool(env.get("DISPLAY"))
    if not has_x11 and not env.get("WAYLAND_DISPLAY"):
        return ("SV2 Desk needs a desktop screen to show its windows, and none was found "
                "(this looks like a terminal without a desktop, for example over SSH). "
                "Start SV2 Desk from the desktop's menu or a terminal on the desktop. "
                "'sv2desk --help' and 'sv2desk-admin' work without a screen.")
    if not has_x11 or platform.startswith("wayland"):
        return None   # Wayland without X11: Qt's own Wayland support, nothing to check here
    plugin = packaged_x11_plugin()
    if plugin is not None and not plugin.is_file():
        return ("This installation of SV2 Desk is incomplete: its screen support "
                f"({plugin.name}) is missing. Install SV2 Desk again.")
    packages = missing_packages(load)
    if packages:
        return ("SV2 Desk cannot show its windows yet: this PC is missing some system "
                "libraries that its screen support (Qt on X11) needs. Ask whoever looks "
                "after this PC to install these Debian/Ubuntu packages, then start SV2 Desk "
                "again:\n\n    sudo apt-get install " + " ".join(packages) + "\n")
    if not _display_answers(load):
        return (f"SV2 Desk could not reach the screen it was asked to use "
                f"(DISPLAY={env.get('DISPLAY')}). Start it from the desktop's menu or a "
                "terminal on the desktop, or check that the desktop session is still running.")
    return None


if __name__ == "__main__":
    for package in missing_packages():
        print(package)
