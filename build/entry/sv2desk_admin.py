"""The packaged application's `sv2desk-admin` program: the administrator's command line."""

import sys

try:
    from sv2desk.cli import main
except ImportError as exc:   # a damaged installation: say so, not a traceback
    sys.exit(f"This installation of SV2 Desk is incomplete ({exc.name or exc} is missing). "
             "Install SV2 Desk again.")

sys.exit(main())
