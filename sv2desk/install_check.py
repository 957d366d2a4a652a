"""`sv2desk-admin check-install`: does this installation have everything SV2 Desk needs?

Run after installing or upgrading, on the office PC itself (and by CI on the packaged
application). It reads every file SV2 Desk ships, then goes through a practice run in a
temporary folder with made-up people: sets up encrypted data, signs in, takes a referral
whose names are in several alphabets, writes a letter and reads the names back out of
the PDF, makes a backup and checks it, then deletes the folder. It names the keyring
it found and loads the screen, PDF, printing and chart support. Nothing is written
anywhere else, and the real data folder is not opened.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from . import __version__, paths

# Made-up people (nobody real): each name is in the letter twice (as the name and the
# name to greet), so a font that cannot print an alphabet shows up in the PDF's text.
PRACTICE_NAMES = (
    ("Zoë Ångström", "Siobhán Ó Dónaill"),        # Latin with accents (Western Europe)
    ("Łucja Wiśniewska", "Nguyễn Thị Hương"),     # Latin: Polish, Vietnamese
    ("Дмитрий Иванов", "Σοφία Παππά"),            # Cyrillic, Greek
    ("محمد علي", "李小龙"),                        # Arabic (right to left), Chinese
)
PASSWORD = "practice password for the check"


@dataclass
class Report:
    """What the check found: one line per thing checked, problems marked."""

    lines: list[tuple[str, str]] = field(default_factory=list)   # (mark, text)

    def ok(self, text: str) -> None:
        self.lines.append(("ok", text))

    def note(self, text: str) -> None:
        self.lines.append(("note", text))

    def problem(self, text: str) -> None:
        self.lines.append(("PROBLEM", text))

    @property
    def passed(self) -> bool:
        return all(mark != "PROBLEM" for mark, _ in self.lines)


# -- what the package carries ------------------------------------------------------------

def check_files(report: Report) -> None:
    """Every file under resources/ is there and readable; JSON parses; templates load."""
    from .letters import templates
    root = paths.resource()
    files = [p for p in root.rglob("*") if p.is_file()] if root.is_dir() else []
    if not files:
        report.problem(f"SV2 Desk's own files are missing (looked in {root}). Install it "
                       "again.")
        return
    for path in files:
        try:
            data = path.read_bytes()
            if path.suffix == ".json":
                json.loads(data)
        except (OSError, ValueError) as exc:
            report.problem(f"{path.relative_to(root)} cannot be read ({exc}). Install SV2 "
                           "Desk again.")
            return
    for kind in templates.KINDS:
        try:
            templates.load(kind)
        except Exception as exc:   # any failure here is the thing being reported
            report.problem(f"The letter template for '{templates.KINDS[kind].title}' does "
                           f"not load: {exc}")
            return
    for needed in ("derbyshire-postcode-districts.json", "signposting-directory.json",
                   "uk-name-variants.json", "icons/sv2desk.png"):
        if not paths.resource(needed).is_file():
            report.problem(f"resources/{needed} is missing. Install SV2 Desk again.")
            return
    fonts = font_files()
    report.ok(f"program files: {len(files)} files, {len(templates.KINDS)} letter templates"
              + (f", {len(fonts)} fonts" if fonts else ""))


def check_database(report: Report) -> None:
    """SQLCipher, Argon2id and AES-GCM load, and the schema migrations are found."""
    import sqlcipher3

    from .store import crypto, migrate
    probe = sqlcipher3.connect(":memory:")
    try:
        cipher = probe.execute("PRAGMA cipher_version").fetchone()
        sqlite = probe.execute("SELECT sqlite_version()").fetchone()[0]
    finally:
        probe.close()
    if not cipher:
        report.problem("The database library has no encryption (SQLCipher is missing).")
        return
    crypto.derive_key(b"check", os.urandom(16), crypto.KdfParams(1, 8 * 1024, 1))
    report.ok(f"database: SQLCipher {cipher[0]} (SQLite {sqlite}), schema "
              f"{migrate.head_revision()}, Argon2id and AES-GCM")


# -- fonts: which names can a letter print? --------------------------------------------

def font_files() -> list[Path]:
    folder = paths.resource("fonts")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".ttf", ".otf"))


def printable_characters() -> set[int]:
    """Code points some font in the package can print: reportlab's built-in fonts
    (Windows Latin-1) and every font under resources/fonts."""
    from reportlab.pdfbase.ttfonts import TTFontFile
    covered = {ord(ch) for ch in bytes(range(32, 256)).decode("cp1252", "ignore")}
    for path in font_files():
        try:
            covered.update(TTFontFile(str(path)).charToGlyph)
        except Exception:   # reported by the letter check: its names will not print
            continue
    return covered


def _comparable(text: str) -> str:
    """Text as a PDF gives it back: compatibility forms folded (Arabic letters shaped for
    printing become plain letters again), spaces dropped."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def names_found(pdf_text: str, names: list[str]) -> dict[str, bool]:
    """For each name, whether the PDF's text holds it (in either direction, since
    right-to-left text may come back in the order it was drawn)."""
    have = _comparable(pdf_text)
    return {name: _comparable(name) in have or _comparable(name)[::-1] in have
            for name in names}


