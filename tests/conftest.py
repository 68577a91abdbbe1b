"""Shared fixtures: fresh stores, a tiny place resolver, and an event builder.

Store backends: a test module that sets `STORE_BACKENDS = BOTH` runs each of its tests that
uses `engine`, `file_url` or `backend` once on SQLite and once on PostgreSQL (a server from
tests/support/pg_support.py, skipped when there is none unless $KARABAKH_REQUIRE_POSTGRES is set);
elsewhere those fixtures are SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from karabakh_map.model import EventType, ExtractedEvent, FuzzyDate
from karabakh_map.store import ArticleRecord, EventRow, PlaceInfo, open_store
from tests.support import pg_support

# Fixtures shared by several test modules (demo_db: the dashboard's demo store).
pytest_plugins = ["tests.support.dashboard_app"]

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


BOTH = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    backends = getattr(metafunc.module, "STORE_BACKENDS", None)
    if backends and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture(scope="session")
def pg_base() -> Iterator[str]:
    """The URL of the session's PostgreSQL test database (server started on first use)."""
    with pg_support.server() as base:
        if base is None:
            reason = pg_support.unavailable_reason()
            if pg_support.required():
                pytest.fail(f"PostgreSQL required (${pg_support.REQUIRE_ENV}): {reason}")
            pytest.skip(reason)
        yield base


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The store backend of this test: "sqlite" unless the module asks for both."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def new_url(backend: str, tmp_path: Path,
            request: pytest.FixtureRequest) -> Iterator[Callable[[str], str]]:
    """Makes URLs of new, empty (not migrated) stores on the test's backend: an SQLite
    file named after the argument, or a PostgreSQL schema of its own (dropped after)."""
    made: list[str] = []

    def make(name: str = "store") -> str:
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / name}.sqlite"
        made.append(pg_support.schema_url(request.getfixturevalue("pg_base")))
        return made[-1]

    yield make
    for url in made:
        pg_support.drop_schema(url)


@pytest.fixture
def pg_url(pg_base: str) -> Iterator[str]:
    """A new, empty PostgreSQL schema's URL, whatever the test's backend."""
    url = pg_support.schema_url(pg_base)
    yield url
    pg_support.drop_schema(url)


@pytest.fixture
def file_url(new_url: Callable[[str], str]) -> str:
    """The URL of a new, empty (not migrated) store (SQLite: store.sqlite in tmp_path)."""
    return new_url("store")


@pytest.fixture
def engine(backend: str, request: pytest.FixtureRequest) -> Iterator[sa.Engine]:
    """A fresh, migrated store without the demo catalogue (SQLite: in memory)."""
    url = "sqlite://" if backend == "sqlite" else request.getfixturevalue("file_url")
    store = open_store(url)
    yield store.engine
    store.engine.dispose()


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
