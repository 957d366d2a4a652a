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
DEMO_PASSWORD = "velvet harbour lantern quietly 42"


def settle(app: QApplication, ms: int = 150) -> None:
    """Let the screen catch up: wait ``ms``, then until the database thread has finished
    what was asked of it and its results are on screen."""
    from sv2desk.ui.common.operation import Desk
    for _ in range(400):
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        if Desk.current().idle():
            return
        ms = 50
    raise SystemExit("timed out waiting for the database thread")


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
    from sv2desk.ui.shell.shell import Shell

    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    app.setApplicationName("SV2 Desk")
    from sv2desk.ui.common import translator
    translator.install(app)          # as SV2 Desk does: British English ("1 case", "2 cases")
    kdf = KdfParams(1, 8192, 1)
    tmp = Path(tempfile.mkdtemp(prefix="sv2desk-screens-"))

    # `tools/screenshots.py daily`: only the daily casework's screens (after the demo data)
    only_daily = sys.argv[1:] == ["daily"]

    # 1. the set-up wizard on a machine with no data
    if only_daily:
        return daily_only(app, tmp, kdf)
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
    wizard.admin_page.password.setText("velvet harbour lantern quietly 42")
    wizard.admin_page.confirm.setText("velvet harbour lantern quietly 42")
    wizard.admin_page.meter.text       # (the meter estimates once typing pauses: now)
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
    demo_concerns(folder)
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
    settle(app)
    admin.staff.table.selectRow(2)
    grab(app, main, "07-main-window-administration")
    admin.tabs.setCurrentWidget(admin.settings)
    grab(app, main, "08-administration-settings")
    backup_screen(app, main, admin, tmp)
    main.show_area("My account")
    settle(app)
    grab(app, main, "09-my-account")
    casework_screens(app, main)
    daily_casework_screens(app, main)
    directory_and_letter_screens(app, main)
    shell.hider.hide_all()
    grab(app, main, "10-hidden-screen")
    shell.hider.show_all()
    shell.lock()
    grab(app, shell.window, "11-lock-screen")
    concern_screens(app, shell)
    shell.shutdown()
    return 0


def demo_workspace(folder: Path, kdf) -> None:
    from sv2desk.services import accounts, auth, settings, setup
    new = setup.create_workspace(folder, organisation=settings.Organisation(name="SV2"),
                                 admin_username="ada", admin_display_name="Ada Admin",
                                 admin_password=DEMO_PASSWORD, kdf=kdf)
    manager = accounts.create_account(new.session, "mo", "Mo Manager", DEMO_PASSWORD,
                                      {"manager"})
    wyn = accounts.create_account(new.session, "wyn", "Wyn Worker", DEMO_PASSWORD,
                                  {"support_worker"}, line_manager_id=manager.id)
    demo_cases(new.session, wyn.id)
    auth.sign_out(new.session)


def daily_only(app: QApplication, tmp: Path, kdf) -> int:
    from sv2desk.ui.shell.shell import Shell
    folder = tmp / "demo"
    demo_workspace(folder, kdf)
    shell = Shell(folder, kdf=kdf)
    sign_in = shell.start()
    sign_in.username.setText("ada")
    sign_in.password.setText(DEMO_PASSWORD)
    sign_in.submit_password()
    (main,) = wait_for(shell.main_window_shown)
    daily_casework_screens(app, main)
    settle(app, 500)
    shell.shutdown()
    import gc
    gc.collect()        # on the GUI thread, before the interpreter tears Qt down
    return 0


def backup_screen(app: QApplication, main, admin, tmp: Path) -> None:
    """Administration → Backups: a folder on a "USB drive" with a few days of backups."""
    from datetime import datetime, timedelta, timezone

    from sv2desk.services import backups

    usb = tmp / "USB DRIVE" / "SV2 backups"
    usb.mkdir(parents=True)
    tab = admin.backups
    tab.set_folder(str(usb))
    settle(app, 800)     # the folder is saved by an operation; the panel then reads it back
    now = datetime.now(timezone.utc)
    for days in (15, 8, 2, 1):
        backups.create(main.session, now=now - timedelta(days=days, hours=3))
    admin.tabs.setCurrentWidget(tab)
    tab.back_up_now()    # on the background thread, as from the button
    wait_for(tab.backup_finished)
    tab.table.selectRow(1)
    grab(app, main, "34-administration-backups")


