"""Places added for the 2020-2023 control changes: spellings, districts and control zones."""

from __future__ import annotations

import pytest

from geodata.districts import load_districts
from geodata.gazetteer import Gazetteer, load_gazetteer
from geodata.gazetteer_spec import HAND_PLACES
from geodata.validate import check_places
from geodata.zones import ZoneInfo, zone_table

# place id -> (district id, every spelling it must be found by)
NEW_PLACES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "talish": ("AZ-TAR", ("Talish", "Talış", "Tonashen", "Թալիշ", "Талыш")),
    "sugovushan": ("AZ-TAR", ("Sugovushan", "Madagiz", "Mataghis", "Madaghis", "Suqovuşan",
                              "Մատաղիս", "Мадагиз")),
    "sus": ("AZ-LAC", ("Sus", "Nerkin Sus", "Sus kəndi", "Սուս", "Сус")),
    "hin-tagher": ("AZ-XVD", ("Hin Tagher", "Köhnə Tağlar", "Hin Taghlar", "Հին Թաղեր")),
    "khtsaberd": ("AZ-XVD", ("Khtsaberd", "Çaylaqqala", "Chaylaggala", "Խծաբերդ")),
    "horadiz": ("AZ-FUZ", ("Horadiz", "Goradiz", "Горадиз", "Հորադիզ")),
    "mets-shen": ("AZ-SUS", ("Mets Shen", "Metsshen", "Մեծ Շեն")),
    "karintak": ("AZ-SUS", ("Karintak", "Daşaltı", "Dashalty", "Քարինտակ")),
    "tegh": (None, ("Tegh", "Тех", "Տեղ")),
    "kornidzor": (None, ("Kornidzor", "Корнидзор", "Կոռնիձոր")),
    "zabukh": ("AZ-LAC", ("Zabukh", "Zabux", "Aghavno", "Աղավնո")),
}
CASES = [(pid, s) for pid, (_, spellings) in NEW_PLACES.items() for s in spellings]

# The district seats in Azerbaijani, Armenian, Russian, French, German and Turkish forms.
SEAT_SPELLINGS: dict[str, tuple[str, ...]] = {
    "aghdam": ("Ağdam", "Агдам", "Աղդամ", "Akna", "Ակնա"),
    "fuzuli": ("Füzuli", "Физули", "Varanda", "Վարանդա"),
    "jabrayil": ("Cəbrayıl", "Джебраил", "Jrakan", "Ջրական", "Cebrail"),
    "zangilan": ("Zəngilan", "Зангелан", "Kovsakan", "Կովսական", "Zengilan"),
    "qubadli": ("Qubadlı", "Губадлы", "Kashunik", "Քաշունիք", "Kubadlı"),
    "lachin": ("Laçın", "Лачин", "Berdzor", "Բերձոր", "Latchine", "Latschin"),
    "kalbajar": ("Kəlbəcər", "Кельбаджар", "Karvachar", "Քարվաճառ", "Kelbadjar", "Kelbacar",
                 "Kelbecer", "Kalbadschar"),
    "khojaly": ("Xocalı", "Ходжалы", "Ivanyan", "Իվանյան", "Chodschali"),
    "khojavend": ("Xocavənd", "Ходжавенд", "Martuni", "Մարտունի", "Hocavend"),
    "shusha": ("Şuşa", "Шуша", "Shushi", "Շուշի", "Choucha", "Schuscha"),
    "khankendi": ("Xankəndi", "Ханкенди", "Степанакерт", "Ստեփանակերտ", "Khankendi"),
    "tartar": ("Tərtər", "Тертер"),
    "martakert": ("Ağdərə", "Martakert", "Մարտակերտ", "Мартакерт"),
    "hadrut": ("Hadrut", "Հադրութ", "Гадрут", "Hadrout"),
}
SEAT_CASES = [(pid, s) for pid, spellings in SEAT_SPELLINGS.items() for s in spellings]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def table() -> tuple[ZoneInfo, ...]:
    return zone_table()


def _zone_of(table: tuple[ZoneInfo, ...], place_id: str) -> ZoneInfo:
    hits = [z for z in table if place_id in z.places]
    assert len(hits) == 1, f"{place_id}: listed by {[z.zone_id for z in hits]}"
    return hits[0]


@pytest.mark.parametrize(("place_id", "spelling"), CASES)
def test_new_place_found_by_each_spelling(gaz: Gazetteer, place_id: str, spelling: str) -> None:
    place = gaz.lookup(spelling)
    assert place is not None and place.id == place_id, (spelling, place)


@pytest.mark.parametrize(("place_id", "spelling"), SEAT_CASES)
def test_district_seat_found_in_each_language(gaz: Gazetteer, place_id: str,
                                              spelling: str) -> None:
    place = gaz.lookup(spelling)
    assert place is not None and place.id == place_id, (spelling, place)


@pytest.mark.parametrize("place_id", sorted(NEW_PLACES))
def test_new_place_district_and_country(gaz: Gazetteer, place_id: str) -> None:
    place = gaz.places[place_id]
    assert place.district_id == NEW_PLACES[place_id][0]
    assert place.country == ("AM" if place.district_id is None else "AZ")


def test_new_places_lie_in_their_districts(gaz: Gazetteer) -> None:
    places = [gaz.places[pid] for pid, (did, _) in NEW_PLACES.items() if did]
    problems, figures = check_places(places, load_districts())
    assert problems == []
    assert figures["places_checked"] == len(places)


def test_hand_places_say_where_their_coordinate_comes_from(gaz: Gazetteer) -> None:
    for hand in HAND_PLACES:
        assert hand.note and hand.note in gaz.places[hand.id].source, hand.id
        if hand.kind == "village":
            assert "Wikipedia" in hand.note, hand.id


def test_no_spelling_is_shared(gaz: Gazetteer) -> None:
    assert gaz.ambiguous() == {}


@pytest.mark.parametrize("place_id", ["talish", "sugovushan", "hadrut", "shusha", "karintak",
                                      "horadiz", "hin-tagher", "khtsaberd"])
def test_places_azerbaijan_held_at_the_ceasefire(table: tuple[ZoneInfo, ...],
                                                place_id: str) -> None:
    assert "postwar_area" not in _zone_of(table, place_id).flags


@pytest.mark.parametrize("place_id", ["khankendi", "mets-shen", "martakert"])
def test_places_left_in_the_postwar_area(table: tuple[ZoneInfo, ...], place_id: str) -> None:
    assert "postwar_area" in _zone_of(table, place_id).flags


def test_zones_of_the_new_places(table: tuple[ZoneInfo, ...]) -> None:
    # Hin Tagher and Khtsaberd: the pocket held until 12 Dec 2020.
    for pid in ("hin-tagher", "khtsaberd"):
        assert "pocket_2020" in _zone_of(table, pid).flags
    # Mets Shen is on the 2022 road; Horadiz was never held by Armenian forces after 1994.
    assert "corridor_2022" in _zone_of(table, "mets-shen").flags
    assert "held_1994" not in _zone_of(table, "horadiz").flags
    assert _zone_of(table, "sus").district_id == "AZ-LAC"
    # Places in Armenia belong to no zone.
    assert not [z for z in table if {"tegh", "kornidzor"} & set(z.places)]
