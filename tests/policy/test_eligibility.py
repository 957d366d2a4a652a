"""Eligibility advice: Derbyshire postcodes, under-18s and adults at risk. Advice only."""

from __future__ import annotations

from datetime import date

import pytest

from sv2desk.policy import eligibility as E
from sv2desk.services.referrals import districts


@pytest.mark.parametrize("postcode,area", [
    ("DE1 1AA", E.IN_AREA), ("de22 3xy", E.IN_AREA), ("S40 1AB", E.IN_AREA),
    ("SK17 6AN", E.PARTLY_IN_AREA), ("NG10 1AA", E.PARTLY_IN_AREA),
    ("M1 1AA", E.OUT_OF_AREA), ("NG1 5AA", E.OUT_OF_AREA), ("B1 1AA", E.OUT_OF_AREA),
    ("", E.UNKNOWN), ("not a postcode", E.UNKNOWN), ("DE11AA", E.IN_AREA),
])
def test_postcode_advice(postcode, area):
    assert E.area_for(postcode, districts())[0] == area


def test_out_of_area_suggests_signposting_but_can_still_be_recorded():
    advice = E.advise("M1 1AA", districts())
    assert advice.suggests_signposting
    assert "signposting" in advice.message and "still record" in advice.message


def test_partly_in_area_asks_the_worker_to_confirm_the_address():
    assert "confirm the address" in E.advise("SK17 6AN", districts()).message


def test_under_18_gets_a_safeguarding_prompt_from_date_of_birth_or_age():
    today = date(2026, 11, 27)
    assert E.advise("DE1 1AA", districts(), date_of_birth=date(2009, 11, 28),
                    today=today).safeguarding_prompts  # 17 until tomorrow
    assert not E.advise("DE1 1AA", districts(), date_of_birth=date(2008, 11, 27),
                        today=today).safeguarding_prompts  # 18 today
    assert E.advise("DE1 1AA", districts(), approximate_age=15).safeguarding_prompts


def test_adult_at_risk_gets_a_safeguarding_prompt():
    prompts = E.advise("DE1 1AA", districts(), adult_at_risk=True).safeguarding_prompts
    assert any("adult" in p for p in prompts)


def test_districts_data_is_consistent():
    data = districts()
    assert data.wholly and data.partly and not (data.wholly & data.partly)
    assert all(E.district(f"{d} 1AA") == d for d in data.wholly | data.partly)
