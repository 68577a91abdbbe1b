"""One uncorroborated report cannot overturn a corroborated record (issue 14): it shows as
a disputed claim, with its event, and counts once a second publisher or a review backs it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import article, ev

from karabakh_map.cli import main
from karabakh_map.demo import ensure_demo_loaded, open_with_demo
from karabakh_map.model import EventType
from karabakh_map.store import (
    Zone,
    ZoneTable,
    control_index,
    open_store,
    query_events,
    write_article,
)
from karabakh_map.store.edits import mark_confirmed

# Away from the 2020 statement's handover days: extraction reads a Lachin handover dated to
# another day of Nov-Dec 2020 as misdated and drops it.
DAYS = ("2021-03-03", "2021-03-05", "2021-06-01", "2022-08-01", "2023-10-01")
BLOG = "Lachin update\n\nArmenian forces recaptured Lachin on 4 March 2021.\nMore soon.\n"
WIRE = ("Lachin\n\nOn 4 March 2021 Armenian forces recaptured Lachin, a second outlet "
        "reported.\n")


def state(url: str, day: str) -> dict[str, dict]:
    result = CliRunner().invoke(main, ["state", "--date", day, "--format", "geojson",
                                       "--db", url])
    assert result.exit_code == 0, result.output
    return {f["id"]: f["properties"] for f in json.loads(result.output)["features"]}


def ingest(url: str, path: Path, source: str, published: str) -> None:
    result = CliRunner().invoke(main, ["ingest", str(path), "--source", source,
                                       "--published", published, "--db", url])
    assert result.exit_code == 0, result.output


def test_one_blog_post_is_a_claim_until_a_second_publisher_reports_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    before = {day: state(url, day) for day in DAYS}
    (tmp_path / "blog.txt").write_text(BLOG, encoding="utf-8")
    ingest(url, tmp_path / "blog.txt", "unknown-blog.example", "2021-03-05")
    store = open_store(url)
    (claim,) = [e for e in query_events(store.engine)
                if e.sources and e.sources[0].publisher == "unknown-blog.example"]
    store.engine.dispose()
    assert claim.type in ("transfer_of_territory", "military_capture") and claim.controller
    after = {day: state(url, day) for day in DAYS}
    claimed = set()
    for day in DAYS:
        for zone, props in after[day].items():
            # Nobody's control changed anywhere, on any day, from that day into 2023.
            assert props["controller"] == before[day][zone]["controller"], (day, zone)
            if props["claim_event_ids"]:
                assert props["claim_event_ids"] == [claim.id] and props["disputed"]
                assert props["claimed_by"] == claim.controller != props["controller"]
                assert f"event {claim.id}" in props["denied_note"]
                assert claim.id in props["event_ids"]
                claimed.add((day, zone))
    assert ("2021-03-05", "AZ-LAC/held_1994+corridor_2020") in claimed
    assert not [c for c in claimed if c[0] == "2021-03-03"]

    # A second publisher reports it: corroborated, it counts from its own date.
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    ingest(url, tmp_path / "wire.txt", "Other Wire", "2021-03-06")
    zone = state(url, "2021-06-01")["AZ-LAC/held_1994+corridor_2020"]
    assert zone["controller"] == claim.controller and not zone["claim_event_ids"]
    assert state(url, "2021-03-03")["AZ-LAC/held_1994+corridor_2020"]["controller"] == \
        before["2021-03-03"]["AZ-LAC/held_1994+corridor_2020"]["controller"]


TOWN = "AZ-LAC/town"


@pytest.fixture
def lachin() -> ZoneTable:
    """One zone: Lachin town."""
    return ZoneTable((Zone(TOWN, "AZ-LAC", 10.0, frozenset(), ("lachin",)),))


def _controller(engine, table: ZoneTable, day: date):
    return control_index(engine, table).at(TOWN, day)


def test_the_issue_example_armenian_forces_do_not_retake_lachin(lachin: ZoneTable) -> None:
    """Azerbaijan's entry into Lachin, reported by two publishers; then one unknown blog
    says Armenian forces recaptured it on 4 December 2020."""
    engine = open_store("sqlite://").engine
    handover = ev(EventType.TRANSFER, "2020-12-01", "AZ-LAC", place_id="lachin",
                  controller="Azerbaijan")
    for source in ("Wire A", "Wire B"):
        write_article(engine, article(f"handover {source}", source=source,
                                      published=date(2020, 12, 1)), [handover])
    blog = write_article(engine, article("blog", source="unknown blog",
                                         published=date(2020, 12, 5)),
                         [ev(EventType.CAPTURE, "2020-12-04", "AZ-LAC", place_id="lachin",
                             controller="Armenian forces")])
    for day in (date(2020, 12, 4), date(2021, 6, 1), date(2023, 10, 1)):
        st = _controller(engine, lachin, day)
        assert st.controller == "Azerbaijan" and st.since == date(2020, 12, 1)
        assert st.claimed_by == "Armenian forces" and st.denied
        assert st.claim_ids == tuple(blog.event_ids)
        assert "uncorroborated report" in st.notes()[0]
    # A review confirms the claim: it is no longer a claim but the record.
    mark_confirmed(engine, blog.event_ids)
    st = _controller(engine, lachin, date(2021, 6, 1))
    assert st.controller == "Armenian forces" and not st.claimed and not st.denied


def test_a_store_of_single_reports_still_follows_them(lachin: ZoneTable) -> None:
    """Without a corroborated state to contradict, one report sets the state (an ingest-
    only store), and a later corroborated change overrides an open claim."""
    engine = open_store("sqlite://").engine
    write_article(engine, article("a", source="One"),
                  [ev(EventType.TRANSFER, "2020-12-01", "AZ-LAC", place_id="lachin",
                      controller="Azerbaijan")])
    write_article(engine, article("b", source="Two", published=date(2020, 12, 6)),
                  [ev(EventType.CAPTURE, "2020-12-05", "AZ-LAC", place_id="lachin",
                      controller="Armenian forces")])
    st = _controller(engine, lachin, date(2020, 12, 6))
    assert st.controller == "Armenian forces" and not st.claimed


def test_the_demo_record_has_no_claims() -> None:
    """Every control event of the shipped record is corroborated: nothing is a claim."""
    from karabakh_map.areas import zone_table

    engine = open_store("sqlite://").engine
    ensure_demo_loaded(engine)
    index = control_index(engine, zone_table())
    assert not [s for segs in index.segments.values() for s in segs if s.claimed]


def test_the_rule_holds_for_the_record_as_known_on_a_day(lachin: ZoneTable) -> None:
    from karabakh_map.store.edits import effective_index

    engine = open_store("sqlite://").engine
    for source in ("Wire A", "Wire B"):
        write_article(engine, article(f"handover {source}", source=source,
                                      published=date(2020, 12, 1)),
                      [ev(EventType.TRANSFER, "2020-12-01", "AZ-LAC", place_id="lachin",
                          controller="Azerbaijan")])
    write_article(engine, article("blog", source="unknown blog", published=date(2020, 12, 5)),
                  [ev(EventType.CAPTURE, "2020-12-04", "AZ-LAC", place_id="lachin",
                      controller="Armenian forces")])
    st = effective_index(engine, lachin, as_of=date(2021, 6, 1)).at(TOWN, date(2021, 6, 1))
    assert st.controller == "Azerbaijan" and st.claimed_by == "Armenian forces"
