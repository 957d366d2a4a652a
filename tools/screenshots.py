"""Start the real application on a virtual screen with a demo workspace and save screenshots.

Run with `make screenshots` (which runs this under xvfb-run). Saves PNGs into
docs/screenshots/. Demo data only: invented names, a throwaway folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
DEMO_PASSWORD = "demo password 1"


def settle(app: QApplication, ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(signal, timeout_ms: int = 15000):
    loop = QEventLoop()
    result = []
    signal.connect(lambda *args: (result.append(args), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    if not result:
        raise SystemExit("timed out waiting for the application")
    return result[0]


def grab(app: QApplication, window, name: str) -> None:
    window.raise_()
    window.activateWindow()
    settle(app)
    pixmap = window.screen().grabWindow(window.winId())
    path = OUT / f"{name}.png"
    pixmap.save(str(path))
    print(f"saved {path.relative_to(ROOT)}")


DEMO_PEOPLE = [  # invented names, Derbyshire-looking postcodes
    ("Alex Morgan", "", "DE1 3AB", 1991), ("Bea Kowalski", "Bea", "S40 1XY", 1978),
    ("Chris Patel", "", "DE22 4HN", 2002), ("Dani Okafor", "Dani", "SK23 7QR", 1985),
    ("Eli Hughes", "", "DE56 1AA", 1969), ("Fran Lee", "", "DE45 1PL", 1996),
    ("Gabe Novak", "", "DE7 5TT", 1988), ("Hana Begum", "", "S42 6DE", 2000),
    ("Ira Walsh", "", "DE21 6LP", 1975), ("Jo Whitfield", "Jo", "DE4 3NN", 1993),
    ("Kai Brennan", "", "S41 8QR", 1982), ("Lou Martins", "", "DE75 7EE", 1999),
]


def demo_cases(session, worker_id: int) -> list[int]:
    """A caseload to look at: referrals at each stage, most of them Wyn's."""
    from datetime import date, timedelta

    from sv2desk.services import assessments, cases, referrals, support

    ids = []
    for n, (name, preferred, postcode, born) in enumerate(DEMO_PEOPLE):
        new = referrals.create_referral(session, referrals.ReferralForm(
            name=name, preferred_name=preferred, postcode=postcode,
            date_of_birth=date(born, 1 + n % 12, 1 + n), harm_categories={"sexual_assault"},
            harm_timing="non_recent" if n % 2 else "recent", support_requested={"counselling"},
            interaction_answer=("no", "unsure", "declined")[n % 3],
            eligibility_decision="accept", referral_date=date.today() - timedelta(days=3 * n),
            arrived_by=("phone", "email", "secure_referral")[n % 3], may_call=True,
            may_text=n % 2 == 0, safe_times="Weekday mornings", assign_to_me=False))
        ids.append(new.id)
        if n % 4 != 3:
            cases.assign(session, new.id, worker_id)
        if n % 3 == 0:
            assessments.complete(session, new.id, assessments.AssessmentForm(
                identity_confirmed=True, eligibility_confirmed=True, interaction_answer="no",
                needs="Daytime appointments", outcome="support_offered",
                options_offered={"counselling"}))
            support.record_session(session, new.id, support.SessionForm(
                session_date=date.today() - timedelta(days=2), session_type="counselling",
                duration_minutes=50, note="First counselling session."))
            support.record_session(session, new.id, support.SessionForm(
                session_date=date.today() + timedelta(days=5), session_type="counselling",
                duration_minutes=50, planned=True))
    return ids


