"""Who the unit of work in progress is done for (an account id, None for the recovery key):
set by the operation decorator for each service call, read by the office server's
workspace to name the person to the server's row-level security. Unset (``...``) means
the person signed in on this PC."""

from contextvars import ContextVar

ACTING: ContextVar = ContextVar("sv2desk_acting", default=...)