def casework_screens(app: QApplication, main) -> None:
    """The caseload, the referral form, the case view and the assessment wizard."""
    from datetime import date

    caseload = main.show_area("My caseload")
    settle(app)
    caseload.list.scopes.setCurrentIndex(2)   # all cases (Ada is a manager)
    caseload.list.table.selectRow(1)
    grab(app, main, "12-caseload")

    form = main.show_area("New referral")
    settle(app)
    form.name.setText("Sam Example")
    form.preferred_name.setText("Sam")
    form.date_of_birth.set_date(date(date.today().year - 16, 5, 4))
    form.pronouns.setText("they/them")
    form.address.setPlainText("2 Example Road\nMatlock")
    form.postcode.setText("DE4 3AG")
    form.phone.setText("07700 900000")
    form.may_call.setChecked(True)
    form.may_text.setChecked(True)
    form.safe_times.setText("After 4pm on weekdays")
    grab(app, main, "13-new-referral")
    form.who_referred.set_value("external")
    settle(app)
    form.referrer_organisation.setText("Example High School")
    form.harm_categories.set_values({"sexual_assault"})
    form.harm_timing.set_value("recent")
    settle(app)
    form.support_requested.set_values({"counselling", "isva"})
    form.save()   # the interaction question is not answered yet: refused, shown by the field
    settle(app, 300)
    grab(app, main, "14-new-referral-refused")
    form.scroll.ensureWidgetVisible(form.eligibility_decision)
    grab(app, main, "15-new-referral-eligibility")

    caseload = main.show_area("My caseload")
    settle(app)
    caseload.list.search_box.setText("Alex")
    caseload.list.search()
    settle(app)
    caseload.open_case(caseload.list.model.case_id(0))
    settle(app)
    grab(app, main, "16-case-view")
    page = caseload.case_page
    page.tabs.setCurrentWidget(page.sessions)
    settle(app)
    grab(app, main, "17-case-view-sessions")
    caseload.case_page.back_requested.emit()
    settle(app)
    caseload.list.search_box.setText("Bea")
    caseload.list.search()
    settle(app)
    caseload.open_case(caseload.list.model.case_id(0), assess=True)
    settle(app)
    wizard = caseload.case_page.wizard
    wizard.identity_confirmed.setChecked(True)
    wizard.eligibility_confirmed.setChecked(True)
    wizard.next()
    settle(app)
    wizard.children_at_risk.setChecked(True)
    grab(app, main, "18-assessment-safety")
    wizard.safety_notes.setPlainText("Two children at home. Talked to my manager; "
                                     "children's services called the same day.")
    wizard.next()
    settle(app)
    wizard.next()
    settle(app)
    wizard.next()
    settle(app)
    wizard.potential_perpetrator.set_value("yes")
    settle(app)
    wizard.next()
    settle(app)
    wizard.perpetrator_notes.setPlainText("In the assessment the client described ...")
    wizard.risk_level.set_value("medium")
    settle(app)
    grab(app, main, "19-assessment-management-attention")
    wizard.next()
    settle(app)
    wizard.accept()   # recorded: the case is paused for the perpetrator workflow
    settle(app)
    page = caseload.case_page
    page.tabs.setCurrentWidget(page.sessions)
    settle(app)
    grab(app, main, "20-case-paused")
    page.back_requested.emit()
    settle(app)
    caseload.list.search_box.clear()


