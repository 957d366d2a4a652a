"""The operation decorator: permission check and audited refusal for every service call.

Each public service function is declared with ``@operation("area.verb")``. The
name is looked up in ``policy.permissions.OPERATIONS``; a call by a role that
is not allowed raises PermissionDenied and leaves a "denied" audit entry; so does a
finer refusal raised as PermissionDenied inside the service.
Every decorated function is listed in ``REGISTRY`` so the permission test
covers operations added later without being edited.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
from typing import Callable

from .. import errors
from ..policy import permissions
from ..store.acting import ACTING, OPERATION

REGISTRY: dict[str, Callable] = {}


def _record_denied(session, name: str) -> None:
    from . import audit
    with session.workspace.transaction() as db:
        audit.record(db, session.account_id, name, outcome="denied")


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


def operation(name: str, *, offline: bool = False):
    """``offline``: the call may go on while the office server cannot be reached (it keeps
    what it is given on this PC, for the person signed in, until the server is back)."""
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
                return fn(session, *args, **kwargs)
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
        REGISTRY[name] = wrapper
        return wrapper

    return decorate
