"""`make translations`: collect every string a person reads into
resources/translations/sv2desk_en_GB.ts (pyside6-lupdate), give each count its British
English singular and plural ("1 minute", "2 minutes"), and compile the .qm SV2 Desk loads
(pyside6-lrelease).

The strings are those in sv2desk/ui/ marked with tr() or QT_TR_NOOP(), and the words of the
policy tables the screens show through tr() (stage names, vocabularies), which this script
writes into a scratch file for pyside6-lupdate to read.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "translations"
TS = OUT / "sv2desk_en_GB.ts"
QM = OUT / "sv2desk_en_GB.qm"
# counts whose words are handed to tr() by a helper (fields.count_suffix)
COUNTS = ("%n minute(s)", "%n year(s)", "%n second(s)", "%n day(s)")
# in the singular, these words change with the noun before them
VERBS = {" need ": " needs ", " wait ": " waits ", " are ": " is ", " were ": " was "}


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else name


def vocabulary() -> list[str]:
    """Every words-for-a-code in the policy tables and the letter kinds."""
    import sv2desk.policy as policy
    from sv2desk.letters import templates
    found: list[str] = []

    def take(value) -> None:
        if isinstance(value, str) and value and not value.isidentifier():
            found.append(value)
        elif isinstance(value, str) and value[:1].isupper():
            found.append(value)

    for info in pkgutil.iter_modules(policy.__path__, "sv2desk.policy."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("_") or not name.isupper():
                continue
            if isinstance(value, dict):
                for item in value.values():
                    if hasattr(item, "label"):       # lifecycle stages
                        take(item.label)
                        take(getattr(item, "workflow_label", ""))
                    elif isinstance(item, str):
                        take(item)
            elif isinstance(value, (tuple, list)):
                for item in value:
                    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
                        take(item[1])
                    elif isinstance(item, str):
                        take(item)
            elif isinstance(value, str) and " " in value:
                take(value)
    found.extend(kind.title for kind in templates.KINDS.values())
    from sv2desk.services import reports
    from sv2desk.services.connections import flags as connection_flags
    found.extend(connection_flags.STATUS_LABELS.values())
    found.extend(connection_flags.KIND_LABELS.values())
    found.extend(reports.STAGE_LABELS.values())
    return sorted(set(found))


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def plural_forms(source: str) -> tuple[str, str]:
    singular = re.sub(r"(\w+)\(s\)", r"\1", source)
    for plural, one in VERBS.items():
        singular = singular.replace(plural, one)
    plural = source.replace("(s)", "s")
    return singular, plural


def fill_counts(path: Path) -> int:
    """Give every count (numerus message) its singular and plural, marked finished."""
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        for child in list(translation):
            translation.remove(child)
        for form in plural_forms(source):
            ET.SubElement(translation, "numerusform").text = form
        translation.attrib.pop("type", None)
        filled += 1
    ET.indent(tree)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                    + ET.tostring(tree.getroot(), encoding="unicode") + "\n")
    return filled


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "sv2desk" / "ui").rglob("*.py"))
    with tempfile.TemporaryDirectory() as scratch:
        words = Path(scratch) / "policy_words.py"
        lines = ["from PySide6.QtCore import QT_TR_NOOP", "def tr(*a): pass"]
        lines += [f"QT_TR_NOOP({_literal(text)})" for text in vocabulary()]
        lines += [f'tr({_literal(text)}, "", 1)' for text in COUNTS]
        words.write_text("\n".join(lines) + "\n")
        subprocess.run([_tool("pyside6-lupdate"), *sources, str(words), "-no-obsolete",
                        "-locations", "none", "-target-language", "en_GB", "-ts", str(TS)],
                       cwd=ROOT, check=True)
    counts = fill_counts(TS)
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True)
    print(f"{TS.relative_to(ROOT)}: {counts} counts given their singular and plural; "
          f"{QM.relative_to(ROOT)} made")
    return 0


if __name__ == "__main__":
    sys.exit(main())
