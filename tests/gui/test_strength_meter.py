"""The password-strength meter works its estimate out once typing pauses: a password typed
quickly (or pasted) is estimated once, not at every key, and "too short" is said at once."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from sv2desk.policy import signin as signin_policy
from sv2desk.ui.common.fields import StrengthMeter


def test_a_quickly_typed_password_is_estimated_once_when_typing_pauses(qtbot, monkeypatch):
    estimates = []
    real = signin_policy.password_strength

    def counted(password, user_inputs=()):
        estimates.append(password)
        return real(password, user_inputs)
    monkeypatch.setattr(signin_policy, "password_strength", counted)
    edit = QLineEdit()
    meter = StrengthMeter(edit, strong=True)
    qtbot.addWidget(edit)
    qtbot.addWidget(meter)
    qtbot.keyClicks(edit, "short")
    assert "too short" in meter._label.text() and estimates == []
    qtbot.keyClicks(edit, " harbour violet engine 42")
    assert estimates == []                       # nothing worked out while typing
    qtbot.waitUntil(lambda: estimates != [], timeout=2000)
    assert estimates == ["short harbour violet engine 42"]
    assert meter._label.text().startswith("Strength: ")
