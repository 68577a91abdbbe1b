"""Turkish cues: each event kind, stance and precision, in short sentences of our own."""

from __future__ import annotations

import pytest

from tests.support.cue_support import changes, found, kinds

CASES = [
    ("Ağdam 20 Kasım 2020 tarihinde Azerbaycan'a teslim edildi.", "transfer_of_territory",
     "aghdam"),
    ("Azerbaycan ordusu 1 Aralık 2020 günü Laçın'a girdi.", "transfer_of_territory", "lachin"),
    ("Şuşa 8 Kasım 2020 tarihinde işgalden kurtarıldı.", "military_capture", "shusha"),
    ("Laçın 1 Aralık 2020 tarihine kadar teslim edilecek.", "scheduled_handover", "lachin"),
    ("Laçın'ın teslimi on gün ertelendi.", "postponement", "lachin"),
    ("Azerbaycan 19 Eylül 2023'te Hankendi çevresinde antiterör operasyonu başlattı.",
     "offensive", "khankendi"),
    ("12 Aralık 2022'den beri Laçın yolu abluka altında.", "blockade", "lachin-corridor"),
    ("23 Nisan 2023'te Laçın yolunda bir kontrol noktası kuruldu.", "checkpoint",
     "lachin-corridor"),
    ("30 Ağustos 2022'de trafik Laçın'ı dolaşan yeni yola geçti.", "corridor_reroute",
     "lachin-corridor"),
    ("28 Eylül 2023'te imzalanan kararname ile Hankendi'deki yönetimin feshedildiği "
     "açıklandı.", "dissolution", "khankendi"),
]


@pytest.mark.parametrize(("text", "kind", "place"), CASES)
def test_each_kind(text: str, kind: str, place: str) -> None:
    assert any(k == kind and p == place for k, p, _ in kinds(text, "tr"))


def test_a_denial() -> None:
    got = kinds("Ermenistan, Şuşa'nın 8 Kasım 2020'de düştüğü haberini yalanladı.", "tr")
    assert ("military_capture", "shusha", "denies") in got


def test_a_ceasefire() -> None:
    assert ("ceasefire", None, "reports") in kinds(
        "20 Eylül 2023'te ateşkes ilan edildi.", "tr")


@pytest.mark.parametrize("text", [
    "Fuzuli, Cebrail ve Zengilan'ın 23 köyü 9 Kasım 2020'de kurtarıldı.",
    "Salı günü Şuşa'nın kurtuluşunun yıldönümü kutlandı ve şehir ziyaret edildi.",
])
def test_no_change_of_control(text: str) -> None:
    assert changes(text, "tr") == []


@pytest.mark.parametrize(("text", "event"), [
    ("Ermenistan'ın Kelbecer'i 15 Kasım 2020'ye kadar teslim etmesi gerekiyor.",
     ("scheduled_handover", "kalbajar", "reports")),
    ("Taraflar 20 Eylül 2023'te ateşkes konusunda anlaştı.", ("ceasefire", None, "reports")),
])
def test_round3_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "tr")


def test_a_recalled_capture_is_background() -> None:
    text = "Şuşa'nın kurtarılmasının yıl dönümü 8 Kasım 2021'de kutlandı."
    assert changes(text, "tr") == []


@pytest.mark.parametrize(("text", "event"), [
    ("Anlaşmaya göre Ermenistan ordusu 1 Aralık 2020'ye kadar Laçın'dan çekilmesi gerekiyor.",
     ("scheduled_handover", "lachin", "reports")),
    ("Anlaşma ile Ağdam'ın 20 Kasım 2020 tarihinde devredilmesi öngörülüyordu.",
     ("scheduled_handover", "aghdam", "reports")),
    # a statement made at the Martyrs' Alley is still news of the day
    ("Aliyev dün Şuşa'nın kurtarıldığını Şehitler Hiyabanı'ndan açıkladı.",
     ("military_capture", "shusha", "claims")),
    ("10 Kasım 2020'de Dağlık Karabağ'da çatışmaların durması için bir ortak açıklama "
     "imzalandı.", ("agreement", None, "reports")),
])
def test_round3_schedules_and_statements(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "tr")


def test_the_war_start_date_is_not_a_capture_date() -> None:
    got = found("27 Eylül 2020'de başlayan savaşta Ağdam geri alındı.", "tr")
    assert not any(d == "2020-09-27" for t, _, d, _ in got if t == "military_capture")


