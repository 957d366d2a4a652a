"""The use-case envelope: every service call checked, run as one unit of work, and audited.

Each public service function is declared with ``@use_case("area.verb")``. The name is
looked up in ``policy.permissions.OPERATIONS``; a call by a role that is not allowed
raises PermissionDenied and leaves a "denied" audit entry; so does a finer refusal raised
as PermissionDenied inside the use case. An allowed call opens the unit of work and hands
the use case a ``UseCase``: the database session (``uc.db``), the person signed in
(``uc.session``), and ``uc.audit(...)``, which records under the use case's own name. The
unit of work commits when the use case returns (its audit entries with it) and rolls
back if it raises. A use case called from inside another joins the caller's unit of work:
both are kept, or neither (``together`` runs several calls that way).
Every decorated function is listed in ``REGISTRY`` so the permission test covers use
cases added later without being edited.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable

from .. import errors
from ..policy import permissions
from ..store.acting import ACTING, OPERATION
from . import audit_trail

REGISTRY: dict[str, Callable] = {}


@dataclasses.dataclass
class UseCase:
    """What a use case is handed: its name, the person signed in, and the unit of work."""
    name: str
    session: object
    db: object              # None for a use case declared with unit_of_work=False
    _after: list = dataclasses.field(default_factory=list)     # shared by those joined
    _refused: list = dataclasses.field(default_factory=list)   # (account, name) refused

    def after_commit(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the unit of work has committed (never if it rolls back): for
        what must not happen unless the change is kept, such as removing a file whose
        contents the unit of work has just stored."""
        self._after.append(fn)

    def audit(self, object_type: str | None = None, object_id=None, *,
              outcome: str = "ok", at: str | None = None) -> None:
        """One audit entry under this use case's name, written with the unit of work."""
        audit_trail.record(self.db, self.session.account_id, self.name, object_type,
                         object_id, outcome, at)

    def audit_many(self, object_type: str | None, object_ids) -> None:
        """One audit entry per object under this use case's name, in one write."""
        audit_trail.record_many(self.db, self.session.account_id, self.name, object_type,
                              object_ids)

    @contextmanager
    def unit_of_work(self):
        """For a use case that works outside the database between units of work (files,
        key derivation): one unit of work, or the caller's if it runs inside another."""
        outer = _OPEN.get()
        if outer is not None and outer.db is not None \
                and outer.session.workspace is self.session.workspace:
            self.db = outer.db
            try:
                yield outer.db
            finally:
                self.db = None
            return
        try:
            with self.session.workspace.transaction() as db:
                self.db = db
                token = _OPEN.set(self)         # use cases called inside join this one
                try:
                    yield db
                finally:
                    _OPEN.reset(token)
                    self.db = None
        finally:
            _record_refusals(self.session, self._refused)


# The use case running now in this thread (its unit of work is the one to join).
_OPEN: ContextVar[UseCase | None] = ContextVar("sv2_use_case", default=None)


@contextmanager
def together(session):
    """Every use case called inside shares one unit of work: all of them are kept, or (if
    any raises) none. Each still checks permission, validates and audits. Yields the
    database session."""
    outer = _OPEN.get()
    if outer is not None and outer.db is not None and outer.session.workspace is \
            session.workspace:
        yield outer.db
        return
    shared = UseCase("", session, None)
    try:
        with session.workspace.transaction() as db:
            shared.db = db
            token = _OPEN.set(shared)
            try:
                yield db
            finally:
                _OPEN.reset(token)
    finally:
        _record_refusals(session, shared._refused)
    for after in shared._after:
        after()


def _record_denied(session, name: str) -> None:
    outer = _OPEN.get()
    if outer is not None and outer.db is not None and outer.session.workspace is \
            session.workspace:
        # Inside another use case's unit of work, which the refusal will usually roll
        # back: written on its own once that unit of work has ended, kept or not.
        outer._refused.append((session.account_id, name))
        return
    _record_refusals(session, [(session.account_id, name)])


def _record_refusals(session, refused: list) -> None:
    if not refused:
        return
    with session.workspace.transaction() as db:
        for account_id, name in refused:
            audit_trail.record(db, account_id, name, outcome="denied")
    refused.clear()


def _end_access(session) -> None:
    """The account was turned off or lost a role: this session can do nothing more."""
    first = not session.access_ended
    session.access_ended = True
    if first and session.on_access_ended is not None:
        session.on_access_ended(errors.AccessEnded.message)


