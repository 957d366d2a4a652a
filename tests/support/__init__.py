"""What the tests share that is not a fixture: workspaces and their templates, keyrings, example
forms, the tools the safety tests attack with, the office server's throwaway cluster, and
the helper processes some tests start. Test modules import from here, never from a conftest."""