@pytest.mark.parametrize(("text", "event"), [
    ("Kelbecer, Ermenistan tarafından 25 Kasım 2020'de boşaltıldı.",
     ("transfer_of_territory", "kalbajar", "reports")),
    ("Aliyev, \"Bugün, 26 Ağustos 2022'de Laçın'a döndük\" dedi.",
     ("transfer_of_territory", "lachin", "reports")),
    ("Ağdam 20 Kasım 2020'de Azerbaycan'a geçti.", ("transfer_of_territory", "aghdam",
                                                     "reports")),
    # "X ve Y köyleri" names the villages, it does not frame them
    ("Zabux ve Sus köyleri 26 Ağustos 2022'de kontrol altına alındı.",
     ("transfer_of_territory", "sus", "reports")),
    ("Erivan, Şuşa'nın 8 Kasım 2020'de düştüğü haberinin gerçek dışı olduğunu açıkladı.",
     ("military_capture", "shusha", "denies")),
    ("Karabağ'daki Ermeni güçleri 20 Eylül 2023'te silah bıraktı.", ("ceasefire", None,
                                                                     "reports")),
    ("Ermenistan'a Kelbecer'in teslimi için daha 10 gün süre tanındı.",
     ("postponement", "kalbajar", "reports")),
    ("Laçın koridoru 12 Aralık 2022'den bu yana sözde çevreciler tarafından kapatıldı.",
     ("blockade", "lachin-corridor", "reports")),
])
def test_round4_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "tr")


def test_round4_dates_and_frames() -> None:
    assert ("transfer_of_territory", "lachin", "2023-09-22", "reports") in found(
        "Geçtiğimiz cuma Azerbaycan ordusu Laçın'a girdi.", "tr")
    assert changes("Fuzuli bölgesinin 7 köyü 20 Ekim 2020'de kurtarıldı.", "tr") == []


@pytest.mark.parametrize(("text", "event"), [
    ("Dağlık Karabağ yönetimi 9 Kasım 2020'de Şuşa'nın kaybedildiğini kabul etti.",
     ("military_capture", "shusha", "confirms")),
    ("Laçın koridorundaki trafik 15 Haziran 2023'te tamamen durduruldu.",
     ("blockade", "lachin-corridor", "reports")),
    ("Dağlık Karabağ Cumhuriyeti 1 Ocak 2024'te resmen ortadan kalkacak.",
     ("dissolution", "nagorno-karabakh", "reports")),
    ("Erivan, Hadrut'un 9 Ekim 2020'de düştüğünü reddetti.",
     ("military_capture", "hadrut", "denies")),
])
def test_round4_more_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "tr")


@pytest.mark.parametrize("text", [
    "Rus barış gücü 12 Haziran 2023'te Kelbecer'den çekildi.",
    # a participle before a name describes the place; the news is the bridge
    "Kurtarılan Ağdam'da 5 Mayıs 2023'te yeni köprü açıldı.",
    "1 Ağustos 2023'te Ağdam'ın kurtarılmasının üçüncü yıl dönümü hatırlandı.",
])
def test_round4_no_change_of_control(text: str) -> None:
    assert changes(text, "tr") == []


def test_round4_a_finite_participle_still_counts() -> None:
    assert ("military_capture", "shusha", "reports") in kinds(
        "Şuşa 8 Kasım 2020'de işgalden kurtarılmıştır.", "tr")


@pytest.mark.parametrize(("text", "event"), [
    ("30 Ağustos 2022'de Laçın'ı baypas eden yeni bir güney rotası açıldı.",
     ("corridor_reroute", "lachin-corridor", "reports")),
    ("Bakü, Laçın koridorundaki abluka iddialarının hiçbir dayanağı olmadığını 31 Ocak "
     "2023'te açıkladı.", ("blockade", "lachin-corridor", "denies")),
])
def test_round4_road_words(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "tr")


def test_round4_a_headline_in_the_present_is_the_days_news() -> None:
    assert ("transfer_of_territory", "lachin", "2023-09-28", "reports") in found(
        "Azerbaycan ordusu Laçın'a giriyor", "tr")


def test_round4_an_occupation_participle_only_describes_the_town() -> None:
    got = found("Ermenistan'ın 1993'te işgal ettiği Cebrail 4 Ekim 2020'de kurtarıldı.", "tr")
    assert got == {("military_capture", "jabrayil", "2020-10-04", "reports")}


@pytest.mark.parametrize(("text", "event"), [
    ("Ermenistan 15 Kasım 2020'de vermesi gereken Kelbecer'i zamanında boşaltamadı.",
     ("scheduled_handover", "kalbajar", "reports")),
    ("Ermenistan, Laçın'ı da 1 Aralık 2020'ye kadar Azerbaycan'a geri verecek.",
     ("scheduled_handover", "lachin", "reports")),
    ("20 Kasım 2020'de Ağdam'dan çekilen Ermenistan, anlaşmaya uydu.",
     ("transfer_of_territory", "aghdam", "reports")),
])
def test_round4_deadlines_and_withdrawals(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "tr")


def test_round4_the_army_settling_in_is_a_handover() -> None:
    # the participle before the name describes it; the present tense dates the headline
    assert ("transfer_of_territory", "kalbajar", "2023-09-28", "reports") in found(
        "Azerbaycan ordusu Ermenistan'ın teslim ettiği Kelbecer'e yerleşiyor.", "tr")
    assert changes("İlk aileler 26 Ağustos 2023'te Laçın'a yerleşti.", "tr") == []
    assert changes("Rus barış gücü 1 Aralık 2020'de Laçın'a yerleşti.", "tr") == []


def test_round4_fell_into_the_sides_hands() -> None:
    assert ("military_capture", "shusha", "reports") in kinds(
        "Şuşa 8 Kasım 2020'de Azerbaycan'ın eline geçti.", "tr")
