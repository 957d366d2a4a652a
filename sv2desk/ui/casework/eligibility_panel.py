"""Eligibility advice on the referral form: where the person lives and any safeguarding
prompts, shown as the worker types (asked of the service a moment after typing stops). The
tool advises; the worker decides."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...policy import eligibility
from ...services import referrals
from ..common.messages import (ALERT_STYLE, DONE_STYLE, NOTICE_STYLE, PLAIN_STYLE, notice,
                               plain_message)
from ..common.operation import op
from ..common.text import tr

AREA_STYLES = {
    eligibility.IN_AREA: DONE_STYLE,
    eligibility.PARTLY_IN_AREA: NOTICE_STYLE,
    eligibility.OUT_OF_AREA: NOTICE_STYLE,
    eligibility.UNKNOWN: PLAIN_STYLE,
}


class EligibilityPanel(QWidget):
    """Two boxes: the area advice, and (prominently) any safeguarding prompts."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.advice: eligibility.Advice | None = None
        self._asked: tuple | None = None
        self.area = notice(AREA_STYLES[eligibility.UNKNOWN], "area_advice")
        self.area.setAccessibleName(tr("Where the person lives: advice"))
        self.safeguarding = notice(ALERT_STYLE, "safeguarding_prompts")
        self.safeguarding.setAccessibleName(tr("Safeguarding"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area)
        layout.addWidget(self.safeguarding)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._ask)

    def update_for(self, postcode: str, date_of_birth: date | None,
                   approximate_age: int | None, adult_at_risk: bool, *,
                   now: bool = False) -> None:
        self._asked = (postcode, date_of_birth, approximate_age, adult_at_risk)
        if now:
            self._ask()
        else:
            self._timer.start()

    def _ask(self) -> None:
        self._timer.stop()
        asked = self._asked
        if asked is None:
            return
        session = self._session
        postcode, born, age, at_risk = asked
        op(self, lambda: referrals.eligibility_advice(
            session, postcode, date_of_birth=born, approximate_age=age,
            adult_at_risk=at_risk)).success(lambda advice: self._show(asked, advice)) \
            .failure(self._refused).run()

    def _refused(self, exc) -> None:
        self.area.setText(plain_message(exc))
        self.area.show()

    def _show(self, asked, advice) -> None:
        if asked != self._asked:
            return       # typing went on: a newer answer is on its way
        self.advice = advice
        self.area.setText(tr("Advice: {advice}").format(advice=advice.message))
        self.area.setStyleSheet(f"#area_advice {{ {AREA_STYLES[advice.area]} }}")
        self.area.show()
        self.safeguarding.setText("\n\n".join(advice.safeguarding_prompts))
        self.safeguarding.setVisible(bool(advice.safeguarding_prompts))
