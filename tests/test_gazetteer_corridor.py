"""The corridor's gazetteer entry (road names, the Hakari bridge) and the Armenian names added
for Lachin district: found by gazetteer search and by ingest's place finder in sentences."""

from __future__ import annotations

import math

import pytest

from geodata.corridor_spec import ROUTE_2022
from geodata.gazetteer import Gazetteer, load_gazetteer
from karabakh_map.ingest.places import find_places
from karabakh_map.model import CORRIDOR_ID

# Names of the road and of the Hakari bridge at its entry from Armenia, as the articles write.
CORRIDOR_SPELLINGS = (
    "Lachin corridor", "Lachin road", "Berdzor corridor", "Лачинский коридор",
    "Лачинская дорога", "Laçın dəhlizi", "Laçın koridoru", "Laçın yolu", "Laçın-Xankəndi yolu",
    "Բերձորի միջանցք", "Լաչինի միջանցք", "Hakari bridge", "Hakari köprüsü", "Həkəri körpüsü",
    "Хакари мост", "мост Хакари", "Հակարիի կամուրջ", "Հակարի",
)

# (language, sentence of our own, the words ingest must take for the corridor)
CORRIDOR_SENTENCES = [
    ("en", "Protesters blocked the Lachin road on Monday.", "Lachin road"),
    ("en", "Traffic on the Berdzor corridor stopped.", "Berdzor corridor"),
    ("en", "Azerbaijan set up a checkpoint at the Hakari bridge.", "Hakari bridge"),
    ("ru", "Лачинская дорога закрыта с утра.", "Лачинская дорога"),
    ("ru", "Движение по Лачинской дороге было перекрыто.", "Лачинской дороге"),
    ("ru", "Колонна прошла по Лачинскому коридору.", "Лачинскому коридору"),
    ("ru", "Пропускной пункт появился у моста Хакари.", "Хакари"),
    ("ru", "Пограничники стоят на мосту Хакари.", "Хакари"),
    ("ru", "Хакари мост перекрыт.", "Хакари мост"),
    ("az", "Laçın-Xankəndi yolu bağlandı.", "Laçın-Xankəndi yolu"),
    ("az", "Laçın yolunda nəzarət-buraxılış məntəqəsi quruldu.", "Laçın yolunda"),
    ("az", "Laçın dəhlizində vəziyyət sabitdir.", "Laçın dəhlizində"),
    ("az", "Həkəri körpüsündə məntəqə quruldu.", "Həkəri körpüsündə"),
    ("tr", "Laçın koridorunda kontrol noktası kuruldu.", "Laçın koridorunda"),
    ("tr", "Hakari köprüsüne kontrol noktası kuruldu.", "Hakari köprüsüne"),
    ("hy", "Բերձորի միջանցքը փակվեց։", "Բերձորի միջանցքը"),
    ("hy", "Լաչինի միջանցքում անցակետ տեղադրվեց։", "Լաչինի միջանցքում"),
    ("hy", "Հակարիի կամրջի վրա անցակետ է տեղադրվել։", "Հակարիի"),
]

# (language, sentence, the words found, place id, read as the whole district)
LACHIN_SENTENCES = [
    ("hy", "Զաբուխում նոր տներ են կառուցվում։", "Զաբուխում", "zabukh", False),
    ("hy", "Քաշաթաղի շրջանում տեղի ունեցավ հանդիպում։", "Քաշաթաղի", "lachin", True),
    ("en", "Kashatagh region was handed over.", "Kashatagh", "lachin", True),
    ("en", "The town of Lachin was handed over.", "Lachin", "lachin", False),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize("spelling", CORRIDOR_SPELLINGS)
def test_corridor_found_by_each_spelling(gaz: Gazetteer, spelling: str) -> None:
    place = gaz.lookup(spelling)
    assert place is not None and place.id == CORRIDOR_ID, (spelling, place)


def test_corridor_entry_is_a_region_outside_the_district_layer(gaz: Gazetteer) -> None:
    corridor = gaz.places[CORRIDOR_ID]
    assert (corridor.name, corridor.kind, corridor.district_id, corridor.country) == (
        "Lachin corridor", "region", None, "AZ")
    bridge = next(w for w in ROUTE_2022.waypoints if w.label.startswith("Hakari bridge"))
    assert math.isclose(corridor.lat, bridge.lat) and math.isclose(corridor.lon, bridge.lon)


def test_bare_latin_hakari_is_not_the_corridor(gaz: Gazetteer) -> None:
    # the river and villages downstream share the name; only the bridge's phrases count
    assert gaz.lookup("Hakari") is None and gaz.lookup("Həkəri") is None


@pytest.mark.parametrize(("spelling", "place_id"), [
    ("Lachin", "lachin"), ("Laçın", "lachin"), ("Лачин", "lachin"), ("Berdzor", "lachin"),
    ("Kashatagh", "lachin"), ("Քաշաթաղ", "lachin"), ("Кашатаг", "lachin"),
    ("Զաբուխ", "zabukh"), ("Zabukh", "zabukh"),
])
def test_lachin_district_names(gaz: Gazetteer, spelling: str, place_id: str) -> None:
    place = gaz.lookup(spelling)
    assert place is not None and place.id == place_id, (spelling, place)


@pytest.mark.parametrize(("lang", "sentence", "words"), CORRIDOR_SENTENCES)
def test_ingest_finds_the_corridor(lang: str, sentence: str, words: str) -> None:
    found = [(m.text, m.place_id, m.district_id) for m in find_places(sentence, lang=lang)]
    assert found == [(words, CORRIDOR_ID, CORRIDOR_ID)], found


@pytest.mark.parametrize(("lang", "sentence", "words", "place_id", "whole"), LACHIN_SENTENCES)
def test_ingest_finds_lachin_district_names(lang: str, sentence: str, words: str,
                                            place_id: str, whole: bool) -> None:
    found = [(m.text, m.place_id, m.district_id, m.whole_district)
             for m in find_places(sentence, lang=lang)]
    assert found == [(words, place_id, "AZ-LAC", whole)], found
