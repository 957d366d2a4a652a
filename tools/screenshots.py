"""Start the real application on a virtual screen with a demo workspace and save screenshots.

Run with `make screenshots` (which runs this under xvfb-run). Saves PNGs into
docs/screenshots/. Demo data only: invented names, a throwaway folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
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
    accounts.create_account(new.session, "wyn", "Wyn Worker", DEMO_PASSWORD,
                            {"support_worker"}, line_manager_id=manager.id)
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
    shell.hider.hide_all()
    grab(app, main, "10-hidden-screen")
    shell.hider.show_all()
    shell.lock()
    grab(app, shell.window, "11-lock-screen")
    shell.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
