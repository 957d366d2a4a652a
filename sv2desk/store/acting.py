"""Who the unit of work in progress is done for (an account id, None for the recovery key),
and which service operation it is part of: set by the operation decorator for each service
call, read by the office server's workspace to name the person to the server's row-level
security and to let the operations that only look run without the write lock. Unset
(``...``) means the person signed in on this PC, and an operation not named."""

from contextvars import ContextVar

ACTING: ContextVar = ContextVar("sv2desk_acting", default=...)
OPERATION: ContextVar = ContextVar("sv2desk_operation", default=None)
