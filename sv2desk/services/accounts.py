"""Staff accounts: create, turn off, passwords, roles and line managers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm.attributes import flag_modified

from .. import errors
from ..models import Account, AccountRole
from ..policy import roles as role_names, signin as signin_policy, usernames, validation
from . import audit, versions
from .registry import operation


@dataclass(frozen=True)
class StaffAccount:
    id: int
    username: str
    display_name: str
    roles: frozenset[str]
    active: bool
    line_manager_id: int | None
    version: int = 0    # when read: a change naming it is refused if saved since


# What a second change of an account compares, to say what someone else changed meanwhile.
LABELS = {"display_name": "name", "roles": "roles", "line_manager_id": "line manager",
          "active": "turned on or off"}


def _view(account: Account) -> StaffAccount:
    return StaffAccount(account.id, account.username, account.display_name,
                        frozenset(r.role for r in account.roles), account.active,
                        account.line_manager_id, account.version or 0)


def _refuse_if_changed(db, account: Account, opened: StaffAccount | None) -> None:
    versions.refuse_if_changed(db, account.version, opened, "account", account.id,
                               _view(account), LABELS)


def _check_roles(roles) -> frozenset[str]:
    roles = frozenset(roles)
    if not roles:
        raise errors.ValidationError({"roles": "Choose at least one role."})
    unknown = roles - set(role_names.ALL_ROLES)
    if unknown:
        raise errors.ValidationError({"roles": "Choose roles from the list."})
    return roles


def _check_password(password: str, field: str = "password", *, roles=(),
                    user_inputs=()) -> None:
    """At least Fair for everyone; Strong for a manager or an administrator."""
    problem = signin_policy.password_problem(
        password, strong=signin_policy.needs_strong_password(roles), user_inputs=user_inputs)
    if problem:
        raise errors.ValidationError({field: problem})


def _get(db, account_id: int) -> Account:
    account = db.get(Account, account_id)
    if account is None:
        raise errors.NotFound("That staff account could not be found.")
    return account


def _check_line_manager(db, line_manager_id: int | None, account_id: int | None = None) -> None:
    """A line manager countersigns concerns, so is always an active member of the
    management team (the manager role), and never the person themselves."""
    if line_manager_id is None:
        return
    manager = db.get(Account, line_manager_id) if isinstance(line_manager_id, int) else None
    if manager is None or not manager.active or line_manager_id == account_id or \
            role_names.MANAGER not in {r.role for r in manager.roles}:
        raise errors.ValidationError({"line_manager": "Choose an active manager: a line "
                                                      "manager countersigns concerns, so must "
                                                      "be on the management team."})


def line_manager_problems(db) -> list[tuple[int, str]]:
    """Accounts whose line manager cannot countersign (turned off, or not a manager),
    with what to do: for an administrator to put right (shown in Administration and by
    `sv2desk-admin accounts list`; workspaces from before this rule may have them)."""
    accounts = {a.id: a for a in db.scalars(select(Account))}
    found = []
    for account in sorted(accounts.values(), key=lambda a: a.id):
        if not account.active or account.line_manager_id is None:
            continue
        manager = accounts.get(account.line_manager_id)
        if manager is None or not manager.active:
            found.append((account.id, "Their line manager's account is turned off: choose "
                                      "another line manager."))
        elif role_names.MANAGER not in {r.role for r in manager.roles}:
            found.append((account.id, "Their line manager is not a manager, so cannot "
                                      "countersign: choose a manager."))
    return found


def insert_account(db, username: str, display_name: str, roles, line_manager_id=None) -> Account:
    """Add an account row (shared by set-up and the create operation). Validates fields."""
    problems = {}
    username = username.strip()
    display_name = display_name.strip()
    problem = usernames.problem(username)
    if problem:
        problems["username"] = problem
    elif _taken(db, username):
        problems["username"] = ("That username is already taken (SV2 Desk treats names that "
                                "differ only in capitals or accents typed another way as the "
                                "same). Choose another.")
    check = validation.Check("account")
    check.text("display_name", display_name, required="Enter the person's name.")
    problems.update({k: v for k, v in check.problems.items() if k not in problems})
    if problems:
        raise errors.ValidationError(problems)
    roles = _check_roles(roles)
    _check_line_manager(db, line_manager_id)
    account = Account(username=username, display_name=display_name, active=True,
                      line_manager_id=line_manager_id, created_at=audit.now_iso(),
                      roles=[AccountRole(role=r) for r in sorted(roles)])
    db.add(account)
    db.flush()
    return account


def _taken(db, username: str) -> bool:
    """True when an account's username has the same normal form (policy/usernames.py)."""
    wanted = usernames.normal_form(username)
    return any(usernames.normal_form(name) == wanted
               for name in db.scalars(select(Account.username)))


def username_clashes(db) -> list[tuple[int, ...]]:
    """Groups of account ids whose usernames share one normal form: made before usernames
    were compared that way (an upgrade reports them). Only one of each group can be told
    apart by its username; each still signs in with their own password."""
    groups: dict[str, list[int]] = {}
    for account_id, name in db.execute(select(Account.id, Account.username)):
        groups.setdefault(usernames.normal_form(name), []).append(account_id)
    return [tuple(ids) for ids in groups.values() if len(ids) > 1]


