import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from karabakh_map.cli import main
from karabakh_map.ingest import BadInput, ParsedArticle
from karabakh_map.model import EventType
from tests.conftest import SEEDS, ev

# The record on the zones layer, 24 Nov 2020 (was one controller per whole district):
# id -> (side holding most, split, since, deadline).
STATE_2020_11_24 = {
    "AZ-AGM": ("Azerbaijan", "Azerbaijan 88.8, Armenian forces 11.2", "2020-11-20", ""),
    "AZ-FUZ": ("Azerbaijan", "Azerbaijan 100", "2020-10-17", ""),
    "AZ-LAC": ("Armenian forces", "Armenian forces 96, Russian peacekeepers 4",
               "2020-11-10", "2020-12-01"),
    "AZ-KAL": ("Armenian forces", "Armenian forces 100", "1993-04-02", "2020-11-25"),
    "AZ-XVD": ("Azerbaijan", "Azerbaijan 71.3, Armenian forces 28.7", "2020-11-10", ""),
    "AZ-TAR": ("Armenian forces", "Armenian forces 62.2, Azerbaijan 37.8", "2020-10-03", ""),
    "lachin-corridor": ("Russian peacekeepers", "Russian peacekeepers 100", "2020-11-10", ""),
}


def table_rows(output: str) -> dict[str, list[str]]:
    """The state table's rows by id, cells split on the column starts of the header rule."""
    lines = output.splitlines()
    rule = lines[1]
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    bounds = [*zip(starts, [*starts[1:], None], strict=True)]
    return {cells[0]: cells for cells in ([line[a:b].strip() for a, b in bounds]
                                          for line in lines[2:])}


@pytest.fixture
def demo_url(file_url, fake_gazetteer):
    result = CliRunner().invoke(main, ["db", "load-demo", "--db", file_url])
    assert result.exit_code == 0, result.output
    assert result.stdout == "demo articles: 132 new, 0 already there\n"
    assert result.stderr == f"created a new store: {file_url}\n"  # a new path says so
    return file_url


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_state_table(demo_url):
    result = run("state", "--date", "2020-11-24", "--db", demo_url)
    assert result.exit_code == 0
    rows = table_rows(result.output)
    assert result.output.splitlines()[0].split() == [
        "id", "name", "controller", "split", "(%)", "since", "scheduled", "events"]
    assert len(rows) == 13  # twelve districts and the corridor
    for did, (controller, split, since, due) in STATE_2020_11_24.items():
        assert rows[did][2:6] == [controller, split, since, due], did


def test_state_json_gives_shares_and_geojson_gives_zones(demo_url):
    out = run("state", "--date", "2020-12-01", "--format", "json", "--db", demo_url).output
    rows = {r["id"]: r for r in json.loads(out)}
    lachin = rows["AZ-LAC"]
    assert {k: lachin[k] for k in ("name", "controller", "since", "scheduled")} == {
        "name": "Lachin", "controller": "Azerbaijan", "since": "2020-12-01", "scheduled": None}
    shares = {s["controller"]: s for s in lachin["shares"]}
    assert shares["Russian peacekeepers"]["km2"] < 100 < shares["Azerbaijan"]["km2"]
    assert sum(s["pct"] for s in lachin["shares"]) == pytest.approx(100, abs=0.2)
    gj = json.loads(run("state", "--date", "2020-12-01", "--format", "geojson", "--db",
                        demo_url).output)
    assert gj["type"] == "FeatureCollection"
    props = [f["properties"] for f in gj["features"]]
    assert {p["district_id"] for p in props} == set(rows) - {"lachin-corridor"}
    assert {f["id"] for f in gj["features"]} == {p["zone_id"] for p in props}
    assert set(props[0]) >= {"controller", "district", "district_id", "since", "disputed",
                             "uncertain", "approximate", "event_ids", "zone_id"}
    assert all(f["geometry"]["type"] in {"Polygon", "MultiPolygon"} for f in gj["features"])
    lachin_km2 = sum(p["area_km2"] for p in props if p["district_id"] == "AZ-LAC")
    assert lachin_km2 == pytest.approx(lachin["area_km2"], abs=0.5)


def test_events_json_window_and_type(demo_url):
    result = run("events", "--date", "2020-11-10", "--type", "agreement", "--format", "json",
                 "--db", demo_url)
    [ceasefire] = json.loads(result.output)
    assert {k: ceasefire[k] for k in ("date", "date_precision", "type", "place", "district",
                                      "disputed")} == {
        "date": "2020-11-09/2020-11-10", "date_precision": "range", "type": "agreement",
        "place": "Nagorno-Karabakh", "district": None, "disputed": True}
    assert sorted(s["reported_date"] for s in ceasefire["sources"]) == [
        "2020-11-01/2020-11-25", *["2020-11-09"] * 3, *["2020-11-10"] * 5]


