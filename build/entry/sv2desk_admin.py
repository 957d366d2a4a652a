"""The packaged application's `sv2desk-admin` program: the administrator's command line."""

import sys

from sv2desk.cli import main

sys.exit(main())
