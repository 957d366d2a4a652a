"""The Signposting directory area driven through its real widgets: support workers read
it (with the check-before-use warning in view), managers add and change entries with
messages by the fields, administrators confirm entries (the warning goes) and retire them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sv2desk.policy import signposting as policy
from sv2desk.services import signposting

from ..support.workspaces import ADMIN_PASSWORD, MANAGER_PASSWORD
from .screens import click, settle, sign_out  # noqa: F401

AREA = "Signposting directory"


def search(qtbot, page, text: str) -> None:
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, text)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    settle(qtbot)


def column(page, title: str) -> int:
    return [page.table.horizontalHeaderItem(c).text()
            for c in range(page.table.columnCount())].index(title)


def test_everyone_has_the_directory_and_a_worker_reads_it_only(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    assert main.area_titles() == ["My caseload", "New referral", "Diary", "Waiting list",
                                  AREA, "My account"]
    page = main.show_area(AREA)
    settle(qtbot)
    assert page.table.rowCount() >= 10                   # the seeded services
    assert page.editor is None and not page.add_button.isVisible()
    first = page.table.item(0, column(page, "Before use"))
    assert first.text() == "Check before first use"      # the warning, in view
    assert first.toolTip() == policy.CHECK_BEFORE_USE

    search(qtbot, page, "stop")
    assert page.table.rowCount() == 1
    assert page.table.item(0, 0).text().startswith("Stop It Now")
    for title in ("Phone", "Web", "Opening hours", "Area", "Notes", "Last checked"):
        assert page.table.item(0, column(page, title)).text()
    page.table.selectRow(0)
    settle(qtbot)
    details = page.details
    assert details.values["phone"].text() == "0808 1000 900"
    assert details.warning.isVisible() and details.warning.text() == policy.CHECK_BEFORE_USE
    assert details.values["last_checked"].text() == "Never"

    page.search_box.clear()
    police = page.category.findData("police")
    page.category.setCurrentIndex(police)
    settle(qtbot)
    assert page.table.rowCount() >= 1
    assert {page.table.item(r, column(page, "Category")).text()
            for r in range(page.table.rowCount())} == {policy.CATEGORIES["police"]}
    search(qtbot, page, "nothing like this at all")
    assert page.table.rowCount() == 0 and "Nothing found" in page.count.text()


def test_a_manager_adds_and_changes_an_entry_with_messages_by_the_fields(qtbot, open_main):
    main = open_main("manager", MANAGER_PASSWORD)
    settle(qtbot)
    page = main.show_area(AREA)
    settle(qtbot)
    editor = page.editor
    assert page.add_button.isVisible()
    assert not editor.confirm_button.isVisible()         # only an administrator confirms
    click(qtbot, page.add_button)
    click(qtbot, editor.save_button)                     # nothing typed
    assert "name" in editor.errors.message("name")
    assert "category" in editor.errors.message("category").lower()
    assert "way to contact" in editor.errors.message("phone")
    qtbot.keyClicks(editor.name, "Peak Listening Service")
    editor.category.setCurrentIndex(editor.category.findData("survivors"))
    settle(qtbot)
    qtbot.keyClicks(editor.phone, "01629 000111")
    qtbot.keyClicks(editor.area_served, "High Peak")
    qtbot.keyClicks(editor.notes, "Evening listening line.")
    click(qtbot, editor.save_button)
    assert editor.errors.message("name") == ""
    assert "administrator needs to confirm" in editor.message.text()
    row = next(r for r in range(page.table.rowCount())
               if page.table.item(r, 0).text() == "Peak Listening Service")
    assert page.selected().name == "Peak Listening Service"   # the new entry is selected
    assert page.table.item(row, column(page, "Before use")).text() == "Check before first use"

    editor.phone.clear()
    click(qtbot, editor.save_button)                     # a change is checked the same way
    assert "way to contact" in editor.errors.message("phone")
    qtbot.keyClicks(editor.web, "https://peak.example.org")
    click(qtbot, editor.save_button)
    [entry] = signposting.search(main.session, "Peak Listening")
    assert entry.web == "https://peak.example.org" and entry.phone == ""
    assert entry.warning == policy.CHECK_BEFORE_USE


def test_an_admin_confirms_an_entry_and_the_warning_goes_then_retires_one(qtbot, open_main):
    main = open_main("admin", ADMIN_PASSWORD)
    settle(qtbot)
    page = main.show_area(AREA)
    settle(qtbot)
    editor = page.editor
    search(qtbot, page, "Samaritans")
    page.table.selectRow(0)
    settle(qtbot)
    warning_cell = column(page, "Before use")
    assert page.table.item(0, warning_cell).text() == "Check before first use"
    assert editor.warning.isVisible()
    click(qtbot, editor.confirm_button)                  # "These details are right, checked today"
    assert "checked today" in editor.message.text()
    assert page.table.item(0, warning_cell).text() == ""
    assert page.table.item(0, column(page, "Last checked")).text() != "Never"
    assert not editor.warning.isVisible()
    assert signposting.search(main.session, "Samaritans")[0].warning is None

    click(qtbot, editor.retire_button)                   # asks first, in place
    assert editor.retire_box.isVisible()
    click(qtbot, editor.retire_no)
    assert not editor.retire_box.isVisible() and page.table.rowCount() == 1
    click(qtbot, editor.retire_button)
    click(qtbot, editor.retire_yes)
    assert "no longer in the directory" in editor.message.text()
    assert page.table.rowCount() == 0
    assert signposting.search(main.session, "Samaritans") == []


def test_a_save_over_someone_elses_change_is_refused_naming_them_and_the_typing_stays(
        qtbot, open_main, folder):
    from sv2desk.services import auth
    main = open_main("manager", MANAGER_PASSWORD)
    page = main.show_area(AREA)
    editor = page.editor
    search(qtbot, page, "stop")
    page.table.selectRow(0)
    shown = page.selected()
    # Meanwhile, on another PC, the administrator changes the phone number and notes.
    admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    try:
        theirs = next(s for s in signposting.search(admin) if s.id == shown.id)
        form = signposting.ServiceForm(
            name=theirs.name, category=theirs.category, phone="0808 1000 901", web=theirs.web,
            address=theirs.address, opening_hours=theirs.opening_hours,
            area_served=theirs.area_served, notes="Line moved", last_checked=None)
        signposting.save(admin, form, theirs.id, opened=theirs)
    finally:
        auth.sign_out(admin)
    editor.opening_hours.clear()
    qtbot.keyClicks(editor.opening_hours, "Weekdays 9 to 9")
    click(qtbot, editor.save_button)
    message = editor.message.text()
    assert message.startswith("Ada Admin changed this record at ")
    assert "(phone, notes)" in message and "What you typed is still here" in message
    assert editor.opening_hours.text() == "Weekdays 9 to 9"          # nothing lost
    now = next(s for s in signposting.search(main.session) if s.id == shown.id)
    assert now.opening_hours == shown.opening_hours and now.phone == "0808 1000 901"
    click(qtbot, editor.save_button)                                 # having been told
    assert editor.message.text().startswith("Saved.")
    final = next(s for s in signposting.search(main.session) if s.id == shown.id)
    assert final.opening_hours == "Weekdays 9 to 9"
