"""Each event's distinct report values (store/report_values.py): kept in step with its
reports, backfilled for stores made before them, giving the dates and disputes a
recomputation from every report gives, and recomputing an event does not read all of its
reports (its cost does not grow with them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from karabakh_map.model import EventType, FuzzyDate, Precision, Stance
from karabakh_map.store import migrate, write_article
from karabakh_map.store import schema as s
from karabakh_map.store.merge import combine
from karabakh_map.store.report_values import rebuild
from tests.conftest import BOTH, article, ev
from tests.test_store_scaling import own_text

STORE_BACKENDS = BOTH
DAY = date(2020, 11, 20)


def report(n: int):  # type: ignore[no-untyped-def]
    """The n-th report of Aghdam's handover: days around the 20th, a month, undated "by"
    reports, a deadline, figures and stances that vary, so the event is disputed."""
    kind = n % 5
    if kind == 0:
        when = FuzzyDate.day(DAY)
    elif kind == 1:
        when = FuzzyDate.day(DAY + timedelta(days=n % 3))
    elif kind == 2:
        when = FuzzyDate(Precision.MONTH, date(2020, 11, 1), date(2020, 11, 30))
    elif kind == 3:
        when = FuzzyDate(Precision.UNKNOWN, None, DAY + timedelta(days=n % 4))
    else:
        when = FuzzyDate(Precision.RANGE, DAY - timedelta(days=2), DAY + timedelta(days=1))
    return ev(EventType.TRANSFER, when, "AZ-AGM", controller="Azerbaijan",
              announced=DAY - timedelta(days=n % 7) if n % 2 else None,
              figures={"troops": 100 * (n % 3)} if n % 4 == 0 else {},
              stance=Stance.DENIES if n == 3 else Stance.REPORTS)


def fill(engine: sa.Engine, lo: int, hi: int) -> None:
    for n in range(lo, hi):
        result = write_article(engine, article(own_text(n), published=DAY + timedelta(days=n % 9)),
                               [report(n), ev(EventType.CAPTURE, DAY, "AZ-FUZ",
                                              controller="Azerbaijan"),
                                ev(EventType.POSTPONEMENT, DAY, "AZ-KAL",
                                   previous_deadline=date(2020, 11, 15),
                                   deadline=date(2020, 11, 25 - 3 * (n % 2)))])
        assert result.status == "new", result


def _values(engine: sa.Engine) -> list[tuple[object, ...]]:
    v = s.event_report_values.c
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(v.event_id, v.field, v.value, v.reports).order_by(v.event_id, v.field,
                                                                       v.value))]


def _from_every_report(engine: sa.Engine) -> dict[int, tuple[object, ...]]:
    """Each event's date, dispute, deadline and announcement computed from all its reports
    (the way recompute_event did before the values table)."""
    src, out = s.event_sources.c, {}
    with engine.connect() as conn:
        ids = conn.execute(sa.select(s.events.c.id)).scalars().all()
        for event_id in ids:
            rows = conn.execute(sa.select(src).where(src.event_id == event_id)).all()
            combined = combine(
                [FuzzyDate(Precision(r.reported_precision), r.reported_earliest,
                           r.reported_latest) for r in rows],
                [json.loads(r.figures) for r in rows], [r.deadline for r in rows],
                [r.stance for r in rows])
            out[event_id] = (combined.date.earliest, combined.date.latest,
                             str(combined.date.precision), combined.disputed,
                             combined.dispute_note, combined.denied,
                             min((r.announced for r in rows if r.announced), default=None))
    return out


def _stored(engine: sa.Engine) -> dict[int, tuple[object, ...]]:
    with engine.connect() as conn:
        return {r.id: (r.date_earliest, r.date_latest, r.date_precision, r.disputed,
                       r.dispute_note, r.denied, r.announced)
                for r in conn.execute(sa.select(s.events))}


def test_events_are_what_all_their_reports_say(engine: sa.Engine) -> None:
    fill(engine, 0, 40)
    stored = _stored(engine)
    assert stored == _from_every_report(engine)
    assert any(disputed for _, _, _, disputed, *_ in stored.values())
    before = _values(engine)
    with engine.begin() as conn:
        rebuild(conn)
    assert _values(engine) == before  # counted as they came = counted afresh
    fields = {field for _, field, _, _ in before}
    assert fields == {"date", "deadline", "announced", "stance", "figure"}


def test_a_store_from_before_the_values_table_is_backfilled(file_url: str) -> None:
    from karabakh_map.store import open_store

    engine = open_store(file_url).engine
    fill(engine, 0, 12)
    expected, events = _values(engine), _stored(engine)
    with engine.begin() as conn:  # as migration 0008 left it
        conn.exec_driver_sql("DROP TABLE event_report_values")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE name = '0009_report_values'")
    assert migrate(engine) == ["0009_report_values"]
    assert _values(engine) == expected
    fill(engine, 12, 20)  # and later reports merge as in a store made with it
    assert _stored(engine) == _from_every_report(engine)
    assert set(events) <= set(_stored(engine))
    engine.dispose()


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[sa.Engine]:  # type: ignore[no-untyped-def]
    from karabakh_map.store import open_store

    engine = open_store(f"sqlite:///{tmp_path / 'steps.sqlite'}").engine
    yield engine
    engine.dispose()


def test_a_report_costs_the_same_however_many_the_event_has(sqlite_engine) -> None:
    """SQLite's virtual machine steps (in hundreds) per article: rows read, whatever the
    machine's load (SQLite only: PostgreSQL has no such counter)."""
    engine, steps = sqlite_engine, [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    def on_begin(conn: sa.Connection) -> None:
        conn.connection.dbapi_connection.set_progress_handler(tick, 100)  # type: ignore[union-attr]

    sa.event.listen(engine, "begin", on_begin)

    def cost_of_next(n: int) -> int:
        before = steps[0]
        fill(engine, n, n + 1)
        return steps[0] - before

    fill(engine, 0, 40)
    small = sorted(cost_of_next(n) for n in range(1000, 1005))[2]
    fill(engine, 40, 200)  # five times the reports of the same three events
    large = sorted(cost_of_next(n) for n in range(2000, 2005))[2]
    assert large < small * 1.25, (small, large)
