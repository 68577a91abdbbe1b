"""`karabakh-map export`: images, data files and the self-contained HTML map."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from karabakh_map.store import Engine

DAY = click.DateTime(formats=["%Y-%m-%d"])
FILE = click.Path(dir_okay=False, path_type=Path)


@click.command()
@click.option("--date", "on", type=DAY,
              help="The day to show (YYYY-MM-DD); for --html, the day the map opens on.")
@click.option("--html", "html_file", type=FILE,
              help="Write the interactive map as ONE self-contained HTML file (works offline).")
@click.option("--from", "start", type=DAY, help="--html: first day of the slider and events.")
@click.option("--to", "end", type=DAY, help="--html: last day of the slider and events.")
@click.option("--png", type=FILE, help="Write the map of --date as a PNG image.")
@click.option("--svg", type=FILE, help="Write the map of --date as an SVG image.")
@click.option("--all-key-dates", "key_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write one image per key date into this folder.")
@click.option("--image-format", type=click.Choice(["png", "svg"]), default="png",
              show_default=True, help="Format of the --all-key-dates images.")
@click.option("--state-geojson", type=FILE,
              help="Write the control zones with their state on --date as GeoJSON.")
@click.option("--zones-gpkg", type=FILE,
              help="Write every control zone over time (valid_from/valid_to per run of one "
                   "controller) as a GeoPackage for QGIS's temporal controller.")
@click.option("--zones-geojson", type=FILE,
              help="The same zones over time as GeoJSON.")
@click.option("--events-csv", type=FILE, help="Write every event as CSV in ACLED's columns.")
@click.option("--events-geojson", type=FILE, help="Write every located event as GeoJSON.")
@click.option("--as-of", "as_of", type=DAY, metavar="D",
              help="The record as known on D: only articles published by D and corrections "
                   "made by D (not --zones-gpkg/--zones-geojson yet).")
@click.option("--review", type=click.Choice(["all", "confirmed"]), default="all",
              show_default=True,
              help="all: confirmed and unreviewed events (never retracted ones); confirmed: "
                   "only confirmed events.")
@click.option("--db", "db_url", metavar="URL",
              help="SQLAlchemy URL of the store (default: $KARABAKH_MAP_DB, else the default "
                   "store with the demo catalogue).")
def export(on: datetime | None, html_file: Path | None, start: datetime | None,
           end: datetime | None, png: Path | None, svg: Path | None, key_dir: Path | None,
           image_format: str, state_geojson: Path | None, zones_gpkg: Path | None,
           zones_geojson: Path | None, events_csv: Path | None,
           events_geojson: Path | None, as_of: datetime | None, review: str,
           db_url: str | None) -> None:
    """Export maps and data for wikis and analysis (several at once is fine). Each export
    says which events it includes (the events' `review` field, a `record` note)."""
    # Imported here so `--help` stays fast: these pull in geopandas (and, for images only,
    # matplotlib: a quarter of an --html export's time went to importing it).
    from geodata.corridor import load_corridor
    from geodata.districts import load_backdrop, load_districts
    from karabakh_map.demo import open_with_demo
    from karabakh_map.store.review import REVIEW_CHOICES
    from karabakh_map.views import build_view_data

    if not any((html_file, png, svg, key_dir, state_geojson, zones_gpkg, zones_geojson,
                events_csv, events_geojson)):
        raise click.UsageError("say what to export: --html, --png, --svg, --all-key-dates, "
                               "--state-geojson, --zones-gpkg, --zones-geojson, "
                               "--events-csv or --events-geojson")
    if (start or end) and not html_file:
        raise click.UsageError("--from and --to only apply to --html")
    if (png or svg or state_geojson) and on is None:
        raise click.UsageError("--png, --svg and --state-geojson need --date")
    record_day = as_of.date() if as_of else None
    if record_day and (zones_gpkg or zones_geojson):
        raise click.UsageError("--as-of does not apply to --zones-gpkg/--zones-geojson yet")
    reviews = REVIEW_CHOICES[review]
    store = open_with_demo(db_url)
    districts, corridor, backdrop = load_districts(), load_corridor(), load_backdrop()
    view = build_view_data(store.engine, districts, corridor, as_of=record_day,
                           reviews=reviews)
    written: list[Path] = []
    if html_file:
        from karabakh_map.export.html import write_html

        try:
            written.append(write_html(store.engine, html_file, view=view,
                                      start=start.date() if start else None,
                                      end=end.date() if end else None,
                                      opening=on.date() if on else None))
        except ValueError as err:
            raise click.UsageError(str(err)) from err
    if png or svg or key_dir:
        from karabakh_map.export.image import render_image
    for path in (png, svg):
        if path and on:
            written.append(render_image(view, districts, corridor, backdrop, on.date(), path))
    if key_dir:
        for day in view.key_dates:
            target = key_dir / f"control-{day.isoformat()}.{image_format}"
            written.append(render_image(view, districts, corridor, backdrop, day, target))
    if state_geojson and on:
        collection = state_collection(store.engine, on.date(), record_day, reviews)
        state_geojson.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
        written.append(state_geojson)
    for path in (zones_gpkg, zones_geojson):
        if path:
            from karabakh_map.export.data import write_zones_over_time

            written.append(write_zones_over_time(store.engine, path))
    if events_csv:
        events_csv.write_text(events_csv_text(store.engine, view.names, record_day, reviews),
                              encoding="utf-8")
        written.append(events_csv)
    if events_geojson:
        collection = events_collection(store.engine, record_day, reviews)
        events_geojson.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
        written.append(events_geojson)
    for path in written:
        click.echo(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")
    click.echo(f"included: {view.record_note()}; data version {view.data_version}")


def state_collection(engine: Engine, day: date, as_of: date | None,
                     reviews: Sequence[str]) -> dict[str, Any]:
    """export.data.state_geojson for the record as corrected (and as known on `as_of`),
    with a `record` note saying what it includes."""
    from geodata.zones import load_zones
    from karabakh_map.areas import zone_table
    from karabakh_map.export.data import polygonal, zone_properties
    from karabakh_map.store.edits import effective_index
    from karabakh_map.views import record_note

    gdf, table = load_zones(), zone_table()
    index = effective_index(engine, table, as_of=as_of, reviews=reviews)
    features = [{"type": "Feature", "id": row["zone_id"],
                 "properties": zone_properties(row, index.at(str(row["zone_id"]), day)),
                 "geometry": polygonal(geom).__geo_interface__}
                for row, geom in zip(gdf.drop(columns="geometry").to_dict("records"),
                                     gdf.geometry, strict=True)]
    return {"type": "FeatureCollection", "date": day.isoformat(),
            "as_of": as_of.isoformat() if as_of else None,
            "record": record_note(as_of, reviews), "features": features}


def events_csv_text(engine: Engine, names: dict[str, str], as_of: date | None,
                    reviews: Sequence[str]) -> str:
    """The events as ACLED CSV, with a last column `review` (confirmed or extracted)."""
    from karabakh_map.csvsafe import write_csv
    from karabakh_map.store import query_events
    from karabakh_map.store.acled import ACLED_COLUMNS, acled_row

    rows = [{**acled_row(ev, names), "review": ev.review}
            for ev in query_events(engine, as_of=as_of, reviews=reviews)]
    return write_csv([*ACLED_COLUMNS, "review"], rows)


def events_collection(engine: Engine, as_of: date | None,
                      reviews: Sequence[str]) -> dict[str, Any]:
    """Every located event as a point (export.data.events_geojson) for the record as
    corrected, with a `record` note; each event's `review` is a property."""
    from karabakh_map.store import query_events
    from karabakh_map.views import record_note

    features = [{"type": "Feature", "id": ev.id,
                 "geometry": {"type": "Point", "coordinates": [ev.longitude, ev.latitude]},
                 "properties": ev.to_json()}
                for ev in query_events(engine, as_of=as_of, reviews=reviews)
                if ev.latitude is not None and ev.longitude is not None]
    return {"type": "FeatureCollection", "as_of": as_of.isoformat() if as_of else None,
            "record": record_note(as_of, reviews), "features": features}
