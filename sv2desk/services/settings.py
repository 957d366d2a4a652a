"""Workspace settings: organisation details for letters, and the idle lock time."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from sqlalchemy import select

from .. import errors
from ..policy import validation
from ..models import Setting
from . import audit
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


def _load(db) -> Settings:
    rows = {s.key: s.value for s in db.scalars(select(Setting))}
    org = Organisation(**{k: v for k, v in json.loads(rows.get("organisation", "{}")).items()
                          if k in {f.name for f in fields(Organisation)}})
    return Settings(org, int(rows.get("idle_lock_minutes", DEFAULT_IDLE_MINUTES)))


def _store(db, key: str, value: str) -> None:
    row = db.get(Setting, key)
    if row is None:
        db.add(Setting(key=key, value=value))
    else:
        row.value = value


def validate_organisation(org: Organisation) -> None:
    check = validation.Check("organisation")
    check.text("name", org.name,
               required="Enter the organisation's name (it goes at the top of letters).")
    for name in ("address", "phone", "email", "charity_number"):
        check.text(name, getattr(org, name))
    problems = check.problems
    if "email" not in problems and org.email and "@" not in org.email:
        problems["email"] = "That email address does not look right."
    if problems:
        raise errors.ValidationError(problems)


def store_organisation(db, org: Organisation) -> None:
    validate_organisation(org)
    _store(db, "organisation", json.dumps(asdict(org)))


@operation("settings.read")
def read(session) -> Settings:
    with session.workspace.transaction() as db:
        return _load(db)


@operation("settings.update")
def update(session, *, organisation: Organisation | None = None,
           idle_lock_minutes: int | None = None) -> Settings:
    with session.workspace.transaction() as db:
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
