"""The packaged application's `sv2desk` program: the desktop window (sv2desk.ui.app)."""

import sys

try:
    from sv2desk.ui.app import main
except ImportError as exc:   # a damaged installation: say so, not a traceback
    sys.exit(f"This installation of SV2 Desk is incomplete ({exc.name or exc} is missing). "
             "Install SV2 Desk again.")

sys.exit(main())
