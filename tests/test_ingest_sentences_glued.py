"""Sentence ends typed without their space: a stop glued to a capital."""

from __future__ import annotations

import pytest

from karabakh_map.ingest.sentences import sentence_spans


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_a_stop_glued_to_a_capital_after_a_word_ends_the_sentence() -> None:
    assert _split("Kelbecer işgal edilmişti.SIRADA Laçın var.") == [
        "Kelbecer işgal edilmişti.", "SIRADA Laçın var."]
    assert _split("Şuşa alındı.Ağdam kaldı.") == ["Şuşa alındı.", "Ağdam kaldı."]


@pytest.mark.parametrize("text", ["The U.S.Army came.", "Gen.Smith said so.",
                                  "It was 3.5 km long.", "Visit www.Example.com now.",
                                  "See the site news.az today.", "A.B.C went."])
def test_abbreviations_decimals_and_addresses_do_not_end_one(text: str) -> None:
    assert _split(text) == [text]
