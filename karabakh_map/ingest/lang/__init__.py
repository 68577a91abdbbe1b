"""The languages ingest reads: identification, and per-language words for dates.

`detect_language` asks py3langid (its model ships in the wheel), restricted to the conflict's
languages and Ukrainian, so Ukrainian is not taken for Russian nor Azerbaijani or Turkish for
English. Text too short or too mixed to tell falls back to its script.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

LANGUAGES = ("en", "ru", "fr", "de", "tr", "az", "hy", "uk")  # each has its date words
DETECTED = LANGUAGES  # what detect_language may answer
FALLBACK = "en"
MIN_CONFIDENCE = 0.5  # py3langid's normalised probability over DETECTED
SAMPLE_CHARS = 1500  # a news lead is plenty for the model, and the cost grows with length

_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARMENIAN = re.compile("[\u0530-\u058f]")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # imported and loaded on first use: the model takes about half a second to read
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(DETECTED))
    return ident


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language, one of DETECTED.

    Too few letters or a low confidence: "ru" for mostly Cyrillic, "hy" for mostly Armenian,
    else FALLBACK.
    """
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters and len(_ARMENIAN.findall(sample)) / letters > 0.3:
        return "hy"  # the one language of its script: no model needed
    if letters >= 3:
        lang, prob = _identifier().classify(sample)
        if prob >= MIN_CONFIDENCE:
            return str(lang)
    return _by_script(sample, letters)


def _by_script(sample: str, letters: int) -> str:
    if letters:
        if len(_CYRILLIC.findall(sample)) / letters > 0.3:
            return "ru"
        if len(_ARMENIAN.findall(sample)) / letters > 0.3:
            return "hy"
    return FALLBACK


def date_languages(lang: str | None) -> tuple[str, ...]:
    """The languages whose date words are scanned for an article in `lang`: its own and
    English (datelines and quotes); all of them when the language is not known."""
    if lang is None:
        return LANGUAGES
    lang = lang.lower()
    return (lang, "en") if lang in LANGUAGES and lang != "en" else ("en",)
