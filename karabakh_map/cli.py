"""The `karabakh-map` command line: a thin shell over the library modules."""

from __future__ import annotations

import click

from karabakh_map.cli_export import export
from karabakh_map.cli_geodata import geodata
from karabakh_map.cli_serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="karabakh-map")
def main() -> None:
    """Map of the 2020 Nagorno-Karabakh handovers: geodata, events and the dashboard."""


main.add_command(geodata)
main.add_command(serve)
main.add_command(export)
# Event store and ingest commands are registered below this line.
from karabakh_map.cli_store import db, events, ingest, state  # noqa: E402, I001
for _command in (ingest, events, state, db):
    main.add_command(_command)
from karabakh_map.cli_events import events as _events_group  # noqa: E402, I001
main.add_command(_events_group)

if __name__ == "__main__":  # `python -m karabakh_map.cli`, as bench scripts and tests run it
    main(prog_name="karabakh-map")
