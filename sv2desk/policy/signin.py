"""Back-off after wrong passwords: a few free tries, then a growing wait."""

from __future__ import annotations

from . import roles as role_names

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


# How guessable a password is, by zxcvbn (Dropbox's estimator: dictionaries of common
# passwords, names and words, keyboard patterns, dates, repeats): 0 to 4.
STRENGTH_LABELS = ("Very weak", "Weak", "Fair", "Good", "Strong")
TOO_SHORT = "Too short"
LEAST_STRENGTH = 2          # everyone's password is at least "Fair"
STRONG = 4                  # the first administrator's and every manager's


def password_strength(password: str, user_inputs=()) -> int:
    """zxcvbn's score, 0 (guessed at once) to 4 (very hard to guess). ``user_inputs`` are
    words the password should not lean on (the person's name and username)."""
    from zxcvbn import zxcvbn
    words = [w for w in user_inputs if isinstance(w, str) and w.strip()]
    # zxcvbn looks at the first 100 characters; longer passwords are at least that strong
    return int(zxcvbn(password[:100], user_inputs=words)["score"])


def strength_label(password: str, user_inputs=()) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        return TOO_SHORT
    return STRENGTH_LABELS[password_strength(password, user_inputs)]


def needs_strong_password(roles) -> bool:
    """Managers decide on concerns and countersign, administrators hold the keys: their
    passwords must be strong."""
    return bool({role_names.MANAGER, role_names.ADMIN} & set(roles))


def password_problem(password: str, *, strong: bool = False, user_inputs=()) -> str | None:
    """Plain-English reason a new password is not acceptable, or None. With ``strong`` it
    must be rated Strong (for an administrator or a manager)."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must be at least {MIN_PASSWORD_LENGTH} characters long."
    if password.strip() != password or not password.strip():
        return "The password must not start or end with a space."
    score = password_strength(password, user_inputs)
    if strong and score < STRONG:
        return ("A manager's or administrator's password must be rated Strong: this one is "
                f"{STRENGTH_LABELS[score]}. Add another word or two that are not about you "
                "or SV2; a few unrelated words work well.")
    if score < LEAST_STRENGTH:
        return (f"That password is too easy to guess (rated {STRENGTH_LABELS[score]}). Add "
                "another word or two; a few unrelated words work well.")
    return None
