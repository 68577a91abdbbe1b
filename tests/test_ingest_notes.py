"""Notes: fixed templates and compact date forms."""

from __future__ import annotations

from datetime import date

from karabakh_map.ingest.notes import format_date, make_note, where
from karabakh_map.model import EventType, FuzzyDate, Precision


def test_format_date() -> None:
    assert format_date(FuzzyDate.day(date(2021, 3, 4))) == "4 Mar 2021"
    assert format_date(FuzzyDate(Precision.RANGE, date(2021, 3, 4), date(2021, 3, 5))) == \
        "4–5 Mar 2021"
    assert format_date(FuzzyDate(Precision.MONTH, date(2021, 3, 1), date(2021, 3, 31))) == \
        "Mar 2021"
    assert format_date(FuzzyDate(Precision.YEAR, date(1993, 1, 1), date(1993, 12, 31))) == "1993"
    assert format_date(FuzzyDate(Precision.UNKNOWN)) == "date unknown"
    assert format_date(FuzzyDate(Precision.UNKNOWN, None, date(2021, 3, 4))) == \
        "date unknown, by 4 Mar 2021"


def test_where() -> None:
    assert where("Lachin", "AZ-LAC", territory=True) == "Lachin district"
    assert where("Lachin", "AZ-LAC", territory=False) == "Lachin"
    assert where(None, "lachin-corridor", territory=True) == "the Lachin corridor"


def test_templates() -> None:
    d = FuzzyDate.day(date(2021, 3, 4))
    assert make_note(EventType.SCHEDULED, place="Aghdam district", date=d, deadline=True,
                     superseded=True) == ("Handover of Aghdam district to Azerbaijan due no "
                                          "later than 4 Mar 2021. This date was later pushed back.")
    assert make_note(EventType.PEACEKEEPERS, place="the Lachin corridor", date=d,
                     figures={"peacekeepers": 2000}, approximate=True).startswith(
        "Russian peacekeepers at the Lachin corridor: about 2,000 troops")
    assert make_note(EventType.TRANSFER, place="the Lachin corridor", date=d,
                     controller="Russian peacekeepers")[0] == "T"
