"""The child side of the kill -9 tests: a helper process that forks one worker for each
command it reads on its standard input and says on its standard output each worker's
process id and how it ended, so the test can kill -9 a worker in the middle of its work
and start the next. Imported by the helper scripts the tests write (no pytest here)."""

from __future__ import annotations

import os
import sys
import traceback
from typing import Callable


def say(line: str) -> None:
    """One line to the test, at once."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def serve(work: Callable, parse: Callable[[str], tuple] = lambda command: command.split()):
    """For each command line: fork, run ``work(*parse(command))`` in the child, and say
    "forked <pid>" and, once it has ended (killed or not), "reaped <status>"."""
    for command in iter(sys.stdin.readline, ""):
        pid = os.fork()
        if pid == 0:
            try:
                work(*parse(command))
            except BaseException:
                traceback.print_exc()
                os._exit(1)
            os._exit(0)
        say(f"forked {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"reaped {status}")
