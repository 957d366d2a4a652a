"""Eligibility advice on the referral form: where the person lives and any safeguarding
prompts, shown as the worker types. The tool advises; the worker decides."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ... import errors
from ...policy import eligibility
from ...services import referrals
from ..common.forms import ALERT_STYLE, NOTICE_STYLE, notice

AREA_STYLES = {
    eligibility.IN_AREA: ("background: #dff6dd; color: #0b3d0b; border: 1px solid #107c10; "
                          "border-radius: 4px; padding: 8px;"),
    eligibility.PARTLY_IN_AREA: NOTICE_STYLE,
    eligibility.OUT_OF_AREA: NOTICE_STYLE,
    eligibility.UNKNOWN: ("background: #f3f2f1; color: #323130; border: 1px solid #8a8886; "
                          "border-radius: 4px; padding: 8px;"),
}


class EligibilityPanel(QWidget):
    """Two boxes: the area advice, and (prominently) any safeguarding prompts."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.advice: eligibility.Advice | None = None
        self.area = notice(AREA_STYLES[eligibility.UNKNOWN], "area_advice")
        self.area.setAccessibleName("Where the person lives: advice")
        self.safeguarding = notice(ALERT_STYLE, "safeguarding_prompts")
        self.safeguarding.setAccessibleName("Safeguarding")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area)
        layout.addWidget(self.safeguarding)

    def update_for(self, postcode: str, date_of_birth: date | None,
                   approximate_age: int | None, adult_at_risk: bool) -> None:
        try:
            advice = referrals.eligibility_advice(
                self._session, postcode, date_of_birth=date_of_birth,
                approximate_age=approximate_age, adult_at_risk=adult_at_risk)
        except errors.SV2Error as exc:
            self.area.setText(exc.message)
            self.area.show()
            return
        self.advice = advice
        self.area.setText("Advice: " + advice.message)
        self.area.setStyleSheet(f"#area_advice {{ {AREA_STYLES[advice.area]} }}")
        self.area.show()
        self.safeguarding.setText("\n\n".join(advice.safeguarding_prompts))
        self.safeguarding.setVisible(bool(advice.safeguarding_prompts))
