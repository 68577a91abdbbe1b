import random
from datetime import date

import pytest

from karabakh_map.model import EventType, FuzzyDate, Precision
from karabakh_map.store.merge import (
    acled_type,
    combine,
    date_text,
    merge_key,
    minimal_ranges,
    parse_date,
    precision_of,
)
from tests.conftest import BOTH, ev

STORE_BACKENDS = BOTH  # every test using a store runs on SQLite and PostgreSQL

D = date


@pytest.mark.parametrize("text, precision", [
    ("2020-11-20", Precision.DAY), ("2020-11", Precision.MONTH), ("1993", Precision.YEAR),
    ("2020-09-27/2020-11-10", Precision.RANGE),
])
def test_parse_and_format_round_trip(text, precision):
    d = parse_date(text)
    assert d.precision is precision
    assert date_text(d) == text


def test_precision_of_names_whole_months_and_years():
    assert precision_of(D(2020, 2, 1), D(2020, 2, 29)) is Precision.MONTH
    assert precision_of(D(2020, 2, 1), D(2020, 2, 28)) is Precision.RANGE
    assert precision_of(D(1993, 1, 1), D(1993, 12, 31)) is Precision.YEAR
    assert precision_of(D(1993, 1, 1), D(1994, 12, 31)) is Precision.RANGE


def test_compatible_reports_give_their_intersection():
    c = combine([parse_date("2020-09-27/2020-11-10"), parse_date("2020-11-10")])
    assert c.date == FuzzyDate.day(D(2020, 11, 10))
    assert not c.disputed


def test_disagreeing_dates_are_disputed_and_span_the_precise_reports():
    c = combine([parse_date("2020-11-10"), parse_date("2020-11-01/2020-11-25"),
                 parse_date("2020-11-09")])
    assert c.disputed
    assert c.date == FuzzyDate(Precision.RANGE, D(2020, 11, 9), D(2020, 11, 10))
    assert c.dispute_note == "date: 2020-11-09 vs 2020-11-10"


def test_disagreeing_figures_are_disputed_without_widening_the_date():
    c = combine([parse_date("2020-11-10")] * 2, [{"peacekeepers": 1960}, {"peacekeepers": 2000}])
    assert c.disputed and c.date.precision is Precision.DAY
    assert c.dispute_note == "peacekeepers: 1,960 vs 2,000"


def test_unknown_dates_do_not_constrain():
    c = combine([FuzzyDate(Precision.UNKNOWN), parse_date("1993")])
    assert c.date == parse_date("1993") and not c.disputed
    assert combine([FuzzyDate(Precision.UNKNOWN)]).date.precision is Precision.UNKNOWN


def test_merge_key_by_year_but_deadlines_by_day():
    a = ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", controller="Azerbaijan")
    b = ev(EventType.TRANSFER, "2020-11", "AZ-AGM", controller="AZERBAIJAN")
    assert merge_key(a) == merge_key(b) == "transfer_of_territory|AZ-AGM|-|azerbaijan|2020"
    s15 = ev(EventType.SCHEDULED, "2020-11-15", "AZ-KAL", controller="Azerbaijan")
    s25 = ev(EventType.SCHEDULED, "2020-11-25", "AZ-KAL", controller="Azerbaijan")
    assert merge_key(s15) != merge_key(s25)
    assert merge_key(ev(EventType.AGREEMENT, None, place_id="x")) == "agreement|-|x|-|undated"


def test_merge_key_keeps_town_part_and_district_apart_but_joins_claim_and_denial():
    from karabakh_map.model import Stance

    az = {"controller": "Azerbaijan"}
    town = ev(EventType.CAPTURE, "2020-10-04", "AZ-CAB", place_id="jabrayil", **az)
    part = ev(EventType.TRANSFER, "2020-11-10", "AZ-XVD", part="outside_postwar", **az)
    keys = {merge_key(town), merge_key(part),
            merge_key(ev(EventType.CAPTURE, "2020-10-04", "AZ-CAB", **az)),
            merge_key(ev(EventType.TRANSFER, "2020-11-10", "AZ-XVD", **az)),
            merge_key(ev(EventType.TRANSFER, "2020-11-10", "lachin-corridor", **az))}
    assert len(keys) == 5
    denial = ev(EventType.CAPTURE, "2020-10-04", "AZ-CAB", place_id="jabrayil",
                stance=Stance.DENIES, **az)
    assert merge_key(denial) == merge_key(town)


def test_a_denial_without_confirmation_makes_a_denied_claim():
    day = [parse_date("2020-11-08")] * 2
    assert combine(day, stances=["claims", "denies"]).denied
    assert not combine(day, stances=["claims", "denies"]).disputed  # not a date dispute
    assert not combine(day, stances=["confirms", "denies"]).denied
    assert not combine(day, stances=["claims", "reports"]).denied


def test_acled_capture_depends_on_who_takes_the_ground():
    assert acled_type("military_capture", "Azerbaijan", "AZ")[1] == "Government regains territory"
    assert acled_type("military_capture", "Armenian forces", "AZ")[1] == (
        "Non-state actor overtakes territory")
    assert acled_type("transfer_of_territory", None, None) == (
        "Strategic developments", "Non-violent transfer of territory")


def test_no_later_than_reports_narrow_but_never_dispute():
    bound = FuzzyDate(Precision.UNKNOWN, None, D(2020, 11, 20))
    c = combine([parse_date("2020-11-11/2020-11-25"), bound])
    assert c.date == FuzzyDate(Precision.RANGE, D(2020, 11, 11), D(2020, 11, 20))
    assert combine([parse_date("2020-11-25"), bound]).date == parse_date("2020-11-25")
    only = combine([bound, FuzzyDate(Precision.UNKNOWN, None, D(2020, 11, 25))])
    assert only.date == bound and not only.disputed


def test_minimal_ranges_are_those_containing_no_other():
    def by_pairs(known):
        return [(e, lt) for e, lt in known if not any(
            (e2, lt2) != (e, lt) and e <= e2 and lt2 <= lt for e2, lt2 in known)]

    rng = random.Random(6)
    for _ in range(2000):
        starts = [rng.randrange(12) for _ in range(rng.randrange(10))]
        known = sorted({(D(2020, 11, 1 + a), D(2020, 11, 1 + a + rng.randrange(8)))
                        for a in starts})
        assert minimal_ranges(known) == by_pairs(known)
    nested = [(D(2020, 11, 1), D(2020, 11, 30)), (D(2020, 11, 9), D(2020, 11, 9)),
              (D(2020, 11, 10), D(2020, 11, 10))]
    assert minimal_ranges(nested) == nested[1:]


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_first_report_fields_come_from_the_earliest_report_whatever_the_order(engine, order):
    from karabakh_map.store import query_events, write_article
    from tests.conftest import article

    reports = [  # (published, note, second actor): the earliest lacks a second actor
        (D(2020, 11, 22), "the earliest", None),
        (D(2020, 11, 25), "later", "Armenia"),
        (D(2020, 12, 1), "", "someone else"),
    ]
    for i in order:
        published, note, actor2 = reports[i]
        write_article(engine, article(f"text {i} " * 30, published=published), [
            ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", controller="Azerbaijan",
               note=note, actor2=actor2)])
    [event] = query_events(engine)
    assert (event.note, event.actor2) == ("the earliest", "Armenia")
    assert len(event.sources) == 3