def daily_casework_screens(app: QApplication, main) -> None:
    """Changing a client's details (and its history), notes and contacts, the diary, the
    waiting list and a funder return (Ada is a manager and the administrator)."""
    from dataclasses import replace
    from datetime import date, datetime, time, timedelta
    from sv2desk.practice import earlier_today

    from sv2desk.services import (assessments, caseload, clients, contacts, diary,
                                  notes, waiting_list)

    session = main.session
    site = diary.save_site(session, diary.SiteForm(name="Derby office"))
    rooms = [diary.save_room(session, diary.RoomForm(site_id=site, name=f"Room {n}"))
             for n in (1, 2)]
    workers = dict((name, wid) for wid, name in caseload.workers(session))
    wyn = workers["Wyn Worker"]
    ids = {row.name.split()[0]: row.id for row in caseload.rows(session, caseload.case_ids(
        session, caseload.ALL))}
    alex = ids["Alex"]
    found = clients.details(session, alex)
    clients.update(session, alex, replace(found, phone="07700 900111",
                                                 pronouns="she/her", language="Polish",
                                                 interpreter_needed=True))
    monday = date.today() - timedelta(days=date.today().weekday())
    ready = []
    for name in ("Alex", "Dani", "Gabe", "Jo"):
        case = ids[name]
        ready.append(case)
        if name != "Alex":
            try:
                assessments.complete(session, case, assessments.AssessmentForm(
                    identity_confirmed=True, eligibility_confirmed=True,
                    interaction_answer="no", outcome="support_offered",
                    options_offered={"counselling"}))
            except Exception:   # already assessed in the demo
                pass
    for n, case in enumerate(ready):
        for day in (0, 2):
            when = max(monday + timedelta(days=day + n % 3), date.today())
            try:
                diary.book(session, case, diary.BookingForm(
                    session_date=when, start_time=time(9 + 2 * n, 30), duration_minutes=50,
                    session_type="counselling", worker_id=wyn, room_id=rooms[n % 2]))
            except Exception:
                pass
    for n, case in enumerate(ready[1:] + [ids["Eli"], ids["Hana"]]):
        try:
            waiting_list.add(session, case, waiting_list.WaitingForm(
                ("counselling", "isva", "group")[n % 3], ("urgent", "standard", "high")[n % 3],
                date.today() - timedelta(days=3 * n)))
        except Exception:
            pass
    notes.add(session, alex, notes.NoteForm("Rang to arrange the first session; she asked "
                                            "for mornings.", earlier_today(timedelta(hours=3))))
    contacts.record(session, alex, contacts.ContactForm("call", outcome="spoke",
                                                        note="Booked for Tuesday"))

    caseload_page = main.show_area("My caseload")
    caseload_page.open_case(alex)
    settle(app, 400)
    page = caseload_page.case_page
    dialog = page.edit_client()
    settle(app, 400)
    dialog.resize(760, 800)
    grab(app, dialog, "42-client-edit")
    dialog.tabs.setCurrentIndex(1)
    grab(app, dialog, "43-client-edit-history")
    dialog.close()
    page.tabs.setCurrentWidget(page.notes)
    settle(app, 400)
    page.notes.channel.setCurrentIndex(page.notes.channel.findData("email"))
    page.notes.outcome.setCurrentIndex(page.notes.outcome.findData("sent"))
    page.notes.record_contact()
    settle(app, 400)
    grab(app, main, "44-notes-and-contacts")
    page.tabs.setCurrentWidget(page.booking)
    settle(app, 400)
    grab(app, main, "45-diary-booking")
    page.back_requested.emit()

    diary_page = main.show_area("Diary")
    settle(app, 300)
    diary_page.whose.setCurrentIndex(diary_page.whose.findText("Wyn Worker's diary"))
    settle(app, 400)
    if diary_page.table.rowCount():
        diary_page.table.selectRow(0)
    grab(app, main, "46-diary-week")

    listing = main.show_area("Waiting list")
    listing.refresh()
    settle(app, 400)
    if listing.table.rowCount() > 1:
        listing.table.selectRow(1)
    grab(app, main, "47-waiting-list")

    returns_page = main.show_area("Funder returns")
    returns_page.quarter.setCurrentIndex(0)
    returns_page.preview()
    settle(app, 800)
    grab(app, main, "48-returns")


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
    settle(app)
    directory.refresh()
    settle(app)
    row = next(r for r in range(directory.table.rowCount())
               if directory.table.item(r, 0).text().startswith("Respect"))
    directory.table.selectRow(row)
    grab(app, main, "30-signposting-directory")

    caseload = main.show_area("My caseload")
    settle(app)
    caseload.list.search_box.setText("Fran")
    caseload.list.search()
    settle(app)
    caseload.open_case(caseload.list.model.case_id(0))
    settle(app)
    page = caseload.case_page
    page.tabs.setCurrentWidget(page.letters)
    settle(app)
    panel = page.letters
    chooser = panel.chooser
    chooser.kind.setCurrentIndex(chooser.kind.findData("signposting"))
    for words in ("Rape Crisis", "Survivors Trust"):
        chooser.services.tick(next(chooser.services.item(i).data(Qt.ItemDataRole.UserRole)
                                   for i in range(chooser.services.count())
                                   if words in chooser.services.item(i).text()))
    grab(app, main, "31-letter-choose")
    panel.make_letter()
    settle(app)
    grab(app, main, "32-letter-review")
    panel.finalise()
    settle(app)
    panel.list.print_for_post()
    grab(app, main, "33-letter-post-refused")
    page.back_requested.emit()
    settle(app)
    caseload.list.search_box.clear()


