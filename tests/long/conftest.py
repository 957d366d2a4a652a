"""Long runs kept out of `make test` (pyproject.toml's --ignore=tests/long): kill -9 of the
office server in the middle of several PCs' work, run by `make test-server` and `make soak`.
Their workspaces come from the root conftest and tests/support/server_fixtures.py."""
