"""Set-up measures this PC so each password try costs about half a second (DESIGN.md section 3),
and never chooses less than a fixed floor, however busy the PC is while it measures.

The cost of Argon2id is modelled here with a fake clock (a fixed cost to fill the memory,
plus a cost per pass), so the test is exact and never waits.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sv2desk.store import crypto


class CostModel:
    def __init__(self, fixed: float, per_pass: float, first_try_extra: float = 0.0):
        self.fixed, self.per_pass, self.extra = fixed, per_pass, first_try_extra
        self.now = 0.0
        self.calls = 0

    def perf_counter(self) -> float:
        return self.now

    def derive_key(self, secret, salt, params: crypto.KdfParams) -> bytes:
        scale = params.memory_kib / crypto.DEFAULT_MEMORY_KIB
        self.now += scale * (self.fixed + self.per_pass * params.time_cost)
        if self.calls == 0:
            self.now += self.extra  # the PC was busy for a moment
        self.calls += 1
        return b"\0" * crypto.KEY_BYTES

    def cost(self, params: crypto.KdfParams) -> float:
        scale = params.memory_kib / crypto.DEFAULT_MEMORY_KIB
        return scale * (self.fixed + self.per_pass * params.time_cost)


@pytest.fixture
def model(monkeypatch):
    def install(**kw):
        m = CostModel(**kw)
        monkeypatch.setattr(crypto, "derive_key", m.derive_key)
        monkeypatch.setattr(crypto, "time", SimpleNamespace(perf_counter=m.perf_counter))
        return m
    return install


@pytest.mark.parametrize("fixed, per_pass", [(0.03, 0.045), (0.1, 0.02), (0.0, 0.03)])
def test_a_password_try_costs_about_the_target(model, fixed, per_pass):
    m = model(fixed=fixed, per_pass=per_pass)
    params = crypto.calibrate(0.5)
    assert params.memory_kib == crypto.DEFAULT_MEMORY_KIB
    # Within half a pass of the target: never far under it (weaker) or over it (slower).
    assert abs(m.cost(params) - 0.5) <= per_pass / 2 + 1e-9


def test_a_busy_moment_while_measuring_does_not_weaken_every_password(model):
    m = model(fixed=0.03, per_pass=0.045, first_try_extra=0.15)
    params = crypto.calibrate(0.5)
    assert abs(m.cost(params) - 0.5) <= 0.045 / 2 + 1e-9


@pytest.mark.parametrize("fixed, per_pass", [(0.0, 0.07), (0.02, 0.2), (0.1, 0.12)])
def test_a_busy_pc_never_chooses_less_than_the_floor(model, fixed, per_pass):
    """Busy while measuring (each pass seeming slower than it is), calibration would choose
    fewer passes than half a second needs on a quiet day: it chooses the floor instead."""
    model(fixed=fixed, per_pass=per_pass)
    params = crypto.calibrate(0.5)
    assert params == crypto.FLOOR
    assert (params.time_cost, params.memory_kib) == (8, 64 * 1024)


def test_a_slow_pc_gets_the_floor_and_a_slower_sign_in(model):
    m = model(fixed=1.0, per_pass=1.0)   # one pass with the usual memory: 2 s
    params = crypto.calibrate(0.5)
    assert params == crypto.FLOOR
    assert m.cost(params) > 0.5          # slower to sign in, never weaker


def test_the_same_pc_quiet_and_busy_never_drops_under_the_floor(model):
    model(fixed=0.02, per_pass=0.034)        # quiet: about 14 passes for half a second
    calm = crypto.calibrate(0.5)
    model(fixed=0.05, per_pass=0.09)         # the same PC, busy: 5 passes would do
    busy = crypto.calibrate(0.5)
    assert calm.time_cost == 14
    assert busy.time_cost == crypto.FLOOR.time_cost
    assert busy.memory_kib == calm.memory_kib == crypto.FLOOR.memory_kib


def test_only_the_testing_override_goes_under_the_floor(model, monkeypatch):
    monkeypatch.setenv("SV2DESK_KDF_TARGET_MS", "5")
    model(fixed=0.001, per_pass=0.001)
    cheap = crypto.calibrate()
    assert cheap.memory_kib < crypto.FLOOR.memory_kib
    # A target given in code (set-up, the benchmarks) keeps the floor whatever the variable.
    given = crypto.calibrate(0.005)
    assert given.memory_kib >= crypto.FLOOR.memory_kib
    assert given.time_cost >= crypto.FLOOR.time_cost


def test_the_default_target_is_half_a_second(model, monkeypatch):
    monkeypatch.delenv("SV2DESK_KDF_TARGET_MS", raising=False)
    m = model(fixed=0.03, per_pass=0.045)
    params = crypto.calibrate()
    assert abs(m.cost(params) - crypto.DEFAULT_TARGET_SECONDS) <= 0.045 / 2 + 1e-9
