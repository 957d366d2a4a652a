"""The Linux menu entry: install-linux.sh puts a valid .desktop file and the icon in the
person's menu, pointing at the packaged program; --remove takes them away, data kept."""

from __future__ import annotations

import configparser
import subprocess

from conftest import DIST, GUI, have, office_env


def _script(home, *args):
    return subprocess.run(["sh", str(DIST / "install-linux.sh"), *args],
                          env=office_env(home), capture_output=True, text=True, check=True)


def test_menu_entry_is_valid_and_starts_the_packaged_program(package, home):
    have("desktop-file-validate")
    data = home / ".local/share/SV2 Desk/workspace"
    data.mkdir(parents=True)
    (data / "keys.json").write_text("{}")          # stands in for someone's data
    said = _script(home).stdout
    entry = home / ".local/share/applications/sv2desk.desktop"
    assert f"The menu entry is {entry}" in said
    check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                           text=True)
    assert check.returncode == 0 and check.stdout == "", check.stdout
    parsed = configparser.ConfigParser(interpolation=None)
    parsed.read(entry)
    desktop = parsed["Desktop Entry"]
    assert desktop["Exec"] == f'"{GUI}"'
    assert desktop["Name"] == "SV2 Desk" and desktop["Icon"] == "sv2desk"
    assert desktop["StartupWMClass"] == "sv2desk"     # the window Qt opens is matched to it
    icon = home / ".local/share/icons/hicolor/256x256/apps/sv2desk.png"
    assert icon.read_bytes().startswith(b"\x89PNG")

    removed = _script(home, "--remove").stdout
    assert "no longer in the menu" in removed
    assert not entry.exists() and not icon.exists()
    assert (data / "keys.json").read_text() == "{}"   # the data was not touched
