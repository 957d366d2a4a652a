"""The services' own tests: each use case called as the screens and sv2desk-admin call it,
on a workspace from the root conftest (``created``, ``people``, ``fresh_workspace``; on one PC
and, in `make test-server`, on the office server too), with forms from
tests/support/service_examples.py. Fixtures shared by these modules alone go here."""
