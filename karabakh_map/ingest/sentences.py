"""Sentence spans of a cleaned article (paragraphs never merge into one sentence)."""

from __future__ import annotations

import re

_ABBREV = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "prof", "jan", "feb", "mar",
           "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc",
           "u.s", "u.n", "e.g", "i.e"}
_LAST_WORD = re.compile(r"([\w.]+)[.!?]*[\"”’)]*\s*$")
_BOUNDARY = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9\u0400-\u042f])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence; each line of the text is split on its own."""
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
