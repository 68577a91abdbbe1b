"""Azerbaijani cues: each event kind, stance and precision, in short sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from karabakh_map.ingest.dates import find_dates
from tests.support.cue_support import changes, kinds

CASES = [
    ("Ağdam rayonu 2020-ci il noyabrın 20-də Azərbaycana təhvil verildi.",
     "transfer_of_territory", "AZ-AGM"),
    ("Ordu bölmələri 1 dekabr 2020-ci ildə Laçın şəhərinə daxil oldu.",
     "transfer_of_territory", "lachin"),
    ("Şuşa şəhəri 8 noyabr 2020-ci ildə işğaldan azad edildi.", "military_capture", "shusha"),
    ("Laçın rayonu 1 dekabr 2020-ci ilədək təhvil veriləcək.", "scheduled_handover",
     "lachin"),
    ("Laçının təhvil verilməsi on gün təxirə salındı.", "postponement", "lachin"),
    ("19 sentyabr 2023-cü ildə Xankəndi ətrafında antiterror tədbirləri başladı.",
     "offensive", "khankendi"),
    ("12 dekabr 2022-ci ildən Laçın yolunda blokada davam edir.", "blockade",
     "lachin-corridor"),
    ("23 aprel 2023-cü ildə Laçın yolunda sərhəd-buraxılış məntəqəsi quruldu.",
     "checkpoint", "lachin-corridor"),
    ("30 avqust 2022-ci ildə nəqliyyat Laçından yan keçən yeni yola keçdi.",
     "corridor_reroute", "lachin-corridor"),
    ("28 sentyabr 2023-cü ildə Xankəndidəki qurumların ləğv edilməsi barədə fərman "
     "imzalandı.", "dissolution", "khankendi"),
]


@pytest.mark.parametrize(("text", "kind", "place"), CASES)
def test_each_kind(text: str, kind: str, place: str) -> None:
    assert any(k == kind and p == place for k, p, _ in kinds(text, "az"))


def test_a_denial() -> None:
    got = kinds("Bakı Şuşanın 8 noyabr 2020-ci ildə erməni qüvvələri tərəfindən ələ "
                "keçirildiyi barədə xəbəri təkzib etdi.", "az")
    assert ("military_capture", "shusha", "denies") in got


@pytest.mark.parametrize("text", [
    "Füzuli rayonunun yeddi kəndi 20 oktyabr 2020-ci ildə azad edildi.",
    "Ağdam rayonunun azad edilməsinin üç ili tamam olur.",
    "Azad edilmiş ərazilərdə 1 oktyabr 2022-ci ildə mina partladı, Ağdamda bir nəfər "
    "yaralandı.",
])
def test_no_change_of_control(text: str) -> None:
    assert changes(text, "az") == []


@pytest.mark.parametrize(("text", "event"), [
    ("Azərbaycan Ordusu Cəbrayılı 4 oktyabr 2020-ci ildə işğaldan azad edib.",
     ("military_capture", "jabrayil", "reports")),
    # the Cyrillic schwa some sites type for ə
    ("Azәrbaycan Ordusu Cəbrayılı 4 oktyabr 2020-ci ildә işğaldan azad edib.",
     ("military_capture", "jabrayil", "reports")),
    ("Ordu 2020-ci il sentyabrın 27-də başlatdığı əməliyyatla irəlilədi.",
     ("offensive", None, "reports")),
])
def test_round3_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "az")


def test_a_recalled_capture_is_background() -> None:
    text = "Şuşanın azad edilməsinin ildönümü 8 noyabr 2021-ci ildə qeyd olundu."
    assert changes(text, "az") == []


@pytest.mark.parametrize(("text", "event"), [
    ("2020-ci il noyabrın 15-də Ermənistan Kəlbəcərin təhvil verilməsi üçün daha 10 gün "
     "vaxt istəyib.", ("postponement", "kalbajar", "reports")),
    ("Ermənistan 2020-ci il noyabrın 15-dək Kəlbəcər rayonunu Azərbaycana qaytarmağa boyun "
     "olub.", ("scheduled_handover", "kalbajar", "reports")),
    ("2023-cü il sentyabrın 20-də atəş dayandırılıb.", ("ceasefire", None, "reports")),
    # "X və Y kəndləri" names the villages, it does not frame them
    ("Zabux və Sus kəndləri 2022-ci il avqustun 26-da nəzarətə götürülüb.",
     ("transfer_of_territory", "zabukh", "reports")),
    ("Bu gün biz Laçın şəhərinə qayıtdıq.", ("transfer_of_territory", "lachin", "reports")),
    ("2020-ci il sentyabrın 27-də Azərbaycan Ordusunun apardığı əks-hücum əməliyyatı başladı.",
     ("offensive", None, "reports")),
    ("2022-ci il dekabrın 12-də Laçın yolunda fəallar nəqliyyatın hərəkətinə maneə yaratmır.",
     ("blockade", "lachin-corridor", "denies")),
    ("İrəvan Şuşanın 2020-ci il noyabrın 8-də azad edildiyi barədə xəbəri uydurma adlandırıb.",
     ("military_capture", "shusha", "denies")),
    ("2023-cü il sentyabrın 20-də Qarabağda antiterror tədbirlərinin dayandırılması barədə "
     "razılıq əldə olunub.", ("ceasefire", None, "reports")),
    ("2022-ci il dekabrın 12-dən Laçın-Xankəndi yolunda ekofəallar aksiya keçirir.",
     ("blockade", "lachin-corridor", "reports")),
])
def test_round4_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "az")


def test_round4_the_end_of_an_offensive_is_no_offensive() -> None:
    got = kinds("2023-cü il sentyabrın 20-də antiterror tədbirləri dayandırılıb.", "az")
    assert not any(k == "offensive" for k, _, _ in got)


def test_round4_a_district_frame_stays_vague() -> None:
    assert changes("Füzuli rayonunun yeddi kəndi 2020-ci il oktyabrın 20-də azad edildi.",
                   "az") == []


@pytest.mark.parametrize(("text", "event"), [
    ("Prezident Əliyev 2020-ci il noyabrın 8-də Şuşanın azad olunduğunu elan edib.",
     ("military_capture", "shusha", "claims")),
    ("2023-cü il sentyabrın 19-da Qarabağda döyüşlər başlayıb.",
     ("armed_clash", "nagorno-karabakh", "reports")),
    ("Laçın yolu ilə hərəkət 2023-cü il iyunun 15-də tam dayandırılıb.",
     ("blockade", "lachin-corridor", "reports")),
])
def test_round4_more_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "az")


@pytest.mark.parametrize("text", [
    "Rusiya sülhməramlıları 2023-cü il iyunun 12-də Kəlbəcərdən çıxarılıb.",
    "İşğaldan azad olunmuş Ağdamda 2023-cü il mayın 5-də yeni körpü açılıb.",
    "2023-cü il avqustun 1-də Ağdamın işğaldan azad edilməsinin üçüncü ildönümü qeyd olunub.",
])
def test_round4_no_change_of_control(text: str) -> None:
    assert changes(text, "az") == []


@pytest.mark.parametrize(("text", "event"), [
    ("2020-ci il noyabrın 9-da Poqosyan Şuşa şəhərinin bizim nəzarətimizdə olmadığını "
     "etiraf edib.", ("military_capture", "shusha", "confirms")),
    ("Azərbaycan Kəlbəcərin təhvil müddətini 2020-ci il noyabrın 25-dək uzadıb.",
     ("postponement", "kalbajar", "reports")),
    ("2022-ci il avqustun 30-dan Laçının mərkəzindən yan keçən yol istifadəyə verilib.",
     ("corridor_reroute", "lachin-corridor", "reports")),
    ("Kəlbəcərin təhvil tarixi 2020-ci il noyabrın 15-i idi.",
     ("scheduled_handover", "kalbajar", "reports")),
])
def test_round4_lost_control_and_road_words(text: str, event: tuple[str, str | None, str]
                                            ) -> None:
    assert event in kinds(text, "az")


def test_round4_a_headline_in_the_present_is_the_days_news() -> None:
    assert ("transfer_of_territory", "AZ-AGM", "reports") in kinds(
        "Azərbaycan Ordusu Ağdam rayonuna daxil olur", "az")


def test_round4_an_occupation_participle_only_describes_the_town() -> None:
    text = ("1993-cü il avqustun 23-də ermənilər tərəfindən işğal edilən Cəbrayıl şəhəri "
            "2020-ci il oktyabrın 4-də Azərbaycan Ordusu tərəfindən geri qaytarıldı.")
    (event,) = [e for e in changes(text, "az")]
    assert (event.type.value, event.place_id, event.controller) == (
        "military_capture", "jabrayil", "Azerbaijan")
    assert ("military_capture", "lachin", "reports") in kinds(
        "Ermənistan 1992-ci il mayın 18-də Laçını işğal etmişdi.", "az")


@pytest.mark.parametrize(("text", "event"), [
    # the future suffix softens before a vowel: -acaq/-əcək, -acağı/-əcəyi
    ("Laçının 2020-ci il dekabrın 1-də qaytarılacağı bildirilib.",
     ("scheduled_handover", "lachin", "reports")),
    ("Erməni ordusu Kəlbəcəri 2020-ci il noyabrın 15-də tərk etməli idi.",
     ("scheduled_handover", "kalbajar", "reports")),
])
def test_round4_deadlines(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "az")


@pytest.mark.parametrize(("text", "qualifier", "day"), [
    ("noyabrın 15-dək", "by", date(2020, 11, 15)),  # "-dək" (until) bounds the day
    ("3 oktyabr tarixindən", "since", date(2020, 10, 3)),
])
def test_round4_qualifiers(text: str, qualifier: str, day: date) -> None:
    (got,) = find_dates(text, date(2020, 11, 10), lang="az")
    assert (got.qualifier, got.date.earliest) == (qualifier, day)


def test_round4_returned_by_the_side_not_people_returned() -> None:
    assert ("military_capture", "sugovushan", "reports") in kinds(
        "Azərbaycan 2020-ci il oktyabrın 3-də Suqovuşanı geri alıb.", "az")
    assert changes("Hökumət 2023-cü il avqustun 26-da köçkünləri Laçına qaytardı.", "az") == []
