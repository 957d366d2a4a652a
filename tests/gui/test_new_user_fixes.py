"""What a new administrator and worker hit, walked through the real widgets: a weak first
administrator's password, and a referral form that does not jump as it is filled in."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from sv2desk.ui.shell.setup_wizard import SetupWizard

from .screens import click


def test_password123_is_refused_for_the_first_administrator(qtbot, tmp_path):
    wizard = SetupWizard(tmp_path / "ws")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.organisation_page.name.setText("SV2 Test")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    admin = wizard.admin_page
    assert wizard.currentPage() is admin
    qtbot.keyClicks(admin.display_name, "Ada Admin")
    qtbot.keyClicks(admin.username, "ada")
    for weak in ("password123", "password1234"):
        admin.password.clear()
        admin.confirm.clear()
        qtbot.keyClicks(admin.password, weak)
        qtbot.keyClicks(admin.confirm, weak)
        click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
        assert wizard.currentPage() is admin, weak                   # not accepted
        assert "must be rated Strong" in admin.errors.message("password")
    qtbot.keyClicks(admin.password, "x")            # changing it takes the message away
    assert admin.errors.message("password") == ""
    admin.password.clear()
    admin.confirm.clear()
    qtbot.keyClicks(admin.password, "lantern orbit walnut 7")
    qtbot.keyClicks(admin.confirm, "lantern orbit walnut 7")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is not admin                         # Strong: on it goes


def test_the_referral_form_does_not_jump_as_the_date_of_birth_is_typed(qtbot, open_main):
    from PySide6.QtCore import Qt
    main = open_main()
    form = main.show_area("New referral")
    age = form.approximate_age
    before = age.mapTo(form, age.rect().topLeft())
    assert age.isVisible() and age.isEnabled()
    qtbot.keyClicks(form.date_of_birth, "12/03/1990")               # typed day first
    qtbot.keyClick(form.date_of_birth, Qt.Key.Key_Tab)
    assert not form.date_of_birth.problem()
    assert form.date_of_birth.date().isoformat() == "1990-03-12"
    assert age.isVisible() and not age.isEnabled()                   # turned off, not gone
    form.date_of_birth.clear()
    assert age.isVisible() and age.isEnabled()
    assert age.mapTo(form, age.rect().topLeft()) == before           # nothing moved
