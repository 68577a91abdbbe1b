"""`karabakh-map events confirm|retract|edit|add|merge|split|history`: analysts'
corrections, each appended to the store's edit log with a reason (karabakh_map.store.edits).

`karabakh-map events` with no subcommand lists events (cli_store.events, whose options the
group carries)."""

from __future__ import annotations

import getpass
import json
from typing import Any

import click

from karabakh_map import areas
from karabakh_map.cli_store import _open, _table, db_option
from karabakh_map.cli_store import events as list_events
from karabakh_map.clidates import DateError, check_fuzzy
from karabakh_map.pipeline import display
from karabakh_map.store.edits import (
    EditError,
    add,
    confirm,
    edit,
    history,
    merge,
    retract,
    split,
)
from karabakh_map.store.review import EDITABLE, Edit
from karabakh_map.store.write import GEO_PRECISION

reason_option = click.option("--reason", required=True,
                             help="Why (required; kept in the event's history).")
by_option = click.option("--by", "by", metavar="NAME",
                         help="Who makes the correction (default: your login name).")
set_option = click.option(
    "--set", "sets", multiple=True, metavar="FIELD=VALUE",
    help=f"A field to set (repeatable; an empty VALUE clears it). Fields: {', '.join(EDITABLE)}; "
         "date as 2020-11-25, 2020-11, 1993 or 2020-11-24/2020-11-25.")
place_option = click.option("--place", metavar="NAME",
                            help="The event's place, by any spelling the gazetteer knows "
                                 "(sets place_id, location, coordinates, district, country).")


@click.group(invoke_without_command=True, params=list(list_events.params),
             help=f"{list_events.help}\n\nWith a subcommand: correct the record (confirm, "
                  "retract, edit, add, merge, split; each needs --reason and goes into the "
                  "edit log) or show an event's history.")
