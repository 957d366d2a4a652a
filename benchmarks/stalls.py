"""The stall probe: a scripted working session in the real window, measuring how late the
event loop runs (a window that stops answering for more than a tenth of a second feels
frozen).

A child process (offscreen, password protection calibrated for real: about half a second a
derivation) starts the real Shell on made-up data. A timer asks to run every 5 ms and notes
how late each run was. The script, typed into the real widgets: sign in as the worker,
search, open a case, compose a letter and preview it, the line manager countersigns a
discussion by typing their password, sign out; sign in as the administrator, create an
account, export the dashboard. Between steps it waits for the database thread to finish
(as a person waits for the screen). Printed: the longest stall and the 99th percentile,
the worst stall of each step, and (for a busy machine, where a stall is mostly waiting for
a processor) the part of each stall the UI thread spent working, from its own processor
time. Budget: longest under 100 ms, judged on a quiet machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, os, sys, time
from PySide6.QtCore import QElapsedTimer, QTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sv2desk.ui.common import translator
from sv2desk.ui.shell.garbage import GuiThreadCollector
from sv2desk.ui.shell.shell import Shell

TICK_MS = 5
app = QApplication(sys.argv[:1])
translator.install(app)
collector = GuiThreadCollector(app)
shell = Shell(os.environ["SV2DESK_WORKSPACE"])
case_id = int(os.environ["PROBE_CASE"])
concern_case = int(os.environ["PROBE_CONCERN_CASE"])
late, clock, steps, timings, worst = [], QElapsedTimer(), [], {}, {}
busy, worst_busy = [], {}
last = [None, None]

def tick():
    now = clock.nsecsElapsed() / 1e6
    cpu = time.thread_time() * 1000      # the UI thread's own processor time
    if last[0] is not None:
        lateness = max(0.0, now - last[0] - TICK_MS)
        late.append(lateness)
        where = started[-1][0] if started else "starting"
        worst[where] = round(max(worst.get(where, 0.0), lateness), 1)
        # Of that, the time the UI thread itself was working (the rest it waited for the
        # processor, on a busy machine, or for the database thread's hold on Python).
        spent = min(lateness, cpu - last[1])
        busy.append(spent)
        worst_busy[where] = round(max(worst_busy.get(where, 0.0), spent), 1)
    last[0], last[1] = now, cpu

ticker = QTimer()
ticker.setTimerType(Qt.TimerType.PreciseTimer)
ticker.setInterval(TICK_MS)
ticker.timeout.connect(tick)

def type_into(widget, text):
    widget.setFocus()
    QTest.keyClicks(widget, text)

def step(fn):
    steps.append(fn)
    return fn

def main():
    return shell.window

@step
def sign_in_worker():
    window = shell.window
    type_into(window.username, "worker")
    type_into(window.password, os.environ["WORKER_PASSWORD"])
    window.sign_in_button.click()

@step
def search():
    caseload = main().show_area("My caseload")
    type_into(caseload.list.search_box, "Probe")
    QTest.keyClick(caseload.list.search_box, Qt.Key.Key_Return)

@step
def open_a_case():
    main().show_area("My caseload").open_case(case_id)

@step
def choose_a_letter():
    page = main().show_area("My caseload").case_page
    page.tabs.setCurrentWidget(page.letters)
    chooser = page.letters.chooser
    chooser.kind.setCurrentIndex(chooser.kind.findData("signposting"))

@step
def compose_a_letter():
    chooser = main().show_area("My caseload").case_page.letters.chooser
    item = next(chooser.services.item(i) for i in range(chooser.services.count())
                if not chooser.services.item(i).isHidden())
    item.setCheckState(Qt.CheckState.Checked)
    chooser.make_button.click()

@step
def preview_it():
    main().show_area("My caseload").case_page.letters.preview()

@step
def close_the_preview_and_open_the_concern():
    letters = main().show_area("My caseload").case_page.letters
    if letters.dialog is not None:
        letters.dialog.close()
    main().show_area("My caseload").open_case(concern_case)

@step
def start_countersigning():
    page = main().show_area("My caseload").case_page
    page.tabs.setCurrentWidget(page.concern)
    discussion = page.concern.discussion
    type_into(discussion.risks, "Risks talked through in the probe.")
    type_into(discussion.needs, "Needs talked through in the probe.")
    discussion.countersign_button.click()

@step
def countersign():
    dialog = main().show_area("My caseload").case_page.concern.discussion.dialog
    type_into(dialog.password, os.environ["MANAGER_PASSWORD"])
    dialog.countersign_button.click()

@step
def sign_out():
    shell.sign_out()

@step
def sign_in_admin():
    window = shell.window
    type_into(window.username, "probeadmin")
    type_into(window.password, os.environ["ADMIN_PASSWORD"])
    window.sign_in_button.click()

@step
def create_an_account():
    staff = main().show_area("Administration").staff
    type_into(staff.new_name, "Probe Newstarter")
    type_into(staff.new_username, "newstarter")
    type_into(staff.new_password, "harbour violet engine 42")
    type_into(staff.new_confirm, "harbour violet engine 42")
    staff.create_button.click()

@step
def export_the_dashboard():
    page = main().show_area("Reports")
    page.export_button.click()

def run_next():
    if not shell.desk.idle():
        QTimer.singleShot(20, run_next)
        return
    if started:
        timings[started[-1][0]] = round(time.perf_counter() - started[-1][1], 3)
    if not steps:
        finish()
        return
    fn = steps.pop(0)
    started.append((fn.__name__, time.perf_counter()))
    try:
        fn()
    except Exception as exc:        # the script no longer fits the screens: say where
        print(json.dumps({"error": f"{fn.__name__}: {type(exc).__name__}: {exc}",
                          "steps": timings}), flush=True)
        app.exit(1)
        return
    QTimer.singleShot(150, run_next)      # a person's pause before looking again

def finish():
    ticker.stop()
    ordered = sorted(late)
    p99 = ordered[int(0.99 * (len(ordered) - 1))] if ordered else 0.0
    print(json.dumps({"longest_ms": ordered[-1] if ordered else 0.0, "p99_ms": p99,
                      "longest_working_ms": max(busy, default=0.0),
                      "ticks": len(ordered), "steps": timings, "worst_ms": worst,
                      "worst_working_ms": worst_busy, "load": os.getloadavg()[0],
                      "window": type(shell.window).__name__}), flush=True)
    shell.shutdown()
    app.quit()

started = []
shell.start()
clock.start()
ticker.start()
QTimer.singleShot(300, run_next)
QTimer.singleShot(120_000, lambda: (print(json.dumps({"error": "timed out", "steps": timings}),
                                          flush=True), app.exit(1)))
app.exec()
"""