def test_events_acled_columns(demo_url):
    out = run("events", "--from", "2020-11-25", "--to", "2020-11-25", "--type",
              "transfer_of_territory", "--format", "acled", "--db", demo_url).output
    header, row = out.splitlines()
    assert header.split(",")[:6] == ["event_id_cnty", "event_date", "year", "time_precision",
                                     "disorder_type", "event_type"]  # ACLED's since 2023
    # the handover of the district outside the post-war area: no town, so no coordinates
    assert re.match(r"AZE\d+,2020-11-25,2020,1,Strategic developments,Strategic developments,"
                    r"Non-violent transfer of territory,Azerbaijan,,State forces,Armenia,,"
                    r"State forces,State forces-State forces,,31,Caucasus and Central Asia,"
                    r"Azerbaijan,Kalbajar,,,,,,,The Hindu;", row)


def test_date_and_window_are_exclusive(demo_url):
    result = run("events", "--date", "2020-11-10", "--from", "2020-11-01", "--db", demo_url)
    assert result.exit_code == 2 and "either --date or --from/--to" in result.output


@pytest.fixture
def fake_ingest(monkeypatch, fake_gazetteer):
    def read(path: Path) -> str:
        text = path.read_text(encoding="utf-8")
        if text.startswith("CRASH"):
            raise RuntimeError("extractor tripped")
        if text.startswith("IOERR"):
            raise OSError(5, "Input/output error")
        if not text.strip():
            raise BadInput(f"{path.name}: empty")
        return text

    def parse(text, *, filename, published, source, lang):
        events = [ev(EventType.TRANSFER, line.split()[1], line.split()[2], controller="Azerbaijan")
                  for line in text.splitlines() if line.startswith("TRANSFER")]
        return ParsedArticle(text=text, title=filename, published=published,
                             published_how="given" if published else "missing", source=source,
                             url=None, language="en", events=events)

    def parse_file(path, *, published, source, lang):
        return parse(read(path), filename=path.name, published=published, source=source,
                     lang=lang)

    monkeypatch.setattr("karabakh_map.pipeline.parse_file", parse_file)


def test_ingest_batch_reports_bad_files_and_summarises(tmp_path, file_url, fake_ingest):
    folder = tmp_path / "articles"
    folder.mkdir()
    body = "Some words about the handover of the district to the army. " * 5
    (folder / "a.txt").write_text("TRANSFER 2020-11-20 AZ-AGM\n" + body)
    (folder / "b.md").write_text("TRANSFER 2020-11-20 AZ-AGM\nother " + body)
    (folder / "c.txt").write_text("   \n")
    (folder / "ignored.pdf").write_text("not an article")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--published", "2020-11-21",
                                       "--db", file_url])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"new        {folder / 'a.txt'}: article 1, events 1 new / 0 merged",
        f"new        {folder / 'b.md'}: article 2, events 0 new / 1 merged",
        "articles: 2 new, 0 duplicate, 1 failed; events: 1 new, 1 merged",
    ]
    assert f"failed     {folder / 'c.txt'}: empty\n" in result.stderr
    again = CliRunner().invoke(main, ["ingest", str(folder / "a.txt"), "--db", file_url])
    assert again.exit_code == 0
    assert again.stdout.endswith(
        "articles: 0 new, 1 duplicate, 0 failed; events: 0 new, 0 merged\n")


def test_ingest_json_prints_what_was_extracted(tmp_path, file_url, fake_ingest):
    f = tmp_path / "a.txt"
    f.write_text("TRANSFER 2020-11-25 AZ-KAL\nwords " * 3)
    result = CliRunner().invoke(main, ["ingest", str(f), "--json", "--db", file_url])
    [item] = json.loads(result.stdout)
    assert item["status"] == "new"
    assert item["parsed"]["events"][0]["type"] == "transfer_of_territory"
    assert item["parsed"]["events"][0]["date"]["earliest"] == "2020-11-25"


def test_ingest_missing_path_is_a_clear_error(file_url):
    result = run("ingest", "/nonexistent/article.txt", "--db", file_url)
    assert result.exit_code == 1
    assert "failed     /nonexistent/article.txt: no such file or " \
        "folder" in result.stderr
    assert "articles: 0 new, 0 duplicate, 1 failed" in result.stdout


