"""What the package holds: everything SV2 Desk ships, none of the Qt it never uses."""

from __future__ import annotations

from pathlib import Path

import bundle

from conftest import DIST, ROOT

INTERNAL = DIST / "_internal"


def test_every_file_under_resources_is_in_the_package(package):
    shipped = [p.relative_to(ROOT) for p in (ROOT / "resources").rglob("*") if p.is_file()]
    assert shipped
    missing = [str(p) for p in shipped if not (INTERNAL / p).is_file()]
    assert missing == []
    for path in shipped:
        assert (INTERNAL / path).read_bytes() == (ROOT / path).read_bytes()


def test_the_migrations_are_in_the_package(package):
    versions = sorted(p.name for p in (ROOT / "sv2desk/store/migrations/versions").glob("*.py"))
    packaged = sorted(p.name for p in (INTERNAL / "sv2desk/store/migrations/versions")
                      .glob("*.py"))
    assert versions and packaged == versions
    assert (INTERNAL / "sv2desk/store/migrations/env.py").is_file()


def test_unused_qt_modules_are_left_out(package):
    names = [p.name for p in INTERNAL.rglob("*")]
    for unwanted in ("Qt6WebEngine", "Qt6Qml", "Qt6Quick", "Qt63D", "Qt6Multimedia",
                     "QtWebEngine", "QtQml", "QtQuick", "Qt3D", "QtMultimedia"):
        assert not [n for n in names if unwanted in n], unwanted


def test_the_qt_pieces_sv2_desk_uses_are_in(package):
    plugins = INTERNAL / "PySide6" / "Qt" / "plugins"
    for plugin in bundle.QT_PLUGINS["linux"]:
        assert (plugins / plugin).is_file(), plugin
    for module in ("QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtCharts", "QtSvg"):
        assert list((INTERNAL / "PySide6").glob(f"{module}.*.so")), module


def test_the_package_is_not_bloated(package):
    """Print the size (make package does too) and keep it where it was measured."""
    size = sum(p.lstat().st_size for p in DIST.rglob("*")
               if p.is_file() and not p.is_symlink()) / 1e6
    print(f"\npackage: {size:.0f} MB")
    assert size < 350     # measured at 307 MB; the web engine alone would add ~200 MB
