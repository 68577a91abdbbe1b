"""Cue tables by language (ISO 639-1), one module per language; `tables_for` picks the
tables an article is read with."""

from __future__ import annotations

import re

from karabakh_map.ingest.cues.az import AZERBAIJANI
from karabakh_map.ingest.cues.de import GERMAN
from karabakh_map.ingest.cues.en import ENGLISH
from karabakh_map.ingest.cues.fr import FRENCH
from karabakh_map.ingest.cues.hy import ARMENIAN
from karabakh_map.ingest.cues.ru import RUSSIAN
from karabakh_map.ingest.cues.table import NEVER, CueTable
from karabakh_map.ingest.cues.tr import TURKISH
from karabakh_map.ingest.cues.uk import UKRAINIAN

__all__ = ["ENGLISH", "NEVER", "TABLES", "CueTable", "tables_for"]

TABLES: dict[str, CueTable] = {"en": ENGLISH, "ru": RUSSIAN, "fr": FRENCH, "de": GERMAN,
                               "tr": TURKISH, "az": AZERBAIJANI, "hy": ARMENIAN,
                               "uk": UKRAINIAN}
# Languages read with a neighbour's table.
BORROWED = {"be": "ru"}
# Letters that show a language is present when none was detected.
_SIGNS = (("uk", re.compile("[іїєґІЇЄҐ]")), ("ru", re.compile("[\u0400-\u04ff]")),
          ("hy", re.compile("[\u0531-\u0587]")),
          ("az", re.compile("[əƏ]")), ("tr", re.compile("[ğĞşŞıİ]")),
          ("de", re.compile("[äöüßÄÖÜ]")), ("fr", re.compile("[éèêàçœÉÈ]")))
SAMPLE = 5000  # characters looked at for those letters


def tables_for(lang: str | None, text: str = "") -> tuple[CueTable, ...]:
    """The cue tables for an article in `lang`, and English (quotes, wire headlines, a
    language given wrongly); unknown: English and the languages whose letters appear."""
    if lang:
        code = lang.lower().split("-")[0]
        code = BORROWED.get(code, code)
        if code in TABLES:
            return (TABLES[code],) if code == "en" else (TABLES[code], ENGLISH)
    head = text[:SAMPLE]
    found = [TABLES[code] for code, sign in _SIGNS if sign.search(head)]
    if TURKISH in found and AZERBAIJANI in found:  # ə is Azerbaijani only
        found.remove(TURKISH)
    if UKRAINIAN in found:  # і, ї, є, ґ are not Russian letters
        found.remove(RUSSIAN)
    return (ENGLISH, *found)
