"""Drawing the letterhead logo. The logo reaching here has been checked and re-encoded as
PNG by the settings service; anything that still fails to decode is left out, so a damaged
logo never stops a letter."""

from __future__ import annotations

import base64
import binascii
import io

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def flowable(logo_png: str, height_mm: float, max_width: float):
    """The logo as an Image flowable ``height_mm`` tall (narrower if it is very wide), or
    None when there is no usable logo."""
    if not logo_png:
        return None
    try:
        data = base64.b64decode(logo_png, validate=True)
        if not data.startswith(PNG_SIGNATURE):
            return None
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except (binascii.Error, ValueError, OSError):
        return None
    if width <= 0 or height <= 0:
        return None
    h = height_mm * mm
    w = h * width / height
    if w > max_width:
        w, h = max_width, max_width * height / width
    return Image(io.BytesIO(data), width=w, height=h)
