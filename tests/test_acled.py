"""ACLED CSV in and out (issue 12): the export writes ACLED's current column set; ingest
reads files with the current set or the earlier one (and our own exports), refuses a file
without the columns it needs (naming them), and skips a bad row with its reason while the
rest goes in. Tiny synthetic files, written here."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from karabakh_map.acled_ingest import ingest_acled
from karabakh_map.csvsafe import write_csv
from karabakh_map.ingest import BadInput
from karabakh_map.ingest.acled import parse_day, read_acled, side_of
from karabakh_map.model import EventType, Precision
from karabakh_map.store import query_events
from karabakh_map.store.acled import ACLED_COLUMNS, acled_rows
from tests.conftest import BOTH, fake_resolver

STORE_BACKENDS = BOTH
# ACLED's columns since its 2023 change, in its order.
CURRENT = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
           "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
           "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
           "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,"
           "timestamp")
EARLIER = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,"
           "event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
           "interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,"
           "geo_precision,source,source_scale,notes,fatalities,timestamp,iso3")
PLACES = {"Aghdam": ("aghdam", "AZ-AGM"), "Fuzuli": ("fuzuli", "AZ-FUZ"),
          "Shusha": ("shusha", "AZ-SUS")}


def locate(location: str, admin1: str) -> tuple[str | None, str | None]:
    place, district = PLACES.get(location, (None, None))
    return place, district or PLACES.get(admin1, (None, None))[1]


def sheet(header: str, rows: list[dict[str, str]]) -> str:
    """A CSV with `header`'s columns; each row's missing cells empty."""
    columns = header.split(",")
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return out.getvalue()


HANDOVER = {"event_id_cnty": "AZE1001", "event_date": "2020-11-20", "year": "2020",
            "time_precision": "1", "disorder_type": "Strategic developments",
            "event_type": "Strategic developments",
            "sub_event_type": "Non-violent transfer of territory",
            "actor1": "Military Forces of Azerbaijan (2003-)", "inter1": "State forces",
            "actor2": "Military Forces of Armenia (2018-)", "inter2": "State forces",
            "country": "Azerbaijan", "admin1": "Aghdam", "location": "Aghdam",
            "latitude": "39.99", "longitude": "46.93", "source": "Trend; APA",
            "notes": "Troops of Azerbaijan entered Aghdam district.", "fatalities": "0"}
CAPTURE = {**HANDOVER, "event_id_cnty": "AZE1002", "event_date": "2020-10-17",
           "disorder_type": "Political violence", "event_type": "Battles",
           "sub_event_type": "Government regains territory", "admin1": "Fuzuli",
           "location": "Fuzuli", "notes": "Fuzuli taken.", "fatalities": "3"}
PROTEST = {**HANDOVER, "event_id_cnty": "ARM2001", "event_type": "Protests",
           "sub_event_type": "Peaceful protest", "country": "Armenia", "location": "Yerevan"}
BAD_DATE = {**HANDOVER, "event_id_cnty": "AZE1003", "event_date": "2020-02-31"}


def test_the_export_writes_acleds_current_columns(demo_engine: sa.Engine) -> None:
    assert CURRENT.split(",") == ACLED_COLUMNS
    rows = acled_rows(query_events(demo_engine), {"AZ-KAL": "Kalbajar"})
    kalbajar = next(r for r in rows if r["admin1"] == "Kalbajar"
                    and r["sub_event_type"] == "Non-violent transfer of territory"
                    and r["event_date"] == "2020-11-25")
    assert list(kalbajar) == ACLED_COLUMNS
    assert (kalbajar["disorder_type"], kalbajar["iso"], kalbajar["region"],
            kalbajar["country"]) == ("Strategic developments", 31,
                                     "Caucasus and Central Asia", "Azerbaijan")
    assert (kalbajar["inter1"], kalbajar["interaction"], kalbajar["fatalities"]) == (
        "State forces", "State forces-State forces", 0)


def test_current_columns_go_in_and_a_bad_row_is_skipped(tmp_path: Path,
                                                        engine: sa.Engine) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(sheet(CURRENT, [HANDOVER, PROTEST, CAPTURE, BAD_DATE]))
    fr = ingest_acled(engine, path, resolve_place=fake_resolver, locate=locate)
    assert fr.result.status == "new"
    assert fr.summary == ("ACLED CSV (current columns): 2 rows read, 2 new, 2 skipped; "
                          "events 2 new / 0 merged")
    assert fr.warnings == [
        "line 3 (ARM2001): Protests / Peaceful protest is not a kind of event the record "
        "keeps",
        "line 5 (AZE1003): event_date '2020-02-31' is not a calendar day"]
    events = {e.type: e for e in query_events(engine)}
    handover, capture = events["transfer_of_territory"], events["military_capture"]
    assert (handover.to_json()["date"], handover.district_id, handover.controller) == (
        "2020-11-20", "AZ-AGM", "Azerbaijan")
    assert (capture.place_id, capture.latitude, capture.sources[0].publisher) == (
        "fuzuli", 39.60, "Trend; APA")
    again = ingest_acled(engine, path, resolve_place=fake_resolver, locate=locate)
    assert again.result.status == "duplicate"  # the same file adds nothing
    assert "0 new, 2 already stored" in again.summary
    assert len(query_events(engine)) == 2


def test_earlier_columns_numeric_actor_types_and_day_month_dates(tmp_path: Path,
                                                                 engine: sa.Engine) -> None:
    old = {**HANDOVER, "data_id": "77", "iso3": "AZE", "event_id_no_cnty": "1001",
           "inter1": "1", "inter2": "1", "interaction": "11", "event_date": "20 November 2020"}
    path = tmp_path / "old.csv"
    path.write_text(sheet(EARLIER.upper().replace("SOURCE_SCALE", "SOURCE SCALE"), [
        {k.upper(): v for k, v in old.items()}]))
    fr = ingest_acled(engine, path, resolve_place=fake_resolver, locate=locate)
    assert fr.summary.startswith("ACLED CSV (earlier columns): 1 rows read, 1 new")
    (row,) = query_events(engine)
    assert (row.to_json()["date"], row.district_id) == ("2020-11-20", "AZ-AGM")


def test_a_file_without_the_needed_columns_is_refused_by_name(tmp_path: Path,
                                                              engine: sa.Engine) -> None:
    path = tmp_path / "other.csv"
    path.write_text("event_id_cnty,event_date,notes\nAZE1,2020-11-20,x\n")
    fr = ingest_acled(engine, path, resolve_place=fake_resolver, locate=locate)
    assert fr.result.status == "failed"
    assert fr.result.reason == (
        f"{path}: not an ACLED CSV file: missing columns event_type, sub_event_type, actor1, "
        "actor2, country, admin1, location, source")
    assert query_events(engine) == []


def test_rows_the_store_refuses_make_the_file_fail(tmp_path: Path,
                                                   engine: sa.Engine) -> None:
    """Every row read and none stored is a failure (exit status 1), not 'nothing new'."""
    def refuse(*_args: object) -> None:
        raise RuntimeError("no gazetteer")

    path = tmp_path / "acled.csv"
    path.write_text(sheet(CURRENT, [HANDOVER, CAPTURE]))
    fr = ingest_acled(engine, path, resolve_place=refuse, locate=locate)
    assert fr.result.status == "failed"
    assert fr.summary.startswith("ACLED CSV (current columns): 2 rows read, 0 new, 2 skipped")
    assert fr.warnings[0] == "line 2 (AZE1001): RuntimeError: no gazetteer"
    assert query_events(engine) == []


def test_article_options_given_for_an_acled_file_are_said_unused(tmp_path: Path,
                                                                  engine: sa.Engine) -> None:
    from karabakh_map.pipeline import ingest_file

    path = tmp_path / "acled.csv"
    path.write_text(sheet(CURRENT, [HANDOVER]))
    fr = ingest_file(engine, path, published=date(2021, 1, 1), source="Trend",
                     resolve_place=fake_resolver)
    assert fr.result.status == "new"
    assert fr.warnings[0] == ("--published, --source not used: each ACLED row has its own "
                              "date and sources")
    (event,) = query_events(engine)
    assert event.sources[0].published == date(2020, 11, 20)


def test_a_file_the_csv_reader_cannot_follow_is_refused_whole(tmp_path: Path,
                                                             engine: sa.Engine) -> None:
    """A cell over the csv module's limit (131,072 characters) ends its reading: the file
    is reported as failed, not the whole ingest run, and nothing of it goes in."""
    path = tmp_path / "huge.csv"
    path.write_text(sheet(CURRENT, [HANDOVER, {**CAPTURE, "notes": "n" * 200_000}]))
    fr = ingest_acled(engine, path, resolve_place=fake_resolver, locate=locate)
    assert fr.result.status == "failed"
    assert fr.result.reason.startswith(f"{path}: line 3: not readable as CSV (field larger")
    assert query_events(engine) == []


def test_our_own_export_goes_back_in(tmp_path: Path, demo_engine: sa.Engine,
                                     new_url: object) -> None:
    from karabakh_map.store import open_store

    rows = acled_rows(query_events(demo_engine), {})
    exported = write_csv(ACLED_COLUMNS, rows)
    path = tmp_path / "ours.csv"
    path.write_text(exported)
    target = open_store(new_url("copy")).engine  # type: ignore[operator]
    fr = ingest_acled(target, path, resolve_place=fake_resolver, locate=locate)
    n = len(query_events(demo_engine))
    assert fr.summary.startswith(f"ACLED CSV (current columns): {n} rows read, {n} new")
    assert not fr.warnings
    # ACLED's columns keep a day and a precision, not our parts of districts: events that
    # differ only by part merge on the way back, their dates spanning each day exported.
    days = {date.fromisoformat(str(r["event_date"])) for r in rows if r["time_precision"] == 1}
    spans = [(e.date.earliest, e.date.latest) for e in query_events(target)
             if e.date.earliest and e.date.latest]
    assert days and all(any(lo <= d <= hi for lo, hi in spans) for d in days)
    target.dispose()


def test_reading_dates_sides_and_precision() -> None:
    assert parse_day("2020-11-20") == parse_day("20-11-2020") == parse_day("20/11/2020") \
        == parse_day("20 November 2020") == parse_day("20-Nov-2020") == date(2020, 11, 20)
    with pytest.raises(ValueError, match="is not a date"):
        parse_day("yesterday")
    assert side_of("Military Forces of Azerbaijan (2003-)") == "Azerbaijan"
    assert side_of("Military Forces of Artsakh") == "Armenian forces"
    assert side_of("Military Forces of Russia (2000-) Peacekeeping Forces") == \
        "Russian peacekeepers"
    assert side_of("Civilians (Azerbaijan)") == "Azerbaijan"  # the name says whose
    week = {**HANDOVER, "time_precision": "2"}
    month = {**CAPTURE, "time_precision": "3"}
    rows = read_acled(sheet(CURRENT, [week, month]), locate).rows
    assert [(r.event.date.precision, r.event.date.earliest, r.event.date.latest)
            for r in rows] == [(Precision.RANGE, date(2020, 11, 17), date(2020, 11, 23)),
                               (Precision.MONTH, date(2020, 10, 1), date(2020, 10, 31))]
    assert rows[1].event.type is EventType.CAPTURE
    assert rows[1].event.figures == {"fatalities": 3}
    with pytest.raises(BadInput, match="missing columns event_id_cnty"):
        read_acled("", locate)
