"""Every sentence of the service's policy (docs/policy/, as the service wrote it) is quoted,
word for word, in sv2desk/policy/, where the rule that carries it lives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "docs" / "policy" / "perpetrators-of-sexual-abuse.txt"


def _words(text: str) -> str:
    return " ".join(text.replace('"', " ").split()).lower()


def _sentences() -> list[str]:
    body = " ".join(POLICY.read_text("utf-8").split("\n", 1)[1].split())
    return [s for s in re.split(r"(?<=[.])\s+", body) if s]


def _policy_code() -> str:
    """The policy modules as prose: comment marks and string quotes dropped."""
    text = "\n".join(p.read_text("utf-8") for p in sorted((ROOT / "sv2desk/policy")
                                                          .glob("*.py")))
    text = re.sub(r"^\s*#\s?", " ", text, flags=re.M)
    text = re.sub(r'"\s*\n\s*"', "", text)        # a string carried onto the next line
    return _words(text)


def test_the_policy_has_its_sentences():
    assert len(_sentences()) == 12


@pytest.mark.parametrize("sentence", _sentences())
def test_every_sentence_of_the_policy_is_quoted_in_the_policy_code(sentence):
    assert _words(sentence) in _policy_code(), (
        f"quote this sentence of the policy where its rule lives in sv2desk/policy/: "
        f"{sentence!r}")
