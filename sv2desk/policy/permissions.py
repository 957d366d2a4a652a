"""Who may do what: the role-by-operation table every service call is checked against.

Roles are enforced by SV2 Desk's own software, not by cryptography: anyone who
can open the workspace holds the key to all of it. The services still refuse
an operation a role does not allow, and the refusal is audited.
"""

from __future__ import annotations

from .roles import ADMIN, ALL_ROLES, MANAGER, SUPPORT_WORKER

EVERYONE = frozenset(ALL_ROLES)
MANAGERS = frozenset({MANAGER})
ADMINS = frozenset({ADMIN})
# Casework is for support workers and managers (an administrator who is not also one of
# those looks after accounts and settings, and sees no client records).
CASEWORKERS = frozenset({SUPPORT_WORKER, MANAGER})

# operation name -> roles allowed to perform it
OPERATIONS: dict[str, frozenset[str]] = {
    # staff accounts
    "accounts.list": EVERYONE,
    "accounts.get_own": EVERYONE,
    "accounts.change_own_password": EVERYONE,
    "accounts.create": ADMINS,
    "accounts.disable": ADMINS,
    "accounts.reset_password": ADMINS,
    "accounts.set_roles": ADMINS,
    "accounts.set_line_manager": ADMINS,
    "accounts.line_manager_problems": ADMINS,
    # settings
    "settings.read": EVERYONE,
    "settings.update": ADMINS,
    # audit trail
    "audit.read": frozenset({ADMIN, MANAGER}),
    "audit.verify": ADMINS,
    "audit.fingerprint": frozenset({ADMIN, MANAGER}),
    # referrals, the initial options assessment, support, caseload
    "referrals.eligibility_advice": CASEWORKERS,
    "referrals.create": CASEWORKERS,
    "referrals.create_many": CASEWORKERS,
    "referrals.add_person_of_concern": CASEWORKERS,
    "cases.open": CASEWORKERS,
    "cases.assign": CASEWORKERS,
    "cases.close": CASEWORKERS,
    "assessments.start": CASEWORKERS,
    "assessments.complete": CASEWORKERS,
    "support.record_session": CASEWORKERS,
    "caseload.list": CASEWORKERS,
    "caseload.rows": CASEWORKERS,
    "caseload.search": CASEWORKERS,
    "caseload.workers": CASEWORKERS,
    # the potential-perpetrator workflow (row rules in the services: the worker on the
    # case or a manager; the decision by a manager who did not raise the concern)
    "concerns.raise": CASEWORKERS,
    "concerns.record_explanation": CASEWORKERS,
    "concerns.line_manager": CASEWORKERS,
    "concerns.countersign_discussion": CASEWORKERS,
    "concerns.view": CASEWORKERS,
    "concerns.for_case": CASEWORKERS,
    "reviews.queue": MANAGERS,
    "reviews.count": MANAGERS,
    "reviews.decide": MANAGERS,
    "reviews.correct": MANAGERS,
    "outcomes.record_communication": CASEWORKERS,
    "reports.dashboard": MANAGERS,
    # the connection check: confidential flags, for managers only (the check itself runs
    # inside the referral, person-of-concern and concern services)
    "connections.open_flags": MANAGERS,
    "connections.view": MANAGERS,
    "connections.count": MANAGERS,
    "connections.confirm": MANAGERS,
    "connections.dismiss": MANAGERS,
    # the hold on a case with a likely match: made by the check itself, by no role
    "connections.hold": frozenset(),
    "reports.export_pdf": MANAGERS,
    # the signposting directory
    "signposting.search": EVERYONE,
    "signposting.save": frozenset({MANAGER, ADMIN}),
    "signposting.confirm": ADMINS,
    "signposting.retire": frozenset({MANAGER, ADMIN}),
    # letters (row rules in the services: outcome letters for the worker on the case and
    # managers only)
    "letters.compose": CASEWORKERS,
    "letters.preview": CASEWORKERS,
    "letters.finalise": CASEWORKERS,
    "letters.list_for_case": CASEWORKERS,
    "letters.open": CASEWORKERS,
    "letters.postal_check": CASEWORKERS,
    "letters.print_for_post": CASEWORKERS,
    "letters.hand_over": CASEWORKERS,
    "letters.unconfirmed_services": CASEWORKERS,
    # documents printed or saved as an unencrypted copy
    "exports.record_print": EVERYONE,
    "exports.record_saved_copy": EVERYONE,
    # drafts of unfinished forms (each person sees only their own)
    "drafts.save": EVERYONE,
    "drafts.list_own": EVERYONE,
    "drafts.take": EVERYONE,
    "drafts.discard": EVERYONE,
    # backups (anyone's sign-out may trigger the daily automatic one), changing the keys
    "backups.settings": ADMINS,
    "backups.set_folder": ADMINS,
    "backups.list": ADMINS,
    "backups.status": ADMINS,
    "backups.set_aside": ADMINS,
    "backups.create": ADMINS,
    "server.move": ADMINS,
    "office_server.status": ADMINS,
    "backups.automatic": EVERYONE,
    "keys.change": ADMINS,
    "keys.finish_change": ADMINS,
    "keys.status": ADMINS,
    # retention: the administrator sets how long; managers review and erase
    "retention.settings": frozenset({MANAGER, ADMIN}),
    "retention.set_period": ADMINS,
    "retention.due": MANAGERS,
    "retention.erase": MANAGERS,
    "retention.erase_concern": MANAGERS,
    # a person's request for a copy of their data, for a manager to review before release
    "subject_access.review": MANAGERS,
    "subject_access.export": MANAGERS,
    # daily casework: the client's record, notes, contacts, consent, equality monitoring
    "clients.details": CASEWORKERS,
    "clients.update": CASEWORKERS,
    "clients.history": MANAGERS,
    "notes.add": CASEWORKERS,
    "notes.for_case": CASEWORKERS,
    "contacts.record": CASEWORKERS,
    "contacts.for_case": CASEWORKERS,
    "consent.record": CASEWORKERS,
    "consent.withdraw": CASEWORKERS,
    "consent.for_case": CASEWORKERS,
    "equality.record": CASEWORKERS,
    "equality.view": CASEWORKERS,
    # the waiting list (allocating from it is for managers)
    "waiting_list.add": CASEWORKERS,
    "waiting_list.list": CASEWORKERS,
    "waiting_list.allocate": MANAGERS,
    "waiting_list.remove": CASEWORKERS,
    "waiting_list.for_case": CASEWORKERS,
    # the diary: bookings, and the sites and rooms an administrator keeps
    "diary.book": CASEWORKERS,
    "diary.cancel": CASEWORKERS,
    "diary.reschedule": CASEWORKERS,
    "diary.did_not_attend": CASEWORKERS,
    "diary.held": CASEWORKERS,
    "diary.worker_days": CASEWORKERS,
    "diary.room_days": CASEWORKERS,
    "diary.rooms": EVERYONE,
    "diary.save_site": ADMINS,
    "diary.save_room": ADMINS,
    # funder and commissioner returns (counts only, small numbers hidden)
    "returns.preview": MANAGERS,
    "returns.export": MANAGERS,
}


def sees_every_case(roles) -> bool:
    """Managers see every case; a support worker sees their own and unassigned referrals."""
    return MANAGER in roles


def allows(operation: str, roles) -> bool:
    """True when any of ``roles`` may perform ``operation``. Unknown operations are refused."""
    allowed = OPERATIONS.get(operation)
    return bool(allowed) and not allowed.isdisjoint(roles)
