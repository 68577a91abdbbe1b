"""English cues: every event kind, stance, and the precision rules (sentences of our own)."""

from __future__ import annotations

import pytest

from tests.support.cue_support import changes, events, found

CASES = [
    ("On 20 November 2020 the Aghdam region came under the control of the army.",
     ("transfer_of_territory", "AZ-AGM", "2020-11-20", "reports")),
    ("Troops captured the town of Hadrut on 9 October 2020.",
     ("military_capture", "hadrut", "2020-10-09", "reports")),
    ("Yerevan's defence ministry denied on 9 October 2020 that Hadrut had been captured.",
     ("military_capture", "hadrut", "2020-10-09", "denies")),
    ("Kalbajar is due to be handed over by 15 November 2020.",
     ("scheduled_handover", "kalbajar", "2020-11-15", "reports")),
    ("On 20 September 2023 a ceasefire took effect at 13:00.",
     ("ceasefire", None, "2023-09-20", "reports")),
    ("Azerbaijan launched an offensive in Nagorno-Karabakh on 19 September 2023.",
     ("offensive", "nagorno-karabakh", "2023-09-19", "reports")),
    ("On 12 December 2022 protesters blocked the road through the Lachin corridor.",
     ("blockade", "lachin-corridor", "2022-12-12", "reports")),
    ("A checkpoint was set up on the Lachin corridor on 23 April 2023.",
     ("checkpoint", "lachin-corridor", "2023-04-23", "reports")),
    ("Traffic through the Lachin corridor moved to a new road on 30 August 2022.",
     ("corridor_reroute", "lachin-corridor", "2022-08-30", "reports")),
    ("On 28 September 2023 a decree said Nagorno-Karabakh would be dissolved.",
     ("dissolution", "nagorno-karabakh", "2023-09-28", "reports")),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_each_kind(text: str, want: tuple[str, str | None, str | None, str]) -> None:
    assert want in found(text, "en")


def test_a_postponement_names_the_place() -> None:
    got = found("Kalbajar was first scheduled for handover on 15 November 2020, but the "
                "date was postponed by ten days.", "en")
    assert ("postponement", "kalbajar", None, "reports") in got


def test_events_carry_confidence_and_their_sentence() -> None:
    text = "Intro line here. Troops entered Aghdam on 20 November 2020. Closing words."
    (e,) = events(text, "en")
    assert 0 < e.confidence < 1 and text[e.start:e.end].startswith("Troops entered")


@pytest.mark.parametrize("text", [
    "Seven villages of the Martakert region were taken on 3 October 2020.",
    "Pilgrims visited the Dadivank monastery, captured by nobody, on 3 May 2021.",
    "On Tuesday officials marked the anniversary of the liberation of Shusha.",
    "Deminers cleared fields near Aghdam on Monday after the town was returned.",
    "Many families from Lachin are still unable to return home.",
])
def test_no_change_of_control(text: str) -> None:
    assert changes(text, "en") == []
    assert not any(e.type.value == "return_of_people" for e in events(text, "en"))


def test_background_is_dated_only_by_its_own_year() -> None:
    evs = changes("Kalbajar has been occupied since 1993, the report recalled.", "en")
    assert all(e.date.earliest is None or e.date.earliest.year == 1993 for e in evs)


@pytest.mark.parametrize(("text", "event"), [
    ("Qubadli was freed from Armenian occupation on 25 October 2020.",
     ("military_capture", "qubadli", "2020-10-25", "reports")),
    ("Armenia has until 15 November 2020 to hand over Kalbajar.",
     ("scheduled_handover", "kalbajar", "2020-11-15", "reports")),
])
def test_round3_constructions(text: str, event: tuple[str, str, str, str]) -> None:
    assert event in found(text, "en")


@pytest.mark.parametrize("text", [
    "A year after the liberation of Shusha, Aliyev toured the town on 8 November 2021.",
    "Three years since the capture of Jabrayil, on 4 October 2023, people gathered.",
])
def test_a_recalled_capture_is_background(text: str) -> None:
    assert changes(text, "en") == []
