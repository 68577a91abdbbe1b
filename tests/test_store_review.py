"""The living record in the store: review states, corrections through the edit log (edit,
retract, merge, split, add), their history, control and exports from the corrected record,
re-ingest that never undoes a correction, and the record as known on a day."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from karabakh_map import timeline as tl
from karabakh_map.cli_export import events_csv_text
from karabakh_map.model import EventType, FuzzyDate, Precision
from karabakh_map.store import ZoneTable, query_events, write_article
from karabakh_map.store.edits import (
    EditError,
    add,
    confirm,
    edit,
    effective_index,
    history,
    mark_confirmed,
    merge,
    retract,
    split,
)
from karabakh_map.store.review import CONFIRMED, EXTRACTED, RETRACTED
from tests.conftest import BOTH, article, ev, fake_resolver

STORE_BACKENDS = BOTH
DISTRICTS = [("AZ-FUZ", "Fuzuli"), ("AZ-CAB", "Jabrayil")]
TABLE = ZoneTable.districts([d for d, _ in DISTRICTS])
AZ, ARM = "Azerbaijan", "Armenian forces"
WHO = {"reason": "checked against the wire", "by": "analyst"}


def report(engine: sa.Engine, when: str, published: date, district: str = "AZ-FUZ",
           controller: str = AZ, type_: EventType = EventType.CAPTURE,
           **kw: object) -> int:
    """One article reporting one control event; returns the event's id."""
    result = write_article(
        engine, article(f"{district} {when} {published} {kw}", published=published,
                        source=f"Wire {published}"),
        [ev(type_, when, district, controller=controller, **kw)], resolve_place=fake_resolver)
    return result.event_ids[0] if result.event_ids else -1


def holder(engine: sa.Engine, district: str, day: date, **kw: object) -> tuple[str, bool]:
    """(the side holding `district` on `day`, uncertain) from the corrected record."""
    segs = effective_index(engine, TABLE, **kw).segments  # type: ignore[arg-type]
    (row,) = [c for c in tl.districts_on(segs, TABLE, DISTRICTS, day) if c.id == district]
    return row.controller, row.uncertain


def event(engine: sa.Engine, event_id: int, **kw: object) -> dict | None:
    found = [e for e in query_events(engine, **kw) if e.id == event_id]  # type: ignore[arg-type]
    return found[0].to_json() if found else None


def csv_dates(engine: sa.Engine) -> list[str]:
    lines = events_csv_text(engine, dict(DISTRICTS), None, (EXTRACTED, CONFIRMED)).splitlines()
    header = lines[0].split(",")
    return [line.split(",")[header.index("event_date")] for line in lines[1:]]


def test_ingest_gives_extracted_and_the_catalogue_confirmed(engine):
    from karabakh_map.demo import load_demo

    fuzuli = report(engine, "2020-10-17", date(2020, 10, 20))
    assert event(engine, fuzuli)["review"] == EXTRACTED
    results = load_demo(engine, fake_resolver)  # the curated catalogue comes in confirmed
    ids = [i for r in results for i in r.event_ids]
    assert len(ids) > 50
    assert {e.review for e in query_events(engine) if e.id in ids} == {CONFIRMED}
    assert mark_confirmed(engine, ids) == 0  # nothing left to confirm
    assert [e.id for e in query_events(engine, reviews=(EXTRACTED,))] == [fuzuli]


def test_an_edit_changes_control_and_exports_and_survives_reingest(engine):
    fuzuli = report(engine, "2020-10-17", date(2020, 10, 20))
    assert holder(engine, "AZ-FUZ", date(2020, 10, 17))[0] == AZ
    made = edit(engine, fuzuli, {"date": "2020-10-19", "note": "entered on the 19th"}, **WHO)
    assert made.old == {"date": "2020-10-17", "note": ""}
    assert holder(engine, "AZ-FUZ", date(2020, 10, 18))[0] == "unknown"
    assert holder(engine, "AZ-FUZ", date(2020, 10, 19))[0] == AZ
    assert csv_dates(engine) == ["2020-10-19"]
    assert event(engine, fuzuli)["review"] == CONFIRMED  # an analyst looked at it
    # Another article reports the same capture on the 17th: merged into the event and
    # recomputed by ingest, but the analyst's date holds.
    assert report(engine, "2020-10-17", date(2020, 10, 25)) == fuzuli
    shown = event(engine, fuzuli)
    assert (shown["date"], len(shown["sources"])) == ("2020-10-19", 2)
    assert [(e.action, e.reason) for e in history(engine, fuzuli)] == [
        ("edit", "checked against the wire")]


