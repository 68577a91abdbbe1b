"""Date patterns built from the per-language words (lang.words), one set per language set.

Every pattern that can start with a word has a lookahead on the first characters it may start
with: the same matches, but a position that cannot start one fails at once (2-3 times faster
scans; tests/test_ingest_dates_scan.py checks the matches are the same without it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from karabakh_map.ingest.lang.words import ALL_WORDS as WORDS
from karabakh_map.ingest.lang.words import DateWords

YEAR = r"(1[89]\d\d|20\d\d)"
PARTS = {"early": "early", "mid": "mid", "late": "late", "end of": "end of",
         "beginning of": "beginning of"}
_I = re.IGNORECASE


def _union(attr: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for words in WORDS.values():
        for k, v in getattr(words, attr).items():
            out.setdefault(k, v)
    return out


# Lookups over every language: the forms hardly collide, and the patterns already decided
# which languages a text is read in.
MONTHS: dict[str, int] = {f: m for w in WORDS.values() for m, forms in w.months.items()
                          for f in forms}
WEEKDAYS: dict[str, int] = {f: d for w in WORDS.values() for d, forms in w.weekdays.items()
                            for f in forms}
RELATIVE = _union("relative")
WEEKDAY_QUAL = {**_union("weekday_before"), **_union("weekday_after")}
MONTH_QUAL = {**_union("month_before"), **_union("month_after")}
DATE_BEFORE = _union("date_before")
DATE_AFTER = _union("date_after")
YEAR_QUAL = _union("year_before")


Trie = dict[str, "Trie"]  # letter -> the rest; "" marks a word's end


def trie_regex(words: Iterable[str]) -> str:
    """An alternation that branches on each letter, so failing positions fail fast."""
    trie: Trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: Trie) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + build(trie) + ")"


def ahead(words: Iterable[str], *, digit: bool = False) -> str:
    """A lookahead for the characters a match can start with (first letters, and a digit)."""
    first = "".join(sorted({re.escape(w[0]) for w in words if w})) + (r"\d" if digit else "")
    return f"(?=[{first}])"


def _alt(words: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)
                            ) + ")"


def _words(langs: tuple[str, ...]) -> list[DateWords]:
    return [WORDS[lang] for lang in langs if lang in WORDS]


@lru_cache(maxsize=16)
def patterns_for(langs: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) for the date expressions of these languages, in resolution order."""
    ws = _words(langs)
    months = [f for w in ws for forms in w.months.values() for f in forms]
    full = [f for f in months if len(f) > 3 or f in ("may", "mai", "май", "мая", "мае")]
    wds = [f for w in ws for forms in w.weekdays.values() for f in forms]
    mon, monfull, wd = trie_regex(months) + r"\.?", trie_regex(full), trie_regex(wds)
    tails = [t for t in ("st", "nd", "rd", "th") if ws] + [w.day_tail for w in ws if w.day_tail]
    ordn = "(?:" + "|".join(tails) + ")?"
    joins = _alt(["to", "-", "–", "and", "into", *(j for w in ws for j in w.range_joins)])
    year_mid = "|".join(w.year_mid for w in ws if w.year_mid)
    rel = [k for w in ws for k in w.relative]
    wd_before = [k for w in ws for k in w.weekday_before]
    wd_after = [k for w in ws for k in w.weekday_after]
    bare = [f for w in ws if w.bare_weekday for forms in w.weekdays.values() for f in forms]
    mon_before = [k for w in ws for k in w.month_before]
    mon_after = [k for w in ws for k in w.month_after]
    mon_in = [w.months[m][0] + e for w in ws for m in w.months for e in w.month_in]
    year_before = [k for w in ws for k in w.year_before]
    year_after = [t for w in ws for t in w.year_after]
    out: list[tuple[str, str, int]] = [
        ("iso", r"\b(\d{4})-(\d{2})-(\d{2})\b", 0),
        ("dmy_num", r"\b(\d{1,2})([./])(\d{1,2})\2(\d{4})\b", 0),
        ("range_dm",
         ahead(["the", "night", "between", "from", *wds], digit=True) +
         rf"(?:\b(?:the\s+)?night\s+(?:of\s+|from\s+)?|\bbetween\s+|\bfrom\s+)?\b(?:{wd}\s+)?"
         rf"(\d{{1,2}}){ordn}\s*{joins}\s*(?:{wd}\s+)?(\d{{1,2}}){ordn}\s+"
         rf"({mon})(?:,?\s+{YEAR})?\b", _I),
        ("range_md", ahead(months) + rf"\b({mon})\s+(\d{{1,2}}){ordn}\s*(?:-|–|to|and)\s*"
         rf"(\d{{1,2}}){ordn}(?:,?\s+{YEAR})?\b", _I),
        ("night_wd", rf"\b(?:the\s+)?night\s+(?:of|from)\s+({wd})\s+(?:to|into)\s+({wd})\b", _I),
        ("ymd", rf"\b{YEAR}(?:{year_mid})?\s*,?\s+({mon})\s+(\d{{1,2}}){ordn}\b"
         if year_mid else "", _I),
        # "1993-cü ilin 23 iyulunda": the year first, then day and month
        ("ydm", rf"\b{YEAR}(?:{year_mid})\s+(\d{{1,2}}){ordn}\s+({mon})" if year_mid else "", _I),
        ("mdy", ahead([*wds, *months]) +
         rf"\b(?:{wd},?\s+)?({mon})\s+(\d{{1,2}}){ordn}(?:,?\s+{YEAR})?\b", _I),
        ("dmy", ahead(wds, digit=True) +
         rf"\b(?:{wd},?\s+)?(\d{{1,2}}){ordn}\s+(?:of\s+)?({mon})(?:,?\s+{YEAR})?\b", _I),
        ("part_month_year", ahead([*PARTS, *full]) +
         rf"\b(?:({_alt(PARTS)})[\s-]+)?({monfull})\s+{YEAR}\b", _I),
        ("part_month", ahead(mon_before) + rf"\b({_alt(mon_before)})[\s-]+({monfull})\b", _I),
        ("month_after", ahead(full) + rf"\b({monfull})\s+({_alt(mon_after)})\b"
         if mon_after else "", _I),
        ("month_in", ahead(mon_in) + rf"\b({_alt(mon_in)})\b" if mon_in else "", _I),
        ("decade", ahead(["the", "early", "mid", "late", "1", "2"]) +
         r"\b(?:the\s+)?(?:(early|mid|late)[\s-]+)?(1[89]\d0|20\d0)s\b", _I),
        ("year", ahead(year_before) +
         rf"\b({_alt(year_before)})[\s-]+{YEAR}\b(?![,.]?\d)", _I),
        ("year_after", rf"\b{YEAR}(?:{'|'.join(year_after)})" if year_after else "", _I),
        ("relword", ahead(rel) + rf"\b({_alt(rel)})\b", _I),
        ("weekday", ahead(wd_before) + rf"\b({_alt(wd_before)})\s+({wd})\b"
         r"(?:\s+(?:night|morning|evening))?", _I),
        ("weekday_after", ahead(wds) + rf"\b({wd})\s+({_alt(wd_after)})\b"
         if wd_after else "", _I),
        ("weekday_bare", ahead(bare) + rf"\b({trie_regex(bare)})\b" if bare else "", _I),
        ("weekday_poss", ahead(wds) + rf"\b({wd})'s\b", _I),
    ]
    return tuple((kind, re.compile(rx, flags)) for kind, rx, flags in out if rx)


def future_regex(langs: tuple[str, ...]) -> re.Pattern[str]:
    """Future cues of these languages ("will", "va", "wird", "-acak"), as whole words."""
    return _future(tuple(langs))


@lru_cache(maxsize=16)
def _future(langs: tuple[str, ...]) -> re.Pattern[str]:
    cues = "|".join(w.future for w in _words(langs) if w.future)
    return re.compile(rf"\b(?:{cues})\b", _I)