def pdf_text(pdf: bytes) -> str:
    """The text of every page, as Qt's PDF support (the preview's) reads it."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise ValueError(f"Qt could not open the letter ({document.error().name})")
    return "\n".join(document.getAllText(page).text() for page in range(document.pageCount()))


# -- the practice run -------------------------------------------------------------------

def _referral(name: str, greeting: str):
    from .services.referrals import ReferralForm
    return ReferralForm(name=name, preferred_name=greeting, postcode="DE1 1AA",
                        address="1 Practice Street\nDerby", harm_categories={"sexual_assault"},
                        harm_timing="recent", support_requested={"counselling"},
                        interaction_answer="no", eligibility_decision="accept",
                        referral_date=date.today(), arrived_by="phone")


def sign_in_through_window(folder: Path, username: str, password: str, timeout_ms=60_000):
    """Sign in the way a person does: the real sign-in window, typed into, Sign in pressed.
    Returns the session (or raises what the window would have shown)."""
    from PySide6.QtCore import QEventLoop, QTimer

    from .ui.common.operation import Desk
    from .ui.shell.sign_in_window import SignInWindow
    desk = Desk().install()          # the one database thread, as the Shell has
    window = SignInWindow(folder)
    window.show()
    got: list = []
    loop = QEventLoop()
    window.signed_in.connect(lambda session: (got.append(session), loop.quit()))
    window.attempt_finished.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    window.username.setText(username)
    window.password.setText(password)
    window.sign_in_button.click()
    if not got:
        loop.exec()
    window.close()
    desk.wait()
    window.deleteLater()
    desk.deleteLater()
    if not got:
        shown = window.message.text()
        raise RuntimeError("the sign-in window did not sign in" + (f": {shown}" if shown else ""))
    return got[0]


def practice_run(report: Report, folder: Path) -> None:
    """Set up, sign in, take referrals, write letters, back up and check the backup."""
    from .services import (auth, backups, letters, referrals, restore, settings, setup,
                           signposting)
    from .store import crypto
    created = setup.create_workspace(
        folder / "data", organisation=settings.Organisation(
            name="Practice check", phone="01234 567890", address="1 Practice Street\nDerby"),
        admin_username="check", admin_display_name="Practice Administrator",
        admin_password=PASSWORD, kdf=crypto.KdfParams(1, 8 * 1024, 1))
    auth.sign_out(created.session)
    session = sign_in_through_window(folder / "data", "check", PASSWORD)
    try:
        from .ui.shell.main_window import MainWindow
        window = MainWindow(session)
        window.show()
        areas = len(window.area_titles())
        window.close()
        window.deleteLater()
        report.ok(f"practice data in a temporary folder: set up, signed in through the "
                  f"sign-in window, the main window opened ({areas} areas)")
        service = signposting.search(session)[0].id
        texts = []
        for name, greeting in PRACTICE_NAMES:
            case = referrals.create_referral(session, _referral(name, greeting))
            letter = letters.compose(session, case.id, letters.LetterRequest(
                "signposting", [service]))
            texts.append(pdf_text(letters.preview(session, letter)))
        report.ok(f"referrals: {len(PRACTICE_NAMES)} taken, a signposting letter written "
                  "for each and read back through the PDF preview's reader")
        _names_report(report, "\n".join(texts))
        (folder / "backups").mkdir()
        made = backups.create(session, folder / "backups")
    finally:
        auth.sign_out(session)
    contents = restore.inspect(made.backup.path, username="check", password=PASSWORD)
    if contents.clients != len(PRACTICE_NAMES):
        report.problem(f"The backup holds {contents.clients} clients, not "
                       f"{len(PRACTICE_NAMES)}.")
    else:
        report.ok(f"backup: made and checked ({contents.clients} clients, "
                  f"{contents.audit_entries} audit entries, every checksum and the seal)")


def _names_report(report: Report, text: str) -> None:
    names = [n for pair in PRACTICE_NAMES for n in pair]
    covered = printable_characters()
    printable = [n for n in names if all(ord(ch) in covered or ch.isspace() for ch in n)]
    found = names_found(text, names)
    lost = [n for n in printable if not found[n]]
    if lost:
        report.problem("letters: these names did not come out as typed, though a font in "
                       "the package has their letters: " + ", ".join(lost))
    else:
        report.ok("letters: names printed as typed: " + ", ".join(printable))
    unprintable = [n for n in names if n not in printable]
    if unprintable:
        report.note("letters: no font in this package prints these names' letters yet, so "
                    "they would not print: " + ", ".join(unprintable))


# -- keyring and screen -------------------------------------------------------------------

def check_keyring(report: Report) -> None:
    from . import keyring_choice
    found = keyring_choice.describe()
    def named(modules):
        return ", ".join(keyring_choice.NAMES[m] for m in modules)
    if not found.carried:
        report.problem("keyring: the package holds none of the keyring backends for this "
                       f"kind of PC ({named(found.expected)}), so binding to a PC would "
                       "never be offered. The package was built wrongly.")
    elif found.usable:
        report.ok(f"keyring: {found.name} (binding to this PC can be offered)")
    else:
        report.note(f"keyring: none usable on this PC ({found.name}); SV2 Desk works "
                    f"without binding to the PC. The package carries: {named(found.carried)}")


def check_screen(report: Report) -> None:
    """Qt's printing and chart support load (the sign-in window, main window and PDF
    reader were used in the practice run), and whether the real screen works here."""
    from . import screen_check
    problem = screen_check.problem()
    if problem:
        report.note("screen on this PC: " + " ".join(problem.split()))
    from PySide6 import __version__ as pyside
    from PySide6.QtCharts import QChart
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
    QChart()
    QPrinter()
    printers = len(QPrinterInfo.availablePrinters())
    report.ok(f"screen support: Qt {pyside}; PDF preview, printing ({printers} printers "
              "found) and charts load")


def _qt_app(messages: list[str]):
    """One Qt application for the check, drawing nowhere (the check opens no window).
    Qt's own warnings are kept in ``messages``, shown only when something fails."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication
    qInstallMessageHandler(lambda kind, context, text: messages.append(text))
    return QApplication.instance() or QApplication(sys.argv[:1])


