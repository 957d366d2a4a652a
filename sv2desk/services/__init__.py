"""Use cases. Every public call takes the signed-in session, checks permission,
runs in one transaction, writes its audit entry and returns plain dataclasses."""
