"""Checks of the shipped dated record (karabakh_map/data/record.json) as data."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from geodata.district_spec import DISTRICTS
from geodata.zones import part_terms
from karabakh_map.demo import load_catalogue
from karabakh_map.model import CONTROL_TYPES, CORRIDOR_ID, Controller, EventType, Stance
from karabakh_map.store.merge import parse_date

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "karabakh_map" / "data" / "record.json"
SEEDS = ROOT.parent / "shared" / "seeds"
GAZETTEER = ROOT / "geodata" / "data" / "gazetteer.json"
# Seed articles whose original page the search tool did not find: stubs without a URL.
SEEDS_WITHOUT_URL = {"A000", "A004"}


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return json.loads(RECORD.read_text("utf-8"))


def report_dates(raw: dict[str, Any]) -> list[str]:
    return [rep["date"] for ev in raw["events"] for rep in ev["reports"]]


def test_parses_through_the_catalogue_loader(raw: dict[str, Any]) -> None:
    articles = load_catalogue(raw)
    assert len(articles) == len(raw["articles"])
    assert sum(len(a.events) for a in articles) == len(report_dates(raw))


def test_articles_are_complete(raw: dict[str, Any]) -> None:
    keys = [a["key"] for a in raw["articles"]]
    assert len(keys) == len(set(keys))
    for a in raw["articles"]:
        assert a["publisher"].strip() and a["title"].strip(), a["key"]
        assert date(1990, 1, 1) <= date.fromisoformat(a["published"]) <= date(2026, 12, 31)
        assert a.get("language"), a["key"]
        if a["key"] in SEEDS_WITHOUT_URL:
            assert a.get("captures"), a["key"]
            continue
        assert a.get("url", "").startswith(("http://", "https://")), a["key"]


def test_every_article_is_cited_and_every_citation_exists(raw: dict[str, Any]) -> None:
    keys = {a["key"] for a in raw["articles"]}
    cited = {rep["article"] for ev in raw["events"] for rep in ev["reports"]}
    assert cited == keys


def test_seed_captures_are_the_ingest_hashes_of_the_seeds(raw: dict[str, Any]) -> None:
    """Each seed file's content hash (the ingest's) is the capture the record names for it."""
    from karabakh_map.ingest import content_hash

    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip("seed articles absent (../shared/seeds)")
    captures = {stem: h for a in raw["articles"] for stem, h in a.get("captures", {}).items()}
    assert set(captures) == {f.stem for f in files}
    for f in files:
        assert captures[f.stem] == content_hash(f.read_text("utf-8")), f.name


def test_types_stances_parts_and_controllers_are_valid(raw: dict[str, Any]) -> None:
    controllers = {c.value for c in Controller}
    for ev in raw["events"]:
        kind = EventType(ev["type"])
        if ev.get("part") is not None:
            part_terms(ev["part"])  # raises on a term that is no zone flag
        if kind in CONTROL_TYPES:
            assert ev["controller"] in controllers - {Controller.UNKNOWN.value}, ev["note"]
            assert ev["district_id"], ev["note"]
        for rep in ev["reports"]:
            Stance(rep.get("stance", "reports"))


def test_every_control_event_has_a_report(raw: dict[str, Any]) -> None:
    for ev in raw["events"]:
        assert ev["reports"], ev["note"]
        assert ev["note"].strip()


def test_dates_parse_and_stay_in_range(raw: dict[str, Any]) -> None:
    for text in report_dates(raw):
        d = parse_date(text)
        assert d.earliest and d.latest, text
        assert date(1991, 1, 1) <= d.earliest <= d.latest <= date(2024, 12, 31), text


def test_ids_exist_in_the_shipped_geodata(raw: dict[str, Any]) -> None:
    places = {p["id"] for p in json.loads(GAZETTEER.read_text("utf-8"))["places"]}
    districts = {d.id for d in DISTRICTS} | {CORRIDOR_ID}
    for ev in raw["events"]:
        assert ev.get("place_id") in places | {None}, ev["place_id"]
        assert ev.get("district_id") in districts | {None}, ev["district_id"]


def test_no_two_events_are_identical(raw: dict[str, Any]) -> None:
    dumped = Counter(json.dumps(ev, sort_keys=True) for ev in raw["events"])
    assert max(dumped.values()) == 1


def _control(raw: dict[str, Any], district: str) -> list[dict[str, Any]]:
    return [ev for ev in raw["events"]
            if ev["district_id"] == district and EventType(ev["type"]) in CONTROL_TYPES]


def test_every_district_has_a_starting_state_in_1991(raw: dict[str, Any]) -> None:
    for spec in DISTRICTS:
        starts = [ev for ev in _control(raw, spec.id) if ev.get("part") is None
                  and all(parse_date(r["date"]).latest.year == 1991 for r in ev["reports"])]
        assert starts, spec.id


def test_key_dates_of_the_record(raw: dict[str, Any]) -> None:
    def days(district: str, place: str | None = None, part: str | None = None) -> set[str]:
        return {r["date"] for ev in _control(raw, district)
                if ev.get("place_id") == place and ev.get("part") == part
                for r in ev["reports"]}

    assert "1992-05-08" in days("AZ-SUS", part="held_1994")
    assert "1992-05-18" in days("AZ-LAC", part="held_1994")
    assert "1993-04-02" in days("AZ-KAL", part="held_1994")
    assert "1993-07-23" in days("AZ-AGM", part="held_1994")
    assert "2020-10-04" in days("AZ-CAB", "jabrayil")
    assert {"2020-11-08", "2020-11-09"} <= days("AZ-SUS", "shusha")
    assert "2020-11-20" in days("AZ-AGM", part="outside_postwar")
    assert "2022-08-26" in days("AZ-LAC", "lachin")
    assert "2023-09-20" in days("AZ-XA")


def test_denied_claims_are_kept_with_their_denials(raw: dict[str, Any]) -> None:
    for place, day in (("hadrut", "2020-10-09"), ("shusha", "2020-11-08")):
        ev = next(e for e in raw["events"] if e.get("place_id") == place
                  and any(r["date"] == day for r in e["reports"]))
        stances = {r.get("stance", "reports") for r in ev["reports"]}
        assert {"claims", "denies"} <= stances, place
