"""Workspace settings: organisation details for letters, and the idle lock time.

The letterhead logo is accepted only as a PNG or JPEG file of at most 2 MB and 4,000 by
4,000 pixels. It is decoded here, in the program itself (Pillow, told to open those two
formats and no other, so no other program such as Ghostscript is ever handed the file),
and re-encoded as a fresh PNG before it is stored: what letters draw is always that PNG.
Pillow rather than Qt keeps this service usable without a Qt application (the admin
command line, tests, benchmarks); reportlab already depends on it.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import warnings
from dataclasses import asdict, dataclass, fields

from sqlalchemy import select

from .. import errors
from ..policy import validation
from ..models import Setting
from . import audit, versions
from ..policy.signin import DEFAULT_IDLE_LOCK_MINUTES as DEFAULT_IDLE_MINUTES
from .registry import operation


@dataclass(frozen=True)
class Organisation:
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    charity_number: str = ""
    logo_png: str = ""  # base64 of the letterhead logo, stored encrypted in the database


@dataclass(frozen=True)
class Settings:
    organisation: Organisation
    idle_lock_minutes: int
    # False from set-up until the first administrator confirms the recovery key is stored
    # (the set-up window, or a new key made later); the desktop reminds administrators.
    recovery_key_stored: bool = True
    version: int = 0    # when read: a save naming it is refused if saved since


RECOVERY_KEY_STORED = "recovery_key_stored"


def _load(db) -> Settings:
    found = list(db.scalars(select(Setting)))
    rows = {s.key: s.value for s in found}
    org = Organisation(**{k: v for k, v in json.loads(rows.get("organisation", "{}")).items()
                          if k in {f.name for f in fields(Organisation)}})
    version = sum(s.version or 0 for s in found if s.key in EDITED)
    return Settings(org, int(rows.get("idle_lock_minutes", DEFAULT_IDLE_MINUTES)),
                    rows.get(RECOVERY_KEY_STORED, "yes") == "yes", version)


# The settings people change (what a second save compares, to say what changed meanwhile).
EDITED = {"organisation": "organisation details", "idle_lock_minutes": "idle lock time",
          RECOVERY_KEY_STORED: "recovery key kept safe"}
_FIELDS = {"organisation": "organisation", "idle_lock_minutes": "idle_lock_minutes",
           RECOVERY_KEY_STORED: "recovery_key_stored"}


def _store(db, key: str, value: str) -> None:
    row = db.get(Setting, key)
    if row is None:
        db.add(Setting(key=key, value=value))
    else:
        row.value = value


MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4000
LOGO_FORMATS = ("PNG", "JPEG")
NOT_A_LOGO = "That file is not a PNG or JPEG picture SV2 Desk can use. Choose a PNG or JPEG."
# What the letterhead has room for (every letter prints these on its first page): the
# limits are in policy/validation.py with every other.
ORGANISATION_LIMITS = {name: most for name, (most, _) in validation.LIMITS["organisation"].items()}
MAX_ADDRESS_LINES = 8


def logo_png(data: bytes) -> str:
    """A PNG or JPEG file's bytes checked, decoded and re-encoded: the base64 of a fresh
    PNG. Raises ValidationError (field "logo") for anything else, in plain words."""
    from PIL import Image
    if len(data) > MAX_LOGO_BYTES:
        raise errors.ValidationError({"logo": "The logo file is too large: the limit is 2 MB. "
                                               "Save a smaller copy and choose that."})
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise errors.ValidationError({"logo": NOT_A_LOGO})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=LOGO_FORMATS) as image:
                if max(image.size) > MAX_LOGO_PIXELS or min(image.size) < 1:
                    raise errors.ValidationError({"logo": (
                        "The logo is too big a picture: at most 4,000 by 4,000 pixels. "
                        "Save a smaller copy and choose that.")})
                image.load()
                picture = image.convert("RGBA" if "A" in image.getbands() or
                                        image.mode == "P" else "RGB")
    except errors.ValidationError:
        raise
    except Exception:       # any decoding failure of a damaged or hostile file
        raise errors.ValidationError({"logo": NOT_A_LOGO}) from None
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=False)
    return base64.b64encode(out.getvalue()).decode("ascii")


def _stored_logo(value: str) -> str:
    """A logo already in settings, checked again (it was stored as base64 PNG)."""
    if not value:
        return ""
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise errors.ValidationError({"logo": NOT_A_LOGO}) from None
    return logo_png(data)


def validate_organisation(org: Organisation) -> None:
    check = validation.Check("organisation")
    check.text("name", org.name,
               required="Enter the organisation's name (it goes at the top of letters).")
    for name in ("address", "phone", "email", "charity_number"):
        check.text(name, getattr(org, name))
    problems = check.problems
    if "email" not in problems and org.email and "@" not in org.email:
        problems["email"] = "That email address does not look right."
    if len([l for l in org.address.splitlines() if l.strip()]) > MAX_ADDRESS_LINES:
        problems.setdefault("address", f"Use at most {MAX_ADDRESS_LINES} lines for the "
                                       "address.")
    if problems:
        raise errors.ValidationError(problems)


def store_organisation(db, org: Organisation) -> None:
    validate_organisation(org)
    org = Organisation(**{**asdict(org), "logo_png": _stored_logo(org.logo_png)})
    _store(db, "organisation", json.dumps(asdict(org)))


@operation("settings.read")
def read(session) -> Settings:
    with session.workspace.transaction() as db:
        return _load(db)


@operation("settings.update")
def update(session, *, organisation: Organisation | None = None,
           idle_lock_minutes: int | None = None,
           recovery_key_stored: bool | None = None,
           opened: Settings | None = None) -> Settings:
    """``opened``: the settings as read for this change; if someone else saved them since,
    nothing is saved and EditConflict says who and which."""
    with session.workspace.transaction() as db:
        if opened is not None:
            now = _load(db)
            if isinstance(opened.version, int) and opened.version != now.version:
                changed = [key for key, name in _FIELDS.items()
                           if getattr(opened, name) != getattr(now, name)]
                raise versions.conflict(db, "setting", changed[0] if changed else
                                        "organisation", [EDITED[k] for k in changed])
        if recovery_key_stored is not None:
            _store(db, RECOVERY_KEY_STORED, "yes" if recovery_key_stored else "no")
            audit.record(db, session.account_id, "settings.update", "setting",
                         RECOVERY_KEY_STORED)
        if organisation is not None:
            store_organisation(db, organisation)
            audit.record(db, session.account_id, "settings.update", "setting", "organisation")
        if idle_lock_minutes is not None:
            if not 1 <= int(idle_lock_minutes) <= 60:
                raise errors.ValidationError(
                    {"idle_lock_minutes": "Choose between 1 and 60 minutes."})
            _store(db, "idle_lock_minutes", str(int(idle_lock_minutes)))
            audit.record(db, session.account_id, "settings.update", "setting",
                         "idle_lock_minutes")
        return _load(db)
