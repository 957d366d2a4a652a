"""Who else has this workspace open: a lock file held while the data is open.

Two SV2 Desk windows (or the app and ``sv2desk-admin``) may use the same data at once:
SQLite serialises their writes (WAL, ``BEGIN IMMEDIATE``, a busy timeout), the audit
chain is extended inside those write transactions, and keys.json changes are merged
with what is on disk under :func:`keys_update` so neither loses the other's slot.

What must not happen with someone else in the data is a change of the database file
underneath them: a restore (the folder is swapped) or a change of key (every page is
re-encrypted). Every open workspace therefore holds a *shared* lock on
``sv2desk.lock``; those two operations take it *exclusively*, without waiting, and
say :class:`errors.WorkspaceInUse` when anyone else holds it. The operating system
drops a lock when its holder exits, even when it is killed, so a crash never leaves
the data "in use".

POSIX: ``flock`` (per open file, so two sessions in one process count as two users).
Windows: ``LockFileEx`` on the first byte of the same file (written but not run here).
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

from .. import errors

NAME = "sv2desk.lock"

if os.name == "posix":
    import fcntl

    def _lock(fd: int, exclusive: bool, wait: bool) -> bool:
        flags = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | (0 if wait else fcntl.LOCK_NB)
        try:
            fcntl.flock(fd, flags)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def windows_locking(kernel32, get_osfhandle):
    """The Windows ``_lock``/``_unlock``: ``LockFileEx`` on one byte of the open file.

    Given kernel32 and msvcrt.get_osfhandle, so tests here can hand it fakes and check
    the flags and byte offsets it asks Windows for."""
    import ctypes
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD),
                    ("hEvent", wintypes.HANDLE)]

    fail_immediately, exclusive_lock = 0x1, 0x2

    def _lock(fd: int, exclusive: bool, wait: bool, offset: int = 0) -> bool:
        flags = (exclusive_lock if exclusive else 0) | (0 if wait else fail_immediately)
        overlapped = _Overlapped(Offset=offset)
        handle = get_osfhandle(fd)
        return bool(kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(overlapped)))

    def _unlock(fd: int, offset: int = 0) -> None:
        overlapped = _Overlapped(Offset=offset)
        kernel32.UnlockFileEx(get_osfhandle(fd), 0, 1, 0, ctypes.byref(overlapped))

    return _lock, _unlock


if os.name != "posix":  # pragma: no cover - Windows
    import ctypes
    import msvcrt

    _lock, _unlock = windows_locking(ctypes.WinDLL("kernel32", use_last_error=True),
                                     msvcrt.get_osfhandle)


def _open(folder: Path) -> int:
    """The lock file, opened for locking. Its contents never matter (it is never read or
    written), so one that cannot be opened for writing (read-only, or a folder in its
    place) is opened for reading, which locks just as well; one that cannot be opened at
    all is a plain-English error, and nothing is changed."""
    cloexec = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    path = Path(folder) / NAME
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                       | cloexec, 0o600)
    except FileNotFoundError:
        raise errors.WorkspaceNotFound() from None
    except OSError:
        pass
    try:
        return os.open(path, os.O_RDONLY | cloexec)
    except OSError:
        raise errors.LockFileUnusable() from None


class InUse:
    """This program's hold on a workspace folder (shared unless made exclusive)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._fd: int | None = _open(self.folder)
        _lock(self._fd, exclusive=False, wait=True)  # only an exclusive holder makes this wait

    @contextmanager
    def exclusive(self):
        """Be the only one with the data open for the ``with`` block, or raise WorkspaceInUse.

        Never waits: another holder may be a window left open for hours."""
        if not _lock(self._fd, exclusive=True, wait=False):
            # A refused conversion can drop the shared lock we held (flock(2)): take it
            # back, so the others still see this program as one of them.
            _lock(self._fd, exclusive=False, wait=True)
            raise errors.WorkspaceInUse(IN_USE_ELSEWHERE)
        try:
            yield
        finally:
            _lock(self._fd, exclusive=False, wait=True)

    @contextmanager
    def alone(self):
        """For the ``with`` block, hold the data exclusively if nobody else has it open;
        yields True when it does (False: others have it open, nothing was waited for)."""
        if not _lock(self._fd, exclusive=True, wait=False):
            _lock(self._fd, exclusive=False, wait=True)   # see exclusive()
            yield False
            return
        try:
            yield True
        finally:
            _lock(self._fd, exclusive=False, wait=True)

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None


IN_USE_ELSEWHERE = ("Someone else has SV2 Desk open with this data (another window, another "
                    "person's session, or the administrator's command line). Ask them to sign "
                    "out or close it, then try again. Nothing has been changed.")


@contextmanager
def exclusive_folder(folder: Path):
    """Nobody has the workspace open (for work on a closed workspace, such as a restore)."""
    fd = _open(folder)
    try:
        if not _lock(fd, exclusive=True, wait=False):
            raise errors.WorkspaceInUse(IN_USE_ELSEWHERE)
        yield
    finally:
        os.close(fd)


_in_process = threading.Lock()


@contextmanager
def keys_update(folder: Path):
    """Serialise read-change-write of keys.json between programs (and threads)."""
    with _in_process:
        if os.name == "posix":
            fd = os.open(folder, os.O_RDONLY)   # flock on the folder itself: no extra file
            try:
                _lock(fd, exclusive=True, wait=True)
                yield
            finally:
                os.close(fd)
        else:  # pragma: no cover - Windows: the second byte of the lock file
            fd = _open(folder)
            try:
                while not _lock(fd, True, True, offset=1):
                    pass
                yield
            finally:
                _unlock(fd, offset=1)
                os.close(fd)
