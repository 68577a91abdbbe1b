"""The date patterns' start-character lookaheads are a speed-up only: same matches as without."""

import random
import re
from pathlib import Path

import pytest

from karabakh_map.ingest.lang import LANGUAGES
from karabakh_map.ingest.lang.patterns import patterns_for

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
PIECES = [
    "the night of 9 to 10 November", "night from Monday to Tuesday", "between 1 and 3 Nov",
    "from 30-31 December 2020", "Sunday 1 December", "November 25-30, 2020", "Nov. 5 to 7",
    "Friday, November 20th", "20th of November 2020", "mid-November 2020", "end of May 2021",
    "early 1990s", "the late 2010s", "in 1993", "since May", "may be", "May", "1 mai 2021",
    "10 ноября 2020", "ноября 10", "5 août", "décembre 2020", "Saturday's", "SUNDAY'S",
    "ſunday", "K", "İn 1994", "ı", "2020-11-20", "20.11.2020", "31 February 2020", "today",
    "last week", "on Friday night", "next Tuesday", "1 - 2 Oct", "12–14 January",
    "в пятницу", "в ноябре", "вчера", "20 листопада 2020 року", "mardi dernier", "1er décembre",
    "am 20. November", "am Freitagabend", "Kasım'da", "Cuma günü", "dün", "20 noyabr 2020-ci il",
    "noyabrın 20-də", "bu gün", "2020 թ. նոյեմբերի 20-ին", "երեկ", "ուրբաթ օրը", "20/11/2020",
    "1993'te", "в 1993 году", "noyabrın sonunda", "24 au 25 novembre",
]
PATTERNS = [(k, p) for langs in ((LANGUAGES), ("en",), ("fr", "en"))
            for k, p in patterns_for(langs)]


def _corpus() -> list[str]:
    rng = random.Random(9)
    texts = []
    for _ in range(300):
        words = [rng.choice(PIECES) if rng.random() < 0.4 else rng.choice(
            ["the", "and", "forces", ",", ".", "\n", "said", "x1", "—", "of", "on"])
            for _ in range(rng.randrange(5, 40))]
        texts.append(rng.choice([" ", "  ", "\t"]).join(words))
    if SEEDS.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="replace")
                  for p in sorted(SEEDS.glob("*.txt"))]
    return texts


@pytest.mark.parametrize("kind, pattern", [(k, p) for k, p in PATTERNS
                                           if p.pattern.startswith("(?=[")])
def test_lookahead_keeps_every_match(kind: str, pattern: re.Pattern[str]) -> None:
    plain = re.compile(pattern.pattern[pattern.pattern.index("])") + 2:], pattern.flags)
    for text in _corpus():
        fast = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert fast == [(m.span(), m.groups()) for m in plain.finditer(text)], (kind, text)


def test_some_patterns_have_a_lookahead() -> None:
    assert sum(p.pattern.startswith("(?=[") for _, p in patterns_for(LANGUAGES)) >= 5
