"""Cross-language structures: offensives of the region, the next day, surrender as the end of
the fighting. Short sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.cue_support import events, found


def test_an_offensive_is_the_regions_not_a_town_it_freed() -> None:
    text = ("Qubadli was freed on 25 October thanks to an offensive that the army launched on "
            "27 September 2020.")
    got = [e for e in events(text, "en", date(2021, 10, 25)) if e.type.value == "offensive"]
    assert [(e.place_id, e.date.earliest) for e in got] == [(None, date(2020, 9, 27))]


def test_an_offensive_keeps_a_place_inside_the_region() -> None:
    text = "On 19 September 2023 the army launched an offensive near Khankendi."
    assert ("offensive", "khankendi", "2023-09-19", "reports") in found(text, "en")


@pytest.mark.parametrize(("text", "lang"), [
    ("The army attacked on 19 September 2023. The separatists surrendered the following day.",
     "en"),
    ("L'armée a attaqué le 19 septembre 2023. Les séparatistes ont dû capituler le lendemain.",
     "fr"),
    ("Die Armee griff am 19. September 2023 an. Am nächsten Tag kapitulierten die "
     "Separatisten.", "de"),
])
def test_a_surrender_the_next_day_ends_the_fighting(text: str, lang: str) -> None:
    assert ("ceasefire", None, "2023-09-20", "reports") in found(text, lang)


def test_german_cease_fire_by_verb_phrase() -> None:
    text = ("Die Behörden gaben am Mittwoch, dem 20. September 2023, bekannt, das Feuer "
            "einzustellen.")
    assert ("ceasefire", None, "2023-09-20", "reports") in found(text, "de")


def test_a_declared_end_of_the_operation() -> None:
    text = "Am 20. September 2023 erklärte der Präsident den Einsatz für beendet."
    assert ("ceasefire", None, "2023-09-20", "reports") in found(text, "de")


def test_the_next_day_without_a_day_before_stays_unknown() -> None:
    text = "The separatists surrendered the following day."
    assert not [e for e in events(text, "en") if e.type.value == "ceasefire"]


@pytest.mark.parametrize("text", [
    "Kalbajar should have been surrendered on 15 November 2020, but the date moved.",
    "Armenia surrendered Lachin on 1 December 2020.",
])
def test_a_place_surrendered_is_no_ceasefire(text: str) -> None:
    assert not [e for e in events(text, "en", date(2020, 12, 2))
                if e.type.value in ("ceasefire", "agreement")]


def test_an_undated_change_continues_the_days_story() -> None:
    text = ("The army took control of the town of Lachin on 26 August 2022. Officials spoke to "
            "the press. The villages of Zabukh and Sus were taken under control as well.")
    got = found(text, "en")
    for place in ("lachin", "zabukh", "sus"):
        assert ("transfer_of_territory", place, "2022-08-26", "reports") in got


def test_the_story_day_is_not_lent_to_another_district_nor_to_an_occupation() -> None:
    text = ("Filler one. Filler two. The army entered Aghdam on 20 November 2020. Kalbajar "
            "was handed over as well. Sus had been occupied by Armenian forces.")
    got = found(text, "en")
    assert not [g for g in got if g[1] in ("kalbajar", "AZ-KAL", "sus")]


def test_verb_final_shared_date_dates_every_group() -> None:
    text = "Laçın kenti ve yakınındaki Sus köyü, 26 Ağustos 2022'de Azerbaycan'a teslim edildi."
    got = found(text, "tr")
    assert ("transfer_of_territory", "lachin", "2022-08-26", "reports") in got
    assert ("transfer_of_territory", "sus", "2022-08-26", "reports") in got


@pytest.mark.parametrize(("text", "lang", "place"), [
    ("Die Eroberung Schuschas wurde gemeldet.", "de", "shusha"),
    ("Die Übergabe Kalbadschars verzögerte sich.", "de", "kalbajar"),
    ("Danach soll Laschin folgen.", "de", "lachin"),
    ("Zabuh köyü boşaltıldı.", "tr", "zabukh"),
])
def test_press_spellings_and_the_german_genitive(text: str, lang: str, place: str) -> None:
    from karabakh_map.ingest.places import find_places

    assert place in {p.place_id for p in find_places(text, lang=lang)}


def test_a_weekday_deadline_lies_ahead() -> None:
    # published on a Saturday: "bis Sonntag" is the next day, not six days before
    text = "Bis Sonntag muss Armenien den Bezirk Kalbadschar abgeben."
    got = {(e.type.value, e.date.earliest) for e in events(text, "de", date(2020, 11, 14))}
    assert ("scheduled_handover", date(2020, 11, 15)) in got


def test_a_weekday_deadline_told_in_the_past_lies_behind() -> None:
    text = "Armenia had until Sunday to hand over Kalbajar."
    got = {(e.type.value, e.date.earliest) for e in events(text, "en", date(2020, 11, 17))}
    assert ("scheduled_handover", date(2020, 11, 15)) in got


def _dated(text: str, lang: str, published: date) -> set[tuple[str, str | None, date | None]]:
    return {(e.type.value, e.place_id or e.district_id, e.date.earliest)
            for e in events(text, lang, published)}


def test_a_postponement_to_a_written_day_is_a_schedule_of_that_day() -> None:
    got = _dated("The handover of Kalbajar was postponed to 25 November 2020.", "en",
                 date(2020, 11, 15))
    assert ("scheduled_handover", "kalbajar", date(2020, 11, 25)) in got
    assert any(t == "postponement" for t, _, _ in got)


def test_a_reckoned_deadline_is_no_schedule_of_its_own() -> None:
    got = _dated("Kalbajar was due on 15 November 2020. Baku granted ten more days.", "en",
                 date(2020, 11, 16))
    assert ("scheduled_handover", "kalbajar", date(2020, 11, 25)) not in got


def test_verb_final_each_place_takes_the_date_right_before_it() -> None:
    got = _dated("Ermenistan 15 Kasım'a kadar Kelbecer'i, 20 Kasım'a kadar Ağdam'ı ve 1 Aralık'a "
                 "kadar Laçın'ı teslim edecek.", "tr", date(2020, 11, 11))
    assert {(p, d) for t, p, d in got if t == "scheduled_handover"} == {
        ("kalbajar", date(2020, 11, 15)), ("aghdam", date(2020, 11, 20)),
        ("lachin", date(2020, 12, 1))}


def test_a_timetable_names_each_districts_day() -> None:
    got = _dated("Le calendrier de retrait prévoit Agdam le 20 novembre et Latchin le "
                 "1er décembre.", "fr", date(2020, 11, 16))
    assert ("scheduled_handover", "aghdam", date(2020, 11, 20)) in got
    assert ("scheduled_handover", "lachin", date(2020, 12, 1)) in got


@pytest.mark.parametrize(("day", "kept"), [("dimanche", True), ("mardi", False)])
def test_a_schedule_by_reference_needs_a_known_deadline(day: str, kept: bool) -> None:
    text = f"Les troupes restent à Kalbajar. Cette zone devait être remise {day} à Bakou."
    got = _dated(text, "fr", date(2020, 11, 16))  # a Monday: Sunday was the 15th
    assert any(t == "scheduled_handover" and p == "kalbajar" for t, p, _ in got) is kept


def test_the_town_taken_by_reference_and_denied() -> None:
    text = ("Fighting went on around Shusha. On Monday Armenia denied reports that Azerbaijani "
            "forces had captured the town.")
    got = {(e.type.value, e.place_id, e.date.earliest, e.stance.value)  # Monday: the 9th
           for e in events(text, "en", date(2020, 11, 10))}
    assert ("military_capture", "shusha", date(2020, 11, 9), "denies") in got


def test_no_capture_by_reference_without_the_town() -> None:
    text = "Fighting went on around Fuzuli. Several villages were captured on 9 October 2020."
    assert not [e for e in events(text, "en", date(2020, 10, 10))
                if e.type.value == "military_capture"]


def test_no_longer_under_control_conceded() -> None:
    text = ("Die Kämpfe um Schuscha dauern an. Die Stadt sei nicht mehr unter der Kontrolle der "
            "Armee, räumte ein Sprecher am 9. November 2020 ein.")
    assert ("military_capture", "shusha", "2020-11-09", "confirms") in found(text, "de")


def test_a_capture_told_and_claimed_on_one_day_is_the_claim() -> None:
    text = ("Azerbaijan captured Shusha on 8 November 2020. On 8 November 2020 Aliyev announced "
            "that Azerbaijani forces had captured Shusha.")
    got = [e.stance.value for e in events(text, "en", date(2020, 11, 9))
           if e.type.value == "military_capture"]
    assert got == ["claims"]


def test_a_blockade_counted_in_days_began_that_many_days_before() -> None:
    text = "The blockade of the Lachin corridor entered its 16th day on Tuesday."
    got = _dated(text, "en", date(2022, 12, 28))  # Tuesday the 27th: day one was the 12th
    assert ("blockade", "lachin-corridor", date(2022, 12, 12)) in got


def test_the_road_between_the_corridors_ends_is_the_corridor() -> None:
    text = "Protesters blocked the Stepanakert-Goris road on 12 December 2022."
    assert ("blockade", "lachin-corridor", date(2022, 12, 12)) in _dated(
        text, "en", date(2022, 12, 13))


@pytest.mark.parametrize(("text", "kept"), [
    ("On 23 April 2023 Azerbaijan set up a checkpoint on the Lachin corridor, in the zone "
     "where Russian peacekeepers are deployed.", True),
    ("On 23 April 2023 Russian peacekeepers manned a checkpoint on the Lachin corridor.", False),
])
def test_a_checkpoint_is_the_peacekeepers_only_when_named_beside_it(text: str,
                                                                    kept: bool) -> None:
    got = _dated(text, "en", date(2023, 4, 24))
    assert (("checkpoint", "lachin-corridor", date(2023, 4, 23)) in got) is kept


def test_the_headlines_undated_handover_is_the_news() -> None:
    text = ("Azerbaijani army enters Lachin\n\nThe district's roads were quiet. Officials "
            "gave no figures. Later, Kalbajar was handed over too.")
    got = [(e.type.value, e.place_id, e.date.precision.value, e.date.latest)
           for e in events(text, "en", date(2020, 12, 1))
           if e.type.value == "transfer_of_territory"]
    # the headline's present tense dates it; the handover deep in the text stays unreported
    assert got == [("transfer_of_territory", "lachin", "day", date(2020, 12, 1))]


def test_the_leads_past_handover_is_kept_undated() -> None:
    text = "Army units entered the Aghdam district, the ministry said.\n\nMore to follow."
    got = [(e.district_id, e.date.precision.value, e.date.latest)
           for e in events(text, "en", date(2020, 11, 20))
           if e.type.value == "transfer_of_territory"]
    assert got == [("AZ-AGM", "unknown", date(2020, 11, 20))]


def test_an_anniversary_leads_handover_is_not_news() -> None:
    text = "On the anniversary, residents recalled how Aghdam was handed over.\n\nSpeeches."
    assert not [e for e in events(text, "en", date(2021, 11, 20))
                if e.type.value == "transfer_of_territory"]


def test_the_sentences_one_date_after_its_one_cue() -> None:
    text = ("Filler sentence one. Filler sentence two. The Aghdam district came under Baku's "
            "control, a general told reporters in Moscow on 20 November 2020.")
    assert ("transfer_of_territory", "AZ-AGM", "2020-11-20", "reports") in found(text, "en")


def test_the_one_date_after_another_cue_is_not_the_first_cues() -> None:
    text = ("Filler sentence one. Filler sentence two. Armenia ceded Kalbajar, captured by its "
            "forces in April 1993.")
    got = [e for e in events(text, "en", date(2020, 11, 26))
           if e.type.value == "transfer_of_territory" and e.date.earliest is not None]
    assert got == []