def main() -> int:
    os.environ.setdefault("SV2DESK_KDF_TARGET_MS", "20")
    from sv2desk.services import accounts, auth, settings, setup
    from sv2desk.store.crypto import KdfParams
    from sv2desk.ui.shell import Shell

    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    app.setApplicationName("SV2 Desk")
    kdf = KdfParams(1, 8192, 1)
    tmp = Path(tempfile.mkdtemp(prefix="sv2desk-screens-"))

    # 1. the set-up wizard on a machine with no data
    shell = Shell(tmp / "new", kdf=kdf)
    wizard = shell.start()
    wizard.organisation_page.name.setText("SV2 (Support Against Sexual Violence)")
    wizard.organisation_page.address.setPlainText("1 Example Street\nDerby\nDE1 1AA")
    wizard.organisation_page.phone.setText("01332 000000")
    wizard.organisation_page.email.setText("office@example.org")
    wizard.organisation_page.charity_number.setText("1234567")
    grab(app, wizard, "01-setup-organisation")
    wizard.next()
    wizard.admin_page.display_name.setText("Ada Admin")
    wizard.admin_page.username.setText("ada")
    wizard.admin_page.password.setText("tulip anchor river 7")
    wizard.admin_page.confirm.setText("tulip anchor river 7")
    grab(app, wizard, "02-setup-administrator")
    wizard.next()
    grab(app, wizard, "03-setup-data-folder")
    wizard.next()
    wait_for(wizard.creation_finished)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    grab(app, wizard, "04-setup-recovery-key")
    wizard.recovery_page.confirmed.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    settle(app)
    shell.shutdown()

    # 2. a demo workspace with a few staff
    folder = tmp / "demo"
    new = setup.create_workspace(folder, organisation=settings.Organisation(name="SV2"),
                                 admin_username="ada", admin_display_name="Ada Admin",
                                 admin_password=DEMO_PASSWORD, kdf=kdf)
    manager = accounts.create_account(new.session, "mo", "Mo Manager", DEMO_PASSWORD,
                                      {"manager"})
    wyn = accounts.create_account(new.session, "wyn", "Wyn Worker", DEMO_PASSWORD,
                                  {"support_worker"}, line_manager_id=manager.id)
    demo_cases(new.session, wyn.id)
    auth.sign_out(new.session)

    shell = Shell(folder, kdf=kdf)
    sign_in = shell.start()
    sign_in.username.setText("ada")
    grab(app, sign_in, "05-sign-in")
    sign_in.password.setText("wrong password")
    sign_in.submit_password()
    wait_for(sign_in.attempt_finished)
    grab(app, sign_in, "06-sign-in-wrong-password")
    sign_in.password.setText(DEMO_PASSWORD)
    sign_in.submit_password()
    (main,) = wait_for(shell.main_window_shown)
    admin = main.show_area("Administration")
    admin.staff.table.selectRow(2)
    grab(app, main, "07-main-window-administration")
    admin.tabs.setCurrentWidget(admin.settings)
    grab(app, main, "08-administration-settings")
    main.show_area("My account")
    grab(app, main, "09-my-account")
    casework_screens(app, main)
    directory_and_letter_screens(app, main)
    shell.hider.hide_all()
    grab(app, main, "10-hidden-screen")
    shell.hider.show_all()
    shell.lock()
    grab(app, shell.window, "11-lock-screen")
    shell.shutdown()
    return 0


