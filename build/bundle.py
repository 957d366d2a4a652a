"""What goes into the packaged application: the one list both spec files (Linux, Windows) use.

The spec files are PyInstaller's; this module is plain Python, so the tests can read the
same lists the builds use. Everything SV2 Desk loads by name at run time (not by a plain
``import`` PyInstaller can see) is listed here explicitly, because a frozen build that
misses one fails only on the PC where that code path runs.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent      # the repository

APP_NAME = "sv2desk"                               # the folder and the GUI program
ADMIN_NAME = "sv2desk-admin"                       # the command-line program

ENTRY_GUI = ROOT / "build" / "entry" / "sv2desk_gui.py"
ENTRY_ADMIN = ROOT / "build" / "entry" / "sv2desk_admin.py"

# keyring finds its backends through entry points and imports them by name; a build
# without them silently has no keyring (Vorta's lesson). Every platform's backends are
# listed so one list serves both builds; each loads only where it works.
KEYRING_BACKENDS = (
    "keyring.backends.SecretService",   # Linux desktops: GNOME Keyring, KeePassXC ...
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",         # KDE
    "keyring.backends.Windows",         # Windows Credential Manager
    "keyring.backends.macOS",
    "keyring.backends.chainer",
    "keyring.backends.fail",
    "keyring.backends.null",
)
KEYRING_SUPPORT = {
    "linux": ("secretstorage", "jeepney", "jeepney.io.blocking"),       # SecretService
    "win32": ("win32ctypes.core", "win32ctypes.pywin32.win32cred"),    # Credential Manager
}

DATABASE = ("sqlcipher3", "sqlcipher3.dbapi2", "sqlcipher3._sqlite3",
            "sqlalchemy.dialects.sqlite", "sqlalchemy.dialects.sqlite.pysqlite",
            "sqlalchemy.sql.default_comparator",
            # Alembic runs env.py and the migration scripts from files, and they import:
            "alembic.op", "alembic.context", "alembic.runtime.environment",
            "alembic.runtime.migration", "alembic.operations.ops", "alembic.ddl.sqlite",
            "alembic.ddl.impl",
            # Office server mode: psycopg picks its implementation at run time (the binary
            # one carries its own libpq), and SQLAlchemy loads the dialect by name.
            "psycopg", "psycopg.pq", "psycopg._cmodule", "psycopg_binary",
            "psycopg_binary.pq", "psycopg_binary._psycopg", "psycopg.types",
            "sqlalchemy.dialects.postgresql", "sqlalchemy.dialects.postgresql.psycopg",
            "alembic.ddl.postgresql")

# Qt: the PDF preview, printing, the dashboard's charts. Their platform plugins (xcb,
# wayland, offscreen on Linux; windows on Windows) come with QtGui's hook; the spec checks
# for them after analysis and stops the build if one is missing.
QT = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPdf",
      "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport", "PySide6.QtCharts",
      "PySide6.QtSvg", "PySide6.QtNetwork", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets")

QT_PLUGINS = {   # plugin files the package must hold, by platform (checked by the spec)
    "linux": ("platforms/libqxcb.so", "platforms/libqoffscreen.so",
              "platforms/libqwayland.so", "imageformats/libqsvg.so",
              "iconengines/libqsvgicon.so", "printsupport/libcupsprintersupport.so"),
    "win32": ("platforms/qwindows.dll", "platforms/qoffscreen.dll",
              "imageformats/qsvg.dll", "iconengines/qsvgicon.dll",
              "styles/qmodernwindowsstyle.dll"),
}

# Letters and PDFs: reportlab loads its standard fonts' metrics by module name.
REPORTLAB = ("reportlab.pdfbase._fontdata", "reportlab.pdfbase.ttfonts",
             "reportlab.pdfbase.pdfmetrics", "reportlab.graphics.shapes",
             "reportlab.rl_settings", "_rl_accel")

# Shaping right-to-left and other scripts in letters (added with the Unicode fonts); each
# is packed when installed, and the installation check's letter proves it works.
LETTER_SHAPING = ("uharfbuzz", "bidi", "bidi.algorithm", "arabic_reshaper", "PIL",
                  "PIL.Image", "PIL.PngImagePlugin", "PIL.JpegImagePlugin")

OTHER = ("argon2", "_argon2_cffi_bindings", "_cffi_backend",
         "cryptography.hazmat.primitives.ciphers.aead",
         "platformdirs.unix", "platformdirs.windows", "platformdirs.macos",
         "rapidfuzz", "jellyfish", "faker")

# Qt modules SV2 Desk never uses, kept out of the package: the web engine alone is
# hundreds of megabytes. None of them is imported by SV2 Desk; excluding them also stops
# a library's optional import from pulling one in.
QT_EXCLUDED = (
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel", "PySide6.QtWebView", "PySide6.QtWebSockets",
    "PySide6.QtHttpServer",
    "PySide6.QtQml", "PySide6.QtQmlFeatures", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2", "PySide6.QtQuickTest", "PySide6.QtQuick3D",
    "PySide6.QtLabsStyleKit", "PySide6.QtCanvasPainter",
    "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.Qt3DInput", "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation", "PySide6.Qt3DExtras",
    "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.QtSpatialAudio",
    "PySide6.QtTextToSpeech",
    "PySide6.QtDataVisualization", "PySide6.QtGraphs", "PySide6.QtGraphsWidgets",
    "PySide6.QtLocation", "PySide6.QtPositioning", "PySide6.QtSensors",
    "PySide6.QtBluetooth", "PySide6.QtNfc", "PySide6.QtSerialPort", "PySide6.QtSerialBus",
    "PySide6.QtRemoteObjects", "PySide6.QtScxml", "PySide6.QtStateMachine",
    "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtHelp", "PySide6.QtTest",
    "PySide6.QtSql", "PySide6.QtNetworkAuth", "PySide6.QtConcurrent", "PySide6.QtXml",
)
# Python packages that are only for tests and development, never for the office PC.
DEV_EXCLUDED = ("tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "pypdf", "psutil",
                "IPython", "PyInstaller", "alembic.testing", "sqlalchemy.testing",
                "setuptools", "pip")

# Shared libraries of the excluded Qt modules that PySide6's hooks would still copy in
# (matched against the start of a file's name in the package).
QT_EXCLUDED_LIBRARIES = ("libQt6WebEngine", "Qt6WebEngine", "libQt6Quick", "Qt6Quick",
                         "libQt6Qml", "Qt6Qml", "libQt63D", "Qt63D", "libQt6Multimedia",
                         "Qt6Multimedia", "libQt6Pdf_qml", "libQt6Designer", "Qt6Designer",
                         "libavcodec", "libavformat", "libavutil", "libswscale",
                         "libswresample", "avcodec", "avformat", "avutil", "swscale",
                         "swresample")
QT_EXCLUDED_PLUGIN_FOLDERS = ("qmltooling", "multimedia", "sceneparsers", "renderers",
                              "renderplugins", "geometryloaders", "assetimporters",
                              "position", "geoservices", "sensors", "texttospeech",
                              "canbus", "designer", "webview", "scxmldatamodel",
                              "sqldrivers", "networkinformation", "tls", "generic",
                              "egldeviceintegrations")
# Single plugins not wanted: drawing straight to hardware without a desktop, the virtual
# keyboard (it needs QML), the GTK theme (it would load the PC's own GTK against the
# package's copy of GLib, a known cause of crashes), and image formats never shown.
QT_EXCLUDED_PLUGINS = ("libqeglfs", "libqlinuxfb", "libqvnc", "libqvkkhrdisplay",
                       "libqminimalegl", "libqtvirtualkeyboardplugin", "libqgtk3",
                       "libqwebp", "libqtiff", "libqtga", "libqwbmp", "libqicns", "libqpdf",
                       "qwebp", "qtiff", "qtga", "qwbmp", "qicns", "qpdf", "qdirect2d",
                       "qtvirtualkeyboardplugin")
QT_EXCLUDED_LIBRARIES += ("libQt6VirtualKeyboard", "Qt6VirtualKeyboard",
                          "libQt6EglFSDeviceIntegration", "libQt6EglFsKmsSupport")


def submodules(package: str, folder: Path, keep=lambda name: True) -> list[str]:
    """Every module in ``folder`` (the package ``package``), read from the files there, so
    the list is of the tree being built, whatever else is installed."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(folder).with_suffix("").parts
        if "__pycache__" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join((package, *parts))
        if keep(name):
            found.append(name)
    return found


