"""sv2desk-admin commands that look after the data: backup, restore and rekey."""

from __future__ import annotations

import sys
from pathlib import Path

from .prompts import ask_secret, data_folder, sign_in


def _progress(fraction: float, message: str, _last=[None]) -> None:
    """Progress on the error stream, one line per step (quiet when not at a terminal)."""
    if not sys.stderr.isatty():
        return
    line = f"{message}... {int(fraction * 100)}%"
    if line != _last[0]:
        _last[0] = line
        print(f"\r{line:<60}", end="" if fraction < 1 else "\n", file=sys.stderr, flush=True)


def cmd_backup(args) -> int:
    from ..services import auth, backups
    session = sign_in(args)
    try:
        if args.to and args.save_folder:
            backups.set_folder(session, args.to)
        made = backups.create(session, args.to, progress=_progress)
    finally:
        auth.sign_out(session)
    print(f"Backup made: {made.backup.path}")
    print(f"Size: {made.backup.size / 1_000_000:.1f} MB. It opens only with the recovery key, "
          "or an administrator's password, as they are today.")
    if made.removed:
        print(f"Older backups removed by the rotation: {len(made.removed)}")
    return 0


def _describe(contents) -> str:
    made = contents.created_at.astimezone().strftime("%d %B %Y at %H:%M").lstrip("0")
    lines = [f"Backup made on {made}",
             f"  clients: {contents.clients:,}   cases: {contents.cases:,}   "
             f"staff accounts: {contents.accounts:,}   audit entries: {contents.audit_entries:,}"]
    if contents.needs_upgrade:
        lines.append("  It was made by an earlier version of SV2 Desk: it will be brought up to "
                     "date as it is restored.")
    return "\n".join(lines)


def cmd_restore(args) -> int:
    from ..services import restore
    folder = data_folder(args)
    secret = {}
    if args.recovery_key:
        secret["recovery_key"] = ask_secret("Recovery key (from the time of the backup): ",
                                         "SV2DESK_RECOVERY_KEY")
    elif args.user:
        secret = {"username": args.user,
                  "password": ask_secret("Password (as it was when the backup was made): ",
                                      "SV2DESK_PASSWORD")}
    else:
        raise SystemExit("Say who you are with --user NAME (or use --recovery-key).")
    print("Checking the backup...", file=sys.stderr)
    contents = restore.inspect(Path(args.file), progress=_progress, **secret)
    print(_describe(contents))
    print(f"The data in {folder} will be set aside (renamed, not deleted) and replaced by it.")
    if not args.yes:
        if not sys.stdin.isatty():
            print("Add --yes to restore without being asked (there is no keyboard to ask). "
                  "Nothing has been changed.", file=sys.stderr)
            return 2
        if input("Type RESTORE to go ahead: ").strip() != "RESTORE":
            print("Nothing has been changed.")
            return 1
    done = restore.restore(Path(args.file), folder, progress=_progress, **secret)
    print(f"Restored into {done.folder}.")
    if done.set_aside:
        print(f"The data that was there before is kept in {done.set_aside}.")
    if done.upgraded:
        print("It was brought up to date for this version of SV2 Desk.")
    print("Staff sign in with the passwords they had when the backup was made.")
    return 0


def cmd_rekey(args) -> int:
    from ..letters import recovery_sheet
    from ..services import auth, keys, settings
    session = sign_in(args)
    try:
        if args.finish:
            count = keys.finish_change(session)
            print("The old key no longer opens anything. "
                  + (f"{count} staff account(s) need their password reset by an "
                     "administrator ('accounts reset-password')." if count else
                     "Everyone had already signed in since the change."))
            return 0
        password = None
        if session.account_id is not None:
            password = ask_secret("Your password again, to confirm: ", "SV2DESK_PASSWORD")
        print("Changing the key (everyone else must have SV2 Desk closed)...", file=sys.stderr)
        changed = keys.change(session, password)
        if args.recovery_sheet:
            org = settings.read(session).organisation.name
            Path(args.recovery_sheet).write_bytes(recovery_sheet.render(
                changed.recovery_key, org, session.workspace.slots.workspace_id))
    finally:
        auth.sign_out(session)
    print("The data is now protected by a new key.")
    print()
    print("NEW RECOVERY KEY (shown once; the old one no longer opens the data, but still opens "
          "backups made before today):")
    print()
    print("    " + changed.recovery_key)
    print()
    if changed.waiting:
        print(f"{len(changed.waiting)} other staff account(s) will move to the new key when "
              "they next sign in. Until then the old key still leads to the new one: run "
              "'rekey --finish' to stop that now (they then need a password reset).")
    if args.recovery_sheet:
        print(f"The recovery sheet was saved to {args.recovery_sheet}. It is not encrypted: "
              "print it, then delete the file.")
    return 0


def add_commands(sub, who) -> None:
    """Add backup, restore and rekey to sv2desk-admin's sub-commands. ``who`` adds the
    --user / --recovery-key options."""
    p = sub.add_parser("backup", help="make an encrypted backup now",
                       description="Make an encrypted backup of all SV2 Desk data in the "
                       "backup folder (or the folder given with --to), for example on a USB "
                       "drive. The backup opens only with the recovery key, or an "
                       "administrator's password, as they are today. Older backups in the "
                       "folder are rotated: the newest of each of the last 7 days, 5 weeks "
                       "and 12 months are kept.")
    who(p)
    p.add_argument("--to", metavar="FOLDER", help="the folder to write the backup to")
    p.add_argument("--save-folder", action="store_true",
                   help="also remember that folder as the backup folder")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="put a backup in place of the current data",
                       description="Check a backup file completely, show what it holds, and "
                       "then (once you type RESTORE, or with --yes) put it in place of the "
                       "current data. The current data is set aside in a folder next to it "
                       "with the date and time in its name, never deleted. A backup opens "
                       "with the recovery key, or an administrator's password, from the time "
                       "it was made. Nothing is changed if the file is damaged or altered.")
    p.add_argument("file", metavar="FILE", help="the backup file (its name ends in .sv2backup)")
    who(p)
    p.add_argument("--yes", action="store_true", help="do not ask before restoring")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("rekey", help="change the key that protects the data",
                       description="Protect the data with a new key and a new recovery key "
                       "(for example if a recovery sheet went missing, or someone who could "
                       "have copied the key has left). Everyone else must close SV2 Desk "
                       "first. Other staff keep their passwords: each moves to the new key at "
                       "their next sign-in. Use --finish to shut the old key out at once; "
                       "those who have not signed in since then need a password reset.")
    who(p)
    p.add_argument("--finish", action="store_true",
                   help="shut the old key out now (after a change of key)")
    p.add_argument("--recovery-sheet", metavar="FILE",
                   help="also save the new recovery sheet as a one-page PDF to print")
    p.set_defaults(func=cmd_rekey)

