"""A relative day beside a written date names that date only when both can be one day."""

from __future__ import annotations

from datetime import date

from karabakh_map.ingest.dates import find_dates
from karabakh_map.ingest.extract.dating import refine_dates

PUB = date(2023, 9, 28)


def _days(text: str, lang: str) -> list[tuple[bool, date | None]]:
    dates = find_dates(text, PUB, lang=lang)
    return [(d.relative, d.date.earliest) for d in refine_dates(text, dates, PUB)]


def test_today_and_its_day_are_one() -> None:
    got = _days("Today, 27 September 2023, the road was closed.", "en")
    assert got == [(False, date(2023, 9, 27))]


def test_today_beside_a_day_long_past_stays() -> None:
    got = _days("Bugün de 23 Ağustos 1993'te olduğu gibi yol kapalı.", "tr")
    assert (True, PUB) in got and (False, date(1993, 8, 23)) in got
