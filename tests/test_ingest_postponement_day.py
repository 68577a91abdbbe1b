"""A postponement sentence opening on its own day is dated that day; a day after the cue
is the new deadline, never the one moved."""

from __future__ import annotations

from datetime import date

from tests.support.cue_support import events

PUB = date(2020, 11, 20)


def _postponement(text: str, lang: str) -> tuple[date | None, date | None, date | None]:
    e = next(e for e in events(text, lang, PUB) if e.type.value == "postponement")
    day = e.date.earliest if e.date.earliest == e.date.latest else None
    return day, e.previous_deadline, e.deadline


def test_the_request_s_day_opens_the_sentence() -> None:
    got = _postponement("Noyabrın 15-də Ermənistan Kəlbəcərin təhvil verilməsi üçün daha 10 gün "
                        "vaxt istəyib, Azərbaycan buna razılaşıb.", "az")
    assert got[0] == date(2020, 11, 15) and got[2] == date(2020, 11, 25)


def test_a_day_after_the_cue_is_the_new_deadline() -> None:
    got = _postponement("On 14 November, the handover of Kalbajar was postponed to 25 November.",
                        "en")
    assert got == (date(2020, 11, 14), None, date(2020, 11, 25))


def test_a_deadline_moved_is_not_the_postponement_s_day() -> None:
    got = _postponement("The handover of Kalbajar due on 15 November was postponed by ten days.",
                        "en")
    assert got == (None, date(2020, 11, 15), date(2020, 11, 25))