@click.pass_context
def events(ctx: click.Context, /, **options: Any) -> None:
    """List events, or correct them (subcommands)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_events, **options)


def _who(by: str | None) -> str:
    return by or getpass.getuser()


def _values(sets: tuple[str, ...], place: str | None) -> dict[str, Any]:
    """--set FIELD=VALUE pairs and --place as edit values."""
    values: dict[str, Any] = {}
    for item in sets:
        name, eq, value = item.partition("=")
        if not eq:
            raise click.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="--set")
        values[name.strip()] = value.strip()
        if name.strip() == "date" and value.strip():
            _event_date(None, None, value.strip(), "--set")
    if place:
        values.update(_place_values(place))
    return values


def _event_date(_ctx: click.Context | None, _param: click.Parameter | None, text: str,
                hint: str = "--date") -> str:
    """An event date checked strictly (karabakh_map.clidates.check_fuzzy)."""
    try:
        return check_fuzzy(text)
    except DateError as err:
        raise click.BadParameter(str(err), param_hint=hint) from None


def _place_values(name: str) -> dict[str, Any]:
    from geodata.gazetteer import load_gazetteer

    resolve = areas.gazetteer_resolver()
    place_id = name
    info = resolve(name)
    if info is None:
        found = load_gazetteer().lookup(name)
        info = resolve(found.id) if found else None
        place_id = found.id if found else name
    if info is None:
        raise click.BadParameter(f"no place called {name!r} in the gazetteer",
                                 param_hint="--place")
    out: dict[str, Any] = {"place_id": place_id, "location": info.name,
                           "latitude": info.lat, "longitude": info.lon,
                           "country": info.country,
                           "geo_precision": GEO_PRECISION.get(info.kind)}
    if info.district_id:
        out["district_id"] = info.district_id
    return out


def _done(e: Edit) -> None:
    what = {"confirm": "confirmed", "retract": "retracted", "edit": "edited",
            "add": "added", "merge": "merged", "split": "split"}[e.action]
    detail = ""
    if e.action == "edit":
        detail = ": " + ", ".join(f"{k} {e.old.get(k)!r} -> {v!r}" for k, v in e.new.items())
    elif e.action == "merge":
        detail = ": events " + ", ".join(map(str, e.new["merged"])) + " merged into it"
    elif e.action == "split":
        detail = (f": the reports of articles {', '.join(map(str, e.new['articles']))} "
                  f"are now event {e.new['new_event']}")
    click.echo(f"edit {e.id}: event {e.event_id} {what}{display(detail)} "
               f"(by {display(e.made_by)})")


def _run(action: Any, *args: Any, **kwargs: Any) -> None:
    try:
        _done(action(*args, **kwargs))
    except EditError as err:
        raise click.ClickException(str(err)) from err


@events.command("confirm")
@click.argument("event_id", type=int)
@reason_option
@by_option
@db_option
def confirm_cmd(event_id: int, reason: str, by: str | None, db_url: str | None) -> None:
    """Confirm an event (also takes back a retraction)."""
    _run(confirm, _open(db_url, write=True).engine, event_id, reason=reason, by=_who(by))


@events.command("retract")
@click.argument("event_id", type=int)
@reason_option
@by_option
@db_option
def retract_cmd(event_id: int, reason: str, by: str | None, db_url: str | None) -> None:
    """Retract an event: kept with its history, left out of the map, tables and exports."""
    _run(retract, _open(db_url, write=True).engine, event_id, reason=reason, by=_who(by))


@events.command("edit")
@click.argument("event_id", type=int)
@set_option
@place_option
@reason_option
@by_option
@db_option
def edit_cmd(event_id: int, sets: tuple[str, ...], place: str | None, reason: str,
             by: str | None, db_url: str | None) -> None:
    """Correct fields of an event; they hold whatever later reports say."""
    values = _values(sets, place)
    if not values:
        raise click.UsageError("say what to change: --set FIELD=VALUE or --place NAME")
    _run(edit, _open(db_url, write=True).engine, event_id, values, reason=reason, by=_who(by))


@events.command("add")
@click.option("--type", "type_", required=True, help="The event type.")
@click.option("--date", "when", required=True, callback=_event_date,
              help="Its date (2020-11-25, 2020-11, 1993 or 2020-11-24/2020-11-25).")
@set_option
@place_option
@reason_option
@by_option
@db_option
def add_cmd(type_: str, when: str, sets: tuple[str, ...], place: str | None, reason: str,
            by: str | None, db_url: str | None) -> None:
    """Add an event of your own (no article reports it; the reason says where it is from)."""
    values = {"type": type_, "date": when, **_values(sets, place)}
    _run(add, _open(db_url, write=True).engine, values, reason=reason, by=_who(by))


@events.command("merge")
@click.argument("event_id", type=int)
@click.argument("others", nargs=-1, required=True, type=int)
@reason_option
@by_option
@db_option
def merge_cmd(event_id: int, others: tuple[int, ...], reason: str, by: str | None,
              db_url: str | None) -> None:
    """Merge OTHERS into EVENT_ID: one happening reported as several events."""
    _run(merge, _open(db_url, write=True).engine, event_id, list(others), reason=reason,
         by=_who(by))


@events.command("split")
@click.argument("event_id", type=int)
@click.option("--article", "articles", multiple=True, required=True, type=int,
              help="An article whose report moves to the new event (repeatable).")
@set_option
@place_option
@reason_option
@by_option
@db_option
def split_cmd(event_id: int, articles: tuple[int, ...], sets: tuple[str, ...],
              place: str | None, reason: str, by: str | None, db_url: str | None) -> None:
    """Split the reports of some articles off EVENT_ID as a new event (--set: its fields)."""
    _run(split, _open(db_url, write=True).engine, event_id, list(articles), _values(sets, place),
         reason=reason, by=_who(by))


@events.command("history")
@click.argument("event_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@db_option
def history_cmd(event_id: int, fmt: str, db_url: str | None) -> None:
    """Every correction of an event: when, who, what, why, before and after."""
    edits = history(_open(db_url).engine, event_id)
    if fmt == "json":
        click.echo(json.dumps([e.to_json() for e in edits], indent=2, ensure_ascii=False))
        return
    if not edits:
        click.echo(f"event {event_id}: no corrections")
        return
    click.echo(_table(
        [[e.id, e.made_at.isoformat(sep=" ", timespec="seconds"), display(e.made_by),
          e.action, e.event_id, display(e.reason), json.dumps(e.old, ensure_ascii=False),
          json.dumps(e.new, ensure_ascii=False)] for e in edits],
        ["edit", "when (UTC)", "by", "action", "event", "reason", "before", "after"]))
