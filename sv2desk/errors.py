"""Typed errors, each carrying a plain-English message a member of staff can act on."""

from __future__ import annotations


class SV2Error(Exception):
    """Base of every error SV2 Desk shows to a person.

    ``message`` is written for support workers and managers: what happened and
    what to do next. It never contains personal data, keys or passwords.
    """

    message = "Something went wrong. Please try again, and tell your administrator if it keeps happening."

    def __init__(self, message: str | None = None):
        if message is not None:
            self.message = message
        super().__init__(self.message)


# -- opening a workspace -----------------------------------------------------

class WorkspaceNotFound(SV2Error):
    message = ("There is no SV2 Desk data in that folder. Check the folder is right, "
               "or set up SV2 Desk for the first time.")


class WorkspaceExists(SV2Error):
    message = "SV2 Desk data already exists in that folder. Choose an empty folder."


class WorkspaceDamaged(SV2Error):
    message = ("The SV2 Desk data file could not be opened: it is damaged, or it is not an "
               "SV2 Desk file. Nothing has been changed. Ask your administrator to restore "
               "the latest backup.")


class SlotFileMissing(SV2Error):
    message = ("The key file (keys.json) that unlocks the SV2 Desk data is missing from the "
               "data folder. Nothing has been changed. Ask your administrator to restore it "
               "from a backup.")


class SlotFileDamaged(SV2Error):
    message = ("The key file (keys.json) that unlocks the SV2 Desk data is damaged. Nothing has "
               "been changed. Ask your administrator to restore it from a backup.")


class SlotFileTampered(SV2Error):
    message = ("The key file (keys.json) does not match this SV2 Desk data: it may have been "
               "altered or swapped. Nothing has been changed. Ask your administrator to "
               "restore it from a backup.")


class WorkspaceRolledBack(SV2Error):
    message = ("The SV2 Desk data is older than the last activity recorded for it: it may have "
               "been replaced by an older copy. Ask your administrator to check it before "
               "anyone carries on.")


class WorkspaceInUse(SV2Error):
    message = ("SV2 Desk is already open with this data on this PC. Switch to the window that "
               "is already open.")


class LockFileUnusable(SV2Error):
    message = ("SV2 Desk cannot open its lock file (sv2desk.lock in the data folder), which "
               "it needs so that two windows never change the data at the same moment. "
               "Nothing has been changed. Ask your administrator to check that the data "
               "folder and sv2desk.lock can be opened by this account.")


class SlotFileUnreadable(SV2Error):
    message = ("The key file (keys.json) in the data folder cannot be read by this account "
               "(or is not a file). Nothing has been changed. Ask your administrator to "
               "check the data folder's permissions, or to restore the file from a backup.")


class SigninRecordDamaged(SV2Error):
    message = ("SV2 Desk's record of wrong passwords (signin.json in the data folder) is "
               "damaged, so it cannot apply the limit on wrong passwords. Nothing has been "
               "changed. An administrator can sign in once with the recovery key, which "
               "sets the damaged file aside and starts a new one; staff can then sign in "
               "as usual.")


class DiskFull(SV2Error):
    message = ("There is not enough free space on this PC to save. Nothing was lost: free some "
               "space (or ask your administrator), then try again.")


# -- signing in ---------------------------------------------------------------

class WrongPassword(SV2Error):
    message = ("That username and password do not match. Check Caps Lock is off and try again.")


class WrongRecoveryKey(SV2Error):
    message = ("That recovery key is not right for this SV2 Desk data. Check each group of "
               "letters and numbers against the recovery sheet and try again.")


class AccountDisabled(SV2Error):
    message = ("This account has been turned off. Speak to your administrator if you still "
               "need to use SV2 Desk.")


class TooManyAttempts(SV2Error):
    def __init__(self, wait_seconds: int):
        self.wait_seconds = wait_seconds
        super().__init__(
            f"There have been too many wrong passwords for this account. "
            f"Please wait {describe_wait(wait_seconds)} and try again.")


class KeyringUnavailable(SV2Error):
    message = ("This PC has no keyring (the system's secure password store), so SV2 Desk cannot "
               "be bound to this PC. It works without binding; your administrator can choose "
               "binding on a PC that has one.")


class DeviceNotEnrolled(SV2Error):
    message = ("This SV2 Desk data is bound to a particular PC, and this PC's keyring does not "
               "hold its device key. If this is the right PC, open it once with the recovery "
               "key to enrol this PC again.")


class DeviceKeyMismatch(SV2Error):
    message = ("This PC's keyring holds a different device key for this SV2 Desk data. Open it "
               "once with the recovery key to enrol this PC again.")


# -- using services -------------------------------------------------------------

class NotSignedIn(SV2Error):
    message = "You are not signed in, or SV2 Desk has locked. Sign in again to carry on."


class PermissionDenied(SV2Error):
    message = ("Your account does not allow this. If you need to do it, speak to your "
               "manager or administrator.")


class ActionRefused(SV2Error):
    """The policy does not allow this now; the message says why."""


class NotFound(SV2Error):
    message = "That record could not be found. It may have been removed."


class NotYours(NotFound, PermissionDenied):
    """A case (or anything on it) the person may not see: said exactly as for one that does
    not exist, so a refusal reveals nothing. Audited as denied."""

    message = "That case could not be found, or it is not one you can open."


