"""CSV output that spreadsheets cannot run: the one writer of every CSV export.

Cells come from untrusted text (publishers, titles, notes, places). A spreadsheet reads a cell
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so such text
cells get a leading single quote (OWASP's advice for CSV injection). The look-alikes count
too: full-width and small forms (`＝`, `＋`, `－`, `＠`, `﹦`: NFKC makes them the ASCII
characters, and some imports do the same), and any of these behind white space, zero-width
characters or a byte-order mark, which some imports trim. Numbers are left alone.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA = frozenset("=+-@")
# What an import may drop before the first visible character: every white space character
# (all of them are below U+3001) and the zero-width ones.
_SKIP = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace()) + \
    "\u180e\u200b\u200c\u200d\u2060\ufeff"


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet could take `text` for a formula."""
    if text.startswith(FORMULA_STARTS):
        return True
    rest = text.lstrip(_SKIP)
    return bool(rest) and unicodedata.normalize("NFKC", rest[0])[:1] in _FORMULA


def csv_safe(value: object) -> object:
    """`value` itself, or a text that starts like a formula with a `'` in front."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def write_csv(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """CSV text: a header of `columns`, then one line per row (other keys ignored), every
    cell through `csv_safe`."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_safe(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()
