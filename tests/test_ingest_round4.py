"""Round-4 cues: schedules by withdrawal, attacks as offensives, a comma ends a vague frame."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.cue_support import events

PUB = date(2020, 11, 20)


def _got(text: str, lang: str) -> set[tuple[str, str | None, str | None]]:
    return {(e.type.value, e.place_id or e.district_id,
             e.date.earliest.isoformat() if e.date.earliest else None)
            for e in events(text, lang, PUB)}


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenian forces must leave Lachin by December 1.", "en"),
    ("Ermeni güçleri 1 Aralık'a kadar Laçın'dan çekilecek.", "tr"),
    ("Erməni silahlı qüvvələri dekabrın 1-dək Laçından çıxarılmalıdır.", "az"),
])
def test_a_withdrawal_due_by_a_day_is_a_schedule(text: str, lang: str) -> None:
    assert ("scheduled_handover", "lachin", "2020-12-01") in _got(text, lang)


def test_a_withdrawal_done_is_no_handover() -> None:
    got = _got("On Monday the last Armenian soldiers withdrew their guns from Lachin and "
               "families had to leave Lachin.", "en")
    assert not any(k in ("transfer_of_territory", "military_capture") for k, _, _ in got)


@pytest.mark.parametrize(("text", "lang"), [
    ("Azerbaijan's military attack on the region on 19 September 2023 ended in a day.", "en"),
    ("Le 19 septembre 2023, l'attaque contre le Haut-Karabakh a commencé.", "fr"),
    ("Am 19. September 2023 begann der Angriff auf Berg-Karabach.", "de"),
    ("19 сентября 2023 года началась атака на Нагорный Карабах.", "ru"),
])
def test_an_attack_on_the_region_is_an_offensive(text: str, lang: str) -> None:
    assert any(k == "offensive" and d == "2023-09-19" for k, _, d in _got(text, lang))


def test_a_comma_ends_the_frame_of_villages_after_a_town() -> None:
    got = _got("On November 14 the army regained control of the city of Fuzuli, in addition "
               "to seven villages in its vicinity.", "en")
    assert ("transfer_of_territory", "fuzuli", "2020-11-14") in got


def test_a_statement_handover_dated_to_another_day_of_its_period_is_misdated() -> None:
    # Aghdam went over on 20 November 2020: "today" in a piece of the 23rd is a ceremony
    late = events("Today the Aghdam district was handed over to Azerbaijan.", "en",
                  date(2020, 11, 23))
    assert not any(e.type.value == "transfer_of_territory" for e in late)
    on_day = events("Today the Aghdam district was handed over to Azerbaijan.", "en", PUB)
    assert [e.date.earliest for e in on_day if e.type.value == "transfer_of_territory"] == [
        PUB]


def test_a_statement_district_dated_to_its_handover_day_of_a_later_year_is_misdated() -> None:
    # An anniversary piece: the Lachin district went over on 1 December 2020, once
    text = "Today the Lachin district was returned to Azerbaijan."
    later = events(text, "en", date(2022, 12, 1))
    assert not any(e.type.value == "transfer_of_territory" for e in later)
    town = events("Today Azerbaijani troops entered the town of Lachin.", "en",
                  date(2022, 8, 26))  # the town's own handover of 2022 stays
    assert [e.date.earliest for e in town if e.type.value == "transfer_of_territory"] == [
        date(2022, 8, 26)]


@pytest.mark.parametrize(("text", "lang"), [
    ("On Sunday Azerbaijani forces took the town of Hadrut.", "en"),
    ("Azerbaijan says it has taken Hadrut on Friday.", "en"),
    ("Hadrout est tombée vendredi aux mains des forces azerbaïdjanaises.", "fr"),
    ("Am Freitag nahmen aserbaidschanische Truppen Hadrut ein.", "de"),
    ("Aserbaidschan hat am Freitag die Kontrolle über Hadrut übernommen.", "de"),
    ("Cümə günü Hadrut qəsəbəsi işğaldan azad olunub.", "az"),
])
def test_more_capture_verbs(text: str, lang: str) -> None:
    got = {(k, p) for k, p, _ in _got(text, lang)}
    assert got & {("military_capture", "hadrut"), ("transfer_of_territory", "hadrut")}


def test_taken_part_is_no_capture() -> None:
    assert _got("On Friday he has taken part in talks in Hadrut.", "en") == set()


@pytest.mark.parametrize(("text", "lang"), [
    ("The deadline for the handover of Kalbajar is November 25.", "en"),
    ("Armenien muss Kalbadschar bis zum 25. November räumen.", "de"),
    ("Ermenistan Kelbecer'i 25 Kasım'a kadar boşaltacak.", "tr"),
])
def test_a_handover_dated_after_the_article_is_due_then(text: str, lang: str) -> None:
    assert ("scheduled_handover", "kalbajar", "2020-11-25") in _got(text, lang)


def test_troops_clearing_out_is_no_handover() -> None:
    got = _got("Am Freitag mussten die Familien Kalbadschar räumen.", "de")
    assert not any(k in ("transfer_of_territory", "military_capture") for k, _, _ in got)


def test_turkish_done_handover_by_verbal_noun_and_closed_corridor() -> None:
    got = {(k, p, d) for k, p, d in _got(
        "Ağdam'ın 20 Kasım'da Azerbaycan'a teslim edilmesiyle süreç başladı.", "tr")}
    assert ("transfer_of_territory", "aghdam", "2020-11-20") in got
    assert events("Laçın koridoru 12 Aralık'tan beri kapalı.", "tr", date(2023, 1, 10))[
        0].type.value == "blockade"


def test_a_date_after_the_verb_of_a_verb_final_clause_is_the_next_clause_s() -> None:
    got = _got("Azerbaycan ordusu Cebrail, Füzuli ve Zengilan'ı işgalden kurtardı, 4 Ekim'de "
               "Cebrail alındı.", "tr")
    assert not any(p in ("fuzuli", "zangilan") for _, p, _ in got)


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia denied that Shusha had fallen.", "en"),
    ("Armenien wies Berichte über die Eroberung von Schuscha zurück.", "de"),
    ("Ermənistan Şuşanın alınmasını təkzib edib.", "az"),
])
def test_more_denials_of_a_capture(text: str, lang: str) -> None:
    assert any(k == "military_capture" and p == "shusha" and e.stance.value == "denies"
               for e in events(text, lang, PUB)
               for k, p in [(e.type.value, e.place_id)])


@pytest.mark.parametrize(("text", "lang"), [
    ("Seit dem 20. September gilt in Berg-Karabach eine Waffenruhe.", "de"),
    ("Am 20. September trat in Berg-Karabach eine Waffenruhe in Kraft.", "de"),
    ("The separatists agreed to lay down arms on September 20.", "en"),
    ("Le 20 septembre, les séparatistes ont accepté un cessez-le-feu.", "fr"),
])
def test_more_ceasefire_wordings(text: str, lang: str) -> None:
    got = events(text, lang, date(2023, 9, 25))
    assert [(e.type.value, str(e.date.earliest)) for e in got] == [("ceasefire", "2023-09-20")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Лачинский коридор заблокирован с 12 декабря.", "ru"),
    ("Laçın koridoru 12 Aralık'tan bu yana Azerbaycanlı aktivistler tarafından kapatıldı.",
     "tr"),
    ("Dekabrın 12-dən Laçın yolunda ekoaksiya keçirilir.", "az"),
])
def test_more_blockade_wordings(text: str, lang: str) -> None:
    got = events(text, lang, date(2023, 1, 10))
    assert ("blockade", "lachin-corridor", "2022-12-12") in {
        (e.type.value, e.place_id, str(e.date.earliest)) for e in got}


def test_french_entered_with_an_adverb_between() -> None:
    got = events("Les troupes azerbaïdjanaises sont entrées aujourd'hui dans la ville de "
                 "Latchine.", "fr", date(2022, 8, 26))
    assert [(e.type.value, e.place_id, str(e.date.earliest)) for e in got] == [
        ("transfer_of_territory", "lachin", "2022-08-26")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Karabağ'da operasyon", "tr"), ("Qarabağda əməliyyat", "az"), ("в Карабахе", "ru"),
    ("in Karabach", "de"), ("Ղարաբաղում", "hy")])
def test_the_bare_name_of_karabakh_is_the_region(text: str, lang: str) -> None:
    from karabakh_map.ingest.places import find_places
    assert [p.place_id for p in find_places(text, None, lang=lang)] == ["nagorno-karabakh"]
