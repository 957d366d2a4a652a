"""Where SV2 Desk finds its own files and keeps its data on this PC, installed or from source.

Every file SV2 Desk ships (templates, fonts, postcode districts, the directory seed,
icons) is found through :func:`resource`, which knows whether it runs from a source
checkout or from a packaged (PyInstaller) folder. The data and log folders come from
platformdirs, so they are the usual per-user places on Linux and Windows.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP = "SV2 Desk"
AUTHOR = "SV2"


def frozen() -> bool:
    """True in a packaged application (PyInstaller sets ``sys.frozen``)."""
    return bool(getattr(sys, "frozen", False))


def _bundle() -> Path:
    """The folder the packaged application's files were unpacked into."""
    return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))


def resource(*parts: str) -> Path:
    """A file or folder under ``resources/``, e.g. ``resource("letters", "referrer.txt")``.

    From source that is the repository's resources/ folder; in a package it is the copy
    the spec bundles (the whole folder, so anything added under resources/ comes along).
    """
    root = _bundle() / "resources" if frozen() else Path(__file__).resolve().parent.parent \
        / "resources"
    return root.joinpath(*parts)


def resources() -> Path:
    """The resources/ folder itself (the same as ``resource()``)."""
    return resource()


def _platform_dirs(system: str | None = None) -> platformdirs.PlatformDirs:
    """platformdirs for ``system`` ("win32", "linux", "darwin"; default: this PC).

    Data is per user and local, never roaming: a Windows roaming profile would copy an
    open database to a server at every sign-out.
    """
    system = system or sys.platform
    if system == "win32":
        from platformdirs.windows import Windows as Dirs
    elif system == "darwin":
        from platformdirs.macos import MacOS as Dirs
    else:
        from platformdirs.unix import Unix as Dirs
    return Dirs(APP, AUTHOR, roaming=False, opinion=True)


def default_workspace(system: str | None = None) -> Path:
    """The data folder: $SV2DESK_WORKSPACE, else the platform's per-user data folder."""
    env = os.environ.get("SV2DESK_WORKSPACE")
    if env:
        return Path(env)
    return Path(_platform_dirs(system).user_data_dir) / "workspace"


def settings_folder(system: str | None = None) -> Path:
    """Where this PC keeps each person's window sizes and places (nothing about clients):
    $SV2DESK_CONFIG_DIR, else the platform's per-user settings folder."""
    env = os.environ.get("SV2DESK_CONFIG_DIR")
    if env:
        return Path(env)
    return Path(_platform_dirs(system).user_config_dir)


def log_folder(system: str | None = None) -> Path:
    """Where sv2desk.log goes: $SV2DESK_LOG_DIR, else the platform's per-user log folder."""
    env = os.environ.get("SV2DESK_LOG_DIR")
    if env:
        return Path(env)
    return Path(_platform_dirs(system).user_log_dir)
