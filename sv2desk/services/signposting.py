"""The signposting directory: services people can be pointed to. Everyone can search it;
managers and administrators edit it; an administrator confirms each entry before use."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from .. import errors, paths
from ..models import Account, AuditEntry, DirectoryEntry
from ..policy import roles as role_names, signposting as policy, validation
from . import audit
from .use_case import use_case

TEXT_FIELDS = ("name", "phone", "web", "address", "opening_hours", "area_served", "notes")


@dataclass(frozen=True)
class Service:
    id: int
    name: str
    category: str
    category_label: str
    phone: str
    web: str
    address: str
    opening_hours: str
    area_served: str
    notes: str
    last_checked: date | None
    confirmed: bool
    warning: str | None
    # The entry's version when it was read: a save naming it is refused if someone else
    # saved the entry since (EditConflict says who and which details).
    version: int = 0


# What each detail is called, for saying what someone else changed.
FIELD_LABELS = {"name": "name", "category": "category", "phone": "phone", "web": "website",
                "address": "address", "opening_hours": "opening hours",
                "area_served": "area served", "notes": "notes",
                "last_checked": "date checked", "confirmed": "confirmation",
                "active": "in use"}


@dataclass
class ServiceForm:
    name: str = ""
    category: str = ""
    phone: str = ""
    web: str = ""
    address: str = ""
    opening_hours: str = ""
    area_served: str = ""
    notes: str = ""
    last_checked: date | None = None


def _view(entry: DirectoryEntry, today: date) -> Service:
    return Service(entry.id, entry.name, entry.category, policy.CATEGORIES[entry.category],
                   entry.phone, entry.web, entry.address, entry.opening_hours,
                   entry.area_served, entry.notes, entry.last_checked, entry.confirmed,
                   policy.warning(entry.confirmed, entry.last_checked, today), entry.version)


def seed(db) -> int:
    """Add the seed entries from resources/ that are not in the directory yet."""
    data = json.loads(paths.resource("signposting-directory.json").read_text("utf-8"))
    have = set(db.scalars(select(DirectoryEntry.seed_key)
                          .where(DirectoryEntry.seed_key.is_not(None))))
    added = 0
    for item in data["entries"]:
        if item["key"] in have:
            continue
        db.add(DirectoryEntry(seed_key=item["key"], category=item["category"], confirmed=False,
                              updated_at=audit.now_iso(),
                              **{f: item.get(f, "") for f in TEXT_FIELDS}))
        added += 1
    return added


def _ensure_seeded(db) -> None:
    if not db.scalar(select(func.count()).select_from(DirectoryEntry)):
        seed(db)
        db.flush()


def get_entries(db, ids) -> list[DirectoryEntry]:
    return list(db.scalars(select(DirectoryEntry).where(DirectoryEntry.id.in_(list(ids)))
                           .order_by(DirectoryEntry.name)))


@use_case("signposting.search")
def search(uc, text: str = "", category: str | None = None,
           today: date | None = None) -> list[Service]:
    """Entries whose name, notes or area mention ``text`` (all when blank)."""
    today = today or date.today()
    _ensure_seeded(uc.db)
    query = select(DirectoryEntry).where(DirectoryEntry.active.is_(True))
    if category:
        query = query.where(DirectoryEntry.category == category)
    for word in text.split():
        like = f"%{word.replace('%', '').replace('_', '')}%"
        query = query.where(or_(DirectoryEntry.name.ilike(like),
                                DirectoryEntry.notes.ilike(like),
                                DirectoryEntry.area_served.ilike(like)))
    result = [_view(e, today) for e in uc.db.scalars(query.order_by(DirectoryEntry.name))]
    uc.audit("directory", None)
    return result


def _check(form: ServiceForm) -> None:
    check = validation.Check("directory_entry")
    check.text("name", form.name, required="Enter the service's name.")
    for name in TEXT_FIELDS[1:]:
        check.text(name, getattr(form, name))
    p = check.problems
    if form.category not in policy.CATEGORIES:
        p["category"] = "Choose a category."
    if not any(isinstance(v, str) and validation.visible(v)
               for v in (form.phone, form.web, form.address)) and "phone" not in p:
        p["phone"] = "Give at least one way to contact the service."
    if form.last_checked is not None and form.last_checked > date.today():
        p["last_checked"] = "The date checked cannot be in the future."
    if p:
        raise errors.ValidationError(p)


def _conflict(db, entry: DirectoryEntry, opened: Service | None) -> errors.EditConflict:
    """Who saved the entry since ``opened`` was read, when, and which details differ."""
    fields = []
    if opened is not None:
        for name, label in FIELD_LABELS.items():
            if name != "active" and getattr(opened, name) != getattr(entry, name):
                fields.append(label)
    last = db.execute(select(AuditEntry.account_id, AuditEntry.at).where(
        AuditEntry.object_type == "directory_entry", AuditEntry.object_id == str(entry.id),
        AuditEntry.outcome == "ok").order_by(AuditEntry.seq.desc()).limit(1)).first()
    who = at = None
    if last is not None:
        who = db.scalar(select(Account.display_name).where(Account.id == last[0]))
        at = last[1][11:16]
    return errors.EditConflict(who, tuple(fields), at)


@use_case("signposting.save")
def save(uc, form: ServiceForm, entry_id: int | None = None, *,
         opened: Service | None = None) -> int:
    """Add an entry, or change one. A change by a manager needs an administrator's
    confirmation again before staff rely on it. ``opened``: the entry as it was read for
    this change; if someone else has saved it since, nothing is saved and EditConflict
    says who and what (two PCs editing one entry: neither silently overwrites the other)."""
    _check(form)
    _ensure_seeded(uc.db)
    entry = uc.db.get(DirectoryEntry, entry_id) if entry_id else DirectoryEntry()
    if entry is None:
        raise errors.NotFound("That directory entry could not be found.")
    if entry_id and opened is not None and opened.version != entry.version:
        raise _conflict(uc.db, entry, opened)
    for name in TEXT_FIELDS:
        setattr(entry, name, getattr(form, name))
    entry.category = form.category
    entry.last_checked = form.last_checked
    entry.confirmed = role_names.ADMIN in uc.session.roles and form.last_checked is not None
    entry.updated_at = audit.now_iso()
    if entry_id is None:
        uc.db.add(entry)
    uc.db.flush()
    uc.audit("directory_entry", entry.id)
    return entry.id


@use_case("signposting.confirm")
def confirm(uc, entry_id: int, checked_on: date | None = None) -> None:
    """An administrator confirms the details are right (today, unless another date)."""
    entry = uc.db.get(DirectoryEntry, entry_id)
    if entry is None:
        raise errors.NotFound("That directory entry could not be found.")
    entry.confirmed = True
    entry.last_checked = checked_on or date.today()
    entry.updated_at = audit.now_iso()
    uc.audit("directory_entry", entry.id)


@use_case("signposting.retire")
def retire(uc, entry_id: int) -> None:
    """Take an entry out of use (it stays on record for letters that named it)."""
    entry = uc.db.get(DirectoryEntry, entry_id)
    if entry is None:
        raise errors.NotFound("That directory entry could not be found.")
    entry.active = False
    entry.updated_at = audit.now_iso()
    uc.audit("directory_entry", entry.id)
