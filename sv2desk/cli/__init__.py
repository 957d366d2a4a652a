"""sv2desk-admin, the administrator's command line: ``main`` is its entry point.

main.py: the workspace's own commands and the parser; backup_restore_rekey.py: backups,
restoring one, a new master key; server.py: the office server; prompts.py: what they share.
"""

from .main import EPILOG, build_parser, main

__all__ = ["EPILOG", "build_parser", "main"]
