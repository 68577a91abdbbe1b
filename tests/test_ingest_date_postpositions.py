"""Postpositions past a year's case ending, and 'in five days' counted from the day before."""

from __future__ import annotations

from datetime import date

import pytest

from karabakh_map.ingest.dates import find_dates
from karabakh_map.ingest.extract.dating import refine_dates

PUB = date(2023, 1, 5)


@pytest.mark.parametrize(("text", "lang", "qualifier"), [
    ("3 oktyabr 2020-ci il tarixindən bəri yol bağlıdır.", "az", "since"),
    ("12 Aralık 2022 tarihinden beri yol kapalı.", "tr", "since"),
    ("12 Aralık 2022'den beri yol kapalı.", "tr", "since"),
    ("Laçın 1 Aralık 2020 tarihine kadar teslim edilecek.", "tr", "by"),
    ("Ağdam 20 Kasım 2020'de teslim edildi.", "tr", None),
])
def test_postposition(text: str, lang: str, qualifier: str | None) -> None:
    assert find_dates(text, PUB, lang=lang)[0].qualifier == qualifier


@pytest.mark.parametrize(("text", "lang"), [
    ("Угоду підписали 10 листопада 2020 року, а через п'ять днів війська вийшли.", "uk"),
    ("Соглашение подписали 10 ноября 2020 года, а через пять дней войска вышли.", "ru"),
    ("Соглашение подписали 10 ноября 2020 года, спустя пять дней войска вышли.", "ru"),
])
def test_days_later(text: str, lang: str) -> None:
    dates = refine_dates(text, find_dates(text, PUB, lang=lang), PUB)
    assert date(2020, 11, 15) in [d.date.earliest for d in dates]
