"""The policy kernel, tried the way an adversary would: random sequences of real service
calls by random actors, with the policy's invariants checked after every step
(tests/support/policy_model.py). `make test` runs this bounded profile; `make soak` a long one."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test

from ..support import policy_model
from ..support.policy_model import COUNTERS, PolicyMachine, make_template

# In `make test` 150 sequences (a fixed, derandomised set: about a minute on one PC; it
# meets held cases); `make soak` runs thousands.
SEQUENCES = int(os.environ.get("SV2DESK_MODEL_SEQUENCES", "150"))
STEPS = int(os.environ.get("SV2DESK_MODEL_STEPS", "30"))
# On the office server a smaller profile in `make test` (each sequence copies a database);
# `make soak` and `make test-server` run more.
SERVER_SEQUENCES = int(os.environ.get("SV2DESK_MODEL_SERVER_SEQUENCES", "12"))

pytestmark = pytest.mark.both_kinds


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("model") / "template"
    ids = make_template(folder)
    return folder, ids


@pytest.fixture
def machine(template, workspace_kind, request, tmp_path_factory):
    """The state machine set up for one kind of workspace: on the server, the template
    moved there once and its database copied for each sequence."""
    PolicyMachine.template, PolicyMachine.ids = template
    PolicyMachine.server_copy = None
    if workspace_kind == "server":
        from ..support.server_fixtures import server_copier
        PolicyMachine.server_copy = staticmethod(server_copier(request, template[0],
                                                               tmp_path_factory.mktemp("model-server")))
    yield SERVER_SEQUENCES if workspace_kind == "server" else SEQUENCES
    PolicyMachine.server_copy = None


def test_random_sequences_of_service_calls_keep_the_policy(machine):
    SEQUENCES = machine
    before = (COUNTERS.sequences, COUNTERS.rules, COUNTERS.steps, len(COUNTERS.lengths))
    holds_before = COUNTERS.holds
    # Hypothesis counts the set-up as a step: STEPS + 1 gives STEPS calls after it.
    run_state_machine_as_test(PolicyMachine, _min_steps=STEPS + 1, settings=settings(
        max_examples=SEQUENCES + SEQUENCES // 10, stateful_step_count=STEPS + 1, deadline=None, derandomize=True,
        database=None, suppress_health_check=list(HealthCheck),
        phases=[Phase.generate] if os.environ.get("SV2DESK_MODEL_NO_SHRINK") else
        list(Phase)))
    lengths = COUNTERS.lengths[before[3]:]
    full = sum(1 for n in lengths if n >= STEPS)        # sequences that ran all their steps
    steps = sum(lengths)
    calls = COUNTERS.steps - before[2]
    print(f"\nmodel-based test ({'server' if PolicyMachine.server_copy else 'one PC'}): "
          f"{full} sequences of {STEPS} steps ({len(lengths)} begun), "
          f"{steps} steps, {calls} service calls, "
          f"{COUNTERS.refused} refused, {COUNTERS.holds - holds_before} cases held by the "
          f"connection "
          f"check; calls by operation: "
          + ", ".join(f"{op} {n}" for op, n in sorted(COUNTERS.calls.items())))
    assert full >= SEQUENCES
    if SEQUENCES >= 100:     # (a short run, as on the office server, may meet none)
        assert COUNTERS.holds > holds_before, \
            "the sequences never met a case held by the connection check"
    assert policy_model is not None
