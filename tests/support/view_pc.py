"""One PC for the office server's test of views written together (tests/
test_office_server_views.py): a process of its own that signs in, looks (searches), waits
until those views are on the server, makes one change (a referral), looks again and is
killed (kill -9) at once, before its last views can be written. It prints, before dying,
what it made as one line of JSON. Instructions as JSON on standard input (nothing secret
on a command line)."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path


def main() -> int:
    job = json.loads(sys.stdin.read())
    import keyring
    from .keyrings import MemoryKeyring
    keyring.set_keyring(MemoryKeyring())
    from sv2desk.store import server
    address = server.load_address(Path(job["folder"]))
    server.store_login_password(address, job["login_password"])
    from sv2desk.services import auth, caseload, referrals
    from .service_examples import referral_form
    session = auth.sign_in(Path(job["folder"]), job["username"], job["password"])
    ws = session.workspace
    for _ in range(job["before"]):
        caseload.search(session, "Example")
    ws.sync_views()                     # those views on the server before the change
    case = referrals.create_referral(session, referral_form(assign_to_me=True)).id
    for _ in range(job["after"]):
        caseload.search(session, "Example")
    print(json.dumps({"case": case}), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    return 1


if __name__ == "__main__":
    sys.exit(main())
