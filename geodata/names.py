"""One way to fold and match place names, shared by gazetteer search and article ingest.

`fold` makes two spellings of a name equal when they differ only in case, diacritics,
Azerbaijani letters, apostrophes, hyphens or spacing ("Kel'badzhar" = "Kelbadzhar",
"Kəlbəcər" = "kalbacar"). Inflected forms are matched by suffix stripping per script, never by
word lists: `base_forms` gives the forms a folded word may be an inflection of ("Агдама" ->
"агдам", "Şuşada" -> "susa", "Ստեփանակերտում" -> "ստեփանակերտ"), and `index_forms` the forms
a name is indexed under (a Russian name ending in a vowel also by its stem: "шуша" -> "шуш",
so "Шуше" finds it). A word matches a name when one of its base forms is one of the name's
index forms. Latin-script stripping uses Turkish/Azerbaijani case endings, so callers enable
it only for those languages (or for a bare name typed in a search box).

Leaf module: standard library only, importable by geodata and by karabakh_map.ingest.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import product

# Letters NFKD leaves alone, folded the way Latin transliterations write them.
_FOLD = str.maketrans({"ə": "a", "ǝ": "a", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h",
                       "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th"})
# Apostrophe-like marks vanish ("Ag'dam" = "Agdam"); other punctuation separates words.
APOSTROPHES = frozenset("'’‘`´ʹʻʼʽʾʿˈˌ′")
_NO_APOSTROPHES = str.maketrans(dict.fromkeys(APOSTROPHES, ""))  # before NFKD: ´ -> space


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Fold a name for matching: casefold, strip diacritics, drop apostrophes, unify spaces.

    Azerbaijani letters map to their plain Latin forms (ə->a, ı->i, ş->s, ç->c, ğ->g, ö->o,
    ü->u); x stays x. Any other punctuation becomes a single space.
    """
    s = unicodedata.normalize("NFKD", s.translate(_NO_APOSTROPHES))
    s = unicodedata.normalize("NFKD", s.casefold())  # after NFKD too: "𝙰" -> "A" -> "a"
    out = []
    for ch in s.translate(_FOLD):
        if unicodedata.combining(ch) or ch in APOSTROPHES:
            continue
        out.append(ch if ch.isalnum() else " ")
    return " ".join("".join(out).split())


def script(word: str) -> str:
    """'cyrl', 'armn' or 'latn' (anything else) by the word's first letter."""
    ch = word[:1]
    if "\u0400" <= ch <= "\u04ff":
        return "cyrl"
    if "\u0530" <= ch <= "\u058f":
        return "armn"
    return "latn"


def _folded(endings: list[str]) -> tuple[str, ...]:
    """Endings in folded form (й -> и, ə -> a, ı -> i ...), longest first."""
    return tuple(sorted({fold(e) for e in endings}, key=lambda e: (-len(e), e)))


_ADJ = ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему",
        "ым", "им", "ом", "ем", "ую", "юю", "ей", "ых", "их", "ыми", "ими"]
# Russian and Ukrainian noun and adjective endings, and place adjectives (Агдамский,
# Шушинского, Лачинському): the name is what stays once one of them is cut.
_CYRILLIC = _folded([
    "а", "я", "о", "е", "и", "ы", "у", "ю", "ь", "й", "і", "ом", "ем", "ой", "ей", "ою", "ею",
    "ам", "ям", "ах", "ях", "ами", "ями", "ов", "ев", "ию", "ии", "ія", "ії",
    *_ADJ, *[f"{s}{a}" for s in ("ск", "инск", "енск", "ськ", "инськ")
             for a in (*_ADJ, "ий", "ого", "ому", "ій", "а", "е", "у")],
])
# Nominative endings a Russian name may have that its other cases replace (Шуша -> Шуше).
_CYRILLIC_NOMINATIVE = _folded(["а", "я", "о", "е", "ь", "й", "ый", "ий", "ой", "ая", "ое"])
# Armenian case endings and the article: -ի, -ին, -ից, -ում, -ով, -ը, -ն, and -յ- after a
# vowel (Ակնայի).
_ARMENIAN = _folded(["ի", "ին", "ից", "ում", "ով", "ը", "ն", "ու", "յի", "յին", "յից",
                     "յում", "յով", "ն", "ում"])
# Turkish and Azerbaijani case endings (folded, so -də = -da, -nın = -nin, -ə = -a).
_TURKIC = _folded([
    "da", "də", "de", "ta", "tə", "te", "dan", "dən", "den", "tan", "tən", "ten",
    "nda", "ndə", "nde", "ndan", "ndən", "nden", "daki", "dakı", "dəki", "deki", "ndaki",
    "ndakı", "ndəki", "ndeki", "ın", "in", "un", "ün", "nın", "nin", "nun", "nün", "yın",
    "yin", "a", "ə", "e", "ya", "yə", "ye", "na", "nə", "ne", "ı", "i", "u", "ü", "yı", "yi",
    "yu", "nı", "ni", "nu", "la", "lə", "le", "yla", "ylə", "yle", "ya", "dır", "dir",
])
_MIN_BASE = {"cyrl": 3, "armn": 3, "latn": 4}


@lru_cache(maxsize=65536)
def base_forms(word: str, *, latin: bool = False) -> tuple[str, ...]:
    """Forms a folded word may be an inflection of, the word itself first.

    Cyrillic and Armenian words are always stripped; Latin words only when `latin` is true
    (Turkish and Azerbaijani endings would mangle English, French or German words).
    """
    kind = script(word)
    endings = {"cyrl": _CYRILLIC, "armn": _ARMENIAN}.get(kind, _TURKIC if latin else ())
    floor = _MIN_BASE[kind]
    out = [word]
    for end in endings:
        if word.endswith(end) and len(word) - len(end) >= floor:
            base = word[:-len(end)]
            if base not in out:
                out.append(base)
    return tuple(out)


@lru_cache(maxsize=65536)
def index_forms(word: str) -> tuple[str, ...]:
    """Forms a folded name word is indexed under: itself, and for Cyrillic its stem without
    a nominative ending (so that "шуше" and "шушои" find "шуша")."""
    out = [word]
    if script(word) == "cyrl":
        for end in _CYRILLIC_NOMINATIVE:
            if word.endswith(end) and len(word) - len(end) >= _MIN_BASE["cyrl"]:
                out.append(word[:-len(end)])
    return tuple(out)


def name_keys(folded_name: str) -> set[tuple[str, ...]]:
    """Every word tuple a folded name is indexed under (its words' index forms combined)."""
    words = folded_name.split()
    if not words:
        return set()
    return set(product(*(index_forms(w) for w in words)))


def word_candidates(folded_words: tuple[str, ...], *, latin: bool = True
                    ) -> list[tuple[str, ...]]:
    """Every tuple of base forms of some folded words, the literal tuple first."""
    return list(product(*(base_forms(w, latin=latin) for w in folded_words)))
