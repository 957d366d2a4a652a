"""Fixtures for the tests that attack the data and the rules as an adversary would: hard kills,
damaged and hostile files, leftovers, canaries looked for on disk, the audit trail tampered
with, every operation by every role, and random sequences of calls. The workspaces they
start from are the root conftest's (``created``, ``fresh_workspace``); the tools they
attack with are in tests/support (safety_helpers, audit_tools, canaries, page_scan)."""

from __future__ import annotations

import pytest

from sv2desk.services import auth


@pytest.fixture
def quiet(created):
    """The `created` workspace with nobody signed in, and its recovery key."""
    new, ids = created
    auth.sign_out(new.session)
    return new.recovery_key, ids
