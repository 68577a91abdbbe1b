"""Strict command-line dates (karabakh_map.clidates), and every command using them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from karabakh_map.cli import main
from karabakh_map.clidates import DateError, check_fuzzy, parse_day

BAD = ["2020-11-25garbage!!", "2020-11-25 ", " 2020-11-25", "2020-1-5", "20201125",
       "\uff12\uff10\uff12\uff10-11-25", "2020-11-25T00:00", "25.11.2020", "", "2020-02-30",
       "2020-13-01", "2020-11-25\n1 new article"]


@pytest.mark.parametrize("text", BAD)
def test_parse_day_refuses_anything_but_a_calendar_day(text: str) -> None:
    with pytest.raises(DateError) as err:
        parse_day(text)
    assert "\n" not in str(err.value)


def test_parse_day_bounds() -> None:
    assert parse_day("2020-11-25") == date(2020, 11, 25)
    with pytest.raises(DateError, match="before 1991-01-01"):
        parse_day("0001-01-01", lo=date(1991, 1, 1))
    with pytest.raises(DateError, match="after"):
        parse_day("9999-12-31", hi=date.today())


@pytest.mark.parametrize("text", ["2020", "2020-11", "2020-11-25", "2020-11-24/2020-11-25"])
def test_check_fuzzy_takes_the_edit_forms(text: str) -> None:
    assert check_fuzzy(text) == text


@pytest.mark.parametrize("text", ["2020-11-25garbage!!", "2020-02-30", "2020-13",
                                  "2020-11-26/2020-11-25", "20", "2020/2021"])
def test_check_fuzzy_refuses(text: str) -> None:
    with pytest.raises(DateError):
        check_fuzzy(text)


COMMANDS = [["events", "--date"], ["events", "--from"], ["state", "--date"],
            ["state", "--as-of"], ["export", "--date"], ["export", "--as-of"],
            ["ingest", "--published"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_refuses_a_garbled_date(command: list[str], tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    result = CliRunner().invoke(main, [*command, "2020-11-25garbage!!", "--db", url, "x"])
    assert result.exit_code == 2, result.output
    assert "is not a date: write it as YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "s.sqlite").exists()  # refused before the store is opened


@pytest.mark.parametrize("command", [["events"], ["export", "--html", "x.html"]],
                         ids=" ".join)
def test_from_after_to_is_refused(command: list[str], tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    result = CliRunner().invoke(main, [*command, "--from", "2020-12-01", "--to", "2020-11-01",
                                       "--db", url])
    assert result.exit_code == 2, result.output
    assert "--from 2020-12-01 is after --to 2020-11-01" in result.output


def test_export_range_is_bounded(tmp_path) -> None:
    runner = CliRunner()
    target = str(tmp_path / "m.html")
    for option, value, says in (("--from", "1900-01-01", "before 1991-01-01"),
                                ("--to", (date.today() + timedelta(days=1)).isoformat(),
                                 "after")):
        result = runner.invoke(main, ["export", "--html", target, option, value])
        assert result.exit_code == 2 and says in result.output, result.output


def test_event_edit_dates_are_strict(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    result = CliRunner().invoke(main, ["events", "add", "--type", "military_capture",
                                       "--date", "2020-11-25garbage!!", "--reason", "r",
                                       "--db", url])
    assert result.exit_code == 2 and "is not a date" in result.output, result.output
    result = CliRunner().invoke(main, ["events", "edit", "1", "--set",
                                       "date=2020-02-30", "--reason", "r", "--db", url])
    assert result.exit_code == 2 and "not a calendar date" in result.output, result.output