def _workspace(folder: Path, passwords: dict[str, str]) -> tuple[int, int]:
    """Made-up data with real password protection: an administrator (also a manager), a
    worker and their line manager; a case to write to, and a case whose concern waits
    for the countersigned discussion. Returns the two case ids."""
    from datetime import date, datetime, timedelta
    from sv2desk.practice import earlier_today

    from sv2desk.policy import perpetrators, roles
    from sv2desk.services import accounts, auth, concerns, referrals, settings, setup
    from sv2desk.services.concerns import ConcernForm, ExplanationForm
    new = setup.create_workspace(
        folder, organisation=settings.Organisation(name="Probe", phone="01332 000000",
                                                   address="1 Probe Street\nDerby"),
        admin_username="probeadmin", admin_display_name="Probe Admin",
        admin_password=passwords["ADMIN_PASSWORD"])
    admin = new.session
    manager = accounts.create_account(admin, "manager", "Probe Manager",
                                      passwords["MANAGER_PASSWORD"], {roles.MANAGER})
    accounts.create_account(admin, "worker", "Probe Worker", passwords["WORKER_PASSWORD"],
                            {roles.SUPPORT_WORKER}, line_manager_id=manager.id)
    auth.sign_out(admin)
    worker = auth.sign_in(folder, "worker", passwords["WORKER_PASSWORD"])
    def referral_form(name: str, **changes) -> referrals.ReferralForm:
        form = referrals.ReferralForm(
            name=name, postcode="DE1 1AA", harm_categories={"sexual_assault"},
            harm_timing="recent", support_requested={"counselling"}, interaction_answer="no",
            eligibility_decision="accept", referral_date=date.today(), arrived_by="phone")
        for key, value in changes.items():
            setattr(form, key, value)
        return form

    try:
        case = referrals.create_referral(worker, referral_form(
            "Probe Person", address="1 Probe Road\nDerby", post_is_safe=True,
            assign_to_me=True))
        flagged = referrals.create_referral(worker, referral_form(
            "Probe Flagged", assign_to_me=True))
        referrals.create_many(worker, [referral_form(f"Filler Client {n:03d}")
                                       for n in range(200)])
        concern = concerns.raise_concern(worker, flagged.id, ConcernForm(
            information="Made up for the probe", source="The client", risk_level="medium"))
        concerns.record_explanation(worker, concern, ExplanationForm(
            explained_on=earlier_today(timedelta(hours=1)), method="phone",
            points={name: True for name, _ in perpetrators.FOUR_POINTS}))
    finally:
        auth.sign_out(worker)
    return case.id, flagged.id


def run() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("SV2DESK_KDF_TARGET_MS", None)
    passwords = {"ADMIN_PASSWORD": "probe " + os.urandom(8).hex(),
                 "MANAGER_PASSWORD": "probe " + os.urandom(8).hex(),
                 "WORKER_PASSWORD": "probe " + os.urandom(8).hex()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ws"
        saved = os.environ.pop("SV2DESK_KDF_TARGET_MS", None)
        try:
            case_id, concern_case = _workspace(folder, passwords)
        finally:
            if saved is not None:
                os.environ["SV2DESK_KDF_TARGET_MS"] = saved
        env.update(passwords, SV2DESK_WORKSPACE=str(folder), PROBE_CASE=str(case_id),
                   PROBE_CONCERN_CASE=str(concern_case),
                   SV2DESK_CONFIG_DIR=str(Path(tmp) / "config"),
                   SV2DESK_LOG_DIR=str(Path(tmp) / "logs"))
        done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                              text=True, timeout=300, cwd=Path(__file__).resolve().parent.parent)
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"the probe did not finish: {lines[-1:] or ''} "
                               f"{done.stderr[-1500:]}")
        return json.loads(lines[-1])


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
