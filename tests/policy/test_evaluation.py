"""The evaluation of the connection check on referrals the rules were not written from
(benchmarks/evaluate_matching.py, `make evaluate`; issue 18 point 3): the generator is
seeded, makes every kind of error, and a small run of it finds most duplicates without
flagging many others. The full figures (5,000 duplicates among 5,000 and 100,000 people)
are in SCORING.md section 3."""

from __future__ import annotations

import pytest

from benchmarks import evaluate_matching as evaluation


@pytest.fixture(scope="module")
def names():
    return evaluation.NameSource()


def test_the_name_source_is_large(names):
    assert len(names.female) > 500 and len(names.male) > 500 and len(names.surnames) > 2000


def test_the_generator_is_seeded(names):
    def sample(seed):
        gen = evaluation.Generator(seed, names)
        people = [gen.original() for _ in range(50)]
        return people + [gen.duplicate(p) for p in people]
    assert sample(1) == sample(1)
    assert sample(1) != sample(2)
    assert evaluation.TUNING_SEED != evaluation.REPORT_SEED


def test_every_kind_of_error_is_made_and_the_sizes_are_the_issues(names):
    gen = evaluation.Generator(3, names)
    kinds = set()
    for _ in range(500):
        kinds |= set(gen.duplicate(gen.original()).kinds)
    assert kinds == set(evaluation.KINDS)
    assert evaluation.DUPLICATES >= 5_000


def test_a_small_run_finds_most_duplicates_with_few_false_alerts(names):
    result = evaluation.evaluate(seed=4, people=800, duplicates=200, names=names)
    assert result.referrals == 400
    assert result.recall >= 0.9
    assert result.false_per_referral <= 0.05