def casework_screens(app: QApplication, main) -> None:
    """The caseload, the referral form, the case view and the assessment wizard."""
    from datetime import date

    caseload = main.show_area("My caseload")
    caseload.list.scopes.setCurrentIndex(2)   # all cases (Ada is a manager)
    caseload.list.table.selectRow(1)
    grab(app, main, "12-caseload")

    form = main.show_area("New referral")
    form.name.setText("Sam Example")
    form.preferred_name.setText("Sam")
    form.dob_unknown.setChecked(False)
    form.date_of_birth.setDate(date(date.today().year - 16, 5, 4))
    form.pronouns.setText("they/them")
    form.address.setPlainText("2 Example Road\nMatlock")
    form.postcode.setText("DE4 3AG")
    form.phone.setText("07700 900000")
    form.may_call.setChecked(True)
    form.may_text.setChecked(True)
    form.safe_times.setText("After 4pm on weekdays")
    grab(app, main, "13-new-referral")
    form.who_referred.set_value("external")
    form.referrer_organisation.setText("Example High School")
    form.harm_categories.set_values({"sexual_assault"})
    form.harm_timing.set_value("recent")
    form.support_requested.set_values({"counselling", "isva"})
    form.save()   # the interaction question is not answered yet: refused, shown by the field
    settle(app, 300)
    grab(app, main, "14-new-referral-refused")
    form.scroll.ensureWidgetVisible(form.eligibility_decision)
    grab(app, main, "15-new-referral-eligibility")

    caseload = main.show_area("My caseload")
    caseload.list.search_box.setText("Alex")
    caseload.list.search()
    caseload.open_case(caseload.list.model.case_id(0))
    grab(app, main, "16-case-view")
    page = caseload.case_page
    page.tabs.setCurrentWidget(page.sessions)
    grab(app, main, "17-case-view-sessions")
    caseload.case_page.back_requested.emit()
    caseload.list.search_box.setText("Bea")
    caseload.list.search()
    caseload.open_case(caseload.list.model.case_id(0), assess=True)
    wizard = caseload.case_page.wizard
    wizard.identity_confirmed.setChecked(True)
    wizard.eligibility_confirmed.setChecked(True)
    wizard.next()
    wizard.children_at_risk.setChecked(True)
    grab(app, main, "18-assessment-safety")
    wizard.safety_notes.setPlainText("Two children at home. Talked to my manager; "
                                     "children's services called the same day.")
    wizard.next()
    wizard.next()
    wizard.next()
    wizard.potential_perpetrator.set_value("yes")
    wizard.next()
    wizard.perpetrator_notes.setPlainText("In the assessment the client described ...")
    grab(app, main, "19-assessment-management-attention")
    wizard.next()
    wizard.accept()   # recorded: the case is paused for the perpetrator workflow
    page = caseload.case_page
    page.tabs.setCurrentWidget(page.sessions)
    grab(app, main, "20-case-paused")
    page.back_requested.emit()
    caseload.list.search_box.clear()


def directory_and_letter_screens(app: QApplication, main) -> None:
    """The signposting directory (some entries confirmed, some to check) and a letter being
    checked before it is finalised, then posting refused when post is not safe."""
    from sv2desk.services import settings, signposting

    settings.update(main.session, organisation=settings.Organisation(
        name="SV2", address="1 Example Street\nDerby\nDE1 1AA", phone="01332 000000",
        email="office@example.org", charity_number="1234567"))
    for name in ("Stop It Now", "Rape Crisis", "Samaritans", "NSPCC"):
        signposting.confirm(main.session, signposting.search(main.session, name)[0].id)
    directory = main.show_area("Signposting directory")
    directory.refresh()
    row = next(r for r in range(directory.table.rowCount())
               if directory.table.item(r, 0).text().startswith("Respect"))
    directory.table.selectRow(row)
    grab(app, main, "30-signposting-directory")

    caseload = main.show_area("My caseload")
    caseload.list.search_box.setText("Fran")
    caseload.list.search()
    caseload.open_case(caseload.list.model.case_id(0))
    page = caseload.case_page
    page.tabs.setCurrentWidget(page.letters)
    panel = page.letters
    chooser = panel.chooser
    chooser.kind.setCurrentIndex(chooser.kind.findData("signposting"))
    for words in ("Rape Crisis", "Survivors Trust"):
        chooser.services.tick(next(chooser.services.item(i).data(Qt.ItemDataRole.UserRole)
                                   for i in range(chooser.services.count())
                                   if words in chooser.services.item(i).text()))
    grab(app, main, "31-letter-choose")
    panel.make_letter()
    grab(app, main, "32-letter-review")
    panel.finalise()
    panel.list.print_for_post()
    grab(app, main, "33-letter-post-refused")
    page.back_requested.emit()
    caseload.list.search_box.clear()


if __name__ == "__main__":
    sys.exit(main())
