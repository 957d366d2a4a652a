"""`make bench`'s sections (benchmarks/run.py runs them).

The workspaces the sections fill are made with cheap key derivation on purpose (it is timed
on its own, in run.py's first section): the tests' override is set so that signing in to
them leaves their key slots as they are instead of making them again at the Argon2 floor
(services/auth.py). The sections that time real key derivation set their parameters
themselves or take the override off (stalls.py, shell.py).
"""

import os

os.environ.setdefault("SV2DESK_KDF_TARGET_MS", "5")
