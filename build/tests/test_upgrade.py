"""Installing this version over the previous release: the data the previous release made
opens, after a backup and the migrations, with nothing lost.

"The previous release" is the code as it was just before the newest schema change (the
parent of the commit that added the newest migration), taken from git with `git archive`
into a temporary folder and run with this checkout's virtual environment. When releases
are tagged, this is the place to name the tag instead.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ADMIN, GUI, ROOT, office_env, run, stop, wait_for_log


def git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"git {' '.join(args)} failed: {done.stderr.strip()} (this test needs "
                    "the repository's history; a shallow clone does not have it)")
    return done.stdout.strip()


def previous_release() -> str:
    newest = git("log", "--diff-filter=A", "--format=%H", "-1", "--",
                 "sv2desk/store/migrations/versions/")
    return git("rev-parse", f"{newest}^")


@pytest.fixture(scope="module")
def old_code(tmp_path_factory):
    commit = previous_release()
    folder = tmp_path_factory.mktemp("previous-release")
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit],
                         capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=tar, check=True)
    return commit, folder


def old(folder, home, *args: str) -> str:
    """The previous release's sv2desk-admin (from source, with this venv's Python)."""
    env = office_env(home, PYTHONPATH=str(folder), PATH=os.environ["PATH"])
    done = subprocess.run([sys.executable, "-m", "sv2desk.cli", *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_data_from_the_previous_release_opens_after_a_backup_and_migrations(
        package, old_code, home, tmp_path):
    commit, folder = old_code
    data = tmp_path / "data"
    old_head = subprocess.run(
        [sys.executable, "-c", "import sv2desk, sv2desk.store.migrate as m; "
         "print(sv2desk.__file__); print(m.head_revision())"],
        cwd=folder, env=office_env(home, PYTHONPATH=str(folder)), capture_output=True,
        text=True, check=True).stdout.split()
    assert old_head[0].startswith(str(folder))       # really the old code running
    new_head = sorted(p.stem.split("_")[0] for p in
                      (ROOT / "sv2desk/store/migrations/versions").glob("*.py"))[-1]
    assert old_head[1] != new_head                   # so there is a migration to run

    old(folder, home, "--workspace", str(data), "init", "--organisation", "SV2",
        "--admin-username", "ann", "--admin-name", "Ann Smith")
    # Ten made-up clients and nothing else (a release with practice mode would otherwise
    # add its practice cases and accounts; older releases have no such option).
    practice = ["--no-practice"] if "--no-practice" in old(folder, home, "demo", "--help") \
        else []
    old(folder, home, "--workspace", str(data), "demo", "--user", "ann", "--clients", "10",
        "--seed", "7", *practice)
    assert not (data / "backups").exists()

    env = office_env(home)
    listed = run(ADMIN, "--workspace", str(data), "accounts", "--user", "ann", "list",
                 env=env)
    assert "Ann Smith" in listed.stdout
    taken = list((data / "backups").iterdir())
    assert len(taken) == 1 and f"before-migration-from-{old_head[1]}" in taken[0].name
    assert "complete and unaltered" in run(ADMIN, "--workspace", str(data), "verify-audit",
                                           "--user", "ann", env=env).stdout

    # Nothing lost: a backup of the upgraded data holds the ten clients and their cases.
    (tmp_path / "usb").mkdir()
    run(ADMIN, "--workspace", str(data), "backup", "--user", "ann", "--to",
        str(tmp_path / "usb"), env=env)
    archive = next((tmp_path / "usb").glob("*.sv2backup"))
    shown = run(ADMIN, "--workspace", str(tmp_path / "copy"), "restore", str(archive),
                "--user", "ann", "--yes", env=env).stdout
    assert "clients: 10   cases: 10" in shown

    window = subprocess.Popen([str(GUI), "--workspace", str(data)],
                              env=dict(env, QT_QPA_PLATFORM="offscreen"), cwd=home,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = wait_for_log(home / "logs" / "sv2desk.log", "first window", window)
        assert "SignInWindow" in line
    finally:
        stop(window)
