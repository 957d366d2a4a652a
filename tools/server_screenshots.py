"""Screenshots of the office server's settings screens, for docs/office-server.md:
Administration, Office server on one PC (the move form, the certificate's fingerprint shown
to compare) and on an enrolled PC (where the data is), and a second PC's first run (Join the
office server). Run under xvfb-run (part of `make screenshots`): a throwaway PostgreSQL
cluster, invented data, a throwaway folder."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.screenshots import OUT, grab, settle  # noqa: E402


def main() -> int:
    os.environ.setdefault("SV2DESK_KDF_TARGET_MS", "5")
    import keyring
    from tests.support import pg_cluster
    from tests.support.keyrings import MemoryKeyring
    from tests.support.workspaces import ADMIN_PASSWORD, create_workspace
    from sv2desk.services import auth, office_server
    from sv2desk.ui.admin.admin_page import AdminPage
    keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication(sys.argv)
    cluster = pg_cluster.start_cluster()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "workspace"
            new = create_workspace(folder)
            page = AdminPage(new.session)
            page.resize(1000, 720)
            tab = page.office_server
            page.tabs.setCurrentWidget(tab)
            settle(app)                  # where the data is, read through an operation
            tab.host.setText("office-server")
            tab.owner_password.setText("not a real password")
            tab.set_certificate(cluster.ca_path)
            page.show()
            settle(app)
            grab(app, page, "35-administration-office-server-move")
            page.close()
            office_server.move_to_server(new.session, cluster.owner(), "sv2desk")
            admin = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
            page = AdminPage(admin)
            page.resize(1000, 560)
            page.tabs.setCurrentWidget(page.office_server)
            page.show()
            settle(app)
            grab(app, page, "36-administration-office-server-enrolled")
            page.close()
            auth.sign_out(admin)
            # A second PC's first run: Join the office server.
            from sv2desk.ui.shell.enrol_dialog import EnrolDialog
            dialog = EnrolDialog(Path(tmp) / "second-pc")
            dialog.host.setText("office-server")
            dialog.owner_password.setText("not a real password")
            dialog.set_certificate(cluster.ca_path)
            dialog.fingerprint.setText("ABCD 1234 (from the set-up sheet)")
            dialog.pc_name.setText("Front desk")
            dialog.resize(640, 460)
            dialog.show()
            settle(app)
            grab(app, dialog, "37-first-run-join-the-office-server")
            dialog.close()
    finally:
        pg_cluster.remove(cluster)
    return 0


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    sys.exit(main())
