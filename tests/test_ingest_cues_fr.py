"""French cues: each event kind, stance and precision, in short sentences of our own."""

from __future__ import annotations

import pytest

from tests.support.cue_support import changes, kinds

CASES = [
    ("Le district d'Agdam a été rétrocédé à l'Azerbaïdjan le 20 novembre 2020.",
     "transfer_of_territory", "AZ-AGM"),
    ("L'armée est entrée dans Latchine le 1er décembre 2020.", "transfer_of_territory",
     "lachin"),
    ("Bakou a annoncé le 8 novembre 2020 la prise de Choucha.", "military_capture", "shusha"),
    ("Latchine doit être rendu au plus tard le 1er décembre 2020.", "scheduled_handover",
     "lachin"),
    ("La remise de Latchine a été reportée de dix jours.", "postponement", "lachin"),
    ("Le 19 septembre 2023, Bakou a lancé une offensive au Haut-Karabakh.", "offensive",
     "nagorno-karabakh"),
    ("Depuis le 12 décembre 2022, le blocus du corridor de Latchine prive la région de tout.",
     "blockade", "lachin-corridor"),
    ("Un poste de contrôle est apparu près de Latchine le 23 avril 2023.", "checkpoint",
     "lachin-corridor"),
    ("Le 30 août 2022, le trafic vers Latchine a pris une nouvelle route.", "corridor_reroute",
     "lachin-corridor"),
    ("Le 28 septembre 2023, un décret a prononcé la dissolution du Haut-Karabakh.",
     "dissolution", "nagorno-karabakh"),
]


@pytest.mark.parametrize(("text", "kind", "place"), CASES)
def test_each_kind(text: str, kind: str, place: str) -> None:
    assert any(k == kind and p == place for k, p, _ in kinds(text, "fr"))


def test_claim_and_denial_in_one_sentence() -> None:
    got = kinds("Le 8 novembre 2020, le président azerbaïdjanais a annoncé la prise de "
                "Choucha, ce que les Arméniens ont démenti.", "fr")
    assert ("military_capture", "shusha", "denies") in got


def test_a_ceasefire() -> None:
    assert ("ceasefire", None, "reports") in kinds(
        "Un cessez-le-feu est entré en vigueur le 20 septembre 2023.", "fr")


@pytest.mark.parametrize("text", [
    "Les villages de la région d'Agdam ont été libérés le 20 octobre 2020.",
    "Mardi, Choucha a fêté l'anniversaire de sa libération.",
    "Des combats ont repris le 27 septembre 2020 près de Stepanakert.",
])
def test_no_change_of_control(text: str) -> None:
    assert changes(text, "fr") == []


@pytest.mark.parametrize(("text", "event"), [
    ("L'Arménie doit rendre Kelbajar avant le 15 novembre 2020.",
     ("scheduled_handover", "kalbajar", "reports")),
    ("Les forces azerbaïdjanaises sont entrées dans Fizouli le 17 octobre 2020.",
     ("transfer_of_territory", "fuzuli", "reports")),
    ("Le 9 octobre 2020, l'armée a repris Hadrout.", ("military_capture", "hadrut", "reports")),
])
def test_round3_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "fr")


def test_a_recalled_capture_is_background() -> None:
    text = "Un an après la libération de Choucha, le président s'y est rendu le 8 novembre 2021."
    assert changes(text, "fr") == []
