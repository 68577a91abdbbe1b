"""URL fuzz: 200 random and hostile query strings (tests/support/url_fuzz_cases.py, fixed
seed) through the pure parser, and a fixed-seed sample of them through the dashboard's pages
under AppTest: no exception, one friendly message per bad value and none for good ones, no
traceback text, the page still drawn. All 200 in a real browser: `python3 dev.py bench url_fuzz`."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from karabakh_map.demo import open_with_demo
from karabakh_map.mapview.layers import LAYERS
from karabakh_map.model import CORRIDOR_ID
from karabakh_map.urlstate import MAX_WINDOW_DAYS, encode, parse
from tests.support import url_fuzz_cases as fuzz

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
IDS = frozenset({"AZ-AGM", "AZ-CAB", "AZ-FUZ", "AZ-KAL", "AZ-LAC", "AZ-QBI", "AZ-SUS",
                 "AZ-TAR", "AZ-XA", "AZ-XCI", "AZ-XVD", "AZ-ZAN", CORRIDOR_ID})
# The page's span: the record's first day to today (after the last event the last known
# state carries forward: dashboard.urlsync.page_span).
SPAN = (date(1991, 1, 1), date.today())
SAMPLE = 50  # AppTest runs (about 0.3 s each here); the bench opens all 200 in a browser
CASES = fuzz.cases()


def test_the_cases_are_fixed_and_mixed():
    assert len(CASES) == fuzz.COUNT and fuzz.cases() == CASES  # same seed, same cases
    kinds = {k: sum(c.kind == k for c in CASES) for k in ("valid", "hostile", "raw")}
    assert min(kinds.values()) >= 15, kinds
    bad = [c for c in CASES if fuzz.problems(c.last(), span=SPAN, district_ids=IDS)]
    assert 60 <= len(bad) <= 160  # enough of both sides
    assert not [c for c in CASES if c.kind == "valid"
                and fuzz.problems(c.last(), span=SPAN, district_ids=IDS)]


def _parser_failures(case: fuzz.Case) -> list[str]:
    failures = []
    for query, values in ((case.lists(), case.first()), (case.last(), case.last())):
        state, errors = parse(query, district_ids=IDS, span=SPAN)
        want = fuzz.problems(values, span=SPAN, district_ids=IDS)
        if len(errors) != len(want):
            failures.append(f"messages {errors} for bad keys {sorted(want)}")
        if any(len(m) > 200 or not m.startswith(("Ignored ", "Date ")) for m in errors):
            failures.append(f"unfriendly message: {errors}")
        if not (SPAN[0] <= state.date <= SPAN[1]
                and (state.compare is None or SPAN[0] <= state.compare <= SPAN[1])
                and (state.district is None or state.district in IDS)
                and state.layers <= set(LAYERS) and 0 <= state.window <= MAX_WINDOW_DAYS):
            failures.append(f"state out of bounds: {state}")
        if parse(encode(state), district_ids=IDS, span=SPAN) != (state, []):
            failures.append(f"state does not round-trip: {state}")
    return failures


def test_parser_on_every_case():
    failures = {c.n: f for c in CASES if (f := _parser_failures(c))}
    assert failures == {}, "\n".join(f"case {n} ({CASES[n].query[:120]!r}): {f}"
                                     for n, f in failures.items())


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'demo.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KARABAKH_MAP_DB", url)
        yield url


def _texts(at: AppTest) -> list[str]:
    parts = [*at.markdown, *at.text, *at.caption, *at.warning, *at.error, *at.info,
             *at.code, *at.exception]
    return [str(p.value) for p in parts]


def run_page(case: fuzz.Case, page: str | None = None) -> tuple[AppTest, list[str]]:
    """Run the app (or one page of it) at the case's URL; return it and what went wrong."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, values in case.lists().items():
        at.query_params[key] = values[0] if len(values) == 1 else values
    at.run()
    if page:
        at.switch_page(page).run()
    failures = [f"exception: {e.value[:200]}" for e in at.exception]
    failures += [f"traceback shown: {t[:120]}" for t in _texts(at) if "Traceback" in t]
    failures += [f"error box: {e.value[:120]}" for e in at.error]
    return at, failures


def _map_page_failures(case: fuzz.Case) -> list[str]:
    at, failures = run_page(case)
    want = fuzz.problems(case.last(), span=SPAN, district_ids=IDS)
    if len(at.warning) != len(want):
        failures.append(f"{len(at.warning)} messages {[w.value[:80] for w in at.warning]} "
                        f"for bad keys {sorted(want)}")
    if fuzz.is_compact(case.last()):
        if len(at.table):
            failures.append("compact layout shows tables")
    elif not at.table or len(at.table[0].value) < len(IDS) - 1:
        # every district; the corridor's row only while one of its routes is in force
        failures.append("no control table with every district")
    return failures


def sample() -> list[fuzz.Case]:
    return random.Random(fuzz.SEED + 1).sample(CASES, SAMPLE)


def test_map_page_on_a_sample(demo_db):
    failures = {c.n: f for c in sample() if (f := _map_page_failures(c))}
    assert failures == {}, "\n".join(f"case {n} ({CASES[n].query[:120]!r}): {f}"
                                     for n, f in failures.items())


def test_events_page_on_a_sample(demo_db):
    failures = {}
    for case in sample()[:10]:
        at, found = run_page(case, "screens/events_page.py")
        if not found and not at.dataframe:
            found = ["no events table"]
        if found:
            failures[case.n] = found
    assert failures == {}, failures
