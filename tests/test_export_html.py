"""The self-contained HTML export: one offline file, a data version, inert article text.

The browser tests open the file from file:// in headless Chromium with every network
request blocked (see browser_support).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from conftest import article, ev, fake_resolver

from geodata.corridor import load_corridor
from geodata.districts import load_backdrop, load_districts
from karabakh_map.cli import main
from karabakh_map.dataversion import GEODATA_FILES, data_version
from karabakh_map.demo import ensure_demo_loaded, open_with_demo
from karabakh_map.export.html import render_html, store_html
from karabakh_map.model import EventType
from karabakh_map.store import open_store, write_article
from tests.support.browser_support import blocked_context
from tests.support.browser_support import browser as browser  # module-scoped fixture

MARK = "HOSTILE-7f3a"
PAYLOADS = (f"<script>window.__pwned=1</script>{MARK}", '<img src=x onerror="window.__pwned=2">',
            "<img src=x onerror=alert(1)>", "${window.__pwned=3}${alert(1)}", "\\1 \\u0041",
            "</script><script>window.__pwned=4;alert(4)</script>")
NOTE = " | ".join(PAYLOADS)
AZ = "#0072B2"
READY = "() => !!document.querySelector('.leaflet-container[data-kbm-ready]')"
MB = 1024 * 1024


def add_hostile_event(engine: sa.Engine) -> None:
    """An article whose title, publisher, text (quoted) and event note are all payloads."""
    text = "Residents left the town. " + NOTE + " The road was closed."
    start = text.index(PAYLOADS[0])
    result = write_article(
        engine, article(text, title=PAYLOADS[1], source=PAYLOADS[3], published=date(2020, 11, 20)),
        [ev(EventType.DESTRUCTION, "2020-11-20", "AZ-AGM", place_id="aghdam", note=NOTE,
            start=start, end=start + len(NOTE))], resolve_place=fake_resolver)
    assert result.events_new == 1, result  # its own event, not merged into a demo one


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    return tags


def config_of(page: str) -> dict:
    match = re.search(r"KbmTimeMap\.init\([^,]+, (\{.*?\})\);", page, re.S)
    assert match, "KbmTimeMap.init call not found"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def layers():
    return load_districts(), load_corridor(), load_backdrop()


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The export of the demo catalogue plus the hostile event, opening on 19 Nov 2020."""
    store = open_store("sqlite://")
    ensure_demo_loaded(store.engine, resolve_place=fake_resolver)
    add_hostile_event(store.engine)
    page = store_html(store.engine, opening=date(2020, 11, 19))
    path = tmp_path_factory.mktemp("export") / "map.html"
    path.write_text(page, encoding="utf-8")
    yield page, path
    store.engine.dispose()


# ---- without a browser ----

def test_demo_export_is_one_small_file_that_loads_nothing(demo_engine):
    page = store_html(demo_engine)
    assert len(page.encode("utf-8")) < MB
    tags = parse(page)
    linked = [(t, a) for t, a in tags.tags if a.get("src") or (t == "link" and a.get("href"))]
    assert linked == []  # nothing to fetch: every script and style is inline
    assert not [a for _, a in tags.tags if re.match(r"\s*(?:https?:)?//", a.get("href") or "")]
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)  # no remote CSS images
    assert "sourceMappingURL" not in page
    assert "window.L" in page and "KbmTimeMap" in page  # Leaflet and timemap.js inline
    cfg = config_of(page)
    assert cfg["standalone"] is True and cfg["follow_url"] is False and cfg["tiles"] is None
    assert "tiles" not in cfg["layers"]
    assert cfg["geometry"]["districts"]["type"] == "FeatureCollection"  # inline, not a URL
    assert len(cfg["geometry"]["districts"]["features"]) == 12
    assert cfg["geometry"]["peacekeepers"] is not None and cfg["geometry"]["corridor"]
    assert re.fullmatch(r"Data as of .* \u00b7 version [0-9a-f]{12} .*", cfg["stamp"])
    assert any(e["sources"] for e in cfg["events"])


