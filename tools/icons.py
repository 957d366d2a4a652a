"""Draw the application icon's PNG and Windows ICO from resources/icons/sv2desk.svg.

Run after changing the SVG: ``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/icons.py``.
The results are committed, so a build needs no drawing step.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "sv2desk.svg"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    return image


def png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def ico(sizes=ICO_SIZES) -> bytes:
    """A Windows icon file holding one PNG per size (the format Windows Vista and later read)."""
    images = [png(draw(size)) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = b"", b""
    for size, data in zip(sizes, images):
        side = 0 if size >= 256 else size          # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        payload += data
    return header + entries + payload


def main() -> int:
    QGuiApplication(sys.argv[:1])
    (ROOT / "resources" / "icons" / "sv2desk.png").write_bytes(png(draw(256)))
    (ROOT / "build" / "windows" / "sv2desk.ico").write_bytes(ico())
    return 0


if __name__ == "__main__":
    sys.exit(main())
