"""Where SV2 Desk keeps things on this PC (platformdirs), and overrides for tests."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "SV2 Desk"
AUTHOR = "SV2"


def default_workspace() -> Path:
    """The data folder: $SV2DESK_WORKSPACE, else the platform's user data folder."""
    env = os.environ.get("SV2DESK_WORKSPACE")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP, AUTHOR)) / "workspace"


def log_folder() -> Path:
    env = os.environ.get("SV2DESK_LOG_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_log_dir(APP, AUTHOR))


def resources() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"
