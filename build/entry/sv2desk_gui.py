"""The packaged application's `sv2desk` program: the desktop window (sv2desk.ui.app)."""

import sys

from sv2desk.ui.app import main

sys.exit(main())