def hidden_imports(platform: str = "linux") -> list[str]:
    """Every module to freeze that a static look at the imports might miss."""
    import importlib.util
    found = set(KEYRING_BACKENDS + KEYRING_SUPPORT[platform] + DATABASE + QT + REPORTLAB
                + OTHER)
    found.update(name for name in LETTER_SHAPING
                 if importlib.util.find_spec(name.split(".")[0]) is not None)
    # SV2 Desk imports much of itself late (the sign-in window shows first), by name.
    found.update(submodules("sv2desk", ROOT / "sv2desk",
                            lambda name: ".migrations" not in name))
    pdfbase = Path(importlib.util.find_spec("reportlab.pdfbase").origin).parent
    found.update(submodules("reportlab.pdfbase", pdfbase, lambda name: "_fontdata_" in name))
    return sorted(found)


DATA_FOLDERS = (("resources", "resources"),
                ("sv2desk/store/migrations", "sv2desk/store/migrations"))


def data_files() -> list[tuple[str, str]]:
    """(file, folder in the package) for every file under resources/ (whatever is added
    there later, such as fonts, comes along) and Alembic's migration scripts."""
    found = []
    for source, folder in DATA_FOLDERS:
        base = ROOT / source
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                below = path.parent.relative_to(base).as_posix()
                found.append((str(path), folder if below == "." else f"{folder}/{below}"))
    return found


def excludes() -> list[str]:
    return list(QT_EXCLUDED + DEV_EXCLUDED)


def _unwanted(dest: str) -> bool:
    parts = Path(dest).parts
    name = parts[-1]
    if any(name.startswith(prefix) for prefix in QT_EXCLUDED_LIBRARIES):
        return True
    if "plugins" in parts:
        below = parts[parts.index("plugins") + 1:]
        return bool(below) and (below[0] in QT_EXCLUDED_PLUGIN_FOLDERS
                                or name.split(".")[0] in QT_EXCLUDED_PLUGINS)
    return False


def keep(toc):
    """The analysis's files without the excluded Qt modules' libraries and plugins."""
    return [entry for entry in toc if not _unwanted(entry[0])]


def check_qt_plugins(toc, platform: str) -> None:
    """Stop the build when a Qt plugin the office PC needs did not make it in."""
    have = {Path(entry[0]).as_posix() for entry in toc}
    missing = [plugin for plugin in QT_PLUGINS[platform]
               if not any(dest.endswith("/plugins/" + plugin) for dest in have)]
    if missing:
        raise SystemExit("The package would be missing Qt plugins it needs: "
                         + ", ".join(missing))


def check_resources(toc) -> None:
    """Stop the build when resources/ or the migrations did not make it in."""
    have = {Path(entry[0]).as_posix() for entry in toc}
    missing = [f"{folder}/{Path(source).name}" for source, folder in data_files()
               if f"{folder}/{Path(source).name}" not in have]
    if missing:
        raise SystemExit("The package would be missing files it needs: " + ", ".join(missing))
