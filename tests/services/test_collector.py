"""Python's cycle collector leaves what is alive at sign-in out of its walks (a walk over
everything took about 100 ms in the middle of a connection check at 100,000 clients:
sv2desk/collector.py), and takes it all back at sign-out."""

from __future__ import annotations

import gc

import pytest

from sv2desk.services import auth

from ..support.workspaces import ADMIN_PASSWORD


@pytest.fixture
def collector_as_it_was():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.file_only
def test_sign_in_freezes_what_is_alive_and_sign_out_thaws_it(created, folder,
                                                             collector_as_it_was):
    new, _ = created
    auth.sign_out(new.session)
    assert gc.get_freeze_count() == 0
    threshold = gc.get_threshold()
    session = auth.sign_in(folder, "admin", ADMIN_PASSWORD)
    assert gc.get_freeze_count() > 10_000         # the modules, models and caches
    assert gc.get_threshold() == threshold        # when it runs is left as it was
    garbage = [[]]
    garbage.append(garbage)                       # a cycle made during the session
    del garbage
    auth.sign_out(session)
    assert gc.get_freeze_count() == 0
    assert gc.collect() > 0                       # what the session left can be collected
