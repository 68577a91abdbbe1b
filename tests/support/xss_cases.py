"""Hostile text for the XSS tests, and a store that carries it in every field a reader sees.

Each payload, if a page ever ran it, would open a dialog (alert) or set `__pwned` on the
top window; a Markdown image would fetch from evil.example (the browser tests block and
record every request to another host); a Jinja tag evaluated on the server would show
`49` instead of `{{ 7*7 }}`. The store is the demo catalogue plus:
- a .json article and an .html article put through the real ingest pipeline (title,
  publisher, a `javascript:` URL, and text whose quoted passage carries the payloads);
- one article written through the store API with a place resolver of our own, so the
  place name and the controller of a transfer are hostile too (ingest only ever sets
  those from the gazetteer and a fixed vocabulary).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from karabakh_map.areas import gazetteer_resolver
from karabakh_map.demo import open_with_demo
from karabakh_map.model import EventType, ExtractedEvent, FuzzyDate, Precision
from karabakh_map.pipeline import ingest_file
from karabakh_map.store import ArticleRecord, PlaceInfo, write_article
from karabakh_map.store.edits import mark_confirmed

MARK = "kbmXSS"  # in every hostile field, to find its text on a page
PAYLOADS = (
    "<script>alert('script')</script>",
    "<img src=x onerror=\"top.__pwned='img'\">",
    "<svg onload=\"top.__pwned='svg'\"><circle r=9></circle></svg>",
    "\" onmouseover=\"top.__pwned='attr'\" x=\"",
    "' autofocus onfocus='top.__pwned=\"attr2\"' '",
    "javascript:top.__pwned='jsurl'",
    "${top.__pwned='tpl'}",
    "{{constructor.constructor('top.__pwned=\"ng\"')()}}",
    "{{ 7*7 }} {% if 1 %}jinja{% endif %} {# c #}",  # runs on the server if Jinja sees it
    "`;top.__pwned='tick';`",
    "\\' \\\" \\u0041 \\",
    "</script><script>alert('close')</script><!--",
    "line\u2028sep\u2029para",
    "![md](http://evil.example/md.png) [md](javascript:alert('md')) $\\kbm$ :red[md] **md**",
)
ALL = " ".join(PAYLOADS)
JS_URL = "javascript:top.__pwned='href'"
DAY = date(2020, 11, 23)  # the hostile controller holds Tartar from this day
# Short enough for a legend; `$\kbm$` is bad mathtext (two `$`: matplotlib parses it), and
# `![..](..)` a Markdown image.
CONTROLLER = f"{MARK} <img src=x onerror=alert('ctl')> `+top.__pwned+` " \
             "![c](http://evil.example/c.png) $\\kbm$"
PLACE = f"{MARK} place <svg onload=alert('place')> `${{top.__pwned='place'}}` **p**"
HOSTILE_PLACE_ID = "kbm-hostile-place"
# Spreadsheet formula starts, one per CSV column that carries text we were given.
NOTE = f"=HYPERLINK(\"http://evil.example\",\"{MARK}\") {ALL}"
PUBLISHER = f"+SUM(1) {MARK} wire {PAYLOADS[1]} {PAYLOADS[6]}"
ACTOR = f"@cmd {MARK} {PAYLOADS[0]}"


def _text_article(sentence: str) -> str:
    """An article whose first paragraph (the quoted passage) is `sentence` and payloads."""
    return (f"{sentence} {MARK} {ALL}\n\n"
            "The ministry gave no further details. More reporting followed later in the day.")


def hostile_resolver() -> Callable[[str], PlaceInfo | None]:
    """The gazetteer, plus one place whose name is hostile (in Tartar district)."""
    gazetteer = gazetteer_resolver()
    place = PlaceInfo(PLACE, 40.345, 46.93, "town", "AZ-TAR", "AZ")
    return lambda pid: place if pid == HOSTILE_PLACE_ID else gazetteer(pid)


def write_files(folder: Path) -> list[Path]:
    """The crafted articles for the ingest pipeline: one .json, one .html."""
    folder.mkdir(parents=True, exist_ok=True)
    as_json = folder / "hostile.json"
    as_json.write_text(json.dumps({
        "title": f"{MARK} title {ALL}", "source": f"{MARK} json wire {PAYLOADS[1]}",
        "url": JS_URL, "published": "2020-11-22",
        "text": _text_article("Azerbaijani troops entered the Tartar district on 22 November, "
                              "the defence ministry said."),
    }), encoding="utf-8")
    escaped = ALL.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    attr = escaped.replace('"', "&quot;")
    as_html = folder / "hostile.html"
    as_html.write_text(
        "<!doctype html><html lang=en><head>"
        f"<title>{MARK} html title {escaped}</title>"
        f'<meta property="og:site_name" content="{MARK} html wire {attr}">'
        f'<meta property="og:url" content="{JS_URL}">'
        '<meta property="article:published_time" content="2020-11-22">'
        "</head><body><article>"
        "<p>Azerbaijani forces entered the Tartar district on 22 November, officials said. "
        f"{MARK} {escaped}</p><p>The road was reopened to traffic later that week.</p>"
        "</article></body></html>", encoding="utf-8")
    return [as_json, as_html]


def direct_events() -> list[ExtractedEvent]:
    """Reports the store API takes as given: a transfer to a hostile controller, and a
    year-long political event (a wide bar in the events chart) at the hostile place."""
    return [
        ExtractedEvent(EventType.TRANSFER, FuzzyDate.day(DAY), HOSTILE_PLACE_ID, "AZ-TAR",
                       actor1=ACTOR, actor2=ACTOR, controller=CONTROLLER, note=NOTE,
                       start=0, end=300),
        ExtractedEvent(EventType.POLITICAL,
                       FuzzyDate(Precision.YEAR, date(2020, 1, 1), date(2020, 12, 31)),
                       HOSTILE_PLACE_ID, "AZ-TAR", actor1=ACTOR, note=f"{MARK} year {ALL}",
                       start=0, end=300),
    ]


def hostile_store_in(folder: Path) -> str:
    """A new hostile store (see build_store) in `folder`; its URL."""
    url = f"sqlite:///{folder / 'hostile.sqlite'}"
    build_store(url, folder / "articles")
    return url


def confirmed_hostile_store_in(folder: Path) -> str:
    """A new hostile store in `folder` with its direct article's events confirmed: one
    publisher's transfer against the record is otherwise only a claim (the integrity rule),
    and the hostile controller would reach neither the zones, the legend nor the tables."""
    from karabakh_map.store import open_store, query_events
    from karabakh_map.store.edits import mark_confirmed

    url = hostile_store_in(folder)
    store = open_store(url)
    mark_confirmed(store.engine, [e.id for e in query_events(store.engine)
                                  if any(s.publisher == PUBLISHER for s in e.sources)])
    store.engine.dispose()
    return url


def build_store(url: str, folder: Path) -> None:
    """The demo catalogue plus every hostile article, at `url` (a new store)."""
    store = open_with_demo(url, load_demo=True)
    try:
        for path in write_files(folder):
            outcome = ingest_file(store.engine, path, resolve_place=gazetteer_resolver())
            if outcome.result.status != "new" or not outcome.extracted:
                raise AssertionError(f"{path.name} was not ingested as new with events: "
                                     f"{outcome.result}")
        text = f"Reporting on {MARK}. {ALL} {PAYLOADS[0]} and so on." + " More text." * 10
        record = ArticleRecord(title=f"{MARK} direct title {ALL}", source=PUBLISHER,
                               published=DAY, published_how="given", text=text, url=JS_URL)
        result = write_article(store.engine, record, direct_events(),
                               resolve_place=hostile_resolver())
        if result.events_new != 2:
            raise AssertionError(f"the direct article should add 2 events: {result}")
        # One publisher's claim against the record stays a claim (the integrity rule);
        # confirmed, the hostile controller takes effect and reaches every surface.
        mark_confirmed(store.engine, result.event_ids)
    finally:
        store.engine.dispose()