def test_a_retraction_leaves_control_and_exports_and_survives_reingest(engine):
    held = report(engine, "1993-08-23", date(1993, 8, 24), controller=ARM)
    claim = report(engine, "2020-10-17", date(2020, 10, 20))
    retract(engine, claim, reason="a false claim", by="analyst")
    assert holder(engine, "AZ-FUZ", date(2020, 11, 1))[0] == ARM
    assert [e.id for e in query_events(engine)] == [held]
    assert event(engine, claim, reviews=(RETRACTED,))["review"] == RETRACTED
    assert csv_dates(engine) == ["1993-08-23"]
    report(engine, "2020-10-17", date(2020, 10, 30))  # reported again: still retracted
    assert holder(engine, "AZ-FUZ", date(2020, 11, 1))[0] == ARM
    assert event(engine, claim) is None
    assert [(e.action, e.old, e.new) for e in history(engine, claim)] == [
        ("retract", {"review": EXTRACTED}, {"review": RETRACTED})]
    confirm(engine, claim, reason="confirmed by both sides after all", by="analyst")
    assert holder(engine, "AZ-FUZ", date(2020, 11, 1))[0] == AZ


def test_a_merge_joins_reports_and_survives_reingest(engine):
    report(engine, "1993-08-23", date(1993, 8, 24), controller=ARM)
    day = report(engine, "2020-10-17", date(2020, 10, 20))
    month = report(engine, "2020-10", date(2020, 11, 2), place_id="fuzuli")
    assert day != month
    # The month-dated report keeps the district's change uncertain from 1 October.
    assert holder(engine, "AZ-FUZ", date(2020, 10, 10)) == (ARM, True)
    merge(engine, day, [month], reason="the town's capture is the district's", by="a")
    assert holder(engine, "AZ-FUZ", date(2020, 10, 10)) == (ARM, False)
    shown = event(engine, day)
    assert (shown["date"], len(shown["sources"])) == ("2020-10-17", 2)
    assert event(engine, month) is None
    assert csv_dates(engine) == ["1993-08-23", "2020-10-17"]
    report(engine, "2020-10", date(2020, 11, 9), place_id="fuzuli")  # joins the merged one
    assert event(engine, month) is None and len(event(engine, day)["sources"]) == 3
    assert holder(engine, "AZ-FUZ", date(2020, 10, 10)) == (ARM, False)
    (made,) = history(engine, month)
    assert (made.action, made.event_id, made.reason) == (
        "merge", day, "the town's capture is the district's")
    with pytest.raises(EditError, match="merged into"):
        confirm(engine, month, reason="r", by="a")


def test_a_split_moves_reports_to_a_new_event_and_survives_reingest(engine):
    first = report(engine, "2020-10-17", date(2020, 10, 18))
    assert report(engine, "2020-10-20", date(2020, 10, 21)) == first  # one key, two dates
    shown = event(engine, first)
    assert shown["disputed"] and shown["date"] == "2020-10-17/2020-10-20"
    assert holder(engine, "AZ-CAB", date(2020, 10, 25))[0] == "unknown"
    later = shown["sources"][1]["article_id"]
    made = split(engine, first, [later], {"district_id": "AZ-CAB"},
                 reason="the second report is about Jabrayil", by="analyst")
    new = made.new["new_event"]
    assert (event(engine, first)["date"], event(engine, first)["disputed"]) == (
        "2020-10-17", False)
    assert (event(engine, new)["date"], event(engine, new)["district"]) == (
        "2020-10-20", "AZ-CAB")
    assert holder(engine, "AZ-FUZ", date(2020, 10, 17))[0] == AZ
    assert holder(engine, "AZ-CAB", date(2020, 10, 20))[0] == AZ
    assert csv_dates(engine) == ["2020-10-17", "2020-10-20"]
    assert report(engine, "2020-10-17", date(2020, 10, 22)) == first  # re-ingest
    assert (len(event(engine, first)["sources"]), len(event(engine, new)["sources"])) == (2, 1)
    assert [(e.action, e.reason) for e in history(engine, new)] == [
        ("split", "the second report is about Jabrayil")]
    with pytest.raises(EditError, match="every report"):
        split(engine, new, [later], reason="r", by="a")


