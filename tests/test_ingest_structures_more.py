"""Cross-language structures, second part: dates grounded by the text around them, stances,
road situations, timelines. Short sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.cue_support import events, found


def _dated(text: str, lang: str, published: date) -> set[tuple[str, str | None, date | None]]:
    return {(e.type.value, e.place_id or e.district_id, e.date.earliest)
            for e in events(text, lang, published)}


@pytest.mark.parametrize(("text", "lang"), [
    ("Filler one. Filler two. Last year's 4 October saw Jabrayil liberated by the army.",
     "en"),
    ("Filler one. Filler two. Cəbrayıl şəhəri ötən ilin oktyabrın 4-də azad olunub.", "az"),
])
def test_last_years_day(text: str, lang: str) -> None:
    got = _dated(text, lang, date(2021, 10, 4))
    assert ("military_capture", "jabrayil", date(2020, 10, 4)) in got


def test_an_anniversary_day_grounded_by_a_full_date_in_its_sentence() -> None:
    text = ("Third anniversary of the liberation of Qubadli.\n\nFiller. Qubadli was liberated "
            "on October 25 by an offensive launched on September 27, 2020.")
    got = _dated(text, "en", date(2023, 10, 25))
    assert ("military_capture", "qubadli", date(2020, 10, 25)) in got


def test_verb_final_occupation_participle_describes_the_place() -> None:
    text = ("Filler bir. Filler iki. 1993 yılında işgal edilen Kubatlı, 25 Ekim 2020'de "
            "Azerbaycan ordusu tarafından kurtarıldı.")
    got = [(e.type.value, e.date.earliest, e.controller) for e in events(text, "tr")
           if e.place_id == "qubadli"]
    assert ("military_capture", date(2020, 10, 25), "Azerbaijan") in got
    assert all(c != "Armenian forces" or d.year == 1993 for _, d, c in got if d)


def test_one_change_told_as_capture_and_as_handover_is_one() -> None:
    text = ("Filler one. Filler two. Qubadli was liberated on 25 October 2020. The town was "
            "returned to Azerbaijan on 25 October 2020.")
    got = [e.type.value for e in events(text, "en", date(2020, 10, 26))
           if e.place_id == "qubadli"]
    assert got == ["military_capture"]


def test_a_district_that_only_locates_villages_does_not_change_hands() -> None:
    text = ("Filler one. Filler two. On 20 October 2020 Agjakend, Mulkudere and Dashbashi in "
            "Khojavend district were liberated.")
    assert not [e for e in events(text, "en", date(2020, 10, 21))
                if e.district_id == "AZ-XVD" and e.place_id is None]


def test_the_sentences_one_date_far_before_the_agreement_verb() -> None:
    text = ("On the night to 10 November 2020 the prime minister of Armenia and the presidents "
            "of Azerbaijan and Russia signed a joint statement.")
    assert ("agreement", None, "2020-11-10", "reports") in found(text, "en")


def test_no_far_date_across_a_place() -> None:
    text = ("On 20 November 2020 army units entered the Aghdam district as the statement "
            "signed by the three leaders required.")
    assert not [e for e in events(text, "en", date(2020, 11, 21))
                if e.type.value in ("agreement", "ceasefire")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Since December, Armenia has accused Baku of blocking the Lachin corridor.", "en"),
    ("Depuis décembre, l'Arménie accuse Bakou de bloquer le corridor de Latchine.", "fr"),
])
def test_since_a_month_looks_back(text: str, lang: str) -> None:
    got = {(e.type.value, e.date.earliest) for e in events(text, lang, date(2023, 7, 11))}
    assert ("blockade", date(2022, 12, 1)) in got


def test_a_road_still_closed_today_is_not_closed_today() -> None:
    text = "Today the Lachin corridor is still blocked, officials said."
    got = [(e.date.precision.value, e.date.latest) for e in events(text, "en", date(2022, 12, 16))
           if e.type.value == "blockade"]
    assert got == [("unknown", date(2022, 12, 16))]


def test_a_passage_suspended_is_a_blockade() -> None:
    text = "Le passage via le poste-frontière de Latchine est suspendu depuis le 11 juillet 2023."
    assert ("blockade", "lachin-corridor", "2023-07-11", "reports") in found(text, "fr")


def test_the_headlines_offensive_is_the_days_news() -> None:
    text = "Azerbaijan launches military operation in Karabakh\n\nOfficials gave no figures."
    got = [(e.date.precision.value, e.date.earliest) for e in events(text, "en",
                                                                      date(2023, 9, 19))
           if e.type.value == "offensive"]
    assert got == [("day", date(2023, 9, 19))]


def test_an_offensive_deep_in_the_text_stays_undated() -> None:
    text = "Filler one. Filler two. Azerbaijan launched a military operation in Karabakh."
    got = [e.date.precision.value for e in events(text, "en", date(2023, 10, 2))
           if e.type.value == "offensive"]
    assert got == ["unknown"]


def test_german_handover_that_should_have_happened_and_was_put_off() -> None:
    text = ("Filler eins. Filler zwei. Die Übergabe Kalbadschars hätte am 15. November 2020 "
            "erfolgen sollen, doch Baku verschob sie.")
    got = _dated(text, "de", date(2020, 11, 16))
    assert ("scheduled_handover", "kalbajar", date(2020, 11, 15)) in got
    assert not [g for g in got if g[0] == "transfer_of_territory"]


def test_german_handover_noun_dated() -> None:
    text = "Filler eins. Filler zwei. Die Übergabe von Aghdam erfolgte am 20. November 2020."
    assert ("transfer_of_territory", "aghdam", "2020-11-20", "reports") in found(text, "de")


@pytest.mark.parametrize(("text", "lang"), [
    ("Filler one. Filler two. The army entered the Aghdam district on 20 November 2020. Five "
     "days later it entered the Kalbajar district.", "en"),
    ("Filler eins. Filler zwei. Am 20. November 2020 rückte die Armee in den Bezirk Aghdam "
     "ein. Fünf Tage später rückte sie in den Bezirk Kalbadschar ein.", "de"),
])
def test_days_later_counts_from_the_day_before(text: str, lang: str) -> None:
    assert ("transfer_of_territory", "AZ-KAL", "2020-11-25", "reports") in found(text, lang)


def test_was_to_hand_over_a_list_with_its_days() -> None:
    text = ("Filler one. Filler two. Armenia was to hand over Kalbajar by 15 November, Aghdam "
            "by 20 November and Lachin by 1 December.")
    got = {(p, d) for t, p, d in _dated(text, "en", date(2020, 11, 12))
           if t == "scheduled_handover"}
    assert got == {("kalbajar", date(2020, 11, 15)), ("aghdam", date(2020, 11, 20)),
                   ("lachin", date(2020, 12, 1))}


def test_the_town_and_the_named_villages_all_change_hands() -> None:
    text = ("Filler one. Filler two. On Friday troops took over the town of Lachin and the "
            "villages of Zabukh and Sus.")
    got = {p for t, p, _ in _dated(text, "en", date(2022, 8, 27))
           if t == "transfer_of_territory"}
    assert got == {"lachin", "zabukh", "sus"}


def test_the_leads_undated_handover_gives_way_to_a_day_the_article_gives_it() -> None:
    # the day is there (said on Friday, 26 August) but no cue dates the change itself: the
    # headline's report is not kept undated beside a day extraction failed to tie to it
    lead = "The army took control of Lachin\n\n"
    later = "The president spoke about Lachin on Friday, 26 August 2022."

    def undated(text: str) -> list[str | None]:
        return [e.place_id for e in events(text, "en", date(2022, 8, 26))
                if e.type.value == "transfer_of_territory" and e.date.earliest is None]

    assert undated(lead + "No figures were given.") == ["lachin"]
    assert undated(lead + later) == []


def test_a_headline_handover_long_after_the_record_day_is_background() -> None:
    text = "Kalbajar, handed back to Azerbaijan, welcomes its first residents\n\nMore soon."
    assert not [e for e in events(text, "en", date(2023, 5, 2))
                if e.type.value == "transfer_of_territory"]


def test_a_timeline_entrys_date_dates_the_entry() -> None:
    text = ("Chronologie\n12 décembre 2022, début du blocus du corridor de Latchine.\n15 juin. "
            "Bakou décide de fermer totalement le corridor de Latchine.")
    got = _dated(text, "fr", date(2023, 9, 1))
    assert ("blockade", "lachin-corridor", date(2023, 6, 15)) in got


def test_a_stamp_of_the_articles_day_dates_nothing_after_it() -> None:
    text = "Filler one. Filler two.\n20 November 2020.\nAghdam was handed over to Azerbaijan."
    assert not [e for e in events(text, "en", date(2020, 11, 20))
                if e.type.value == "transfer_of_territory" and e.date.earliest is not None]


def test_the_end_of_the_war_in_french() -> None:
    text = "Filler un. Filler deux. Novembre 2020. Fin de la seconde guerre du Haut-Karabakh."
    got = [(e.type.value, e.date.precision.value) for e in events(text, "fr", None)]
    assert ("agreement", "month") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("Filler one. Filler two. The end of the war on 10 November 2020 left Armenia weakened.",
     "en"),
    ("Filler eins. Filler zwei. Das Ende des Krieges am 10. November 2020 schwächte Armenien.",
     "de"),
])
def test_the_end_of_the_war(text: str, lang: str) -> None:
    assert ("agreement", None, "2020-11-10", "reports") in found(text, lang)


def test_a_german_list_of_deadlines_shares_the_closing_verb() -> None:
    text = ("Filler eins. Filler zwei. Armenien muss Kalbadschar bis zum 15. November, Aghdam "
            "bis zum 20. November und Latschin bis zum 1. Dezember übergeben.")
    got = {(p, d) for t, p, d in _dated(text, "de", date(2020, 11, 12))
           if t == "scheduled_handover"}
    assert got == {("kalbajar", date(2020, 11, 15)), ("aghdam", date(2020, 11, 20)),
                   ("lachin", date(2020, 12, 1))}


@pytest.mark.parametrize(("text", "lang"), [
    ("Filler one. Filler two. Karabakh officials on Monday confirmed the loss of Shusha.", "en"),
    ("Filler un. Filler deux. Les autorités ont reconnu lundi la perte de Chouchi.", "fr"),
])
def test_the_loss_of_a_town_confirmed(text: str, lang: str) -> None:
    got = {(e.type.value, e.place_id, e.date.earliest, e.stance.value)
           for e in events(text, lang, date(2020, 11, 10))}
    assert ("military_capture", "shusha", date(2020, 11, 9), "confirms") in got


def test_a_loss_of_life_is_no_capture() -> None:
    text = "Filler one. Filler two. The shelling caused a loss of life in Shusha on Monday."
    assert not [e for e in events(text, "en", date(2020, 11, 10))
                if e.type.value == "military_capture"]


def test_capturing_is_a_cue_only_as_what_a_claim_is_about() -> None:
    denied = "Filler one. Filler two. On 9 October 2020 Armenia denied claims on capturing Hadrut."
    assert ("military_capture", "hadrut", "2020-10-09", "denies") in found(denied, "en")
    talk = "Filler one. Filler two. On 9 October 2020 analysts said capturing Hadrut was hard."
    assert not [e for e in events(talk, "en") if e.type.value == "military_capture"]
