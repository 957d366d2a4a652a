"""The packaging files agree with each other and with the code: one version, the same
lists for Linux and Windows, every resource packed, and the Windows installer's promises
(per user, a Start-menu entry, the data left behind on uninstall)."""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

import pytest

import sv2desk

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
sys.path.insert(0, str(BUILD))
import bundle  # noqa: E402

ISS = (BUILD / "windows" / "sv2desk.iss").read_text("utf-8")


def _section(name: str) -> str:
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", ISS, re.M | re.S)
    assert match, name
    return match.group(1)


def test_one_version_in_the_code_the_windows_resource_and_the_installer():
    version = sv2desk.__version__
    assert f'#define AppVersion "{version}"' in ISS
    info = (BUILD / "windows" / "version-info.txt").read_text("utf-8")
    numbers = tuple(int(n) for n in version.split(".")) + (0,)
    assert f"filevers=({', '.join(map(str, numbers))})" in info
    assert f"prodvers=({', '.join(map(str, numbers))})" in info
    assert f"StringStruct('FileVersion', '{version}')" in info
    assert f"StringStruct('ProductVersion', '{version}')" in info


def test_the_installer_is_per_user_with_a_start_menu_entry():
    setup = _section("Setup")
    assert "PrivilegesRequired=lowest" in setup
    assert "DefaultDirName={userpf}\\{#AppName}" in setup
    icons = _section("Icons")
    assert icons.startswith('Name: "{userprograms}\\{#AppName}"; Filename: "{app}\\{#AppExe}"')
    assert "sv2desk-admin.exe\"\" check-install" in icons


def test_uninstalling_leaves_the_data_folder():
    removes = _section("UninstallDelete") + _section("InstallDelete")
    names = re.findall(r'Name: "([^"]+)"', removes)
    assert names and all(name.startswith("{app}\\") for name in names)
    for data_place in ("{localappdata}", "{userappdata}", "{commonappdata}", "SV2 Desk\\workspace"):
        assert data_place not in removes


def test_both_specs_use_the_shared_lists():
    linux = (BUILD / "sv2desk.spec").read_text("utf-8")
    windows = (BUILD / "windows" / "sv2desk-windows.spec").read_text("utf-8")
    compile(linux, "sv2desk.spec", "exec")
    compile(windows, "sv2desk-windows.spec", "exec")
    assert 'bundle.hidden_imports("linux")' in linux
    assert 'check_qt_plugins(a.binaries, "linux")' in linux
    assert 'bundle.hidden_imports("win32")' in windows
    assert 'check_qt_plugins(a.binaries, "win32")' in windows
    for spec in (linux, windows):
        assert "datas=bundle.data_files()" in spec and "excludes=bundle.excludes()" in spec
        assert "bundle.check_resources(a.datas)" in spec
    gui = re.search(r"gui = EXE\((.*?)\)\n", windows, re.S).group(1)
    assert "console=False" in gui     # no console window behind SV2 Desk on Windows


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_what_the_frozen_app_loads_by_name_is_listed(platform):
    hidden = set(bundle.hidden_imports(platform))
    for needed in ("keyring.backends.SecretService", "keyring.backends.Windows",
                   "sqlcipher3", "sqlalchemy.dialects.sqlite", "alembic.op",
                   "reportlab.pdfbase._fontdata_widths_helvetica", "PySide6.QtPdf",
                   "PySide6.QtPrintSupport", "sv2desk.services.auth", "sv2desk.ui.shell.main_window",
                   "sv2desk.install_check"):
        assert needed in hidden, needed
    windows_only = {"win32ctypes.core", "win32ctypes.pywin32.win32cred"}
    assert (windows_only <= hidden) == (platform == "win32")


def test_unused_qt_modules_are_excluded():
    excluded = set(bundle.excludes())
    for module in ("PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick",
                   "PySide6.Qt3DCore", "PySide6.QtMultimedia"):
        assert module in excluded
    assert bundle.keep([("PySide6/Qt/lib/libQt6WebEngineCore.so.6", "x", "BINARY"),
                        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "x", "B"),
                        ("PySide6/Qt/plugins/platforms/libqxcb.so", "x", "BINARY"),
                        ("PySide6/Qt/plugins/platforms/libqeglfs.so", "x", "BINARY")]) == \
        [("PySide6/Qt/plugins/platforms/libqxcb.so", "x", "BINARY")]


def test_everything_under_resources_is_packed_including_files_added_later(monkeypatch,
                                                                            tmp_path):
    packed = {(Path(source).relative_to(ROOT).as_posix(), folder)
              for source, folder in bundle.data_files()}
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file():
            rel = path.relative_to(ROOT)
            assert (rel.as_posix(), rel.parent.as_posix()) in packed
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    (tmp_path / "resources" / "fonts" / "New.ttf").write_bytes(b"font")
    (tmp_path / "sv2desk" / "store" / "migrations" / "versions").mkdir(parents=True)
    monkeypatch.setattr(bundle, "ROOT", tmp_path)
    assert (str(tmp_path / "resources/fonts/New.ttf"), "resources/fonts") in bundle.data_files()
    with pytest.raises(SystemExit, match="resources/fonts/New.ttf"):
        bundle.check_resources([])


def test_the_windows_icon_holds_every_size_windows_asks_for():
    data = (BUILD / "windows" / "sv2desk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = {struct.unpack_from("<B", data, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_shipped_files_are_found_only_through_paths_resource():
    """A file found relative to a module's own location works from source and breaks in
    the package: only paths.py (which knows both) and the migrations' own folder (packed
    beside the module that uses it) may look at __file__."""
    allowed = {ROOT / "sv2desk" / "paths.py", ROOT / "sv2desk" / "store" / "migrate.py"}
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "sv2desk").rglob("*.py")
                 if p not in allowed and "__file__" in p.read_text("utf-8")]
    assert offenders == []
