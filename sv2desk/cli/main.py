"""sv2desk-admin's commands for the workspace itself (set up, status, accounts, the audit
trail, demonstration data, enrolling a PC), its parser and its entry point."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import about, errors
from ..policy import roles as role_names
from ..store import crypto, device, opening
from .prompts import ask_secret, data_folder, sign_in, who_arguments

DESCRIPTION = """\
Look after SV2 Desk's data from the command line: set it up for the first
time, manage staff accounts, and check the audit trail.

Passwords and the recovery key are always typed at a prompt, never on the
command line. The data folder is the usual one for this PC unless you give
--workspace (or set SV2DESK_WORKSPACE).
"""

EPILOG = """\
examples:
  sv2desk-admin init --organisation "SV2" --admin-username ann --admin-name "Ann Smith"
  sv2desk-admin status
  sv2desk-admin accounts --user ann list
  sv2desk-admin verify-audit --recovery-key
  sv2desk-admin --workspace practice demo --user ann --clients 2000
  sv2desk-admin check-install
  sv2desk-admin server move --user ann --host office-server --ca-cert ca.pem
"""


# -- commands -------------------------------------------------------------------------

def cmd_init(args) -> int:
    from ..letters import recovery_sheet
    from ..services import auth, settings, setup
    folder = data_folder(args)
    if args.bind_to_pc and not device.backend_available():
        print(errors.KeyringUnavailable.message, file=sys.stderr)
        return 2
    password = ask_secret("Password for the first administrator: ", "SV2DESK_NEW_PASSWORD",
                       confirm=True)
    print("Measuring this PC to set the strength of password protection...", file=sys.stderr)
    created = setup.create_workspace(
        folder, organisation=settings.Organisation(name=args.organisation),
        admin_username=args.admin_username, admin_display_name=args.admin_name,
        admin_password=password, bind_to_pc=args.bind_to_pc)
    session = created.session
    if args.recovery_sheet:
        pdf = recovery_sheet.render(created.recovery_key, args.organisation,
                                    session.workspace.slots.workspace_id)
        Path(args.recovery_sheet).write_bytes(pdf)
    bound = session.bound_to_pc
    auth.sign_out(session)
    print(f"SV2 Desk data created in {folder}")
    print("Bound to this PC: " + ("yes" if bound else "no"))
    print()
    print("RECOVERY KEY (shown once; write it down or print the recovery sheet):")
    print()
    print("    " + created.recovery_key)
    print()
    if args.recovery_sheet:
        print(f"The recovery sheet was saved to {args.recovery_sheet}. It is not encrypted: "
              "print it, then delete the file.")
    return 0


def _kdf_text(kdf) -> str:
    return (f"{kdf.memory_kib // 1024} MiB of memory, {kdf.time_cost} passes, "
            f"{kdf.parallelism} lanes")


def cmd_status(args) -> int:
    folder = data_folder(args)
    slots = opening.read_slots(folder)
    accounts = sum(1 for s in slots.slots if s.kind == "account")
    print(f"SV2 Desk data folder: {folder}")
    from ..store import server
    if server.is_server_folder(folder):
        address = server.load_address(folder)
        print(f"Office server: {address.host}:{address.port}, database {address.database}, "
              f"this PC's login {address.login}")
        print(f"Pinned CA fingerprint: {server.spaced(address.ca_fingerprint)}")
    print(f"Staff accounts that can sign in: {accounts}")
    print(f"Audit entries recorded: {slots.audit_head.get('seq', 0)}")
    print(f"Password protection (Argon2id): {_kdf_text(slots.kdf)}")
    weaker = [s for s in slots.slots if s.kind == "account" and s.kdf is not None
              and s.kdf != slots.kdf]
    if weaker:
        print(f"  {len(weaker)} account(s) made with other settings (until their password "
              "is next changed): " + "; ".join(sorted({_kdf_text(s.kdf) for s in weaker})))
    if slots.kdf != crypto.at_least_floor(slots.kdf):
        print(f"  This is less than SV2 Desk's minimum ({_kdf_text(crypto.FLOOR)}): it was "
              "set up for testing, or by an earlier version.")
    if slots.bound:
        secret = device.load_secret(slots.workspace_id)
        if secret is None:
            state = "bound to a PC, but this PC's keyring does not hold its key (use the recovery key)"
        elif slots.device_check(secret) != slots.device["check"]:
            state = "bound to a PC, but this PC's keyring holds a different key (use the recovery key)"
        else:
            state = "bound to this PC (the keyring holds its device key)"
    else:
        reason = device.unavailable_reason()
        state = "not bound to a PC" + (f" ({reason})" if reason else "")
    print(f"PC binding: {state}")
    from ..store import set_aside
    kept = set_aside.kept_copies(folder)
    if kept:
        print(f"Copies of the data kept on this PC for {set_aside.KEEP_DAYS} days: {len(kept)} "
              "(listed in Administration, Backups)")
    return 0


def cmd_verify_audit(args) -> int:
    from ..services import audit, auth
    noted = None
    if args.noted:
        seq, _, text = args.noted.partition(":")
        if not seq.strip().replace(",", "").isdigit() or not text.strip():
            print("Give the noted fingerprint as ENTRY:FINGERPRINT, for example "
                  "1234:3F2A-9C1E-77B0-12DE. Nothing was checked.", file=sys.stderr)
            return 2
        noted = (int(seq.strip().replace(",", "")), text.strip())
    session = sign_in(args)
    try:
        report = audit.verify(session)
        noted_ok = noted is None or audit.matches_noted(session.workspace, *noted)
        fingerprint = audit.fingerprint_now(session.workspace)
    finally:
        auth.sign_out(session)
    for note in report.notes:
        print(f"Note: {note}.")
    if not noted_ok:
        print(f"PROBLEM: entry {noted[0]} does not have the fingerprint that was noted down "
              f"({noted[1]}): the audit trail has been replaced or rewritten since then.")
        return 1
    if report.ok:
        print(f"The audit trail is complete and unaltered ({report.entries} entries, each "
              "signed by the person who made it).")
        if noted is not None:
            print(f"Entry {noted[0]} still has the fingerprint that was noted down.")
        if fingerprint is not None:
            print(f"Fingerprint now: entry {fingerprint.seq}: {fingerprint.text} (note it "
                  "down with the date; check it later with --noted).")
        return 0
    print(f"PROBLEM: the audit trail is broken at entry {report.first_bad_seq}: {report.problem}.")
    return 1


def cmd_accounts(args) -> int:
    from ..services import accounts, auth
    session = sign_in(args)
    try:
        if args.action == "list":
            names = {a.id: a.display_name for a in accounts.list_accounts(session, True)}
            for a in accounts.list_accounts(session, include_inactive=True):
                manager = names.get(a.line_manager_id, "-")
                print(f"{a.id:>4}  {a.username:<16} {a.display_name:<28} "
                      f"{role_names.describe(a.roles):<40} line manager: {manager}"
                      + ("" if a.active else "  (turned off)"))
            for account_id, problem in accounts.list_line_manager_problems(session):
                print(f"TO PUT RIGHT: account {account_id}: {problem}")
        elif args.action == "add":
            password = ask_secret("Password for the new account: ", "SV2DESK_NEW_PASSWORD", True)
            created = accounts.create_account(session, args.username, args.name, password,
                                              set(args.role), args.line_manager)
            print(f"Account {created.username} created (number {created.id}).")
        elif args.action == "disable":
            accounts.disable_account(session, args.account)
            print("The account is turned off. Its key has been removed.")
        elif args.action == "reset-password":
            password = ask_secret("New password: ", "SV2DESK_NEW_PASSWORD", True)
            accounts.reset_password(session, args.account, password)
            print("The password has been reset. Ask the person to change it when they next "
                  "sign in.")
    finally:
        auth.sign_out(session)
    return 0


def cmd_change_password(args) -> int:
    from ..services import accounts, auth
    session = sign_in(args)
    try:
        accounts.change_own_password(session, ask_secret("Current password: ", "SV2DESK_PASSWORD"),
                                     ask_secret("New password: ", "SV2DESK_NEW_PASSWORD", True))
    finally:
        auth.sign_out(session)
    print("Your password has been changed.")
    return 0


def cmd_demo(args) -> int:
    from ..demo import bulk as demo_bulk
    from ..policy import lifecycle
    from ..services import auth
    from .. import practice
    from ..policy import roles
    session = sign_in(args)
    practising = roles.ADMIN in session.roles and not args.no_practice
    print(f"Adding {args.clients:,} made-up clients (100,000 take a few minutes); progress "
          "is shown every 10,000.", flush=True)
    try:
        report = demo_bulk.fill(session, args.clients, seed=args.seed,
                           add_to_existing=args.add_to_existing,
                           progress=lambda done, seconds: print(
                               f"  {done:,} clients added ({seconds:,.0f} seconds)", flush=True))
        if practising:
            print("Making the practice accounts and taking their cases to every stage...",
                  flush=True)
            made = practice.set_up(session)
    finally:
        auth.sign_out(session)
    print(f"Added {report.clients:,} made-up clients in {report.seconds:,.0f} seconds.")
    print("Their cases now: " + ", ".join(
        f"{lifecycle.LABELS[s].lower() if s not in lifecycle.PAUSED else 'paused'} "
        f"{report.by_status[s]:,}" for s in lifecycle.STATES if report.by_status.get(s)) + ".")
    print(f"Marked for management attention after the assessment: "
          f"{report.needing_attention:,}. People named by clients: "
          f"{report.persons_of_concern:,}. Support sessions: {report.sessions:,}.")
    if report.staff_added:
        print(f"{report.staff_added} staff accounts were added to hold the cases. Their "
              "passwords were not shown to anyone: to sign in as one of them, reset their "
              "password (see 'accounts list').")
    if practising:
        print()
        print("Practice accounts (these passwords are shown only now: write them down for "
              "the trainees, or reset one later):")
        for account in made.accounts:
            print(f"  {account.role:<26} username {account.username:<21} "
                  f"password {account.password}")
        print("Their cases (all held by the support worker):")
        for line in made.stages:
            print(f"  {line}")
    else:
        print("No practice accounts were made (that needs an administrator's sign-in).")
    return 0


def cmd_enrol_pc(args) -> int:
    from ..services import auth
    args.recovery_key = True
    session = sign_in(args)
    bound = session.bound_to_pc
    auth.sign_out(session)
    if bound:
        print("This PC is enrolled: staff can sign in here with their passwords.")
    else:
        print("This SV2 Desk data is not bound to a PC, so there is nothing to enrol.")
    return 0


# -- argument parsing ----------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sv2desk-admin", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspace", metavar="FOLDER",
                        help="the SV2 Desk data folder (default: this PC's usual one)")
    parser.add_argument("--version", action="version", version=about.version_line(),
                        help="say which version of SV2 Desk this is, and stop")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("init", help="set up SV2 Desk's encrypted data for the first time",
                       description="Create new, empty, encrypted SV2 Desk data and the first "
                       "administrator account. You will be asked for the administrator's "
                       "password twice. The recovery key is shown once: write it down or "
                       "print the recovery sheet, and keep it locked away.")
    p.add_argument("--organisation", required=True, metavar="NAME",
                   help="your organisation's name, as it should appear on letters")
    p.add_argument("--admin-username", required=True, metavar="NAME",
                   help="the username for the first administrator (one word)")
    p.add_argument("--admin-name", required=True, metavar="FULL NAME",
                   help="the first administrator's full name")
    p.add_argument("--bind-to-pc", action="store_true",
                   help="only let staff passwords open the data on this PC (needs a keyring; "
                   "the recovery key still opens it anywhere)")
    p.add_argument("--recovery-sheet", metavar="FILE",
                   help="also save the recovery sheet as a one-page PDF to print")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("status", help="show where the data is and whether it is bound to this PC",
                       description="Show the data folder, how many staff accounts can sign in, "
                       "and whether the data is bound to this PC. Needs no password.")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("verify-audit", help="check that nobody has altered the audit trail",
                       description="Check every entry of the audit trail. Says 'complete and "
                       "unaltered' and exits with 0, or names the first entry that was "
                       "changed, removed or reordered and exits with 1. Also notices when the "
                       "data has been replaced by an older copy of itself.")
    who_arguments(p)
    p.add_argument("--noted", metavar="ENTRY:FINGERPRINT",
                   help="also check a fingerprint noted down earlier (printed by this "
                   "command and shown to managers), e.g. 1234:3F2A-9C1E-77B0-12DE")
    p.set_defaults(func=cmd_verify_audit)

    p = sub.add_parser("accounts", help="list, add or turn off staff accounts, reset passwords",
                       description="Manage staff accounts. Needs an administrator's sign-in "
                       "(or the recovery key).")
    who_arguments(p)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="list every staff account")
    a = actions.add_parser("add", help="add a staff account (you will be asked for its password)")
    a.add_argument("username", help="the new username (one word)")
    a.add_argument("name", help="the person's full name")
    a.add_argument("--role", action="append", required=True, choices=role_names.ALL_ROLES,
                   help="a role; repeat for several")
    a.add_argument("--line-manager", type=int, metavar="NUMBER",
                   help="the account number of their line manager (see 'accounts list')")
    d = actions.add_parser("disable", help="turn an account off (its key is removed)")
    d.add_argument("account", type=int, metavar="NUMBER", help="the account number")
    r = actions.add_parser("reset-password", help="set a new password for someone")
    r.add_argument("account", type=int, metavar="NUMBER", help="the account number")
    p.set_defaults(func=cmd_accounts)

    p = sub.add_parser("change-password", help="change your own password",
                       description="Change your own password. You will be asked for your "
                       "current password, then the new one twice.")
    who_arguments(p)
    p.set_defaults(func=cmd_change_password)

    p = sub.add_parser("demo", help="fill practice data with made-up clients, for training "
                       "and trying things out",
                       description="Add made-up clients to a practice copy of SV2 Desk, "
                       "for training, trying things out and measuring speed. Each one is a "
                       "referral taken the way staff take them, and the cases are taken on "
                       "to every stage (being assessed, waiting for support, in support, "
                       "closed, and paused for a manager's review), with people named by "
                       "clients and support sessions. Most postcodes are in Derbyshire. "
                       "Staff accounts are added when there are fewer than eight support "
                       "workers. Signed in as an administrator, it also makes practice "
                       "accounts (a support worker, their line manager, another manager and "
                       "an administrator), prints their passwords once, and takes the "
                       "worker's cases through every stage: a concern raised, the "
                       "discussion to countersign, the manager queue, a decided and a shared "
                       "outcome, a finalised letter and a possible connection. Use it only on a practice copy or new, empty data: the "
                       "clients are made up, so it will not add them to data that already "
                       "holds cases unless you say so. Needs a manager's sign-in (or an "
                       "administrator's, to add the staff).")
    who_arguments(p)
    p.add_argument("--clients", type=int, default=60, metavar="NUMBER",
                   help="how many made-up clients to add (60 unless told; 100,000 take a "
                   "quarter of an hour or so)")
    p.add_argument("--seed", type=int, metavar="NUMBER",
                   help="give the same number again to make the same people")
    p.add_argument("--add-to-existing", action="store_true",
                   help="add them even though the data already holds cases (only ever on a "
                   "practice copy)")
    p.add_argument("--no-practice", action="store_true",
                   help="only the made-up clients: no practice accounts and cases")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("enrol-pc", help="let this PC open data that is bound to a PC",
                       description="Use the recovery key to enrol this PC, so that staff "
                       "passwords work here (for data bound to a PC, for example after "
                       "moving to a new PC).")
    p.set_defaults(func=cmd_enrol_pc, user=None, recovery_key=True)

    from . import backup_restore_rekey
    backup_restore_rekey.add_commands(sub, who_arguments)
    from . import server   # the office server
    server.add_commands(sub, who_arguments, ask_secret, data_folder, sign_in)
    from .. import install_check
    install_check.add_command(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except errors.ValidationError as exc:
        for message in exc.fields.values():
            print(message, file=sys.stderr)
        return 2
    except errors.SV2Error as exc:
        print(exc.message, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Stopped. Nothing more was changed.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