def _tidy_qt() -> None:
    """Delete the check's windows now, not while Python shuts down (which can crash)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def check_practice_run(report: Report) -> None:
    with tempfile.TemporaryDirectory(prefix="sv2desk-check-") as tmp:
        practice_run(report, Path(tmp))


STEPS: tuple[tuple[str, Callable[[Report], None]], ...] = (
    ("files", check_files),
    ("database", check_database),
    ("practice run", check_practice_run),
    ("keyring", check_keyring),
    ("screen", check_screen),
)


def run() -> Report:
    """Every check; a step that fails says so and the others still run."""
    report = Report()
    where = f"installed in {Path(sys.executable).resolve().parent}" if paths.frozen() \
        else "run from source"
    report.ok(f"SV2 Desk {__version__}, {where}")
    messages: list[str] = []
    _qt_app(messages)
    for name, step in STEPS:
        try:
            step(report)
        except Exception as exc:   # the check's job is to say what broke, not to stop
            report.problem(f"{name}: {type(exc).__name__}: {exc}")
            if os.environ.get("SV2DESK_CHECK_TRACEBACK"):
                traceback.print_exc()
        _tidy_qt()
    if not report.passed:
        for text in dict.fromkeys(messages):
            report.note("Qt said: " + text)
    return report


def cmd_check_install(args) -> int:
    print(f"Checking this installation of SV2 Desk {__version__}...", flush=True)
    report = run()
    for mark, text in report.lines:
        print(f"  {mark:<7} {text}")
    if report.passed:
        print("Everything SV2 Desk needs is here.")
        return 0
    print("Something SV2 Desk needs is missing or broken (see PROBLEM above). Install SV2 "
          "Desk again, or give this list to whoever looks after the PC.")
    return 1


def add_command(sub) -> None:
    p = sub.add_parser("check-install", help="check that this installation has everything "
                       "SV2 Desk needs",
                       description="Check this installation of SV2 Desk: its files, the "
                       "database's encryption, a practice run with made-up people in a "
                       "temporary folder (set up, sign in, referrals, letters with names in "
                       "several alphabets, a backup and its check), the keyring, and the "
                       "screen, PDF and printing support. Needs no password, and does not "
                       "open or change the real data. Exits with 0 when all is well.")
    p.set_defaults(func=cmd_check_install)