_HALF_CHARACTER = re.compile("[\ud800-\udfff]")
UNSAVABLE = ("This contains a character that cannot be saved (perhaps from copying and "
             "pasting). Type it again.")


def _unsavable_text(value, path: str, found: dict[str, str], depth: int = 0) -> None:
    """Note where text holds half a character (a lone surrogate, as a broken copy and paste
    can leave): it cannot be stored as UTF-8, and would otherwise fail deep in the database
    driver. Rows of a list are named by their number ("persons_named.0")."""
    if isinstance(value, str):
        if _HALF_CHARACTER.search(value):
            found.setdefault(path, UNSAVABLE)
    elif depth > 3 or isinstance(value, (bytes, int, float, bool)) or value is None:
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _unsavable_text(getattr(value, f.name), f.name if depth == 0 else path, found,
                            depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _unsavable_text(key, path, found, depth + 1)
            _unsavable_text(item, path, found, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for i, item in enumerate(value):
            _unsavable_text(item, f"{path}.{i}" if depth <= 1 else path, found, depth + 1)


def _unsavable_fields(fn, args, kwargs) -> dict[str, str]:
    found: dict[str, str] = {}
    try:
        bound = inspect.signature(fn).bind(None, *args, **kwargs).arguments
    except TypeError:
        return found
    for param, value in list(bound.items())[1:]:
        _unsavable_text(value, param, found)
    return found


def _rights_ended(session, offline: bool) -> bool:
    try:
        return session.rights_now() is not None
    except errors.ServerUnavailable:
        if offline:     # kept on this PC only, for the same person, until the server is back
            return False
        raise


def _run(name: str, fn, session, args, kwargs, unit_of_work: bool):
    outer = _OPEN.get()
    if not unit_of_work:
        uc = UseCase(name, session, None)
        token = _OPEN.set(uc if outer is None else outer)
        try:
            return fn(uc, *args, **kwargs)
        finally:
            _OPEN.reset(token)
    if outer is not None and outer.db is not None and outer.session.workspace is \
            session.workspace:
        uc = UseCase(name, session, outer.db, outer._after, outer._refused)  # joins it
        token = _OPEN.set(uc)
        try:
            return fn(uc, *args, **kwargs)
        finally:
            _OPEN.reset(token)
    uc = UseCase(name, session, None)
    try:
        with session.workspace.transaction() as db:
            uc.db = db
            token = _OPEN.set(uc)
            try:
                result = fn(uc, *args, **kwargs)
            finally:
                _OPEN.reset(token)
    finally:
        _record_refusals(session, uc._refused)
    for after in uc._after:
        after()
    return result


def use_case(name: str, *, offline: bool = False, unit_of_work: bool = True,
             records_also: tuple[str, ...] = ()):
    """``offline``: the call may go on while the office server cannot be reached (it keeps
    what it is given on this PC, for the person signed in, until the server is back).
    ``unit_of_work=False``: the use case opens its units of work itself
    (``uc.unit_of_work()``), because it works outside the database between them.
    ``records_also``: prefixes of actions it records besides its name: which document it
    handled (exports: "print.letter"), or another use case whose work it does too
    (confirming a hold raises a concern); the tests refuse any other."""
    if name not in permissions.OPERATIONS:
        raise KeyError(f"operation {name!r} has no entry in policy.permissions.OPERATIONS")

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(session, *args, **kwargs):
            session.require_open()
            if session.access_ended or _rights_ended(session, offline):
                _record_denied(session, name)
                _end_access(session)
                raise errors.AccessEnded()
            if not permissions.allows(name, session.roles):
                _record_denied(session, name)
                raise errors.PermissionDenied()
            acting = ACTING.set(session.account_id)   # named to the office server
            naming = OPERATION.set(name)
            try:
                return _run(name, fn, session, args, kwargs, unit_of_work)
            except UnicodeEncodeError:
                # Text the database cannot hold (its transaction rolled back): say which
                # field, in words, instead of failing in the driver. Services that check
                # for it themselves name the field first.
                raise errors.ValidationError(_unsavable_fields(fn, args, kwargs)
                                             or {"text": UNSAVABLE}) from None
            except errors.PermissionDenied:
                # A finer rule inside the service refused (its transaction rolled back):
                # the refusal is audited all the same.
                _record_denied(session, name)
                raise
            finally:
                OPERATION.reset(naming)
                ACTING.reset(acting)

        wrapper.operation_name = name
        wrapper.use_case_name = name
        wrapper.records_also = records_also
        REGISTRY[name] = wrapper
        return wrapper

    return decorate
