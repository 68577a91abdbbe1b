"""Armenian cues: each event kind, stance and precision, in short sentences of our own."""

from __future__ import annotations

import pytest

from tests.support.cue_support import changes, kinds

CASES = [
    # an undated change of control is not reported: these are dated "today" (այսօր)
    ("Աղդամն այսօր հանձնվեց Ադրբեջանին։", "transfer_of_territory", "aghdam"),
    ("Բաքուն հայտարարեց, որ ադրբեջանական զորքերն այսօր գրավեցին Հադրութը։",
     "military_capture", "hadrut"),
    ("Բերձորի հանձնման ժամկետը հետաձգվեց տասը օրով։", "postponement", "lachin"),
    ("Բերձորի մոտ ճանապարհը շրջափակված է։", "blockade", "lachin-corridor"),
    ("Բերձորի ճանապարհին անցակետ տեղադրվեց։", "checkpoint", "lachin-corridor"),
    ("Երթևեկությունը Բերձորը շրջանցող նոր ճանապարհով է։", "corridor_reroute",
     "lachin-corridor"),
]


@pytest.mark.parametrize(("text", "kind", "place"), CASES)
def test_each_kind(text: str, kind: str, place: str) -> None:
    assert any(k == kind and p == place for k, p, _ in kinds(text, "hy"))


def test_a_denial() -> None:
    got = kinds("Երևանը հերքեց, որ Շուշին գրավվել է։", "hy")
    assert ("military_capture", "shusha", "denies") in got


def test_the_armenian_full_stop_ends_a_sentence() -> None:
    # (a lead sentence between: an anniversary in the first two would make the article an
    # anniversary piece, whose undated changes are background)
    got = kinds("Աղդամն այսօր հանձնվեց։ Ճանապարհները բաց են։ Շուշիում տարելիցը նշեցին։", "hy")
    assert ("transfer_of_territory", "aghdam", "reports") in got
    assert not any(p == "shusha" for _, p, _ in got)


@pytest.mark.parametrize("text", [
    "Մարտակերտի շրջանի յոթ գյուղեր գրավվեցին։",
    "Դադիվանքի վանքում ականազերծում էր ընթանում։",
])
def test_no_change_of_control(text: str) -> None:
    assert changes(text, "hy") == []


def test_round3_recalled_capture_is_background() -> None:
    text = "Շուշիի գրավման տարելիցը նշվեց 2021 թ. նոյեմբերի 8-ին։"
    assert changes(text, "hy") == []
