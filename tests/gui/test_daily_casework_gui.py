"""The daily casework's screens driven through their real widgets (pytest-qt, offscreen):
changing a client's details (and a manager seeing the history), notes and the contact log,
booking a session and the diary, the waiting list, and a funder return saved as CSV."""

from __future__ import annotations

import csv
from datetime import date, timedelta

from PySide6.QtWidgets import QWidget

from sv2desk.policy import lifecycle
from sv2desk.services import assessments, cases, referrals

from ..support.service_examples import assessment_form
from ..support.workspaces import MANAGER_PASSWORD
from .screens import (INPUTS, PARTS_OF_AN_INPUT, click, open_case, refer, referral, settle,
                      unnamed_inputs)


def assessed(main, name: str, **changes) -> int:
    case = referrals.create_referral(main.session, referral(
        name, assign_to_me=True, referral_date=date.today() - timedelta(days=10),
        **changes)).id
    assessments.complete(main.session, case, assessment_form())
    return case


def select_row(qtbot, table, row: int = 0) -> None:
    table.selectRow(row)
    settle(qtbot)


def test_a_worker_changes_the_clients_details_and_a_manager_sees_the_history(
        qtbot, open_main):
    worker = open_main()
    case = refer(worker, "Robin Edit", phone="01332 000111", assign_to_me=True)
    page = open_case(qtbot, worker, case).case_page
    assert page.edit_button.isVisible()
    dialog = page.edit_client()
    settle(qtbot)
    assert dialog.windowTitle() == "Change the client's details"   # never a name
    assert dialog.lines["phone"].text() == "01332 000111"
    assert unnamed_inputs(dialog) == []
    assert dialog.tabs.count() == 1                                 # no history for a worker
    dialog.lines["phone"].clear()
    qtbot.keyClicks(dialog.lines["phone"], "07700 900123")
    qtbot.keyClicks(dialog.lines["pronouns"], "they/them")
    click(qtbot, dialog.ticks["may_text"])
    qtbot.keyClicks(dialog.lines["email"], "not an address")
    click(qtbot, dialog.save_button)
    assert "does not look right" in dialog.errors.message("email")
    assert dialog.lines["phone"].text() == "07700 900123"           # nothing typed is lost
    dialog.lines["email"].clear()
    click(qtbot, dialog.save_button)
    assert "phone" in dialog.message.text().lower() and dialog.message.is_success
    dialog.close()
    manager = open_main("manager", MANAGER_PASSWORD)
    manager_page = open_case(qtbot, manager, case).case_page
    history = manager_page.edit_client()
    settle(qtbot)
    assert history.tabs.count() == 2
    cells = [[history.history.item(r, c).text() for c in range(5)]
             for r in range(history.history.rowCount())]
    assert ["Phone", "01332 000111", "07700 900123"] in [row[2:] for row in cells]
    history.close()


def test_notes_and_a_contact_by_a_way_the_client_said_is_not_safe(qtbot, open_main):
    main = open_main()
    case = refer(main, "Sam Notes", assign_to_me=True, may_call=True)
    page = open_case(qtbot, main, case).case_page
    page.tabs.setCurrentWidget(page.notes)
    panel = page.notes
    settle(qtbot)
    assert "phone call" in panel.safe_ways.text() and "Do not leave" in panel.safe_ways.text()
    qtbot.keyClicks(panel.note_text, "Talked through the safety plan")
    click(qtbot, panel.add_note_button)
    assert panel.notes_table.rowCount() == 1
    assert "safety plan" in panel.notes_table.item(0, 2).text()
    panel.channel.setCurrentIndex(panel.channel.findData("text"))
    panel.outcome.setCurrentIndex(panel.outcome.findData("sent"))
    qtbot.keyClicks(panel.contact_note, "Appointment reminder")
    click(qtbot, panel.record_contact_button)
    assert "must not text" in panel.contact_message.text()
    assert panel.contact_note.toPlainText() == "Appointment reminder"
    assert panel.contacts_table.rowCount() == 0
    panel.channel.setCurrentIndex(panel.channel.findData("call"))
    panel.outcome.setCurrentIndex(panel.outcome.findData("no_answer"))
    click(qtbot, panel.record_contact_button)
    assert panel.contacts_table.rowCount() == 1
    assert panel.contacts_table.item(0, 1).text() == "Phone call"


