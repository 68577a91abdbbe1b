"""Integration over the seed articles in ../shared/seeds (skipped when absent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from karabakh_map.ingest import ParsedArticle, parse_article
from karabakh_map.model import EventType, Precision
from tests.test_ingest_dedup import near_duplicate

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
pytestmark = pytest.mark.seeds


def _gazetteer():
    try:
        from geodata.gazetteer import load_gazetteer
    except ImportError:  # the gazetteer module is optional while it is being written
        from tests.support.ingest_support import tiny_gazetteer

        return tiny_gazetteer()
    return load_gazetteer()


@pytest.fixture(scope="module")
def raw() -> dict[str, str]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(files) < 5:
        pytest.skip(f"seed articles not found in {SEEDS}")
    return {f.name[:3]: f.read_text(encoding="utf-8") for f in files}


@pytest.fixture(scope="module")
def parsed(raw: dict[str, str]) -> dict[str, ParsedArticle]:
    gaz = _gazetteer()
    return {k: parse_article(v, filename=k, gazetteer=gaz) for k, v in raw.items()}


def _find(art: ParsedArticle, kind: EventType, place: str):
    """Events of `place`, or of its whole district ("Aghdam district": no place id)."""
    district = _gazetteer().places[place].district_id
    return [e for e in art.events if e.type is kind and (
        e.place_id == place or (e.place_id is None and e.district_id == district))]


def _days(events) -> set[tuple[date | None, date | None]]:
    return {(e.date.earliest, e.date.latest) for e in events}


def test_two_captures_are_near_duplicates(raw: dict[str, str]) -> None:
    assert near_duplicate(raw["000"], raw["001"])
    others = [k for k in raw if k not in ("000", "001")]
    assert not any(near_duplicate(raw["000"], raw[k]) for k in others)
    assert not any(near_duplicate(raw[a], raw[b]) for a in others for b in others if a < b)


def test_publication_dates(parsed: dict[str, ParsedArticle]) -> None:
    expected = {"000": date(2020, 11, 20), "001": date(2020, 11, 20),
                "002": date(2020, 11, 25), "003": date(2020, 11, 25), "004": date(2020, 12, 2)}
    assert {k: a.published for k, a in parsed.items()} == expected
    assert all(a.published_how == "detected" for a in parsed.values())
    assert "Last update" not in parsed["004"].text
    assert parsed["003"].source == "france24.com"


def test_handovers(parsed: dict[str, ParsedArticle]) -> None:
    day = date(2020, 11, 20)
    for k in ("000", "001", "002", "003"):
        assert (day, day) in _days(_find(parsed[k], EventType.TRANSFER, "aghdam")), k
    nov25 = date(2020, 11, 25)
    assert (nov25, nov25) in _days(_find(parsed["002"], EventType.TRANSFER, "kalbajar"))
    k3 = _days(_find(parsed["003"], EventType.TRANSFER, "kalbajar"))
    assert (date(2020, 11, 24), nov25) in k3 and (nov25, nov25) in k3
    dec1 = date(2020, 12, 1)
    assert _days(_find(parsed["004"], EventType.TRANSFER, "lachin")) == {(dec1, dec1)}
    for art in parsed.values():
        for e in art.events:
            if e.type is EventType.TRANSFER and e.date.earliest and e.date.earliest.year == 2020:
                assert e.controller == "Azerbaijan"


def test_kalbajar_deadline_postponed_not_handed_over(parsed: dict[str, ParsedArticle]) -> None:
    nov15 = date(2020, 11, 15)
    for k in ("002", "003"):
        sched = [e for e in _find(parsed[k], EventType.SCHEDULED, "kalbajar")
                 if e.date.earliest == nov15]
        assert sched and "pushed back" in sched[0].note, k
        assert _find(parsed[k], EventType.POSTPONEMENT, "kalbajar"), k
    for art in parsed.values():
        assert not any(e.type is EventType.TRANSFER and e.date.earliest == nov15
                       for e in art.events)


def test_ceasefire_dates_differ_by_source(parsed: dict[str, ParsedArticle]) -> None:
    def days(k: str) -> set[date | None]:
        return {e.date.earliest for e in parsed[k].events
                if e.type is EventType.AGREEMENT and e.date.precision is Precision.DAY}

    assert date(2020, 11, 9) in days("003")
    assert date(2020, 11, 10) in days("004")


def test_peacekeeper_figures(parsed: dict[str, ParsedArticle]) -> None:
    def figures(k: str) -> list[tuple[int, bool]]:
        return [(e.figures["peacekeepers"], "approximate" in e.note)
                for e in parsed[k].events
                if e.type is EventType.PEACEKEEPERS and "peacekeepers" in e.figures]

    assert (2000, True) in figures("000") and (2000, True) in figures("002")
    assert (1960, False) in figures("004")
    corridor = [e for e in parsed["000"].events if e.type is EventType.PEACEKEEPERS]
    assert any(e.district_id == "lachin-corridor" for e in corridor)


def test_earlier_history(parsed: dict[str, ParsedArticle]) -> None:
    (lachin,) = _find(parsed["004"], EventType.CAPTURE, "lachin")
    assert lachin.date.earliest == date(1992, 5, 18) and lachin.controller == "Armenian forces"
    (aghdam,) = _find(parsed["000"], EventType.CAPTURE, "aghdam")
    assert aghdam.date.precision is Precision.YEAR and aghdam.date.earliest == date(1993, 1, 1)


def test_offsets_and_notes(parsed: dict[str, ParsedArticle], raw: dict[str, str]) -> None:
    for k, art in parsed.items():
        assert art.events, k
        for e in art.events:
            assert 0 <= e.start < e.end <= len(art.text)
            assert e.note and e.note not in raw[k]
