"""Casework: the caseload, new referrals, a case, its assessment and support."""
