"""sv2desk-admin server ...: setting up office server mode (docs/office-server.md).

The owner's password (a PostgreSQL role that may create databases and roles) is typed at
a prompt for each step and never stored; a PC's own login goes only into its keyring."""

from __future__ import annotations

from pathlib import Path

from .. import errors


def _owner(args, secret):
    from ..store import server
    ca = Path(args.ca_cert)
    if not ca.is_file():
        raise SystemExit(f"There is no certificate file at {ca}.")
    return server.OwnerLogin(args.host, args.port, args.owner,
                             secret(f"Password of the server's {args.owner} role: ",
                                    "SV2DESK_SERVER_OWNER_PASSWORD"), ca)


def _fingerprint_line(ca_path) -> str:
    from ..store import server
    return server.spaced(server.ca_fingerprint(Path(ca_path).read_bytes()))


def cmd_create(args, secret) -> int:
    from ..services import office_server
    office_server.prepare_database(_owner(args, secret), args.database)
    print(f"Database {args.database} made on {args.host}, with its application role.")
    print("The CA certificate's fingerprint (read it out when enrolling each PC):")
    print("    " + _fingerprint_line(args.ca_cert))
    return 0


def cmd_move(args, secret, sign_in) -> int:
    from ..services import office_server
    owner = _owner(args, secret)
    session = sign_in(args)
    report = office_server.move_to_server(session, owner, args.database, pc_name=args.pc_name)
    print(f"Moved to the office server ({args.host}, database {args.database}).")
    rows = sum(report.rows.values())
    print(f"Rows copied and counted again on the server: {rows} in {len(report.rows)} tables")
    print(f"Audit entries: {report.audit_entries}; the chain and its signatures "
          + ("check out on the server." if report.chain_ok else "DO NOT check out."))
    print(f"The one-PC files are kept in {report.kept_at} until you remove them.")
    print("The CA certificate's fingerprint (read it out when enrolling each PC):")
    print("    " + _fingerprint_line(args.ca_cert))
    return 0 if report.chain_ok else 1


def cmd_enrol(args, secret, folder) -> int:
    from ..services import office_server
    address = office_server.enrol_pc(folder(args), _owner(args, secret), args.database,
                                     args.fingerprint, pc_name=args.pc_name)
    print(f"This PC is enrolled with the office server ({address.host}, database "
          f"{address.database}) as {address.login}; its password is in this PC's keyring.")
    print("Staff sign in with their usual passwords.")
    return 0


def cmd_upgrade(args, secret) -> int:
    from ..services import office_server
    ran = office_server.upgrade_database(_owner(args, secret), args.database)
    print("The server's database was brought up to date." if ran else
          "The server's database is already up to date (the grants were checked).")
    return 0


def cmd_vacuum(args, secret) -> int:
    from ..services import office_server
    office_server.vacuum_database(_owner(args, secret), args.database)
    print("The server's database was vacuumed: the space of deleted and erased rows is "
          "reclaimed now rather than by the server's autovacuum later.")
    return 0


def cmd_fingerprint(args) -> int:
    print(_fingerprint_line(args.ca_cert))
    return 0


def cmd_remove_pc(args, secret) -> int:
    from ..store import server
    if not server.valid_name(args.login):
        raise errors.ValidationError({"login": "That is not a PC login SV2 Desk made."})
    server.remove_pc_login(_owner(args, secret), args.login)
    print(f"The login {args.login} was removed: that PC can no longer reach the server.")
    return 0


def add_commands(sub, who, secret, folder, sign_in) -> None:
    p = sub.add_parser("server", help="set up the office server (PostgreSQL) for several PCs",
                       description="Office server mode: one caseload on a PostgreSQL server "
                       "for several PCs. Each step asks for the password of the server's "
                       "owner role (never stored). See docs/office-server.md.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    def connection(q, database=True):
        q.add_argument("--host", required=True, help="the server's name or address, as its "
                       "certificate names it")
        q.add_argument("--port", type=int, default=5432)
        q.add_argument("--owner", default="postgres", metavar="ROLE",
                       help="a role that may create databases and roles (default postgres)")
        q.add_argument("--ca-cert", required=True, metavar="FILE",
                       help="the certificate of the CA that signed the server's certificate")
        if database:
            q.add_argument("--database", default="sv2desk", metavar="NAME",
                           help="the database's name (default sv2desk)")

    q = actions.add_parser("create", help="make the database and its roles on the server")
    connection(q)
    q.set_defaults(func=lambda a: cmd_create(a, secret))

    q = actions.add_parser("move", help="move this PC's data onto the server, in one step")
    connection(q)
    who(q)
    q.add_argument("--pc-name", default="first-pc", help="a name for this PC's login")
    q.set_defaults(func=lambda a: cmd_move(a, secret, sign_in))

    q = actions.add_parser("enrol", help="let this PC use the office server")
    connection(q)
    q.add_argument("--fingerprint", required=True,
                   help="the CA certificate's fingerprint, as the set-up printed it")
    q.add_argument("--pc-name", required=True, help="a name for this PC's login")
    q.set_defaults(func=lambda a: cmd_enrol(a, secret, folder))

    q = actions.add_parser("upgrade", help="bring the server's database up to this version")
    connection(q)
    q.set_defaults(func=lambda a: cmd_upgrade(a, secret))

    q = actions.add_parser("remove-pc", help="remove a PC's login (a lost or retired PC)")
    connection(q, database=False)
    q.add_argument("--login", required=True)
    q.set_defaults(func=lambda a: cmd_remove_pc(a, secret))

    q = actions.add_parser("vacuum", help="reclaim the space of erased rows on the server now")
    connection(q)
    q.set_defaults(func=lambda a: cmd_vacuum(a, secret))

    q = actions.add_parser("fingerprint", help="print a CA certificate's fingerprint")
    q.add_argument("--ca-cert", required=True, metavar="FILE")
    q.set_defaults(func=cmd_fingerprint)
