"""Day counts, 'the town', 'still' and locative districts in ru, uk, tr, az and hy, on
sentences of our own."""

from __future__ import annotations

import pytest

from karabakh_map.ingest.cues import TABLES
from tests.support.cue_support import changes, found

DAY_COUNTS = [
    ("ru", "Блокада дороги пошла на 16-й день.", "16"),
    ("uk", "Блокада дороги триває вже 16-й день.", "16"),
    ("tr", "Laçın yolunun ablukası 16. gününe girdi.", "16"),
    ("az", "Laçın yolu 16 gündür bağlıdır.", "16"),
    ("az", "Aksiyanın 16-cı günü başladı.", "16"),
    ("hy", "Միջանցքի շրջափակումը 16-րդ օրն է։", "16"),
]


@pytest.mark.parametrize(("lang", "text", "count"), DAY_COUNTS)
def test_day_count(lang: str, text: str, count: str) -> None:
    m = TABLES[lang].day_count.search(text)
    assert m is not None and m.group(1) == count


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Войска вошли в город в пятницу."), ("uk", "Війська увійшли в місто в п'ятницю."),
    ("tr", "Ordu cuma günü kente girdi."), ("az", "Ordu cümə günü şəhərə daxil oldu."),
    ("hy", "Զորքերը ուրբաթ օրը մտան քաղաք։"),
])
def test_town_noun(lang: str, text: str) -> None:
    assert TABLES[lang].town_noun.search(text)


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Дорога по-прежнему закрыта."), ("ru", "Блокада продолжается."),
    ("uk", "Блокада триває."), ("tr", "Abluka devam ediyor."),
    ("az", "Blokada davam edir."), ("tr", "Yol hâlâ kapalı."),
])
def test_ongoing(lang: str, text: str) -> None:
    assert TABLES[lang].ongoing.search(text)


def test_no_ongoing_in_a_plain_closure() -> None:
    assert not TABLES["ru"].ongoing.search("Дорогу закрыли 12 декабря 2022 года.")


@pytest.mark.parametrize(("lang", "text", "district"), [
    ("tr", "Hocavend bölgesinde beş köy 9 Kasım 2020'de kurtarıldı.", "AZ-XVD"),
    ("az", "Xocavənd rayonunda beş kənd 9 noyabr 2020-ci ildə azad edildi.", "AZ-XVD"),
    ("ru", "В Ходжавендском районе 9 ноября 2020 года освобождены пять сёл.", "AZ-XVD"),
])
def test_a_locative_district_only_locates(lang: str, text: str, district: str) -> None:
    assert all(e.district_id != district or e.place_id for e in changes(text, lang))


def test_a_district_itself_still_changes_hands() -> None:
    got = found("Xocavənd rayonu 9 noyabr 2020-ci ildə azad edildi.", "az")
    assert any(t == "military_capture" for t, _, _, _ in got)