def test_data_version_follows_the_content(demo_engine, tmp_path):
    first = data_version(demo_engine)
    other = open_store("sqlite://")
    ensure_demo_loaded(other.engine, resolve_place=fake_resolver)
    assert data_version(other.engine) == first  # same content, same version
    add_hostile_event(demo_engine)
    assert data_version(demo_engine) != first
    boundaries = [tmp_path / p.name for p in GEODATA_FILES]
    for src, dst in zip(GEODATA_FILES, boundaries, strict=True):
        dst.write_bytes(src.read_bytes())
    assert data_version(other.engine, boundaries) == first
    boundaries[0].write_bytes(boundaries[0].read_bytes().replace(b"Aghdam", b"Agdam"))
    assert data_version(other.engine, boundaries) != first
    other.engine.dispose()


def test_hostile_text_cannot_leave_the_inline_json(hostile_page):
    page, _ = hostile_page
    tags = parse(page)
    # Only our own elements: 3 scripts (Leaflet, timemap.js, folium's flags) in the head and
    # the map script; an injected element would add a script or an img.
    assert [t for t, _ in tags.tags if t in ("script", "img", "iframe", "svg")] == ["script"] * 4
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in page  # never raw: `<`, `>` and `&` are \\u escapes in JSON
    assert tags.scripts[-1].strip().endswith(");")  # the map script ends where it should
    events = config_of(page)["events"]
    hostile = next(e for e in events if MARK in e["note"])
    assert hostile["note"] == NOTE  # round-trips exactly, backslashes included
    (source,) = hostile["sources"]
    assert (source["title"], source["publisher"]) == (PAYLOADS[1], PAYLOADS[3])
    assert PAYLOADS[0] in source["quote"]


def test_export_shades_the_zones_and_stamps_the_record_date(demo_engine):
    """As the dashboard draws it: the control zones with their segments, each district's
    shares for the tooltip; the stamp names the record date of an --as-of view."""
    from geodata.zones import load_zones
    from karabakh_map.views import build_view_data

    view = build_view_data(demo_engine, load_districts(), load_corridor(),
                           as_of=date(2020, 11, 14))
    page = render_html(view, load_districts(), load_corridor(), load_backdrop(),
                       version="v1", as_of=date(2020, 11, 30), zones=load_zones())
    cfg = config_of(page)
    zones = cfg["geometry"]["zones"]["features"]
    assert len(zones) == len(load_zones()) and cfg["timeline"]
    ids = {f["properties"]["zone_id"] for f in zones}
    assert {k for k in cfg["timeline"] if not k.startswith("share:")} <= ids
    assert "share:AZ-AGM" in cfg["timeline"] and cfg["shares"]["AZ-AGM"] is True
    assert cfg["stamp"] == ("Data as of 30 November 2020 \u00b7 version v1 \u00b7 record as "
                            "known on 14 November 2020 \u00b7 exported from karabakh-map")
    assert page.index('<meta name="generator" content="karabakh-map export">') < 400


def test_range_limits_slider_and_events(demo_engine, layers):
    from karabakh_map.views import build_view_data

    view = build_view_data(demo_engine, layers[0], layers[1])
    lo, hi = date(2020, 11, 1), date(2020, 11, 30)
    cfg = config_of(render_html(view, *layers, version="v", start=lo, end=hi))
    assert (cfg["min_date"], cfg["max_date"], cfg["date"]) == (
        "2020-11-01", "2020-11-30", "2020-11-20")
    assert cfg["slider_window"] is None
    assert cfg["events"] and all(e["latest"] >= "2020-11-01" and e["earliest"] <= "2020-11-30"
                                 for e in cfg["events"])
    assert len(cfg["events"]) < len([e for e in view.events if e["latitude"] is not None])
    assert all("2020-11-01" <= d <= "2020-11-30" for d in cfg["key_dates"])
    with pytest.raises(ValueError, match="outside"):
        render_html(view, *layers, version="v", start=lo, end=hi, opening=date(2020, 12, 5))
    with pytest.raises(ValueError, match="empty"):
        render_html(view, *layers, version="v", start=hi, end=lo)