def test_an_added_event_counts_from_when_it_was_added(engine):
    made = add(engine, {"type": "military_capture", "date": "2020-10-04",
                        "district_id": "AZ-CAB", "controller": AZ},
               reason="seen on the ministry's site", by="analyst", at=datetime(2021, 3, 1))
    assert holder(engine, "AZ-CAB", date(2020, 10, 5))[0] == AZ
    assert holder(engine, "AZ-CAB", date(2020, 10, 5), as_of=date(2021, 2, 28))[0] == "unknown"
    assert event(engine, made.event_id)["review"] == CONFIRMED


def test_as_of_uses_articles_published_and_edits_made_by_then(engine):
    first = report(engine, "2020-10", date(2020, 10, 5))
    report(engine, "2020-10-17", date(2020, 10, 20))
    edit(engine, first, {"controller": ARM}, reason="r", by="a", at=datetime(2021, 1, 5, 9))
    assert event(engine, first, as_of=date(2020, 10, 4)) is None  # not reported yet
    known = event(engine, first, as_of=date(2020, 10, 10))
    assert (known["date"], len(known["sources"]), known["controller"]) == ("2020-10", 1, AZ)
    assert event(engine, first, as_of=date(2021, 1, 4))["date"] == "2020-10-17"
    assert event(engine, first, as_of=date(2021, 1, 5))["controller"] == ARM
    assert holder(engine, "AZ-FUZ", date(2020, 11, 1), as_of=date(2021, 1, 4))[0] == AZ
    assert holder(engine, "AZ-FUZ", date(2020, 11, 1))[0] == ARM


def test_corrections_need_a_reason_a_known_event_and_good_values(engine):
    fuzuli = report(engine, "2020-10-17", date(2020, 10, 20))
    with pytest.raises(EditError, match="reason"):
        retract(engine, fuzuli, reason=" ", by="a")
    with pytest.raises(EditError, match="no event 999"):
        confirm(engine, 999, reason="r", by="a")
    with pytest.raises(EditError, match="bad date"):
        edit(engine, fuzuli, {"date": "17 Oct"}, reason="r", by="a")
    with pytest.raises(EditError, match="cannot be edited"):
        edit(engine, fuzuli, {"key": "x"}, reason="r", by="a")
    with pytest.raises(EditError, match="already"):
        edit(engine, fuzuli, {"date": "2020-10-17"}, reason="r", by="a")
    assert history(engine, fuzuli) == []


def test_the_edited_date_keeps_its_precision(engine):
    fuzuli = report(engine, "2020-10-17", date(2020, 10, 20))
    edit(engine, fuzuli, {"date": "2020-10"}, reason="only the month is sure", by="a")
    (row,) = query_events(engine)
    assert row.date == FuzzyDate(Precision.MONTH, date(2020, 10, 1), date(2020, 10, 31))


def test_two_editors_at_once_lose_nothing(file_url):
    from karabakh_map.store import open_store

    engine = open_store(file_url).engine
    ids = [report(engine, f"2020-10-{d}", date(2020, 10, 20), district=did)
           for d, did in (("17", "AZ-FUZ"), ("04", "AZ-CAB"))]
    start = threading.Barrier(2)

    def work(event_id: int, who: str) -> None:
        start.wait()
        for i in range(8):
            edit(engine, event_id, {"note": f"{who} {i}"}, reason=f"pass {i}", by=who)

    threads = [threading.Thread(target=work, args=(i, f"editor{n}"))
               for n, i in enumerate(ids)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [len(history(engine, i)) for i in ids] == [8, 8]
    assert sorted(e.note for e in query_events(engine)) == ["editor0 7", "editor1 7"]