class RestrictionApplies(ActionRefused, PermissionDenied):
    """A confidential restriction (two people the service keeps apart) refuses this; the
    message says only that, and to speak to a manager. Audited as denied."""


class MoveRefused(ActionRefused, PermissionDenied):
    """The case's stage does not allow this move (policy/lifecycle.py); the message says
    why. Audited as denied, like every refusal."""


class AccessEnded(PermissionDenied):
    """The account was turned off, or a role taken away, while signed in: nothing more can
    be done in this session. The desktop returns to the sign-in window."""

    message = ("An administrator has changed your account, so SV2 Desk has signed you out. "
               "Sign in again to carry on; if you cannot, speak to your administrator.")


class ValidationError(SV2Error):
    """One or more fields are wrong. ``fields`` maps a field name to its message."""

    def __init__(self, fields: dict[str, str]):
        self.fields = dict(fields)
        super().__init__("Please check: " + " ".join(self.fields.values()))


def describe_wait(seconds: int) -> str:
    """'about 2 minutes' style wording for a wait."""
    seconds = max(1, int(seconds))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = (seconds + 59) // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


# -- backups, restore, key changes -------------------------------------------------------

class PasswordResetNeeded(SV2Error):
    message = ("The keys that protect SV2 Desk's data were changed, and your password has to "
               "be set again. Ask your administrator to reset it, then sign in with the new one.")


class BackupFolderUnavailable(SV2Error):
    message = ("The backup folder cannot be reached (is the USB drive plugged in, or the "
               "network share connected?). No backup was made. Check the folder and try again.")


class BackupDamaged(SV2Error):
    message = ("This backup file is damaged or incomplete, or it has been altered. Nothing has "
               "been changed. Choose another backup (an earlier one may be whole).")


class NotABackup(SV2Error):
    message = ("This file is not an SV2 Desk backup. Nothing has been changed. Choose a file "
               "whose name ends in .sv2backup.")


class BackupKeyWrong(SV2Error):
    message = ("That recovery key or administrator password does not open this backup. A "
               "backup opens with the recovery key (or an administrator's password) from the "
               "time it was made. Nothing has been changed.")


# -- the office server ---------------------------------------------------------------------

class ServerSettingsDamaged(SV2Error):
    message = ("This PC's office-server settings (server.json in the data folder) are damaged "
               "or were changed outside SV2 Desk. Nothing has been changed. Ask your "
               "administrator to enrol this PC again.")


class ServerCertificateUnreadable(SV2Error):
    message = ("That file is not a certificate SV2 Desk can read. Use the server's CA "
               "certificate (a .pem file) from the office server's set-up.")


class ServerCertificateChanged(SV2Error):
    message = ("The office server could not prove it is the server this PC was enrolled with "
               "(its certificate does not match the one pinned at enrolment). SV2 Desk has not "
               "connected. Tell your administrator: someone may be pretending to be the server.")


class ServerKeyringUnavailable(SV2Error):
    message = ("This PC has no keyring (the system's secure password store), so SV2 Desk cannot "
               "keep the office server's password on it, and will not keep it in a file. Use a "
               "PC with a keyring, or ask your administrator.")


class ServerNotEnrolled(SV2Error):
    message = ("This PC is not enrolled with the office server (its keyring does not hold the "
               "server's password). Ask your administrator to enrol this PC.")


class ServerLoginRefused(SV2Error):
    message = ("The office server refused this PC's login (it may have been removed). Ask your "
               "administrator to enrol this PC again.")


class ServerUnavailable(SV2Error):
    message = ("SV2 Desk cannot reach the office server just now. Nothing was half-saved: what "
               "you typed is kept on this PC, encrypted, and SV2 Desk reconnects by itself. "
               "Try again in a minute; if it keeps happening, tell your administrator.")


class ServerDatabaseMissing(SV2Error):
    message = ("The office server has no SV2 Desk database of that name. Check the name, or "
               "ask your administrator.")


class ServerDatabaseExists(SV2Error):
    message = ("The office server already has a database of that name. Choose another name, "
               "or enrol this PC with the one that is there.")


class ServerSchemaOutOfDate(SV2Error):
    message = ("The office server's database was made by a different version of SV2 Desk. "
               "Ask your administrator to upgrade it (sv2desk-admin server upgrade), or to "
               "install the matching version on this PC.")


class NotOnServer(SV2Error):
    message = ("This cannot be done on an office-server workspace. Ask your administrator.")


class EditConflict(SV2Error):
    """Someone else saved the same record since it was opened here."""

    message = ("Someone else changed this record while you had it open, so your changes "
               "were not saved. What you typed is still here: check their changes, then save "
               "again.")

    def __init__(self, changed_by: str | None = None, fields: tuple[str, ...] = (),
                 at: str | None = None):
        self.changed_by = changed_by
        self.fields = tuple(fields)
        self.at = at
        who = f"{changed_by} changed this record" if changed_by else "Someone else changed this record"
        when = f" at {at}" if at else ""
        what = (f" ({', '.join(self.fields)})" if self.fields else "")
        super().__init__(f"{who}{when}{what} while you had it open, so your changes were not "
                         "saved. What you typed is still here: check their changes, then "
                         "save again.")
        self.message = str(self)


class SettledMeanwhile(EditConflict, ActionRefused):
    """A booked session someone else marked (held, not attended, cancelled, moved) while it
    was open here: refused as any second save is, naming who, when and what became of it;
    and, as for any session no longer booked, the action is refused."""