@operation("accounts.list")
def list_accounts(session, include_inactive: bool = False) -> list[StaffAccount]:
    with session.workspace.transaction() as db:
        query = select(Account).order_by(func.lower(Account.display_name))
        if not include_inactive:
            query = query.where(Account.active.is_(True))
        result = [_view(a) for a in db.scalars(query)]
        audit.record(db, session.account_id, "accounts.list")
    return result


@operation("accounts.line_manager_problems")
def list_line_manager_problems(session) -> list[tuple[int, str]]:
    """(account id, what to do) for every active account whose line manager cannot
    countersign. Empty when all is well."""
    with session.workspace.transaction() as db:
        return line_manager_problems(db)


@operation("accounts.get_own")
def get_own(session) -> StaffAccount | None:
    if session.account_id is None:
        return None
    with session.workspace.transaction() as db:
        return _view(_get(db, session.account_id))


@operation("accounts.create")
def create_account(session, username: str, display_name: str, password: str, roles,
                   line_manager_id: int | None = None) -> StaffAccount:
    _check_password(password, roles=_check_roles(roles),
                    user_inputs=(str(username), str(display_name)))
    with session.workspace.transaction() as db:
        account = insert_account(db, username, display_name, roles, line_manager_id)
        session.workspace.set_password_slot(account.id, account.username, password)
        audit.record(db, session.account_id, "accounts.create", "account", account.id)
        return _view(account)


@operation("accounts.disable")
def disable_account(session, account_id: int) -> StaffAccount:
    if account_id == session.account_id:
        raise errors.ValidationError({"account": "You cannot turn off your own account."})
    with session.workspace.transaction() as db:
        account = _get(db, account_id)
        account.active = False
        session.workspace.disable_slot(account.id, account.username)
        audit.record(db, session.account_id, "accounts.disable", "account", account.id)
        return _view(account)


@operation("accounts.reset_password")
def reset_password(session, account_id: int, new_password: str) -> None:
    with session.workspace.transaction() as db:
        account = _get(db, account_id)
        _check_password(new_password, "new_password", roles=[r.role for r in account.roles],
                        user_inputs=(account.username, account.display_name))
        if not account.active:
            raise errors.ValidationError({"account": "Turn the account back on first."})
        session.workspace.set_password_slot(account.id, account.username, new_password)
        audit.record(db, session.account_id, "accounts.reset_password", "account", account.id)


@operation("accounts.change_own_password")
def change_own_password(session, current_password: str, new_password: str) -> None:
    if session.account_id is None:
        raise errors.ValidationError({"account": "Sign in with your own account to do this."})
    if not session.workspace.password_matches(session.account_id, current_password):
        with session.workspace.transaction() as db:
            audit.record(db, session.account_id, "accounts.change_own_password", "account",
                         session.account_id, outcome="failed")
        raise errors.ValidationError({"current_password": "Your current password is not right."})
    with session.workspace.transaction() as db:
        account = _get(db, session.account_id)
        _check_password(new_password, "new_password", roles=[r.role for r in account.roles],
                        user_inputs=(account.username, account.display_name))
        session.workspace.set_password_slot(account.id, account.username, new_password)
        audit.record(db, session.account_id, "accounts.change_own_password", "account",
                     account.id)


@operation("accounts.set_roles")
def set_roles(session, account_id: int, roles, *,
              opened: StaffAccount | None = None) -> StaffAccount:
    """``opened``: the account as read for this change; refused (EditConflict, saying who
    and what) if someone else changed it since."""
    roles = _check_roles(roles)
    with session.workspace.transaction() as db:
        account = _get(db, account_id)
        _refuse_if_changed(db, account, opened)
        if account_id == session.account_id and role_names.ADMIN not in roles:
            raise errors.ValidationError(
                {"roles": "You cannot remove your own administrator role."})
        if role_names.MANAGER not in roles:
            managed = db.scalar(select(func.count()).select_from(Account).where(
                Account.line_manager_id == account.id, Account.active.is_(True)))
            if managed:
                raise errors.ValidationError({"roles": (
                    f"{account.display_name} is the line manager of {managed} member"
                    f"{'s' if managed != 1 else ''} of staff, and a line manager must be a "
                    "manager. Choose another line manager for them first.")})
        account.roles = [AccountRole(role=r) for r in sorted(roles)]
        flag_modified(account, "display_name")      # the account's version moves on too
        db.flush()
        audit.record(db, session.account_id, "accounts.set_roles", "account", account.id)
        return _view(account)


@operation("accounts.set_line_manager")
def set_line_manager(session, account_id: int, line_manager_id: int | None, *,
                     opened: StaffAccount | None = None) -> StaffAccount:
    """``opened``: the account as read for this change; refused (EditConflict, saying who
    and what) if someone else changed it since."""
    with session.workspace.transaction() as db:
        account = _get(db, account_id)
        _refuse_if_changed(db, account, opened)
        _check_line_manager(db, line_manager_id, account_id)
        account.line_manager_id = line_manager_id
        db.flush()
        audit.record(db, session.account_id, "accounts.set_line_manager", "account", account.id)
        return _view(account)
