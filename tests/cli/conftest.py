"""Tests of sv2desk-admin (sv2desk/cli/) as an office administrator runs it: in-process
through tests/support/audit_tools.run_cli, on workspaces from the root conftest. (Its
office-server commands are tested with the server, in tests/server/.) Fixtures shared by
these modules alone go here."""