def test_ingest_batch_goes_on_after_any_error(tmp_path, file_url, fake_ingest):
    body = "Some words about the handover of the district to the army. " * 5
    (tmp_path / "a.txt").write_text("CRASH\n" + body)
    (tmp_path / "b.txt").write_text("IOERR\n" + body)
    (tmp_path / "c.txt").write_text("TRANSFER 2020-11-20 AZ-AGM\n" + body)
    missing = tmp_path / "gone.txt"
    result = CliRunner().invoke(main, ["ingest", str(missing), str(tmp_path), "--db",
                                       file_url])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"new        {tmp_path / 'c.txt'}: article 1, events 1 new / 0 merged",
        "articles: 1 new, 0 duplicate, 3 failed; events: 1 new, 0 merged",
    ]
    failed = [line[line.index("failed"):] for line in result.stderr.splitlines()
              if "failed " in line]
    assert failed == [
        f"failed     {missing}: no such file or folder",
        f"failed     {tmp_path / 'a.txt'}: RuntimeError: extractor tripped",
        f"failed     {tmp_path / 'b.txt'}: OSError: [Errno 5] Input/output error",
    ]
    assert "Traceback" not in result.output


def test_ingest_store_error_rolls_back_its_article_only(tmp_path, file_url, fake_ingest,
                                                        monkeypatch):
    from karabakh_map.store import write

    real_link = write.link_report

    def link_or_trip(conn, article_id, event, *args):
        if event.district_id == "AZ-XCI":  # fails inside b.txt's transaction
            raise LookupError("store tripped")
        return real_link(conn, article_id, event, *args)

    monkeypatch.setattr(write, "link_report", link_or_trip)
    body = "Other words about a district changing hands, our own text. " * 5
    for name, district in (("a.txt", "AZ-AGM"), ("b.txt", "AZ-XCI"), ("c.txt", "AZ-FUZ")):
        (tmp_path / name).write_text(f"TRANSFER 2020-11-20 {district}\n{name} {body}")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", file_url])
    assert result.exit_code == 1
    assert f"failed     {tmp_path / 'b.txt'}: LookupError: store tripped" in result.stderr
    assert "articles: 2 new, 0 duplicate, 1 failed; events: 2 new" in result.stdout
    info = run("db", "info", "--db", file_url).stdout
    assert "articles: 2\n" in info and "events: 2\n" in info


@pytest.mark.seeds
def test_ingest_seeds_deduplicates_the_two_captures(file_url):
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    result = run("ingest", str(SEEDS), "--db", file_url)
    assert "articles: 4 new, 1 duplicate, 0 failed" in result.output + (result.stderr or "")
    assert "001_6180f82c8a22a8db.txt: another capture of article 1, nothing new in it" in (
        result.stdout)


@pytest.mark.seeds
def test_ingest_seeds_into_the_demo_fills_its_copies(demo_url):
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    result = run("ingest", str(SEEDS), "--db", demo_url)
    assert result.stdout.count("(filled the catalogue's copy)") == 4
    assert "articles: 4 new, 1 duplicate, 0 failed" in result.output + (result.stderr or "")
    info = run("db", "info", "--db", demo_url).stdout
    assert "articles: 132\narticle_captures: 0\n" in info  # 001 (after 000) brings nothing


def test_events_place_accepts_any_spelling(demo_url):
    pytest.importorskip("geodata.gazetteer")
    out = json.loads(run("events", "--place", "Karvachar", "--format", "json", "--db",
                         demo_url).output)
    assert out and {e["district"] for e in out} == {"AZ-KAL"}
    bad = run("events", "--place", "Atlantis", "--db", demo_url)
    assert bad.exit_code == 2 and "no place called 'Atlantis'" in bad.output


@pytest.mark.parametrize("name", ["Lachin corridor", "Лачинская дорога", "Hakari bridge"])
def test_events_place_of_the_corridor_means_its_events(demo_url, name):
    pytest.importorskip("geodata.gazetteer")
    out = json.loads(run("events", "--place", name, "--format", "json", "--db",
                         demo_url).output)
    assert {e["type"] for e in out} >= {"blockade", "checkpoint"}  # the record's road events
    assert {e["district"] for e in out} == {"lachin-corridor"}


@pytest.mark.parametrize("window", [["--to", "2020-11-10"], ["--from", "0001-01-05"],
                                    ["--from", "0001-01-01", "--to", "9999-12-31"]])
def test_events_open_ended_windows(demo_url, window):
    result = run("events", *window, "--format", "json", "--db", demo_url)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)


def test_query_events_with_only_an_end(demo_url):
    from karabakh_map.store import open_store, query_events

    store = open_store(demo_url)
    assert query_events(store.engine, end=date(2020, 11, 10))
    store.engine.dispose()
