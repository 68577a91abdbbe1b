"""Place recognition by any spelling, with offsets."""

from __future__ import annotations

import pytest

from karabakh_map.ingest.places import find_places, fold, matcher_for
from tests.support.ingest_support import tiny_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return tiny_gazetteer()


@pytest.mark.parametrize(("text", "pid"), [
    ("Convoys left Kelbajar at dawn.", "kalbajar"),
    ("Convoys left Kəlbəcər at dawn.", "kalbajar"),
    ("Convoys left KARVACHAR at dawn.", "kalbajar"),
    ("Les convois ont quitté Kelbadjar.", "kalbajar"),
    ("Колонна вышла из Кельбаджар утром.", "kalbajar"),
    ("Roads around Ağdam were quiet.", "aghdam"),
    ("Roads around Akna were quiet.", "aghdam"),
    ("The road to Berdzor was closed.", "lachin"),
    ("La route de Latchine est fermée.", "lachin"),
    ("Crowds gathered in Shushi.", "shusha"),
    ("Des foules à Choucha.", "shusha"),
    ("Families stayed in Xankəndi.", "khankendi"),
    ("Families stayed in Stepanakert.", "khankendi"),
    ("Snow fell across Haut-Karabakh.", "nagorno-karabakh"),
    ("Snow fell across Daghlig Garabagh.", "nagorno-karabakh"),
])
def test_spellings(gaz, text: str, pid: str) -> None:
    found = find_places(text, gaz)
    assert [m.place_id for m in found] == [pid]


def test_offsets_are_exact(gaz) -> None:
    text = "Between Ağdam and Stepanakert, then on to Goris."
    found = find_places(text, gaz)
    assert [text[m.start:m.end] for m in found] == ["Ağdam", "Stepanakert", "Goris"]
    assert [m.district_id for m in found] == ["AZ-AGM", "AZ-XA", None]


def test_longest_spelling_wins_and_hyphen_spacing_is_ignored(gaz) -> None:
    text = "Nagorno - Karabakh and Upper Karabakh, also Karabakh's hills."
    found = find_places(text, gaz)
    assert [text[m.start:m.end] for m in found] == ["Nagorno - Karabakh", "Upper Karabakh",
                                                    "Karabakh"]
    assert {m.place_id for m in found} == {"nagorno-karabakh"}


def test_lachin_corridor_is_the_corridor(gaz) -> None:
    text = "Patrols moved along the Lachin corridor, not in Lachin town."
    found = find_places(text, gaz)
    assert [(m.text, m.place_id, m.district_id) for m in found] == [
        ("Lachin corridor", "lachin-corridor", "lachin-corridor"),
        ("Lachin", "lachin", "AZ-LAC")]


def test_lowercase_words_are_not_names(gaz) -> None:
    assert find_places("the goris word in lowercase", gaz) == []


def test_fold() -> None:
    assert fold("Kəlbəcər") == "kalbacar"
    assert fold("Nagorno-Karabakh") == "nagorno karabakh"
    assert fold("Laçın") == "lacin"


def test_matcher_is_cached_per_gazetteer(gaz) -> None:
    assert matcher_for(gaz) is matcher_for(gaz)
    assert matcher_for(tiny_gazetteer()) is not matcher_for(gaz)


@pytest.mark.parametrize(("text", "lang", "found"), [
    ("Войска вошли в Агдама окрестности.", "ru", ("Агдама", "aghdam")),
    ("Флаг подняли в Шуше.", "ru", ("Шуше", "shusha")),
    ("Границы Кельбаджарского района.", "ru", ("Кельбаджарского", "kalbajar")),
    ("Ordu Şuşada qaldı.", "az", ("Şuşada", "shusha")),
    ("Kolon Ağdama girdi.", "tr", ("Ağdama", "aghdam")),
    ("Yol Laçına qədər.", "az", ("Laçına", "lachin")),
    ("Kolon Şuşa'da.", "tr", ("Şuşa", "shusha")),
    ("Convoys left Kel'bajar at dawn.", "en", ("Kel'bajar", "kalbajar")),
    ("Au sud de l'Choucha.", "fr", ("Choucha", "shusha")),
])
def test_inflected_and_apostrophe_spellings(gaz, text: str, lang: str,
                                            found: tuple[str, str]) -> None:
    assert [(m.text, m.place_id) for m in find_places(text, gaz, lang=lang)] == [found]


def test_multiword_names_inflect_word_by_word(gaz) -> None:
    text = "Статус Нагорного Карабаха обсуждали."
    assert [(m.text, m.place_id) for m in find_places(text, gaz, lang="ru")] == [
        ("Нагорного Карабаха", "nagorno-karabakh")]


def test_latin_endings_only_for_turkic_languages(gaz) -> None:
    assert find_places("Kolon Ağdama girdi.", gaz, lang="en") == []


def test_armenian_case_endings() -> None:
    found = find_places("Ստեփանակերտում և Շուշիում, Բերձորից")
    assert [m.place_id for m in found] == ["khankendi", "shusha", "lachin"]


def test_search_and_ingest_fold_alike() -> None:
    from geodata.gazetteer import load_gazetteer, normalize_name

    gaz = load_gazetteer()
    for spelling in ("Kel'badzhar", "Agʻdam", "Kəlbəcər", "Şuşa", "Laçın"):
        assert fold(spelling) == normalize_name(spelling)
        found = find_places(f"Roads near {spelling} were closed.", gaz)
        assert [m.place_id for m in found] == [gaz.lookup(spelling).id], spelling


@pytest.mark.parametrize(("text", "lang", "whole"), [
    ("Troops entered the Aghdam district.", "en", True),
    ("Troops entered the district of Aghdam.", "en", True),
    ("Troops entered the town of Aghdam.", "en", False),
    ("Войска вошли в Агдамский район.", "ru", True),
    ("Войска вошли в город Агдам.", "ru", False),
    ("L'armée est entrée dans le district de Latchine.", "fr", True),
    ("Die Armee rückte in den Bezirk Kalbadschar ein.", "de", True),
    ("Ordu Ağdam bölgesine girdi.", "tr", True),
    ("Ordu Ağdam rayonuna daxil oldu.", "az", True),
    ("Ordu Ağdam şəhərinə daxil oldu.", "az", False),
    ("Ակնայի շրջանի մի մասը", "hy", True),
    ("Բերձորը շրջանցող ճանապարհ", "hy", False),  # "bypassing", not "region"
])
def test_district_nouns_name_the_whole_district(text: str, lang: str, whole: bool) -> None:
    from geodata.gazetteer import load_gazetteer

    (m,) = [p for p in find_places(text, load_gazetteer(), lang=lang) if p.district_id]
    assert m.whole_district is whole


def test_a_final_silent_e_is_optional() -> None:
    from geodata.gazetteer import load_gazetteer

    (m,) = find_places("L'armée est entrée dans le district de Latchin.", load_gazetteer(),
                       lang="fr")
    assert (m.place_id, m.whole_district) == ("lachin", True)