def test_booking_a_session_then_marking_it_in_the_diary(qtbot, open_main):
    main = open_main()
    case = assessed(main, "Dee Diary")
    page = open_case(qtbot, main, case).case_page
    page.tabs.setCurrentWidget(page.booking)
    panel = page.booking
    settle(qtbot)
    panel.session_type.setCurrentIndex(panel.session_type.findData("counselling"))
    click(qtbot, panel.book_button)
    assert "booked" in panel.book_message.text()
    diary = main.show_area("Diary")
    diary.refresh()
    settle(qtbot)
    assert diary.table.rowCount() == 1
    assert diary.table.item(0, 2).text() == "Dee Diary"
    select_row(qtbot, diary.table)
    assert diary.actions.isEnabled()
    click(qtbot, diary.cancel_button)                       # no reason, no who
    assert diary.errors.message("note") or diary.message.text()
    click(qtbot, diary.held_button)
    assert diary.table.item(0, 6).text() == "Held"
    assert cases.open_case(main.session, case).status == lifecycle.IN_SUPPORT
    assert not diary.actions.isEnabled()


def test_a_paused_case_cannot_be_booked_from_its_screen(qtbot, open_main):
    from sv2desk.services import concerns
    from ..support.service_examples import concern_form
    manager = open_main("manager", MANAGER_PASSWORD)
    case = assessed(manager, "Pat Paused")
    concerns.raise_concern(manager.session, case, concern_form())
    page = open_case(qtbot, manager, case).case_page
    page.tabs.setCurrentWidget(page.booking)
    settle(qtbot)
    page.booking.session_type.setCurrentIndex(1)
    click(qtbot, page.booking.book_button)
    assert lifecycle.HOLD_REASON in page.booking.book_message.text()


def test_the_waiting_list_allocates_and_shows_why_a_paused_client_cannot_be(qtbot, open_main):
    from sv2desk.services import concerns
    from ..support.service_examples import concern_form
    manager = open_main("manager", MANAGER_PASSWORD)
    waiting = assessed(manager, "Wyn Waiting")
    paused = assessed(manager, "Pia Paused")
    for case in (waiting, paused):
        page = open_case(qtbot, manager, case).case_page
        page.tabs.setCurrentWidget(page.booking)
        settle(qtbot)
        page.booking.service.setCurrentIndex(page.booking.service.findData("counselling"))
        click(qtbot, page.booking.wait_button)
        assert "waiting list" in page.booking.wait_message.text()
        assert page.booking.waiting_table.rowCount() == 1
    concerns.raise_concern(manager.session, paused, concern_form())
    listing = manager.show_area("Waiting list")
    listing.refresh()
    settle(qtbot)
    assert listing.table.rowCount() == 2 and "2 of 2" in listing.count.text()
    names = [listing.table.item(r, 0).text() for r in range(2)]
    select_row(qtbot, listing.table, names.index("Pia Paused"))
    assert "paused" in listing.why_not.text() and not listing.allocate_button.isEnabled()
    select_row(qtbot, listing.table, names.index("Wyn Waiting"))
    assert listing.allocate_button.isEnabled()
    listing.worker.setCurrentIndex(listing.worker.findText("Wyn Worker"))
    assert listing.worker.currentIndex() >= 0
    click(qtbot, listing.allocate_button)
    assert "support has started" in listing.message.text()
    settle(qtbot)
    assert listing.table.rowCount() == 1
    assert cases.open_case(manager.session, waiting).status == lifecycle.IN_SUPPORT


def test_a_managers_return_is_previewed_and_saved_as_csv(qtbot, open_main, tmp_path):
    manager = open_main("manager", MANAGER_PASSWORD)
    for n in range(6):
        refer(manager, f"Return Person{n}")
    page = manager.show_area("Funder returns")
    assert all(not b.isEnabled() for b in page.export_buttons.values())
    page.quarter.setCurrentIndex(0)                       # this quarter
    click(qtbot, page.preview_button)
    top = [page.figures.topLevelItem(i).text(0) for i in range(page.figures.topLevelItemCount())]
    assert "Referrals by source" in top
    figures = page.figures.topLevelItem(0)
    shown = {figures.child(i).text(0): figures.child(i).text(1)
             for i in range(figures.childCount())}
    assert shown["Referrals received"] == "6"
    target = tmp_path / "return"
    page.save_path = lambda kind: str(target)
    click(qtbot, page.export_buttons["csv"])
    saved = target.with_suffix(".csv")
    assert saved.exists() and "Saved" in page.message.text()
    rows = list(csv.reader(saved.read_text("utf-8-sig").splitlines()))
    assert ["Referrals received", "6"] in rows
    assert "Return Person" not in saved.read_text("utf-8-sig")