def test_cli_writes_the_file(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["export", "--db", url, "--html", str(out), "--from",
                                       "2020-09-27", "--to", "2020-12-31", "--date", "2020-11-10"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    cfg = config_of(out.read_text(encoding="utf-8"))
    assert (cfg["min_date"], cfg["date"]) == ("2020-09-27", "2020-11-10")
    bad = CliRunner().invoke(main, ["export", "--db", url, "--html", str(out), "--from",
                                    "2020-11-01", "--to", "2020-11-30", "--date", "2020-12-05"])
    assert bad.exit_code == 2 and "outside" in bad.output
    alone = CliRunner().invoke(main, ["export", "--png", "x.png", "--from", "2020-11-01"])
    assert alone.exit_code == 2 and "only apply to --html" in alone.output


# ---- in a browser, from file://, with the network blocked ----

@pytest.fixture
def offline_page(browser, hostile_page):
    with blocked_context(browser, allow_hosts=()) as guarded:
        page = guarded.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(hostile_page[1].as_uri())
        page.wait_for_function(READY)
        yield page
        remote = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert guarded.blocked == [] and remote == [], f"network requests: {guarded.blocked + remote}"
    assert guarded.dialogs == [], f"a payload ran: {guarded.dialogs}"


def fill(page, zone: str = "AZ-AGM/held_1994") -> str:
    """The colour of a control zone (the map shades zones, with the districts as outlines
    above them); by default the part of Aghdam handed over on 20 November 2020."""
    return page.get_attribute(f'path[data-zone="{zone}"]', "fill") or ""


@pytest.mark.browser
def test_offline_file_renders_and_steps_across_the_aghdam_handover(offline_page):
    page = offline_page
    assert page.locator('path[data-district]').count() == 12
    assert page.is_visible(".kbm-slider") and page.is_visible(".kbm-legend")
    assert page.text_content(".kbm-date") == "19 November 2020"
    assert "version" in page.text_content(".kbm-stamp")
    assert "Natural Earth" in page.text_content(".leaflet-control-attribution")
    before = fill(page)
    assert before.upper() != AZ  # handover still due
    page.focus(".kbm-slider")
    page.keyboard.press("ArrowRight")
    assert page.text_content(".kbm-date") == "20 November 2020"
    assert fill(page).upper() == AZ
    page.click(".kbm-prev")  # the previous key date: back before it
    assert fill(page).upper() != AZ
    page.click(".kbm-next")
    assert page.text_content(".kbm-date") == "20 November 2020"


@pytest.mark.browser
def test_offline_file_shows_hostile_text_as_text(offline_page):
    page = offline_page
    page.focus(".kbm-slider")
    page.keyboard.press("ArrowRight")  # 20 Nov: the hostile event is on the map
    # Open each marker's popup until the hostile one; closed popups linger while they fade,
    # so the newest popup is the last one in the document.
    found = page.evaluate("""(mark) => {
        for (const m of window.kbmTimeMap.eventLayer.getLayers()) {
            m.openPopup();
            const all = document.querySelectorAll('.leaflet-popup .kbm-popup');
            const p = all[all.length - 1];
            if (p && p.textContent.includes(mark)) { p.dataset.test = 'hostile'; return true; }
        }
        return false;
    }""", MARK)
    assert found, "the hostile event's popup was not found"
    popup = page.locator('.kbm-popup[data-test="hostile"]')
    text = popup.text_content()
    for payload in PAYLOADS:
        assert payload in text
    assert popup.locator("img, script, iframe").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("body img:not(.leaflet-tile)").count() == 0


def test_missing_browser_skips_or_fails_as_asked(monkeypatch, tmp_path):
    from tests.support import browser_support

    monkeypatch.setattr(browser_support, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv(browser_support.REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception), browser_support.chromium():
        pass
    monkeypatch.setenv(browser_support.REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="KARABAKH_REQUIRE_BROWSER"), \
            browser_support.chromium():
        pass
