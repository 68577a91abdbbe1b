"""Issue 16 in a real browser: the review page only on an editor server bound to this machine,
and the share panel's downloads as the record stood on the record date.

Each server is started as a user starts it (`python -m karabakh_map serve`, with or without
--editor) on a temporary SQLite store holding the shipped record and one unreviewed event.
Every request to a host other than the app's is aborted and fails the test.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import sqlalchemy as sa

from karabakh_map.demo import open_with_demo
from karabakh_map.editing import EDITOR_ENV, EDITOR_TOKEN_ENV
from karabakh_map.model import EventType
from karabakh_map.store import open_store, query_events, write_article
from karabakh_map.store.edits import history
from karabakh_map.store.review import REVIEW_STATES
from tests.conftest import article, ev, fake_resolver
from tests.support.browser_support import REPO, blocked_context, stop, wait_healthy
from tests.support.browser_support import browser as browser  # the module-scoped fixture
from tests.support.pg_support import free_port

pytestmark = pytest.mark.browser
TIMEOUT_MS = 60_000
TEXT = ("Local officials said on Monday that fighting broke out near Kalbajar town "
        "overnight. " + "Filler sentence. " * 20)
PASSAGE = "fighting broke out near Kalbajar town"
IDLE = """() => { const a = document.querySelector('[data-testid="stApp"]');
  return !!a && a.getAttribute('data-test-script-state') === 'notRunning'; }"""
MAP_READY = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The shipped record and one unreviewed event with its passage."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'review.sqlite'}"
    engine = open_with_demo(url, load_demo=True).engine
    start = TEXT.index(PASSAGE)
    write_article(engine, article(TEXT, published=date(2020, 10, 6)), [
        ev(EventType.CLASH, "2020-10-05", "AZ-KAL", place_id="kalbajar", start=start,
           end=start + len(PASSAGE))], resolve_place=fake_resolver)
    engine.dispose()
    return url


def _the_event(url: str) -> int:
    engine = open_store(url).engine
    try:
        (event,) = [e for e in query_events(engine, reviews=REVIEW_STATES)
                    if e.type == EventType.CLASH and e.district_id == "AZ-KAL"
                    and str(e.date.latest) == "2020-10-05"]
        return event.id
    finally:
        engine.dispose()


@contextmanager
def _serve(store_url: str, folder: Path, *args: str) -> Iterator[str]:
    """`karabakh-map serve ARGS` on a free port: yields its base URL, stops it after."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in (EDITOR_ENV, EDITOR_TOKEN_ENV)}
    env.update(KARABAKH_MAP_DB=store_url, PYTHONPATH=str(REPO),
               KARABAKH_MAP_CACHE_DIR=str(folder / "map-cache"))
    host = args[args.index("--host") + 1] if "--host" in args else "127.0.0.1"
    log = folder / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "karabakh_map", "serve", "--port",
                                 str(port), *args], cwd=REPO, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        wait_healthy(proc, log, port, host)
        yield f"http://{host}:{port}/"
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def reader(store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server started without --editor."""
    with _serve(store_url, tmp_path_factory.mktemp("reader")) as base:
        yield base


@pytest.fixture(scope="module")
def editor(store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`serve --editor`, bound to this machine."""
    with _serve(store_url, tmp_path_factory.mktemp("editor"), "--editor") as base:
        yield base


@pytest.fixture
def opened(browser: Any) -> Iterator[Callable[[str], Any]]:
    """Open a URL of a server in a context allowed to talk to that server only."""
    contexts: list[Any] = []

    def open_page(url: str) -> Any:
        guarded = stack.enter_context(blocked_context(
            browser, allow_hosts={urlparse(url).hostname},
            viewport={"width": 1280, "height": 1000}))
        contexts.append(guarded)
        guarded.context.set_default_timeout(TIMEOUT_MS)
        page = guarded.new_page()
        page.goto(url)
        page.wait_for_function(IDLE, polling=50)
        return page

    with ExitStack() as stack:
        yield open_page
    for guarded in contexts:
        assert guarded.blocked == [], f"requests to other hosts: {guarded.blocked}"


def _no_review_controls(page: Any) -> None:
    main = page.locator('[data-testid="stMain"]')
    for name in ("Confirm", "Retract", "Save edit"):
        assert main.get_by_role("button", name=name, exact=True).count() == 0
    assert main.locator("mark").count() == 0  # nor the queue's passages


def test_a_server_started_without_editor_refuses_the_review_page(opened, reader, store_url):
    page = opened(reader + "review")  # the page asked for by its URL
    page.get_by_text("Page not found").wait_for()
    page.get_by_text("Time controls are on the map").wait_for()  # the map page instead
    assert page.get_by_role("heading", name="Review").count() == 0
    _no_review_controls(page)
    assert page.get_by_role("link", name="Review").count() == 0  # not even listed
    assert history(sa.create_engine(store_url), _the_event(store_url)) == []


def test_an_editor_server_open_beyond_this_machine_refuses_without_a_login(
        opened, store_url, tmp_path_factory):
    """127.0.0.2 is not among the addresses counted as this machine alone: without a login
    the review page is listed but says why nothing can be edited."""
    try:
        with socket.socket() as probe:
            probe.bind(("127.0.0.2", 0))
    except OSError:
        pytest.skip("127.0.0.2 is not a local address here")
    with _serve(store_url, tmp_path_factory.mktemp("open"), "--editor", "--host",
                "127.0.0.2") as base:
        page = opened(base + "review")
        page.get_by_text("Editing is off").wait_for()
        _no_review_controls(page)


def test_an_editor_server_reviews_with_a_reason(opened, editor, store_url):
    event_id = _the_event(store_url)
    page = opened(editor + "review")
    page.get_by_role("heading", name="Review").wait_for()
    # a deep link to a registered page opens it without Streamlit's "Page not found" notice
    # (shown when a `pages` folder sits beside the app's script: ours is `screens`)
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("link", name="Review").count() == 1
    card = page.locator(f".st-key-event-{event_id}")  # the event's box in the queue
    assert card.locator("mark").inner_text() == PASSAGE
    image = card.locator('[data-testid="stImage"] img')  # the place on a small map
    assert image.get_attribute("src").startswith("data:image/svg+xml")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    card.locator(f".st-key-confirm-{event_id} button").click()
    page.get_by_text("a reason is required").wait_for()
    card.locator(f".st-key-reason-{event_id} input").fill("seen in two reports")
    card.locator(f".st-key-reason-{event_id} input").press("Enter")
    page.wait_for_function(IDLE, polling=50)
    page.locator(f".st-key-confirm-{event_id} button").click()
    page.get_by_text(f"Event {event_id}: confirm recorded.").wait_for()
    (made,) = history(sa.create_engine(store_url), event_id)
    assert (made.action, made.reason) == ("confirm", "seen in two reports")


@pytest.mark.parametrize(("as_of", "due"), [("2020-11-14", "2020-11-15"),
                                            ("2020-11-16", "2020-11-25")])
def test_the_share_panel_downloads_the_record_as_known_on_its_date(opened, reader, as_of,
                                                                   due):
    page = opened(f"{reader}?date=2020-11-16&as_of={as_of}")
    page.frame_locator(MAP_READY).locator(".leaflet-container[data-kbm-ready]").wait_for()
    page.get_by_text("Embed and share").click()
    button = page.get_by_role("button", name="Control (GeoJSON)")
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == f"control-2020-11-16-asof-{as_of}.geojson"
    state = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert state["as_of"] == as_of and state["data_version"]
    assert {f["properties"]["scheduled"] for f in state["features"]
            if f["properties"]["zone_id"] == "AZ-KAL/held_1994"} == {due}
