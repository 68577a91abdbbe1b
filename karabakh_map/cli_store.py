"""`karabakh-map ingest | events | state | db`: a thin shell over karabakh_map.store."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from karabakh_map import areas
from karabakh_map.clidates import Day, check_order
from karabakh_map.csvsafe import write_csv
from karabakh_map.demo import open_with_demo
from karabakh_map.model import EventType
from karabakh_map.pipeline import SUFFIXES, ingest_file, iter_article_paths
from karabakh_map.store import DistrictControl, Store, counts, query_events
from karabakh_map.store.acled import ACLED_COLUMNS, acled_rows
from karabakh_map.store.db import StoreUnavailable
from karabakh_map.store.migrations import applied
from karabakh_map.store.review import REVIEW_CHOICES

DAY = Day()  # strict YYYY-MM-DD (karabakh_map.clidates), as every command
as_of_option = click.option(
    "--as-of", "as_of", type=DAY, metavar="D",
    help="The record as known on D: only articles published by D and corrections made by D.")


def review_option(choices: Sequence[str] = tuple(REVIEW_CHOICES)) -> Any:
    """--review: all (confirmed and unreviewed; the default), confirmed, ..."""
    return click.option("--review", "review", type=click.Choice(list(choices)),
                        default="all", show_default=True,
                        help="Which events: all (confirmed and unreviewed, never retracted "
                             "ones), confirmed only" + (", unreviewed or retracted ones"
                                                         if "retracted" in choices else ""))

db_option = click.option(
    "--db", "db_url", metavar="URL",
    help="SQLAlchemy URL of the store (default: $KARABAKH_MAP_DB, else a file in the user "
         "data directory, which gets the demo catalogue on first use).",
)


def _open(db_url: str | None, *, write: bool = False) -> Store:
    """The store; the default one gets the demo catalogue on first use. A store that
    cannot be opened (no driver for its database, no server) is a one-line error; so is a
    write to a store this process may only read. A new store file says so on stderr."""
    try:
        store = open_with_demo(db_url)
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    if store.created:
        click.echo(f"created a new store: {store.url}", err=True)
    if write and store.read_only:
        raise click.ClickException(
            f"the store {store.url} can only be read here (no write permission on the file "
            "or its folder); nothing was changed")
    return store


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_jsonable(v) for v in obj]
    return obj


def _table(rows: Sequence[Sequence[object]], headers: Sequence[str]) -> str:
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in cells]
    return "\n".join(lines)


INGEST_HELP = f"""Ingest article files or folders ({" ".join(SUFFIXES)}) into the event store,
    or ACLED CSV files named as such (.csv, ACLED's current or earlier columns: one event
    per row; a folder walk picks up articles only).

    Bad, missing or failing files are reported one by one (the reason: what was wrong,
    or the error's type and message) and the rest goes in; the exit status is 1 if any
    file failed. Each article is written in one transaction. An article whose publication
    date cannot be right (after today, or a date line naming 31 February) is refused:
    give its date with --published. An article already stored, given again with another
    --published or --source, takes them ("updated"): its relative dates are read again
    against the new date and its events re-dated; analysts' corrections stay.
    """


@click.command(help=INGEST_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", type=DAY, help="Publication date YYYY-MM-DD (overrides detection).")
@click.option("--source", help="Publisher name or URL (overrides detection).")
@click.option("--lang", help="Language code, e.g. en, fr (overrides detection).")
@click.option("--json", "as_json", is_flag=True, help="Print what was extracted, as JSON.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Parse in N processes (on PostgreSQL they write in parallel too; on "
                   "SQLite this process writes what they parse, in file order).")
@db_option
def ingest(paths: tuple[Path, ...], published: datetime | None, source: str | None,
           lang: str | None, as_json: bool, workers: int, db_url: str | None) -> None:
    """Ingest article files or folders into the event store (help: INGEST_HELP)."""
    if published is not None and published.date() > date.today() + timedelta(days=1):
        raise click.BadParameter(f"{published.date()} is after today ({date.today()})",
                                 param_hint="--published")
    files = list(iter_article_paths(paths))
    store = _open(db_url, write=True)
    resolve = areas.gazetteer_resolver()
    kwargs: dict[str, Any] = {"published": _day(published), "source": source, "lang": lang}
    if workers > 1:
        from karabakh_map.workers import Pool

        outcomes = Pool(workers, store.engine, resolve_place=resolve).run(files, kwargs)
    else:
        outcomes = (ingest_file(store.engine, path, resolve_place=resolve, **kwargs)
                    for path in files)
    results = []
    for fr in tqdm(outcomes, desc="ingest", unit="article", file=sys.stderr,
                   total=len(files), disable=len(files) < 2):
        results.append(fr)
        r = fr.result
        if r.status == "failed":
            click.echo(f"failed     {fr.path}: {_without_name(r.reason or '', fr.path)}",
                       err=True)
        elif not as_json:
            detail = r.reason
            events = f"events {r.events_new} new / {r.events_merged} merged"
            if r.status == "new":
                stub = " (filled the catalogue's copy)" if r.filled_stub else ""
                detail = f"article {r.article_id}{stub}, {events}"
            elif r.capture_id is not None:
                detail = f"{r.reason}, {events}"
            if fr.summary:  # a file of many records (an ACLED CSV)
                detail = fr.summary
            if fr.warnings:  # what was repaired, guessed or not used, in the analyst's view
                detail += "; note: " + "; ".join(fr.warnings)
            status = "updated" if fr.updated else r.status
            click.echo(f"{status:<10} {fr.path}: {detail}")
    if as_json:
        click.echo(json.dumps([{
            "path": fr.path, "status": fr.result.status, "reason": fr.result.reason,
            "article_id": fr.result.article_id, "duplicate_of": fr.result.duplicate_of,
            "events_new": fr.result.events_new, "events_merged": fr.result.events_merged,
            "capture_id": fr.result.capture_id, "filled_stub": fr.result.filled_stub,
            "updated": fr.updated,
            "parsed": _jsonable(fr.parsed),
        } for fr in results], indent=2, ensure_ascii=False))
    n = {s: sum(fr.result.status == s for fr in results) for s in ("new", "duplicate", "failed")}
    new_events = sum(fr.result.events_new for fr in results)
    merged = sum(fr.result.events_merged for fr in results)
    updated = sum(fr.updated for fr in results)  # duplicates that took the metadata given
    dup = f"{n['duplicate']} duplicate" + (f" ({updated} updated)" if updated else "")
    click.echo(f"articles: {n['new']} new, {dup}, {n['failed']} failed; "
               f"events: {new_events} new, {merged} merged", err=as_json)
    if n["failed"]:
        sys.exit(1)


def _without_name(reason: str, path: str) -> str:
    """The reason without the file name it starts with (the line already names the file)."""
    for prefix in (f"{path}: ", f"{Path(path).name}: "):
        if reason.startswith(prefix):
            return reason[len(prefix):]
    return reason


def _resolve_place(name: str) -> tuple[list[str], list[str]]:
    """(place_ids, district_ids) that `--place NAME` stands for (see areas.place_filter)."""
    found = areas.place_filter(name)
    if found is None:
        raise click.BadParameter(f"no place called {name!r} in the gazetteer", param_hint="--place")
    return found


FLAT_COLUMNS = ["id", "date", "date_precision", "type", "place", "district", "controller",
                "actor1", "actor2", "disputed", "dispute_note", "note", "sources", "review"]


def _source_line(src: dict[str, Any]) -> str:
    return f"{src['publisher']}: {src['title']} ({src['published']})"


@click.command()
@click.option("--date", "on", type=DAY, help="Events on this day (YYYY-MM-DD).")
@click.option("--from", "start", type=DAY, help="Window start (inclusive).")
@click.option("--to", "end", type=DAY, help="Window end (inclusive).")
@click.option("--place", help="A place by any spelling the gazetteer knows, or a district id.")
@click.option("--type", "type_", type=click.Choice([t.value for t in EventType]),
              help="Only this event type.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "acled"]),
              default="table", show_default=True)
@as_of_option
@review_option()
@db_option
def events(on: datetime | None, start: datetime | None, end: datetime | None,
           place: str | None, type_: str | None, fmt: str, as_of: datetime | None,
           review: str, db_url: str | None) -> None:
    """List events (with their sources) overlapping a day or a window."""
    if on and (start or end):
        raise click.UsageError("use either --date or --from/--to, not both")
    check_order(start, end)
    lo, hi = (_day(on), _day(on)) if on else (_day(start), _day(end))
    place_ids, district_ids = _resolve_place(place) if place else ([], [])
    store = _open(db_url)
    rows = query_events(store.engine, start=lo, end=hi, place_ids=place_ids or None,
                        district_ids=district_ids or None, types=[type_] if type_ else None,
                        as_of=_day(as_of), reviews=REVIEW_CHOICES[review])
    if fmt == "json":
        click.echo(json.dumps([r.to_json() for r in rows], indent=2, ensure_ascii=False))
        return
    if fmt == "acled":
        click.echo(write_csv(ACLED_COLUMNS, acled_rows(rows, dict(areas.default_districts()))),
                   nl=False)
        return
    flat = []
    for r in rows:
        j = r.to_json()
        j["sources"] = " | ".join(_source_line(s) for s in j["sources"])
        flat.append(j)
    if fmt == "csv":
        click.echo(write_csv(FLAT_COLUMNS, flat), nl=False)
        return
    table = [[j["id"], j["date"] or "undated", j["type"], j["place"] or j["place_id"] or "",
              j["district"] or "", "yes" if j["disputed"] else "", len(r.sources), r.review]
             for j, r in zip(flat, rows, strict=True)]
    click.echo(_table(table, ["id", "date", "type", "place", "district", "disputed", "sources",
                              "review"]))


@click.command()
@click.option("--date", "on", type=DAY,
              help="The day (YYYY-MM-DD; default: the --as-of day; one of them is needed).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "geojson"]),
              default="table", show_default=True)
@as_of_option
@review_option(("all", "confirmed"))
@db_option
def state(on: datetime | None, fmt: str, as_of: datetime | None, review: str,
          db_url: str | None) -> None:
    """Who holds what on a date, from the events: each control zone (geojson), or each
    district's split between the sides, km² and % (table, json)."""
    from karabakh_map.timeline import districts_on, zone_timeline

    day = _day(on) or _day(as_of)
    if day is None:
        raise click.UsageError("say which day: --date D (or --as-of D)")
    store = _open(db_url)
    reviews = REVIEW_CHOICES[review]
    if fmt == "geojson":
        from karabakh_map.export.data import state_geojson

        click.echo(json.dumps(state_geojson(store.engine, day, as_of=_day(as_of),
                                            reviews=reviews), ensure_ascii=False))
        return
    table = areas.zone_table()
    rows = [r for r in districts_on(zone_timeline(store.engine, table, as_of=_day(as_of),
                                                  reviews=reviews),
                                    table, areas.default_districts(), day) if r.shares]
    if fmt == "json":
        click.echo(json.dumps([r.to_json() for r in rows], indent=2, ensure_ascii=False))
    else:
        click.echo(_table(
            [[r.id, r.name, r.controller, _split(r), r.since or "", r.scheduled or "",
              ",".join(map(str, r.event_ids))] for r in rows],
            ["id", "name", "controller", "split (%)", "since", "scheduled", "events"]))


def _split(row: DistrictControl) -> str:
    """'Armenian forces 78.5, Azerbaijan 21.5' (+ a mark for a denied or uncertain zone)."""
    marks = ("*" if row.denied else "") + ("?" if row.uncertain else "")
    return ", ".join(f"{s.controller} {s.pct:g}" for s in row.shares) + (
        f" {marks}" if marks else "")


@click.group()
def db() -> None:
    """Inspect and maintain the event store."""


@db.command("info")
@db_option
def db_info(db_url: str | None) -> None:
    """Show the store's URL, applied migrations and row counts."""
    store = _open(db_url)
    click.echo(f"url: {store.engine.url.render_as_string(hide_password=True)}")
    click.echo(f"migrations: {', '.join(applied(store.engine))}")
    for table, n in counts(store.engine).items():
        click.echo(f"{table}: {n}")


@db.command("migrate")
@db_option
def db_migrate(db_url: str | None) -> None:
    """Apply missing schema migrations (opening the store does this too)."""
    store = _open(db_url, write=True)
    click.echo(f"migrations: {', '.join(applied(store.engine))}")


@db.command("load-demo")
@db_option
def db_load_demo(db_url: str | None) -> None:
    """Load the demo event catalogue (adds nothing when already there)."""
    from karabakh_map.demo import load_demo

    store = _open(db_url, write=True)
    results = load_demo(store.engine, areas.gazetteer_resolver())
    new = sum(r.status == "new" for r in results)
    click.echo(f"demo articles: {new} new, {len(results) - new} already there")
