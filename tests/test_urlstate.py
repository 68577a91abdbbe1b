"""URL state codec: round trips, and friendly messages for bad values."""

from __future__ import annotations

from datetime import date

import pytest

from karabakh_map.mapview.layers import DEFAULT_LAYERS
from karabakh_map.model import CORRIDOR_ID
from karabakh_map.urlstate import ViewState, encode, parse

IDS = frozenset({"AZ-AGM", "AZ-KAL", CORRIDOR_ID})
SPAN = (date(1992, 1, 1), date(2020, 12, 31))


def test_round_trip():
    state = ViewState(date(2020, 11, 25), "AZ-KAL", date(2020, 11, 1),
                      frozenset({"corridor", "tiles"}), 14, compact=True)
    back, errors = parse(encode(state), district_ids=IDS, span=SPAN)
    assert errors == []
    assert back == state


def test_defaults_are_left_out_of_links():
    assert encode(ViewState(date(2020, 11, 20))) == {"date": "2020-11-20"}
    assert parse({})[0] == ViewState()


def test_list_values_take_the_first():
    state, errors = parse({"date": ["2020-11-25", "2020-12-01"]})
    assert state.date == date(2020, 11, 25) and errors == []


@pytest.mark.parametrize(("query", "message"), [
    ({"date": "2020-02-31"}, "Ignored date"),
    ({"date": "<script>"}, "Ignored date"),
    ({"compare": "yesterday"}, "Ignored compare"),
    ({"district": "AZ-XXX"}, "unknown district"),
    ({"district": "'; drop table"}, "unknown district"),
    ({"layers": "corridor,nukes"}, "unknown layers: nukes"),
    ({"window": "-3"}, "Ignored window"),
    ({"compact": "maybe"}, "Ignored compact"),
    ({"window": "99999999"}, "Ignored window"),
    ({"window": "²"}, "Ignored window"),
    ({"date": "2" * 500}, "too long"),
    ({"as_of": "2020-11-31"}, "Ignored as_of"),
    ({"as_of": "2999-01-01"}, "Ignored as_of"),
    ({"reviews": "retracted"}, "Ignored reviews"),
    ({"v": "<script>"}, "Ignored v"),
])
def test_bad_values_fall_back_with_a_message(query, message):
    state, errors = parse(query, district_ids=IDS, span=SPAN)
    assert len(errors) == 1 and message in errors[0]
    assert state.date == ViewState().date
    assert state.district is None


def test_dates_outside_the_data_are_clamped():
    state, errors = parse({"date": "2031-01-01"}, span=SPAN)
    assert state.date == SPAN[1]
    assert "outside the data" in errors[0]


def test_known_layers_survive_next_to_unknown_ones():
    state, _ = parse({"layers": "corridor,bogus"})
    assert state.layers == frozenset({"corridor"})
    assert parse({"layers": ""})[0].layers == frozenset()
    assert {"corridor", "events"} <= DEFAULT_LAYERS


def test_record_date_and_data_version_round_trip():
    state = ViewState(date(2020, 11, 16), as_of=date(2020, 11, 14), reviews="confirmed",
                      version="0d3389e6df7e")
    query = encode(state)
    assert query["as_of"] == "2020-11-14" and query["v"] == "0d3389e6df7e"
    assert query["reviews"] == "confirmed"
    assert parse(query) == (state, [])


def test_a_record_date_after_today_is_ignored():
    state, errors = parse({"as_of": "2020-11-16"}, today=date(2020, 11, 15))
    assert state.as_of is None and "after today" in errors[0]
