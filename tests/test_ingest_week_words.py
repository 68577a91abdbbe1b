"""Week words: 'a week ago' and 'early this week' in the languages, as ranges of days."""

from __future__ import annotations

from datetime import date

import pytest

from karabakh_map.ingest.dates import find_dates
from karabakh_map.model import Precision

REF = date(2023, 9, 28)  # a Thursday
MONDAY = date(2023, 9, 25)


@pytest.mark.parametrize(("text", "lang"), [
    ("A week ago the road was closed.", "en"), ("Il y a une semaine, la route a été fermée.", "fr"),
    ("Vor einer Woche wurde die Straße gesperrt.", "de"), ("Неделю назад дорогу закрыли.", "ru"),
    ("Тиждень тому дорогу закрили.", "uk"), ("Bir hafta önce yol kapatıldı.", "tr"),
    ("Bir həftə əvvəl yol bağlandı.", "az"), ("Մեկ շաբաթ առաջ ճանապարհը փակվեց։", "hy"),
])
def test_a_week_ago(text: str, lang: str) -> None:
    d = find_dates(text, REF, lang=lang)[0].date
    assert d.precision is Precision.RANGE and d.earliest is not None and d.latest is not None
    assert d.earliest <= date(2023, 9, 21) <= d.latest


@pytest.mark.parametrize(("text", "lang"), [
    ("Anfang der Woche wurde die Straße gesperrt.", "de"),
    ("En début de semaine, la route a été fermée.", "fr"),
    ("В начале недели дорогу закрыли.", "ru"), ("Bu hafta yol kapatıldı.", "tr"),
    ("На этой неделе дорогу закрыли.", "ru"),
])
def test_early_this_week(text: str, lang: str) -> None:
    d = find_dates(text, REF, lang=lang)[0].date
    assert (d.precision, d.earliest, d.latest) == (Precision.RANGE, MONDAY, REF)
