"""The benchmarks' kept workspaces (.bench-cache/): made once, upgraded by SV2 Desk's own
migrations when only the schema moved on, made again only when what made them changed.

Every kept workspace has a note (a small JSON file) of what it was made with. The keys fall
in two kinds: what the builder wrote (its version number, the sizes, the seed, ...), which
only a new build can change, and the schema revision, which signing in brings up to date
as it does for a user's workspace after an upgrade. So a new migration costs one sign-in
(seconds), not a new 100,000-client build (minutes). The whole folder can be copied to
another checkout's .bench-cache/ and is used there as it is.

What is kept: casework/ (100,000 clients, sv2desk.demo.bulk; about 350 MB, made in about
1.5 minutes on a quiet 2-core PC), with casework-10000/ and casework-50000/ kept on the way
(the growth table's and the connection check's smaller sizes); every section that needs
data at those sizes works on a copy of one of these, adding what its own figures need. And
server/: the casework workspace as moved onto a PostgreSQL cluster (the cluster's folder,
stopped, and the PC's files), so the office-server section moves it only once.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent / ".bench-cache"
USERNAME = "bench"
PASSWORD = "benchmark password 1"
UPGRADED_BY_SIGN_IN = ("schema",)


def schema() -> str:
    from sv2desk.store import migrate
    return migrate.head_revision()


def _read(marker_file: Path) -> dict:
    try:
        marker = json.loads(marker_file.read_text())
    except (OSError, ValueError):
        return {}
    return marker if isinstance(marker, dict) else {}


def needs_build(marker: dict, wanted: dict) -> bool:
    """True when something only a new build changes differs (the schema never does)."""
    return any(marker.get(k) != v for k, v in wanted.items() if k not in UPGRADED_BY_SIGN_IN)


def needs_upgrade(marker: dict, wanted: dict) -> bool:
    return any(marker.get(k) != wanted[k] for k in UPGRADED_BY_SIGN_IN if k in wanted)


def upgrade(workspace: Path, marker_file: Path, marker: dict, report) -> dict:
    """Sign in once, as a user would after installing a new version: the migrations run
    (after their backup copy, dropped here so copies of the cache stay small)."""
    from sv2desk.services import auth
    report.note(f"upgrading the kept workspace in {marker_file.parent.relative_to(ROOT.parent)} "
                f"from schema {marker.get('schema')} to {schema()} (a sign-in, not a new build)")
    auth.sign_out(auth.sign_in(workspace, USERNAME, PASSWORD))
    shutil.rmtree(workspace / "backups", ignore_errors=True)
    marker = marker | {"schema": schema()}
    marker_file.write_text(json.dumps(marker))
    return marker


def kept(workspace: Path, marker_file: Path, wanted: dict, build: Callable[[], dict | None],
         report) -> dict:
    """The note of the kept workspace at ``workspace``: built by ``build()`` (which writes
    the workspace and its note) when missing or made by another builder, upgraded by a
    sign-in when only the schema is behind, else used as it is."""
    marker = _read(marker_file)
    if not marker or needs_build(marker, wanted):
        build()
        marker = _read(marker_file)
    elif needs_upgrade(marker, wanted):
        marker = upgrade(workspace, marker_file, marker, report)
    return marker
