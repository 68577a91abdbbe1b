"""Armenian cues: each event kind, stance and precision, in short sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from karabakh_map.ingest.dates import find_dates
from tests.support.cue_support import changes, found, kinds

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


@pytest.mark.parametrize(("text", "event"), [
    ("Հադրութը գրավելու մասին հայտարարությունը սուտ է։", ("military_capture", "hadrut",
                                                           "denies")),
    ("Երեւանը հերքեց, որ Շուշին գրավվել է։", ("military_capture", "shusha", "denies")),
    ("2023 թ. սեպտեմբերի 20-ին զինադադար հաստատվեց։", ("ceasefire", None, "reports")),
    # "X և Y գյուղերը" names the villages, it does not frame them
    ("2022 թ. օգոստոսի 26-ին Աղավնո և Սուս գյուղերն անցան Ադրբեջանի վերահսկողության տակ։",
     ("transfer_of_territory", "sus", "reports")),
    ("2023 թ. սեպտեմբերի 19-ին Ադրբեջանը ագրեսիա սկսեց Արցախի դեմ։",
     ("offensive", "nagorno-karabakh", "reports")),
    ("Ադրբեջանական զորքերը 2020 թ. հոկտեմբերի 9-ին վերցրել են Հադրութը։",
     ("military_capture", "hadrut", "reports")),
])
def test_round4_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "hy")


def test_round4_relative_words() -> None:
    got = found("Այս պահին ադրբեջանցիները փակ են պահում Լաչինի միջանցքը։", "hy")
    assert ("blockade", "lachin-corridor", "2023-09-28", "reports") in got
    got = found("Լաչինի միջանցքում կիրակի օրվանից անցակետ է գործում։", "hy")
    assert ("checkpoint", "lachin-corridor", "2023-09-24", "reports") in got


def test_round4_classical_spelling_of_months() -> None:
    got = find_dates("2023 թ. յունուարի 5-ին", None, lang="hy")
    assert got and got[0].date.earliest == date(2023, 1, 5)


@pytest.mark.parametrize(("text", "event"), [
    ("Արցախի ղեկավարությունը 2020 թ. նոյեմբերի 9-ին ընդունեց Շուշիի կորուստը։",
     ("military_capture", "shusha", "confirms")),
    ("Հայկական զորքերը 2020 թ. նոյեմբերի 20-ին դուրս եկան Աղդամից։",
     ("transfer_of_territory", "aghdam", "reports")),
    ("Արցախի Հանրապետությունը 2024 թ. հունվարի 1-ից կդադարի գոյություն ունենալ։",
     ("dissolution", "nagorno-karabakh", "reports")),
])
def test_round4_more_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "hy")


def test_round4_casualties_are_no_loss_of_a_town() -> None:
    assert changes("Մարտերում կորուստները մեծ են, Հադրութում 2020 թ. հոկտեմբերի 9-ին։",
                   "hy") == []


@pytest.mark.parametrize("text", [
    "Ռուսական զորքերը 2023 թ. հունիսի 12-ին լքեցին Քարվաճառը։",
    "2023 թ. օգոստոսի 1-ին Շուշիի գրավման երրորդ տարելիցն էր։",
])
def test_round4_no_change_of_control(text: str) -> None:
    assert changes(text, "hy") == []


def test_round4_a_headline_in_the_present_is_the_days_news() -> None:
    assert ("transfer_of_territory", "kalbajar", "2023-09-28", "reports") in found(
        "Ադրբեջանական զորքերը մտնում են Քարվաճառ", "hy")


def test_round4_a_loss_is_of_a_named_town() -> None:
    assert changes("Հադրութում 2020 թ. հոկտեմբերի 9-ին մարդկային կորուստը մեծ էր։", "hy") == []


@pytest.mark.parametrize(("text", "qualifier"), [
    ("դեկտեմբերի 12-ից", "since"),  # "-ից" (from) is a postposition, not a day's ending
    ("մինչև դեկտեմբերի 1-ը", "by"),
])
def test_round4_qualifiers(text: str, qualifier: str) -> None:
    (got,) = find_dates(text, date(2023, 1, 5), lang="hy")
    assert got.qualifier == qualifier
