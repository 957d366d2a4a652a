"""``python -m sv2desk.cli``: the same as sv2desk-admin."""

import sys

from .main import main

sys.exit(main())
