"""Letters from the case view, driven through the real widgets: choosing the kind and the
services, making the letter, editing it, large print, finalising; outcome letters refused
before the decision; posting refused when post is not safe, with handing over in person
still there; and no plaintext temporary files from previewing, printing or saving a copy."""

from __future__ import annotations

import io
import os
import tempfile

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pypdf import PdfReader

from sv2desk.services import (accounts, audit, auth, concerns, letters as letter_service,
                              reviews)

from ..support.pdf_tools import font_sizes, pdf_text
from ..support.service_examples import (concern_form, decision_form, discussion_form,
                                        explanation_form)
from ..support.workspaces import ADMIN_PASSWORD, MANAGER_PASSWORD, WORKER_PASSWORD
from .screens import click, press_lock, refer, settle, sign_in, sign_out  # noqa: F401


def open_letters(qtbot, main, case_id: int):
    caseload = main.show_area("My caseload")
    settle(qtbot)
    caseload.open_case(case_id)
    settle(qtbot)
    assert caseload.stack.currentWidget() is caseload.case_page
    page = caseload.case_page
    page.tabs.setCurrentWidget(page.letters)
    settle(qtbot)
    return page, page.letters


def choose_kind(panel, kind: str) -> None:
    panel.chooser.kind.setCurrentIndex(panel.chooser.kind.findData(kind))


def tick(qtbot, picker, words: str) -> None:
    """Tick a service by keyboard: move to it and press Space."""
    for i in range(picker.count()):
        item = picker.item(i)
        if words in item.text() and not item.isHidden():
            picker.setFocus()
            picker.setCurrentItem(item)
            qtbot.keyClick(picker, Qt.Key.Key_Space)
            settle(qtbot)
            assert item.checkState() == Qt.CheckState.Checked
            return
    raise AssertionError(f"no service showing called {words}")


def make_signposting_letter(qtbot, panel, service: str = "Rape Crisis") -> None:
    choose_kind(panel, "signposting")
    tick(qtbot, panel.chooser.services, service)
    click(qtbot, panel.chooser.make_button)
    assert panel.steps.currentWidget() is panel.review, panel.chooser.message.text()


