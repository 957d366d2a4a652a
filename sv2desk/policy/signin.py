"""Back-off after wrong passwords: a few free tries, then a growing wait."""

from __future__ import annotations

FREE_ATTEMPTS = 5
FIRST_WAIT_SECONDS = 30
LONGEST_WAIT_SECONDS = 15 * 60
MIN_PASSWORD_LENGTH = 10
DEFAULT_IDLE_LOCK_MINUTES = 5  # until an administrator chooses otherwise


def wait_after(failures: int) -> int:
    """Seconds to wait after ``failures`` wrong passwords in a row."""
    if failures < FREE_ATTEMPTS:
        return 0
    # (The doubling stops long before it could matter: a count read from a damaged or
    # edited file must not make this arithmetic enormous.)
    doublings = min(failures - FREE_ATTEMPTS, 32)
    return min(LONGEST_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** doublings)


def seconds_left(failures: int, last_failure: float, now: float) -> int:
    """Seconds still to wait before the next try (0 when a try is allowed now); never more
    than the longest wait, even for a failure dated in the future."""
    return max(0, min(LONGEST_WAIT_SECONDS,
                      int(round(last_failure + wait_after(failures) - now))))


def password_problem(password: str) -> str | None:
    """Plain-English reason a new password is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must be at least {MIN_PASSWORD_LENGTH} characters long."
    if password.strip() != password or not password.strip():
        return "The password must not start or end with a space."
    return None


STRENGTH_LABELS = ("Too short", "Weak", "Fair", "Good", "Strong")


def password_strength(password: str) -> int:
    """A rough 0-4 score for the strength meter: 0 means below the minimum length."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return 0
    kinds = sum([any(c.islower() for c in password), any(c.isupper() for c in password),
                 any(c.isdigit() for c in password), any(not c.isalnum() for c in password)])
    score = 1 + (len(password) >= 14) + (len(password) >= 20) + (kinds >= 3)
    if len(set(password)) <= 3:
        score = 1
    return min(4, score)