def demo_concerns(folder: Path) -> None:
    """Concerns at each step of the perpetrator workflow: raised by Wyn, decided by Mo."""
    from datetime import date, datetime, timedelta
    from sv2desk.practice import earlier_today

    from sv2desk.policy import perpetrators
    from sv2desk.services import auth, caseload, concerns, outcomes, referrals, reviews

    wyn = auth.sign_in(folder, "wyn", DEMO_PASSWORD)
    mo = auth.sign_in(folder, "mo", DEMO_PASSWORD)
    found = {name: caseload.search(wyn, name)[0].id for name in ("Eli", "Gabe", "Ira", "Jo",
                                                                  "Kai")}
    found["Mika"] = referrals.create_referral(wyn, referrals.ReferralForm(
        name="Mika Rowe", postcode="DE22 1AB", date_of_birth=date(1987, 6, 2),
        harm_categories={"sexual_assault"}, harm_timing="non_recent",
        support_requested={"counselling"}, interaction_answer="unsure",
        eligibility_decision="accept", referral_date=date.today() - timedelta(days=2),
        arrived_by="email", external_referral=True, referrer_organisation="Example GP Surgery",
        referrer_name="Dr A Example", referrer_contact_consent=True, may_call=True,
        assign_to_me=True)).id
    explained = concerns.ExplanationForm(earlier_today(timedelta(hours=3)), "phone",
                                         {name: True for name, _ in perpetrators.FOUR_POINTS})

    def to_review(name, information, source, risk, risks, needs, action=""):
        concern = concerns.raise_concern(wyn, found[name], concerns.ConcernForm(
            information, source, "", risk))
        concerns.record_explanation(wyn, concern, explained)
        concerns.countersign_discussion(wyn, concern, DEMO_PASSWORD,
                                        concerns.DiscussionForm(risks, needs, action))
        return concern

    to_review("Gabe", "In a counselling session the client said they had sexually touched a "
              "younger cousin when they were both teenagers. The cousin still comes to family "
              "events.", "The client, in a counselling session", "high",
              "The cousin may still be at risk at family events. The client attends the "
              "Tuesday evening group.", "Support for the client's own experience of abuse as "
              "a child, from a service able to work with this.",
              "Manager rang Derbyshire Children's Services for advice the same day.")
    to_review("Eli", "The referring police officer mentioned an open investigation in which "
              "the client is the suspect.", "The referrer (police), by phone", "medium",
              "Unknown; the investigation is open.", "Emotional support while it goes on.")
    to_review("Mika", "Another client named Mika Rowe as the person who abused them; the name, "
              "age and street match.", "Another client at SV2", "high",
              "The other client must not meet Mika here: both are on Tuesday waiting lists.",
              "Counselling, asked for by the GP.")
    steps = {code: ("not_needed", "") for code in perpetrators.NEXT_STEPS}
    for name, outcome in (("Ira", "support_ends"), ("Jo", "support_continues")):
        concern = to_review(name, "Said at assessment that they had been accused before.",
                            "The client, at assessment", "low", "None known now.",
                            "Counselling.")
        reviews.decide(mo, concern, reviews.DecisionForm(
            steps=steps, outcome=outcome, victim_safety_note="Nobody named is a client; no "
            "shared rooms or days."))
        if name == "Jo":
            outcomes.record_communication(wyn, concern, outcomes.CommunicationForm(
                earlier_today(timedelta(minutes=30)), "in_person", notes="Explained in "
                "person; Jo was relieved."))
    # A new referral names someone who matches Mika: a flag only Mo sees (issue 7).
    referrals.create_referral(wyn, referrals.ReferralForm(
        name="Leah Hartley", postcode="DE22 3FG", date_of_birth=date(1995, 11, 20),
        harm_categories={"sexual_assault"}, harm_timing="recent",
        support_requested={"counselling"}, interaction_answer="yes",
        persons_named=[referrals.PersonNamed("Micky Rowe", "ex-partner",
                                             "about 37, lives on her old street, DE22 1AB")],
        eligibility_decision="accept", referral_date=date.today(), arrived_by="phone",
        assign_to_me=True))
    concerns.raise_concern(wyn, found["Kai"], concerns.ConcernForm(
        "Kai said in a support call that a friend's child had stayed over and that Kai "
        "'went too far'.", "The client, in a support call", "", "high"))
    auth.sign_out(wyn)
    auth.sign_out(mo)


def sign_in_as(shell, username: str):
    from sv2desk.ui.shell.sign_in_window import SignInWindow
    for _ in range(600):             # after the backup made at signing out
        if isinstance(shell.window, SignInWindow):
            break
        settle(QApplication.instance(), 100)
    window = shell.window
    if window.switch_user_button.isVisible():
        window.switch_user_button.click()
        settle(QApplication.instance())
    window.username.setText(username)
    window.password.setText(DEMO_PASSWORD)
    window.submit_password()
    (main,) = wait_for(shell.main_window_shown)
    return main


