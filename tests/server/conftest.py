"""Tests of the office server on a throwaway PostgreSQL cluster (tests/support/pg_cluster.py,
started once a session by tests/support/server_fixtures.py, the plugin the root conftest
loads): its roles, grants and row-level security, several PCs at once (each a process of
tests/support/load_pc.py or view_pc.py), sv2desk-admin server, and the desktop on it.
Fixtures shared by these modules alone go here."""
