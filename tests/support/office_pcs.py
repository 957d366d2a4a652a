"""Office PCs for the server tests, each a separate process (tests/support/load_pc.py):
a PC's folder (its key slots, sign-in file, server address and CA, no database), the
staff one per PC, and running them all at once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from sv2desk.policy import roles
from sv2desk.services import accounts
from sv2desk.store import server

from .workspaces import MANAGER_PASSWORD, WORKER_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def pc_folder(folder: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("keys.json", "signin.json", "server.json", server.CA_NAME):
        if (folder / name).exists():
            shutil.copyfile(folder / name, target / name)
    return target


def run_pcs(folder: Path, staff: list[tuple[str, str, str]], operations: int, tmp: Path, *,
            expect_server_to_go: bool = False):
    login_password = server.login_password(server.load_address(folder))
    procs = []
    for n, (username, password, role) in enumerate(staff):
        job = {"folder": str(pc_folder(folder, tmp / f"pc{n}")), "username": username,
               "password": password, "role": role, "operations": operations, "seed": n,
               "login_password": login_password, "manager_password": MANAGER_PASSWORD,
               "expect_server_to_go": expect_server_to_go}
        proc = subprocess.Popen([sys.executable, "-m", "tests.support.load_pc"], cwd=ROOT,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True,
                                env=dict(os.environ, SV2DESK_KDF_TARGET_MS="5"))
        proc.stdin.write(json.dumps(job))
        proc.stdin.close()
        procs.append(proc)
    results = []
    for proc in procs:
        out = proc.stdout.read()
        err = proc.stderr.read()
        assert proc.wait(timeout=1200) == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def staff_for(admin, ids, pcs: int) -> list[tuple[str, str, str]]:
    """One member of staff per PC: about two in three are support workers (line manager:
    'manager'), the rest managers (two of four PCs, four of ten)."""
    staff = [("worker", WORKER_PASSWORD, "worker"), ("manager", MANAGER_PASSWORD, "manager")]
    for n in range(2, pcs):
        if n % 3 == 0:
            accounts.create_account(admin, f"m{n}", f"Manager {n}", f"manager pw {n:04d}",
                                    {roles.MANAGER})
            staff.append((f"m{n}", f"manager pw {n:04d}", "manager"))
        else:
            accounts.create_account(admin, f"w{n}", f"Worker {n}", f"worker pw {n:04d}",
                                    {roles.SUPPORT_WORKER}, line_manager_id=ids["manager"])
            staff.append((f"w{n}", f"worker pw {n:04d}", "worker"))
    return staff[:pcs]
