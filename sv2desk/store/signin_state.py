"""Failed sign-in counters and events, kept outside the encrypted database.

A wrong password cannot be written into the audit trail at the time (the
database is still locked), so each failure is kept here and copied into the
audit trail at the next successful sign-in. The counters persist across
restarts so the back-off cannot be dodged by closing the program. Holds
account ids and times only: never a typed username or password.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from .files import write_atomically

NAME = "signin.json"


@dataclass
class SigninState:
    path: Path
    failures: dict[str, dict] = field(default_factory=dict)   # account id -> {count, last}
    pending: list[dict] = field(default_factory=list)          # events for the audit trail

    @classmethod
    def load(cls, folder: Path) -> "SigninState":
        path = Path(folder) / NAME
        try:
            data = json.loads(path.read_text("utf-8"))
            return cls(path, dict(data.get("failures", {})), list(data.get("pending", [])))
        except (OSError, ValueError, AttributeError):
            return cls(path)

    def save(self) -> None:
        data = {"failures": self.failures, "pending": self.pending[-1000:]}
        write_atomically(self.path, json.dumps(data).encode())

    def count(self, account_id: int | None) -> tuple[int, float]:
        entry = self.failures.get(str(account_id), {})
        return int(entry.get("count", 0)), float(entry.get("last", 0.0))

    def add_event(self, account_id: int | None, action: str, now: float | None = None) -> None:
        self.pending.append({"at": now or time.time(), "account_id": account_id, "action": action})

    def record_failure(self, account_id: int | None, action: str, now: float | None = None) -> None:
        now = now or time.time()
        if account_id is not None:
            count, _ = self.count(account_id)
            self.failures[str(account_id)] = {"count": count + 1, "last": now}
        self.add_event(account_id, action, now)
        self.save()

    def count_failure(self, account_id: int, now: float | None = None) -> None:
        """Count a wrong password typed while someone is signed in (a countersignature):
        it is in the audit trail already, so no event is kept for later."""
        count, _ = self.count(account_id)
        self.failures[str(account_id)] = {"count": count + 1, "last": now or time.time()}
        self.save()

    def reset(self, account_id: int) -> None:
        """The right password was typed: the count starts again (other events are kept)."""
        if self.failures.pop(str(account_id), None) is not None:
            self.save()

    def clear(self, account_id: int) -> None:
        self.failures.pop(str(account_id), None)
        self.pending = []
        self.save()
