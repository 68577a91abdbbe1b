"""Every CLI command is documented in README.md."""

from __future__ import annotations

from pathlib import Path

import click

from karabakh_map.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: str = "karabakh-map") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        paths.append(path)
        if isinstance(command, click.Group):
            paths += command_paths(command, path)
    return paths


def test_every_command_is_in_the_readme():
    paths = command_paths(main)
    assert "karabakh-map geodata validate" in paths
    missing = [p for p in paths if f"`{p}" not in README]
    assert missing == [], f"undocumented commands: {missing}"


def test_every_command_has_help():
    from click.testing import CliRunner

    runner = CliRunner()
    for path in command_paths(main):
        result = runner.invoke(main, [*path.split()[1:], "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.output
