"""The operation decorator: permission check and audited refusal for every service call.

Each public service function is declared with ``@operation("area.verb")``. The
name is looked up in ``policy.permissions.OPERATIONS``; a call by a role that
is not allowed raises PermissionDenied and leaves a "denied" audit entry.
Every decorated function is listed in ``REGISTRY`` so the permission test
covers operations added later without being edited.
"""

from __future__ import annotations

import functools
from typing import Callable

from .. import errors
from ..policy import permissions

REGISTRY: dict[str, Callable] = {}


def operation(name: str):
    if name not in permissions.OPERATIONS:
        raise KeyError(f"operation {name!r} has no entry in policy.permissions.OPERATIONS")

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(session, *args, **kwargs):
            session.require_open()
            if not permissions.allows(name, session.roles):
                from . import audit
                with session.workspace.transaction() as db:
                    audit.record(db, session.account_id, name, outcome="denied")
                raise errors.PermissionDenied()
            return fn(session, *args, **kwargs)

        wrapper.operation_name = name
        REGISTRY[name] = wrapper
        return wrapper

    return decorate
