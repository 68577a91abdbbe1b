"""`karabakh-map export`: images, data files and the self-contained HTML map."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from karabakh_map.clidates import RECORD_START, Day, check_order
from karabakh_map.store import Engine

# Exports are for others to read: their days lie within the record (1991 to today).
DAY = Day(RECORD_START, "today")
FILE = click.Path(path_type=Path)  # what it may be is export.files.check_target's to say


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
              help="Write one image per key date into this folder (its parent must exist).")
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
                   "made by D. Every file says its record date and data version.")
@click.option("--review", type=click.Choice(["all", "confirmed"]), default="all",
              show_default=True,
              help="all: confirmed and unreviewed events (never retracted ones); confirmed: "
                   "only confirmed events.")
@click.option("--force", is_flag=True,
              help="Replace existing files that are not exports of karabakh-map (never the "
                   "store itself).")
@click.option("--db", "db_url", metavar="URL",
              help="SQLAlchemy URL of the store (default: $KARABAKH_MAP_DB, else the default "
                   "store with the demo catalogue).")
def export(on: datetime | None, html_file: Path | None, start: datetime | None,
           end: datetime | None, png: Path | None, svg: Path | None, key_dir: Path | None,
           image_format: str, state_geojson: Path | None, zones_gpkg: Path | None,
           zones_geojson: Path | None, events_csv: Path | None,
           events_geojson: Path | None, as_of: datetime | None, review: str, force: bool,
           db_url: str | None) -> None:
    """Export maps and data for wikis and analysis (several at once is fine). Each export
    says which events it includes (the events' `review` field, a `record` note).

    Every file is written beside its target and renamed into place when complete: a
    failure (a full disk) leaves the previous file as it was. Existing files are replaced
    only when they are earlier exports of karabakh-map (or with --force); the store being
    read, a missing folder, a device or a wrong extension are refused before any work."""
    if not any((html_file, png, svg, key_dir, state_geojson, zones_gpkg, zones_geojson,
                events_csv, events_geojson)):
        raise click.UsageError("say what to export: --html, --png, --svg, --all-key-dates, "
                               "--state-geojson, --zones-gpkg, --zones-geojson, "
                               "--events-csv or --events-geojson")
    if (start or end) and not html_file:
        raise click.UsageError("--from and --to only apply to --html")
    check_order(start, end)
    if (png or svg or state_geojson) and on is None:
        raise click.UsageError("--png, --svg and --state-geojson need --date")
    record_day = as_of.date() if as_of else None
    named = {"--html": html_file, "--png": png, "--svg": svg, "--state-geojson": state_geojson,
             "--zones-gpkg": zones_gpkg, "--zones-geojson": zones_geojson,
             "--events-csv": events_csv, "--events-geojson": events_geojson}
    targets = _check_targets({o: p for o, p in named.items() if p}, key_dir, db_url, force)
    _run(targets, key_dir, image_format, on.date() if on else None,
         start.date() if start else None, end.date() if end else None, record_day, review,
         force, db_url)


def _check_targets(named: dict[str, Path], key_dir: Path | None, db_url: str | None,
                   force: bool) -> dict[str, Path]:
    """Every target checked before any work (export.files.check_target): the real paths
    to write, or one line per refused target and exit 1."""
    from karabakh_map.export.files import ExportRefused, check_target
    from karabakh_map.store.opening import store_files

    store = store_files(db_url)
    targets, refused = {}, []
    for option, path in named.items():
        try:
            targets[option] = check_target(option, path, force=force, store_files=store,
                                           csv_header=_csv_header() if option ==
                                           "--events-csv" else None)
        except ExportRefused as err:
            refused.append(f"{option}: {err}")
    if key_dir is not None:
        if key_dir.exists() and not key_dir.is_dir():
            refused.append(f"--all-key-dates: {str(key_dir)!r} is not a folder")
        elif not key_dir.exists() and not key_dir.parent.is_dir():
            refused.append(f"--all-key-dates: the folder {str(key_dir.parent)!r} does not "
                           "exist (create it first)")
    for line in refused:
        click.echo(f"Error: {line}", err=True)
    if refused:
        sys.exit(1)
    return targets


def _csv_header() -> tuple[str, ...]:
    """The events CSV's header, and those of earlier versions (still ours to replace)."""
    from karabakh_map.export.data import CSV_HEADERS

    return CSV_HEADERS


def _run(targets: dict[str, Path], key_dir: Path | None, image_format: str,
         on: date | None, start: date | None, end: date | None, record_day: date | None,
         review: str, force: bool, db_url: str | None) -> None:
    """Compute and write each export; a failed write is one line, the others go on."""
    # Imported here so `--help` stays fast: these pull in geopandas (and, for images only,
    # matplotlib: a quarter of an --html export's time went to importing it).
    from geodata.corridor import load_corridor
    from geodata.districts import load_backdrop, load_districts
    from karabakh_map.cli_store import _open
    from karabakh_map.export import data, files
    from karabakh_map.store.review import REVIEW_CHOICES
    from karabakh_map.views import build_view_data

    reviews = REVIEW_CHOICES[review]
    store = _open(db_url)
    districts, corridor, backdrop = load_districts(), load_corridor(), load_backdrop()
    view = build_view_data(store.engine, districts, corridor, as_of=record_day,
                           reviews=reviews)
    jobs: list[tuple[str, Path, Callable[[Path], object]]] = []
    if html_file := targets.get("--html"):
        from karabakh_map.export.html import store_html

        try:
            page = store_html(store.engine, view=view, start=start, end=end, opening=on)
        except ValueError as err:
            raise click.UsageError(str(err)) from err
        jobs.append(("--html", html_file, lambda p: p.write_text(page, encoding="utf-8")))
    images: list[tuple[str, Path, date]] = [(o, targets[o], on) for o in ("--png", "--svg")
                                            if o in targets and on]
    failed = False
    if key_dir:
        if not key_dir.exists():
            key_dir.mkdir()
            click.echo(f"created folder {key_dir}")
        for day in view.key_dates:
            target = key_dir / f"control-{day.isoformat()}.{image_format}"
            try:
                images.append(("--all-key-dates",
                               files.check_target("--all-key-dates", target, force=force), day))
            except files.ExportRefused as err:
                click.echo(f"Error: --all-key-dates: {err}", err=True)
                failed = True
    if images:
        from karabakh_map.export.image import draw_image

        for image_option, image_path, day in images:
            def draw(p: Path, day: date = day) -> None:
                with p.open("wb") as out:
                    draw_image(view, districts, corridor, backdrop, day, out,
                               fmt=p.suffix.lower().lstrip("."))
            jobs.append((image_option, image_path, draw))
    version = view.data_version
    if (state_path := targets.get("--state-geojson")) and on:
        collection = data.state_geojson(store.engine, on, as_of=record_day, reviews=reviews,
                                        version=version)
        jobs.append(("--state-geojson", state_path, _json_writer(collection)))
    for zones_option in ("--zones-gpkg", "--zones-geojson"):
        if zones_path := targets.get(zones_option):
            jobs.append((zones_option, zones_path,
                         lambda p: data.write_zones_file(store.engine, p, as_of=record_day,
                                                         reviews=reviews, version=version)))
    if csv_path := targets.get("--events-csv"):
        text = data.events_acled_csv(store.engine, view.names, as_of=record_day,
                                     reviews=reviews, version=version)
        jobs.append(("--events-csv", csv_path,
                     lambda p: p.write_text(text, encoding="utf-8", newline="")))
    if events_path := targets.get("--events-geojson"):
        events = data.events_geojson(store.engine, as_of=record_day, reviews=reviews,
                                     version=version)
        jobs.append(("--events-geojson", events_path, _json_writer(events)))
    for option, path, write in jobs:
        try:
            with files.atomic_path(path) as tmp:
                write(tmp)
        except OSError as err:
            failed = True
            kept = "the previous file is unchanged" if path.exists() else "nothing written"
            click.echo(f"Error: {option}: could not write {str(path)!r}: "
                       f"{err.strerror or err} ({kept})", err=True)
            continue
        click.echo(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")
    click.echo(f"included: {view.record_note()}; data version {view.data_version}")
    if failed:
        sys.exit(1)


def _json_writer(collection: dict[str, Any]) -> Callable[[Path], object]:
    text = json.dumps(collection, ensure_ascii=False)
    return lambda p: p.write_text(text, encoding="utf-8")


def events_csv_text(engine: Engine, names: dict[str, str], as_of: date | None,
                    reviews: Sequence[str]) -> str:
    """export.data.events_acled_csv of the record as corrected (and as known on `as_of`)."""
    from karabakh_map.export.data import events_acled_csv

    return events_acled_csv(engine, names, as_of=as_of, reviews=reviews)
