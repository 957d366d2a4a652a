"""The operation decorator: permission check and audited refusal for every service call.

Each public service function is declared with ``@operation("area.verb")``. The
name is looked up in ``policy.permissions.OPERATIONS``; a call by a role that
is not allowed raises PermissionDenied and leaves a "denied" audit entry; so does a
finer refusal raised as PermissionDenied inside the service.
Every decorated function is listed in ``REGISTRY`` so the permission test
covers operations added later without being edited.
"""

from __future__ import annotations

import functools
from typing import Callable

from .. import errors
from ..policy import permissions

REGISTRY: dict[str, Callable] = {}


def _record_denied(session, name: str) -> None:
    from . import audit
    with session.workspace.transaction() as db:
        audit.record(db, session.account_id, name, outcome="denied")


def operation(name: str):
    if name not in permissions.OPERATIONS:
        raise KeyError(f"operation {name!r} has no entry in policy.permissions.OPERATIONS")

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(session, *args, **kwargs):
            session.require_open()
            if not permissions.allows(name, session.roles):
                _record_denied(session, name)
                raise errors.PermissionDenied()
            try:
                return fn(session, *args, **kwargs)
            except errors.PermissionDenied:
                # A finer rule inside the service refused (its transaction rolled back):
                # the refusal is audited all the same.
                _record_denied(session, name)
                raise

        wrapper.operation_name = name
        REGISTRY[name] = wrapper
        return wrapper

    return decorate
