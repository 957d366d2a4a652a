"""What the About box and ``--version`` say: the version, the licence, where the data is.

No Qt here, so ``sv2desk --version`` and ``sv2desk-admin --version`` work without a
screen, and the About dialog (ui/about_dialog.py) only lays this out.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

from . import __version__, paths

NAME = "SV2 Desk"
SUMMARY = "Offline casework for a sexual violence support service."

LICENCE = ("SV2 Desk is made for SV2 (Derbyshire). Copyright \u00a9 SV2. All rights "
           "reserved: it may be used by SV2's staff and volunteers, and is not licensed for "
           "use by anyone else.")

# What the package carries from others, and under which licence. The Qt libraries are
# used under the LGPL version 3: they are separate files in the installed folder, and
# can be replaced with another build of the same version.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("Qt and Qt for Python (PySide6)", "LGPL version 3"),
    ("SQLCipher (through sqlcipher3)", "BSD-style licence (Zetetic)"),
    ("SQLAlchemy and Alembic", "MIT licence"),
    ("ReportLab", "BSD licence"),
    ("cryptography", "Apache 2.0 or BSD licence"),
    ("argon2-cffi", "MIT licence"),
    ("keyring", "MIT licence"),
    ("platformdirs", "MIT licence"),
    ("RapidFuzz", "MIT licence"),
    ("jellyfish", "MIT licence"),
    ("nicknames (English names and nicknames, for the connection check)", "Apache 2.0 licence"),
    ("Faker (made-up practice data)", "MIT licence"),
    ("Python", "Python Software Foundation licence"),
)


def version_line() -> str:
    """``SV2 Desk 0.1.0`` (what ``--version`` prints)."""
    return f"{NAME} {__version__}"


@dataclass(frozen=True)
class About:
    version: str
    data_folder: Path
    log_folder: Path
    installed_in: Path | None     # the package's folder; None when run from source
    runtime: str                  # Python and platform, for whoever supports the PC


def about(data_folder: Path | None = None) -> About:
    """Everything the About box shows (``data_folder``: the one this window is using)."""
    import sys
    return About(
        version=__version__,
        data_folder=Path(data_folder) if data_folder else paths.default_workspace(),
        log_folder=paths.log_folder(),
        installed_in=Path(sys.executable).resolve().parent if paths.frozen() else None,
        runtime=f"Python {platform.python_version()} on {platform.system()} "
                f"{platform.release()} ({platform.machine()})")
