"""One simulated PC for the office server's load test (tests/server/test_server_load.py): a
process of its own that signs in as one member of staff and makes a bounded number of mixed
service calls (referrals, assessments, sessions, searches, concerns, countersigns,
decisions, outcomes, letters), then prints what happened as one line of JSON.

Run as ``python -m tests.support.load_pc``; it reads its instructions (the folder, who, the
passwords, the PC login's password for the in-memory keyring, how many operations) as JSON
on standard input, so nothing secret is on a command line."""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path


def main() -> int:
    job = json.loads(sys.stdin.read())
    import keyring
    from .keyrings import MemoryKeyring
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    from sv2desk.store import server
    address = server.load_address(Path(job["folder"]))
    server.store_login_password(address, job["login_password"])
    from sv2desk import errors
    import dataclasses
    from sv2desk.services import (assessments, auth, caseload, concerns, letters, outcomes,
                                  referrals, reviews, signposting, support)
    from .service_examples import (assessment_form, communication_form, concern_form,
                                   decision_form, discussion_form, explanation_form,
                                   letter_text, referral_form, session_form)
    rng = random.Random(job["seed"])
    try:
        session = auth.sign_in(Path(job["folder"]), job["username"], job["password"])
    except errors.ServerUnavailable:
        if not job.get("expect_server_to_go"):
            raise
        print(json.dumps({"counts": {}, "refused": {}, "seconds": 0.0, "slowest": (0, ""),
                          "referrals": [], "server_gone": True}))
        return 0
    counts: dict[str, int] = {}
    refused: dict[str, int] = {}
    slowest = (0.0, "")
    mine: list[int] = []
    on_hold: list[int] = []
    made: list[int] = []
    started = time.perf_counter()

    gone = False

    def call(name, fn, *args, **kwargs):
        nonlocal slowest, gone
        if gone:
            return errors.ServerUnavailable()
        t = time.perf_counter()
        try:
            result = fn(session, *args, **kwargs)
        except errors.ServerUnavailable as exc:     # the server was killed (the kill test)
            if not job.get("expect_server_to_go"):
                raise
            gone = True
            return exc
        except (errors.MoveRefused, errors.ActionRefused, errors.NotYours,
                errors.EditConflict, errors.PermissionDenied) as exc:
            refused[name] = refused.get(name, 0) + 1
            result = exc
        took = time.perf_counter() - t
        if took > slowest[0]:
            slowest = (took, name)
        counts[name] = counts.get(name, 0) + 1
        return result

    manager = job["role"] == "manager"
    for i in range(job["operations"]):
        if gone:
            break
        roll = rng.random()
        if manager:
            if roll < 0.4:
                queue = call("reviews.queue", reviews.queue, limit=20)
                open_ = [r for r in queue if r.raised_by != session.display_name] \
                    if isinstance(queue, list) else []
                if open_:
                    row = rng.choice(open_)
                    call("reviews.decide", reviews.decide, row.concern_id, decision_form(
                        communicator="manager", communicator_reason="The client asked"))
            elif roll < 0.6:
                found = call("caseload.search", caseload.search, "Load")
                for row in (found[:3] if isinstance(found, list) else []):
                    concern = call("concerns.for_case", concerns.for_case, row.id)
                    if isinstance(concern, int):
                        call("outcomes.record_communication", outcomes.record_communication,
                             concern, communication_form())
            elif roll < 0.7:
                call("caseload.list", caseload.case_ids, caseload.ALL)
            elif roll < 0.85:
                # Every manager edits the same directory entry: opened, a moment (another
                # call) while they type, then saved with the version it was opened at.
                entries = call("signposting.search", signposting.search)
                if isinstance(entries, list) and entries:
                    opened = min(entries, key=lambda e: e.id)
                    call("reviews.count", reviews.count)
                    form = signposting.ServiceForm(**{
                        f.name: getattr(opened, f.name)
                        for f in dataclasses.fields(signposting.ServiceForm)})
                    form.notes = f"Load note {job['seed']}-{i}"
                    call("signposting.save", signposting.save, form, opened.id, opened=opened)
            else:
                call("reviews.count", reviews.count)
            continue
        if roll < 0.25 or not mine:
            case = call("referrals.create", referrals.create_referral, referral_form(
                name=f"Load Client {job['seed']}-{i}", assign_to_me=True))
            if not isinstance(case, Exception):
                mine.append(case.id)
                made.append(case.id)
        elif roll < 0.45:
            call("assessments.complete", assessments.complete, rng.choice(mine),
                 assessment_form())
        elif roll < 0.6:
            call("support.record_session", support.record_session, rng.choice(mine),
                 session_form())
        elif roll < 0.7:
            call("caseload.search", caseload.search, rng.choice(["Load", "Client", "DE1"]))
        elif roll < 0.8:
            case = rng.choice(mine)
            concern = call("concerns.raise", concerns.raise_concern, case, concern_form())
            if isinstance(concern, int):
                mine.remove(case)
                on_hold.append(concern)
                call("concerns.record_explanation", concerns.record_explanation, concern,
                     explanation_form())
        elif roll < 0.9 and on_hold:
            concern = on_hold.pop(0)
            call("concerns.countersign_discussion", concerns.countersign_discussion, concern,
                 job["manager_password"], discussion_form())
        else:
            case = rng.choice(mine)
            call("letters.finalise", letters.finalise, case, letter_text())
    elapsed = time.perf_counter() - started
    if gone:
        session.close()
    else:
        auth.sign_out(session)
    print(json.dumps({"counts": counts, "refused": refused, "seconds": elapsed,
                      "slowest": slowest, "referrals": made, "server_gone": gone}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
