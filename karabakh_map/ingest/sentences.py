"""Sentence spans of a cleaned article (paragraphs never merge into one sentence)."""

from __future__ import annotations

import re
from collections.abc import Iterator

_ABBREV = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "prof", "jan", "feb", "mar",
           "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc",
           "u.s", "u.n", "e.g", "i.e"}
_LAST_WORD = re.compile(r"([\w.]+)[.!?]*[\"”’)]*\s*$")
# (?<![.!?]): a run of stops is tried from its first only (from each, it was quadratic).
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"”’)]*\s+(?=[\"“‘„«(]?[A-Z0-9\u0400-\u042f])")
# Further ends: the Armenian full stop (not inside a time, "07։10"), a colon typed for it
# before an Armenian capital, and a stop before a capital outside A-Z and Cyrillic (Şuşa,
# Ədliyyə, Élysée, Über).
# ... and a stop typed without its space between a word of 3+ letters and a capital
# ("edilmişti.SIRADA"; not "U.S.", "3.5", nor an abbreviation: see _glued_abbreviation).
_MORE_ENDS = re.compile(r"(?<!\d)։\s*|։(?!\d)\s*|:\s+(?=[\u0531-\u0556])|"
                        r"(?<![.!?])[.!?]+[\"”’»)]*\s+(?=[«„\"“(]?([^\W\d_A-Z\u0400-\u04ff]))|"
                        r"(?<=[^\W\d_]{3})\.(?=([^\W\d_]))")
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_ORDINAL_END = re.compile(r"(?<![\d.])\b\d{1,2}\.$")  # "am 1. Januar" is no sentence end


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence; each line of the text is split on its own."""
    return list(_more_ends(text, _join_ordinals(text, _basic_spans(text))))


def _basic_spans(text: str) -> list[tuple[int, int]]:
    """Sentences ending in [.!?] before a capital A-Z, Cyrillic or a digit."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        for m in _BOUNDARY.finditer(line):
            # only the tail: an end-anchored search over the whole prefix is quadratic
            word = _LAST_WORD.search(line, max(0, m.end() - 80), m.end())
            if word and word.group(1).lower().rstrip(".") in _ABBREV:
                continue
            end = pos + m.start() + len(m.group(0).rstrip())
            _add(spans, text, start, end)
            start = pos + m.end()
        _add(spans, text, start, pos + len(line))
        pos += len(line) + 1
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _join_ordinals(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` joined where one ends in an ordinal on the same line ("am 1. Januar")."""
    joined: list[tuple[int, int]] = []
    for s0, s1 in spans:
        if joined and _ORDINAL_END.search(text, joined[-1][0], joined[-1][1]) \
                and text.count("\n", joined[-1][1], s0) == 0:
            joined[-1] = (joined[-1][0], s1)
        else:
            joined.append((s0, s1))
    return joined


def _more_ends(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """`spans` split further at the sentence ends of _MORE_ENDS."""
    for s0, s1 in spans:
        start = s0
        for m in _MORE_ENDS.finditer(text, s0, s1):
            if m.group(1) is not None and not m.group(1).isupper():
                continue
            if m.group(2) is not None and (not m.group(2).isupper()
                                           or _glued_abbreviation(text, m.start())):
                continue
            end = m.start() + len(m.group().rstrip())
            if end > start:
                yield start, end
            start = m.end()
        if start < s1:
            yield start, s1


def _glued_abbreviation(text: str, stop: int) -> bool:
    """Whether the word before a stop glued to a capital is an abbreviation ("Gen.Smith")
    or the name before a dot inside a web address ("www.Example")."""
    word = _WORD_BEFORE.search(text, max(0, stop - 40), stop)
    if word is None:
        return True
    return word.group().lower() in {*_ABBREV, "www"} \
        or text[max(0, word.start() - 1):word.start()] == "."
