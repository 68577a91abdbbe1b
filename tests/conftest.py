"""Shared fixtures: fresh stores, a tiny place resolver, and an event builder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from karabakh_map.model import EventType, ExtractedEvent, FuzzyDate
from karabakh_map.store import ArticleRecord, EventRow, PlaceInfo, open_store

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"

# Enough of the gazetteer for the tests and the demo catalogue (coordinates rounded).
FAKE_PLACES = {
    pid: PlaceInfo(name, lat, lon, kind, district, country)
    for pid, name, lat, lon, kind, district, country in [
        ("aghdam", "Aghdam", 39.99, 46.93, "town", "AZ-AGM", "AZ"),
        ("fuzuli", "Fuzuli", 39.60, 47.14, "town", "AZ-FUZ", "AZ"),
        ("jabrayil", "Jabrayil", 39.40, 47.03, "town", "AZ-CAB", "AZ"),
        ("zangilan", "Zangilan", 39.09, 46.65, "town", "AZ-ZAN", "AZ"),
        ("qubadli", "Qubadli", 39.34, 46.58, "town", "AZ-QBI", "AZ"),
        ("lachin", "Lachin", 39.64, 46.55, "town", "AZ-LAC", "AZ"),
        ("kalbajar", "Kalbajar", 40.10, 46.04, "town", "AZ-KAL", "AZ"),
        ("khojaly", "Khojaly", 39.91, 46.79, "town", "AZ-XCI", "AZ"),
        ("khojavend", "Khojavend", 39.79, 47.11, "town", "AZ-XVD", "AZ"),
        ("shusha", "Shusha", 39.76, 46.75, "town", "AZ-SUS", "AZ"),
        ("khankendi", "Khankendi", 39.82, 46.75, "city", "AZ-XA", "AZ"),
        ("nagorno-karabakh", "Nagorno-Karabakh", 39.83, 46.75, "region", None, "AZ"),
        ("yerevan", "Yerevan", 40.18, 44.51, "city", None, "AM"),
    ]
}


def fake_resolver(place_id: str) -> PlaceInfo | None:
    return FAKE_PLACES.get(place_id)


@pytest.fixture
def engine() -> Iterator[sa.Engine]:
    """A fresh, migrated in-memory store without the demo catalogue."""
    store = open_store("sqlite://")
    yield store.engine
    store.engine.dispose()


@pytest.fixture
def file_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def demo_engine(engine: sa.Engine) -> sa.Engine:
    """An in-memory store holding the demo catalogue."""
    from karabakh_map.demo import ensure_demo_loaded

    ensure_demo_loaded(engine, resolve_place=fake_resolver)
    return engine


@pytest.fixture
def fake_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the default place resolver (karabakh_map.areas) the fake one (CLI tests)."""
    monkeypatch.setattr("karabakh_map.areas.gazetteer_resolver", lambda: fake_resolver)


def ev(type_: EventType, when: str | date | FuzzyDate | None, district: str | None = None,
       **kw: object) -> ExtractedEvent:
    """Build an ExtractedEvent; `when` as a FuzzyDate, a date or the catalogue's text form."""
    from karabakh_map.store import parse_date

    if isinstance(when, date):
        fd = FuzzyDate.day(when)
    elif isinstance(when, FuzzyDate):
        fd = when
    else:
        fd = parse_date(when)
    return ExtractedEvent(type=type_, date=fd, place_id=kw.pop("place_id", None),  # type: ignore[arg-type]
                          district_id=district, **kw)  # type: ignore[arg-type]


def article(text: str | None = None, *, title: str = "t", published: date | None = None,
            source: str = "Test Wire") -> ArticleRecord:
    return ArticleRecord(title=title, source=source, published=published or date(2020, 11, 20),
                         published_how="given", text=text)


def quotes_of(engine: sa.Engine, event: EventRow) -> list[str | None]:
    """The quote the app shows (views.add_quotes) for each source of `event`, in order."""
    from karabakh_map.views import add_quotes

    events = [event.to_json()]
    add_quotes(engine, events)
    return [src["quote"] for src in events[0]["sources"]]
