"""What every sv2desk-admin command shares: asking for a password or the recovery key,
the data folder, signing in, and the --user / --recovery-key arguments."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from .. import paths


def ask_secret(prompt: str, env: str, confirm: bool = False) -> str:
    """A password from the prompt (or from an environment variable, for automated tests)."""
    if os.environ.get(env) is not None:
        return os.environ[env]
    if not sys.stdin.isatty():
        raise SystemExit(f"Cannot ask for the {prompt.lower().rstrip(': ')} without a keyboard.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise SystemExit("The two entries were different. Nothing was changed.")
    return first


def data_folder(args) -> Path:
    return Path(args.workspace) if args.workspace else paths.default_workspace()


def sign_in(args):
    from ..services import auth
    folder = data_folder(args)
    check_head = getattr(args, "command", "") != "verify-audit"
    if args.recovery_key:
        session = auth.sign_in_with_recovery_key(
            folder, ask_secret("Recovery key: ", "SV2DESK_RECOVERY_KEY"), check_head=check_head)
    else:
        if not args.user:
            raise SystemExit("Say who you are with --user NAME (or use --recovery-key).")
        session = auth.sign_in(folder, args.user, ask_secret("Password: ", "SV2DESK_PASSWORD"),
                               check_head=check_head)
    for notice in session.notices:   # a file set aside, the audit protection put back...
        print(notice, file=sys.stderr)
    return session


def who_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("who is doing this")
    group.add_argument("--user", metavar="NAME", help="your SV2 Desk username (you will be "
                       "asked for your password)")
    group.add_argument("--recovery-key", action="store_true",
                       help="use the recovery key instead (you will be asked to type it)")