def test_a_signposting_letter_made_edited_and_finalised(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    case_id = refer(main, "Robin Letterwright", address="2 Safe Road\nMatlock",
                    post_is_safe=True, assign_to_me=True)
    page, panel = open_letters(qtbot, main, case_id)
    chooser = panel.chooser
    click(qtbot, chooser.make_button)                    # no kind chosen yet
    assert "kind of letter" in chooser.errors.message("kind")
    choose_kind(panel, "signposting")
    assert chooser.category.currentData() == "survivors"   # survivors' services offered first
    assert not chooser.own_experience.isVisible()
    click(qtbot, chooser.make_button)                    # no service ticked: the service says so
    assert "Choose at least one service" in chooser.message.text()
    chooser.category.setCurrentIndex(chooser.category.findData("harm_prevention"))
    settle(qtbot)
    assert all(chooser.services.item(i).isHidden() != ("Stop It Now" in
               chooser.services.item(i).text() or "Respect" in chooser.services.item(i).text())
               for i in range(chooser.services.count()))
    tick(qtbot, chooser.services, "Stop It Now")
    chooser.category.setCurrentIndex(0)                  # every category: still ticked
    settle(qtbot)
    tick(qtbot, chooser.services, "Samaritans")
    click(qtbot, chooser.make_button)

    review = panel.review
    assert panel.steps.currentWidget() is review
    assert review.subject.text() == "Services that can support you"
    assert review.recipient.toPlainText().splitlines()[:3] == [
        "Robin Letterwright", "2 Safe Road", "Matlock"]
    assert "Stop It Now" in review.body.toPlainText() and "Samaritans" in review.body.toPlainText()
    review.subject.clear()
    qtbot.keyClicks(review.subject, "Support near you")
    review.body.moveCursor(review.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(review.body, " A line the worker added.")
    assert page.drafts()[0][0] == "letter"               # kept as a draft if SV2 Desk locks
    review.body.clear()
    click(qtbot, review.finalise_button)                 # an empty letter is not finalised
    assert "empty" in review.errors.message("body")
    for n, line in enumerate(("Dear Robin,", "", "These services can help.", "", "Stop It Now")):
        if n:
            qtbot.keyClick(review.body, Qt.Key.Key_Return)
            settle(qtbot)
        qtbot.keyClicks(review.body, line)
    click(qtbot, review.finalise_button)

    assert panel.steps.currentWidget() is panel.chooser
    assert "finalised and stored" in panel.message.text()
    assert page.drafts() == []
    listing = panel.list
    assert listing.table.rowCount() == 1
    assert listing.table.item(0, 0).text() == "Signposting letter"
    assert listing.selected() is not None                # the new letter, ready to print
    assert any("Letter finalised" in page.timeline.item(r, 2).text()
               for r in range(page.timeline.rowCount()))
    assert main.windowTitle() == "SV2 Desk"
    listing.open_selected()
    settle(qtbot)
    dialog = listing.dialog
    qtbot.addWidget(dialog)
    assert "Robin" not in dialog.windowTitle()
    words = pdf_text(letter_service.open_letter(main.session, listing.selected().id))
    assert "Support near you" in words and "These services can help." in words


def test_the_outcome_letter_is_refused_before_a_decision(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    case_id = refer(main, "Undecided Person", assign_to_me=True)
    _, panel = open_letters(qtbot, main, case_id)
    choose_kind(panel, "outcome_not_supported")
    chooser = panel.chooser
    assert chooser.category.currentData() == "harm_prevention"
    assert chooser.own_experience.isVisible()            # support for their own experience
    assert not chooser.survivor_services.isEnabled()
    click(qtbot, chooser.own_experience)
    assert chooser.survivor_services.isEnabled()
    tick(qtbot, chooser.services, "Stop It Now")
    click(qtbot, chooser.make_button)                    # ticked, but no survivor service
    assert "own experience" in chooser.errors.message("not_supported_own_experience")
    tick(qtbot, chooser.survivor_services, "Rape Crisis")
    click(qtbot, chooser.make_button)
    assert chooser.message.text() == ("Outcome letters can be written once a manager has "
                                      "recorded the decision.")
    assert panel.steps.currentWidget() is chooser
    choose_kind(panel, "outcome_support_continues")
    assert chooser.no_services.isVisible() and not chooser.services.isVisible()


def test_an_outcome_letter_after_the_decision_with_their_own_experience(qtbot, created, folder,
                                                                          open_main):
    _, ids = created
    main = open_main("admin", ADMIN_PASSWORD)
    settle(qtbot)
    admin = main.session
    accounts.set_line_manager(admin, admin.account_id, ids["manager"])
    case_id = refer(main, "Decided Person", address="5 Post Lane", post_is_safe=True,
                    assign_to_me=True)
    concern = concerns.raise_concern(admin, case_id, concern_form())
    concerns.record_explanation(admin, concern, explanation_form())
    concerns.countersign_discussion(admin, concern, MANAGER_PASSWORD, discussion_form())
    manager = auth.sign_in(folder, "manager", MANAGER_PASSWORD)
    reviews.decide(manager, concern, decision_form(outcome="support_ends"))
    auth.sign_out(manager)

    _, panel = open_letters(qtbot, main, case_id)
    choose_kind(panel, "outcome_not_supported")
    tick(qtbot, panel.chooser.services, "Stop It Now")
    click(qtbot, panel.chooser.own_experience)
    tick(qtbot, panel.chooser.survivor_services, "Rape Crisis")
    click(qtbot, panel.chooser.make_button)
    body = panel.review.body.toPlainText()
    assert "Stop It Now" in body and "experienced sexual abuse themselves" in body
    assert "Rape Crisis" in body


def test_posting_is_refused_when_post_is_not_safe_and_handing_over_remains(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    case_id = refer(main, "Private Person", address="3 Home Road", post_is_safe=False,
                    assign_to_me=True)
    _, panel = open_letters(qtbot, main, case_id)
    make_signposting_letter(qtbot, panel)
    click(qtbot, panel.review.finalise_button)
    listing = panel.list
    click(qtbot, listing.post_button)
    assert listing.postal.isVisible()
    assert "post is not safe" in listing.postal.text()
    assert listing.dialog is None                        # nothing to print for posting
    assert listing.hand_button.isEnabled()
    click(qtbot, listing.hand_button)
    dialog = listing.dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.document.pageCount() >= 1
    note = dialog.findChild(type(listing.postal), "preview_note")
    assert "hand it over in person" in note.text()


def test_posting_when_safe_says_to_use_a_plain_envelope(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    case_id = refer(main, "Envelope Person", address="4 Quiet Road\nBelper", post_is_safe=True,
                    name_on_envelope_ok=False, assign_to_me=True)
    _, panel = open_letters(qtbot, main, case_id)
    make_signposting_letter(qtbot, panel)
    click(qtbot, panel.review.finalise_button)
    listing = panel.list
    click(qtbot, listing.post_button)
    assert "plain envelope" in listing.postal.text()
    qtbot.addWidget(listing.dialog)
    assert listing.dialog.isVisible()


def test_a_large_print_letter_is_finalised_in_large_print(qtbot, open_main):
    main = open_main()
    settle(qtbot)
    case_id = refer(main, "Large Print Reader", address="6 Wide Street", post_is_safe=True,
                    assign_to_me=True)
    _, panel = open_letters(qtbot, main, case_id)
    make_signposting_letter(qtbot, panel)
    click(qtbot, panel.review.large_print)
    click(qtbot, panel.review.finalise_button)
    listing = panel.list
    assert listing.table.item(0, 1).text() == "Yes"
    pdf = letter_service.open_letter(main.session, listing.selected().id)
    assert min(s for s in font_sizes(pdf) if s > 12.5) >= 16


def test_no_plaintext_temporary_files_and_prints_and_copies_are_recorded(
        qtbot, open_main, folder, tmp_path, monkeypatch):
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    out = tmp_path / "chosen"
    out.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda *a, **k: QMessageBox.StandardButton.Save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(out / "copy.pdf"), "PDF files (*.pdf)"))
    from sv2desk.ui.letters import letter_list_panel as letter_list
    monkeypatch.setattr(letter_list, "ask_print_purpose", lambda parent: letter_list.HAND_OVER)
    main = open_main("admin", ADMIN_PASSWORD)
    settle(qtbot)
    case_id = refer(main, "Tempfile Tester", address="7 Disk Road", post_is_safe=True,
                    assign_to_me=True)
    _, panel = open_letters(qtbot, main, case_id)
    make_signposting_letter(qtbot, panel)
    panel.preview()                            # the letter before it is finalised
    settle(qtbot)
    preview = panel.dialog
    qtbot.addWidget(preview)
    assert preview.document.pageCount() >= 1 and "Tempfile" not in preview.windowTitle()
    click(qtbot, panel.review.finalise_button)
    panel.list.open_selected()
    settle(qtbot)
    dialog = panel.list.dialog
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(300)   # an office printer's; a PDF's 1200 dpi takes 4 s a page
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out / "printed.pdf"))
    assert dialog.print_to(printer)
    click(qtbot, dialog.save_button)                     # the warning answered "Save"
    assert PdfReader(str(out / "printed.pdf")).pages
    assert "Tempfile Tester" in pdf_text((out / "copy.pdf").read_bytes())
    assert preview.save_copy()
    settle(qtbot)                              # the copy's record is written by an operation

    left = [os.path.join(d, f) for d, _, files in os.walk(temporary) for f in files]
    kept = [os.path.join(d, f) for d, _, files in os.walk(folder) for f in files]
    for path in left + kept:            # no plaintext name in any file, temporary or kept
        with open(path, "rb") as handle:
            assert b"Tempfile Tester" not in handle.read(), path
    assert left == []
    actions = [(e.action, e.object_type) for e in audit.recent(main.session, 50)]
    assert ("letters.hand_over", "letter") in actions    # through the service's record
    assert ("export.letter", "letter") in actions
    assert ("export.letter_preview", "case") in actions


def test_a_letter_being_edited_is_kept_as_a_draft_over_a_lock(qtbot, created, folder,
                                                              make_shell):
    shell = make_shell(folder)
    shell.start()
    main = sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    case_id = refer(main, "Draft Letter Person", address="8 Lock Lane", post_is_safe=True,
                    assign_to_me=True)
    _, panel = open_letters(qtbot, main, case_id)
    make_signposting_letter(qtbot, panel)
    click(qtbot, panel.review.large_print)
    qtbot.keyClicks(panel.review.body, "Typed before the lock. ")
    typed = panel.review.body.toPlainText()
    press_lock(qtbot, main)
    assert shell.session is None
    main = sign_in(qtbot, shell, "worker", WORKER_PASSWORD)
    # back where they were, with what was typed (no need to open the draft)
    page = main.pages["My caseload"].case_page
    assert page.view.id == case_id and page.tabs.currentWidget() is page.letters
    review = page.letters.review
    assert page.letters.steps.currentWidget() is review
    assert review.body.toPlainText() == typed and review.large_print.isChecked()
    click(qtbot, review.finalise_button)
    assert page.letters.list.table.rowCount() == 1
    shell.shutdown()


def test_a_draft_preview_cannot_be_printed_and_a_letter_prints_only_through_the_check(
        qtbot, open_main, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QLabel

    from sv2desk.ui.letters import letter_list_panel as letter_list
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    main = open_main("admin", ADMIN_PASSWORD)
    settle(qtbot)
    case_id = refer(main, "Unposted Person", address="9 Hidden Road", post_is_safe=False,
                    assign_to_me=True)
    _, panel = open_letters(qtbot, main, case_id)
    make_signposting_letter(qtbot, panel)
    panel.preview()
    settle(qtbot)
    preview = panel.dialog
    qtbot.addWidget(preview)
    assert preview.draft and not preview.print_button.isVisible()
    assert "cannot be printed" in preview.findChild(QLabel, "draft_note").text()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(300)   # an office printer's; a PDF's 1200 dpi takes 4 s a page
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "draft.pdf"))
    assert not preview.print_to(printer) and not (tmp_path / "draft.pdf").exists()
    assert all("DRAFT" in page.extract_text()
               for page in PdfReader(io.BytesIO(preview._pdf)).pages)

    click(qtbot, panel.review.finalise_button)
    listing = panel.list
    listing.open_selected()           # opened to read, then Print pressed in it
    settle(qtbot)
    dialog = listing.dialog
    qtbot.addWidget(dialog)
    monkeypatch.setattr(letter_list, "ask_print_purpose", lambda parent: letter_list.POST)
    printer.setOutputFileName(str(tmp_path / "posted.pdf"))
    assert not dialog.print_to(printer)        # post is not safe: the same refusal
    assert not (tmp_path / "posted.pdf").exists()
    assert "post is not safe" in listing.postal.text() and warnings
    monkeypatch.setattr(letter_list, "ask_print_purpose", lambda parent: letter_list.HAND_OVER)
    printer.setOutputFileName(str(tmp_path / "handed.pdf"))
    assert dialog.print_to(printer) and (tmp_path / "handed.pdf").exists()
    actions = [(e.action, e.outcome) for e in audit.recent(main.session, 20)]
    assert ("letters.print_for_post", "refused") in actions
    assert ("letters.hand_over", "ok") in actions


def test_the_review_step_warns_about_a_directory_entry_not_confirmed(qtbot, open_main):
    from sv2desk.services import signposting
    main = open_main("admin", ADMIN_PASSWORD)
    settle(qtbot)
    signposting.save(main.session, signposting.ServiceForm(
        name="Unchecked Helpline", category="survivors", phone="0100 000000"))
    case_id = refer(main, "Warned Person", address="3 Check Road", post_is_safe=True,
                    assign_to_me=True)
    _, panel = open_letters(qtbot, main, case_id)
    make_signposting_letter(qtbot, panel, "Unchecked Helpline")
    warning = panel.review.directory_warning
    assert warning.isVisible() and "Unchecked Helpline: Check before first use" in warning.text()
    click(qtbot, panel.review.finalise_button)
    info = panel.list.selected()
    assert [n for n, _ in letter_service.unconfirmed_services(main.session, info.id)] == [
        "Unchecked Helpline"]