def grab_together(app: QApplication, windows, name: str) -> None:
    """A main window and the dialog over it, in one picture."""
    settle(app, 300)
    area = windows[0].frameGeometry()
    for window in windows[1:]:
        area = area.united(window.frameGeometry())
    pixmap = windows[0].screen().grabWindow(0, area.x(), area.y(), area.width(), area.height())
    path = OUT / f"{name}.png"
    pixmap.save(str(path))
    print(f"saved {path.relative_to(ROOT)}")


def concern_screens(app: QApplication, shell) -> None:
    """Wyn explains the four points and asks Mo to countersign; Mo reviews the manager
    queue, decides, and looks at the dashboard."""
    from sv2desk.policy import perpetrators

    main = sign_in_as(shell, "wyn")
    caseload = main.show_area("My caseload")
    settle(app)
    caseload.list.search_box.setText("Kai")
    caseload.list.search()
    settle(app)
    caseload.open_case(caseload.list.model.case_id(0))
    settle(app)
    page = caseload.case_page
    page.show_concern()
    box = page.concern.explanation
    for name, _ in perpetrators.FOUR_POINTS[:3]:
        box.ticks[name].setChecked(True)
    box.reasons["safeguarding_may_be_reported"].setText(
        "Their partner came into the room; I will explain it at the next call.")
    box.method.set_value("phone")
    settle(app)
    discussion = page.concern.discussion
    discussion.risks.setPlainText("The friend's child may be at risk; Kai has contact with "
                                  "the family most weekends.")
    discussion.needs.setPlainText("Kai asked for help with their own experience of abuse.")
    discussion.safeguarding_action.setPlainText("Mo to ring Starting Point today.")
    grab(app, main, "21-concern-explanation")
    dialog = discussion.ask_to_countersign()
    dialog.password.setText("not the password")
    dialog.countersign()
    dialog.password.setText("mo's password")
    grab_together(app, [main, dialog], "22-concern-countersign")
    dialog.reject()
    main.sign_out_action.trigger()

    main = sign_in_as(shell, "mo")
    queue = main.show_area("Manager queue")
    settle(app)
    grab(app, main, "23-manager-queue")
    table = queue.list.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 1).text() == "Mika Rowe")
    table.selectRow(row)
    queue.open_review(table.item(row, 0).data(Qt.ItemDataRole.UserRole)[0], "Mika Rowe")
    decision = queue.review.decision
    notes = {"contact_referrer": ("done", "Spoke to Dr Example, who will hold the risk plan."),
             "signpost_perpetrator_services": ("done", "Stop It Now details given."),
             "advice_from_perpetrator_services": ("not_needed", ""),
             "report_safeguarding": ("done", ""),
             "charity_commission_sir": ("not_needed", "No harm at or through SV2.")}
    for code, (status, note) in notes.items():
        decision.status[code].set_value(status)
        settle(app)
        decision.notes[code].setPlainText(note)
    decision.referrer_contact_consent.setChecked(True)
    decision.safeguarding_authority.setText("Derbyshire Adult Social Care")
    decision.safeguarding_reference.setText("ASC-2024-0412")
    decision.safeguarding_consent.set_value("not_asked")
    settle(app)
    decision.safeguarding_lawful_basis.setText("DPA 2018 Schedule 1 paragraph 18")
    decision.outcome.set_value("support_ends")
    settle(app)
    grab(app, main, "24-review")
    decision.save()               # no victim-safety note yet: refused next to the field
    settle(app)
    right = decision.parentWidget()
    while right is not None and not hasattr(right, "ensureWidgetVisible"):
        right = right.parentWidget()
    right.ensureWidgetVisible(decision.victim_safety_note, 50, 200)
    grab(app, main, "25-review-victim-safety-refused")
    decision.victim_safety_note.setPlainText("The other client is told Mika is not a client "
                                             "here; their sessions and rooms stay as they are.")
    decision.save()
    settle(app)
    grab(app, main, "26-review-decided")
    main.show_area("Reports")
    settle(app)
    grab(app, main, "27-dashboard")
    flags = main.show_area("Manager queue").show_connections()
    settle(app)
    flags.safety_measures.setPlainText("Leah on Mondays at the Chesterfield office; Mika stays "
                                       "on Tuesdays in Derby, with a different worker.")
    grab(app, main, "28-possible-connections")
    main.sign_out_action.trigger()


if __name__ == "__main__":
    sys.exit(main())