def test_the_new_screens_name_every_input(qtbot, open_main):
    manager = open_main("manager", MANAGER_PASSWORD)
    for area in ("Diary", "Waiting list", "Funder returns"):
        assert area in manager.area_titles()
    worker = open_main()
    assert "Funder returns" not in worker.area_titles()
    case = assessed(worker, "Ann Named")
    page = open_case(qtbot, worker, case).case_page
    for root in (page.notes, page.booking, page.consent, worker.pages["Diary"],
                 worker.pages["Waiting list"], manager.pages["Funder returns"]):
        missing = [f"{type(w).__name__} {w.objectName()!r}" for w in root.findChildren(QWidget)
                   if isinstance(w, INPUTS) and not isinstance(w.parent(), PARTS_OF_AN_INPUT)
                   and not w.accessibleName().strip()]
        assert missing == [], (root, missing)


def test_consent_given_and_withdrawn_and_equality_answers_on_screen(qtbot, open_main):
    from sv2desk.services import equality
    main = open_main()
    case = refer(main, "Cy Consent", assign_to_me=True)
    page = open_case(qtbot, main, case).case_page
    page.tabs.setCurrentWidget(page.consent)
    panel = page.consent
    settle(qtbot)
    panel.kind.setCurrentIndex(panel.kind.findData("sharing"))
    panel.how.setCurrentIndex(panel.how.findData("in_person"))
    click(qtbot, panel.record_button)                    # sharing: with whom is required
    assert panel.consent_errors.message("shared_with")
    qtbot.keyClicks(panel.shared_with, "The GP, to share risk")
    click(qtbot, panel.record_button)
    assert panel.table.rowCount() == 1 and panel.table.item(0, 5).text() == ""
    select_row(qtbot, panel.table)
    assert panel.withdraw_button.isEnabled()
    panel.withdraw_how.setCurrentIndex(panel.withdraw_how.findData("phone"))
    click(qtbot, panel.withdraw_button)
    assert panel.table.item(0, 5).text() == date.today().strftime("%d/%m/%Y")
    box = panel.questions["ethnicity"]
    box.setCurrentIndex(box.findData("prefer_not_to_say"))
    click(qtbot, panel.save_equality_button)
    assert panel.equality_message.is_success
    assert equality.view(main.session, case).labels["ethnicity"] == "Prefer not to say"
    assert equality.view(main.session, case).labels["religion"] == "Not recorded"


def test_the_administrator_keeps_the_sites_and_rooms(qtbot, open_main):
    from ..support.workspaces import ADMIN_PASSWORD
    main = open_main("admin", ADMIN_PASSWORD)
    admin = main.show_area("Administration")
    panel = admin.rooms
    admin.tabs.setCurrentWidget(panel)
    settle(qtbot)
    qtbot.keyClicks(panel.site_name, "Chesterfield office")
    click(qtbot, panel.add_site_button)
    assert panel.site.findText("Chesterfield office") >= 0
    click(qtbot, panel.add_room_button)                  # a room needs a name
    assert panel.room_errors.message("name")
    qtbot.keyClicks(panel.room_name, "Quiet room")
    click(qtbot, panel.step_free)
    click(qtbot, panel.add_room_button)
    assert panel.table.rowCount() == 1 and panel.table.item(0, 2).text() == "Yes"
    select_row(qtbot, panel.table)
    click(qtbot, panel.retire_button)
    assert panel.table.item(0, 3).text() == "No"
    assert not panel.retire_button.isEnabled()


def test_the_assessment_asks_the_equality_questions_none_required(qtbot, open_main):
    from sv2desk.services import equality
    from sv2desk.ui.casework import assessment_wizard as aw
    from .screens import finish, next_page, open_wizard
    main = open_main()
    case = refer(main, "Eq Assessed", assign_to_me=True)
    page, wizard = open_wizard(qtbot, main, case)
    click(qtbot, wizard.identity_confirmed)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.currentId() == aw.NEEDS
    box = wizard.equality["sexual_orientation"]
    box.setCurrentIndex(box.findData("prefer_not_to_say"))
    next_page(qtbot, wizard)                              # nothing else needs an answer
    assert wizard.currentId() == aw.INTERACTION
    next_page(qtbot, wizard)
    click(qtbot, wizard.potential_perpetrator.buttons["no"])
    next_page(qtbot, wizard)
    click(qtbot, wizard.outcome.buttons["support_offered"])
    click(qtbot, wizard.options_offered.boxes["counselling"])
    next_page(qtbot, wizard)
    finish(qtbot, wizard)
    view = equality.view(main.session, case)
    assert view.labels["sexual_orientation"] == "Prefer not to say"
    assert view.labels["ethnicity"] == "Not recorded"
