"""The access rule, the lifecycle table and the limits of what can be typed, written out as
one page a manager can read (docs/rules.md). `python -m sv2desk.policy.rules_page` prints
it; a test checks the page in docs/ is the same as the rules in the code."""

from __future__ import annotations

from . import access, lifecycle, permissions, roles, validation

OPERATION_WORDS = {
    "cases.open": "Open the case (see its details)",
    "caseload.rows": "See the case in a list",
    "caseload.list": "Count or list the case",
    "caseload.search": "Find the case by searching",
    "cases.take": "Take an unassigned referral for yourself",
    "cases.assign": "Assign the case to someone (or to no one)",
    "cases.close": "Close the case",
    "assessments.start": "Start the initial options assessment",
    "assessments.complete": "Record the initial options assessment",
    "support.record_session": "Record or plan a support session",
    "referrals.add_person_of_concern": "Add a person the client named",
    "concerns.raise": "Raise a concern (potential perpetrator)",
    "concerns.view": "Read the concern, the decision and their history",
    "concerns.for_case": "Find the concern on the case",
    "concerns.record_explanation": "Record the explanation of the four points",
    "concerns.line_manager": "See who must countersign",
    "concerns.countersign_discussion": "Record the line-manager discussion (at this PC)",
    "reviews.decide": "Decide next steps",
    "reviews.correct": "Correct a decision",
    "outcomes.record_communication": "Record that the outcome was shared",
    "letters.compose": "Write a letter about the case",
    "letters.finalise": "Finalise a letter",
    "letters.finalise_outcome": "Finalise a letter that tells the outcome",
    "letters.list_for_case": "See the case's letters",
    "letters.open": "Open a finalised letter",
    "letters.postal_check": "Check whether a letter may be posted",
    "letters.print_for_post": "Print a letter for posting",
    "letters.hand_over": "Print a letter to hand over",
    "subject_access.export": "Make a copy of the client's data (subject access)",
}

RELATION_WORDS = {
    access.IS_MANAGER: "holds the manager role",
    access.ASSIGNED: "is the worker assigned to the case",
    access.RAISER: "raised a concern on the case",
    access.RAISED_THIS: "raised the concern in question",
    access.LINE_MANAGER: "is the line manager of the person who raised the concern, and a "
                         "manager",
    access.COMMUNICATOR: "is named in the decision to share the outcome",
    access.PICKUP: "is a support worker or manager, and the case is unassigned and has never "
                   "had a concern",
    access.CHECK: "is the connection check itself, on saving a record it compares (no "
                  "person or role can make this move)",
}


def page() -> str:
    out = ["# SV2 Desk's rules: who may see and do what, and when", "",
           "This page is written out from the rules in the program (`sv2desk/policy/`), so "
           "it is always what SV2 Desk does. The rules are kept by SV2 Desk's own software, "
           "not by encryption: anyone who can open the data holds the key to all of it.", "",
           "## Roles", ""]
    for role in roles.ALL_ROLES:
        allowed = sorted(op for op, who in permissions.OPERATIONS.items() if role in who)
        out.append(f"- **{roles.LABELS[role]}**: {len(allowed)} kinds of action "
                   "(listed in `sv2desk/policy/permissions.py`).")
    out += ["", "Casework (referrals, assessments, support, concerns, letters) is for "
            "support workers and managers. An administrator who is nothing else looks after "
            "accounts, settings and backups and sees no client records.", "",
            "## How someone is related to a case", ""]
    for name, words in RELATION_WORDS.items():
        out.append(f"- *{name}*: {words}")
    out += ["", "## Who may see a case", "",
            "Managers see every case. A support worker sees the cases assigned to them, "
            "cases on which they raised a concern, and unassigned referrals that have never "
            "had a concern (so they can take them). A case that has had a concern is not "
            "shown to anyone else in any list, count or search, and opening it is refused "
            "exactly as for a case that does not exist.", "",
            "## What each action on a case needs", "",
            "| action | who | at which stages |", "|---|---|---|"]
    for operation, who, stages in access.table_rows():
        out.append(f"| {OPERATION_WORDS.get(operation, operation)} | {who} | {stages} |")
    out += ["", "Who each rule means:", ""]
    for name, who in access.WHO.items():
        parts = ", or ".join(RELATION_WORDS[r] for r in access.RELATIONS if r in who.any_of)
        unless = (", unless they " + " or ".join(RELATION_WORDS[r] for r in access.RELATIONS
                                                 if r in who.except_)) if who.except_ else ""
        out.append(f"- **{name}**: someone who {parts}{unless}. If not, they are told: "
                   f"\"{who.refusal}\"")
    out += ["", "## How a case moves", "",
            "Every move a case can make. Anything not listed is refused, with the reason.", "",
            "| from | move | to | who |", "|---|---|---|---|"]
    for row in lifecycle.table_rows():
        out.append("| " + " | ".join(row) + " |")
    out += ["", "## The most that can be typed", "",
            "Text with nothing visible in it (only spaces, or invisible characters) does not "
            "count as filled in. Dates that cannot be right are refused: in the future, an "
            "explanation dated before the concern was raised, an outcome shared before the "
            "decision, a safeguarding report before the referral.", "",
            validation.limits_table()]
    return "\n".join(out)


if __name__ == "__main__":
    print(page(), end="")
