"""Places in article text, matched by any spelling the gazetteer knows, with offsets.

Every gazetteer spelling is folded by geodata.names.fold (the same folding as gazetteer search)
into a tuple of tokens; the text is tokenised and folded the same way, and the longest known
token sequence wins at each position. A word with an apostrophe inside is one token when that
spelling is known ("Kel'badzhar"), else its parts are ("l'Arménie"). Where no spelling matches,
inflected forms are tried (geodata.names.base_forms: "Агдама", "Шуше", "Ստեփանակերտում"; Latin
words only for Turkish and Azerbaijani, "Şuşada", "Ağdama"). One matcher is built per
gazetteer and cached.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from geodata.names import APOSTROPHES, base_forms, fold, name_keys
from geodata.placelike import PlaceLike

CORRIDOR_ID = "lachin-corridor"
_MAX_TOKENS = 6
TURKIC = frozenset({"tr", "az"})  # languages whose Latin words are stripped of case endings
_STOP = {"the", "and", "of", "city", "district", "region", "village", "town", "new", "old",
         "upper", "lower", "central", "north", "south", "east", "west", "republic", "river",
         "mount", "lake", "may", "will", "red", "white", "black"}
_WORD = re.compile(r"\w+")
_APOS = "".join(sorted(APOSTROPHES))
_CHUNK = re.compile(rf"\w+(?:[{re.escape(_APOS)}]\w+)*")
# A district noun right after a place name or right before it ("Aghdam district", "Агдамского
# района", "Ağdam rayonunun", "Ակնայի շրջանի", "district de Latchin", "Bezirk Kalbadschar"):
# the mention names the district, not its town. Stems: case endings vary.
_DISTRICT_AFTER = re.compile(
    r"^[-\s]*(?:districts?\b|regions?\b|rayon\w*|provinces?\b|район\w*|регион\w*|"
    r"bölge\w*|ilçe\w*|bölgə\w*|շրջան(?:ի|ին|ում|ը|ից|ն|ով)?\b|Bezirk\w*|Distrikt\w*)",
    re.IGNORECASE)
_DISTRICT_BEFORE = re.compile(
    r"(?:\b(?:district|region|rayon|province)\s+of\s+(?:the\s+)?|"
    r"\b(?:district|région|region|rayon)\s+(?:de\s+|d['’]\s*|du\s+)|"
    r"\b(?:Bezirks?|Distrikts?|Region|Provinz|Rayon)\s+|\bрайон\w*\s+)$", re.IGNORECASE)
_CORRIDOR_NOUNS = frozenset({"corridor", "korridor", "коридор", "koridor", "dahliz", "միջանցք"})
# Press spellings the gazetteer lacks (French, German, Turkish, Armenian, Russian
# transliterations of the places that changed hands; facts, not text).
_EXONYMS: dict[str, tuple[str, ...]] = {
    "fuzuli": ("Fizouli", "Fuzouli", "Fisuli", "Füsuli", "Fusuli", "Ֆիզուլի"),
    "jabrayil": ("Djabraïl", "Djabrail", "Djebrail", "Dschabrajil", "Dschabrail", "Dschebrail",
                 "Джабраил", "Джабраїл", "Ջաբրայիլ", "Ջեբրայիլ"),
    "zangilan": ("Zanguilan", "Zanguelan", "Sangilan", "Sangelan", "Զանգելան", "Զանգիլան"),
    "qubadli": ("Goubadly", "Goubadli", "Kubatlı", "Kubatli", "Kubatly", "Губадли", "Կուբաթլու",
                "Ղուբաթլու"),
    "kalbajar": ("Kelbadschar", "Karvatchar", "Карвачар", "Քելբաջար"),
    "lachin": ("Laschin",),
    "zabukh": ("Zabuh", "Sabuch"),
    "shusha": ("Chouchi", "Šuša"),
    "talish": ("Talych", "Talysch", "Talysh"),
    "sugovushan": ("Suğovuşan", "Sugowuschan"),
    "khankendi": ("Chankendi", "Xankəndi", "Ханкенди"),
    "nagorno-karabakh": ("Bergkarabach", "Berg-Karabach", "Bergkarabagh", "Dağlık Karabağ",
                         "Haut Karabakh", "Нагорный Карабах", "Լեռնային Ղարաբաղ",
                         # the bare name, as the region-wide news uses it
                         "Karabach", "Karabağ", "Qarabağ", "Карабах", "Ղարաբաղ"),
}
_RU_TO_UK = str.maketrans({"и": "і", "ы": "и", "э": "е"})
_RU_TO_UK_LETTERS = frozenset("иыэ")
_UK_REGION = ("Нагірний Карабах", "Нагірного Карабаху", "Нагірному Карабасі")
_MIN_E_NAME = 5  # letters a name needs before its final e may be silent
_NEAR = 24  # characters looked at on either side for a district noun


class GazetteerLike(Protocol):
    @property
    def places(self) -> Mapping[str, PlaceLike]: ...

    def variants(self) -> dict[str, str]: ...


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text: the span, the gazetteer place and its district."""

    start: int
    end: int
    text: str
    place_id: str
    district_id: str | None
    kind: str
    name: str
    country: str | None = None
    whole_district: bool = False  # "Aghdam district", "Агдамский район": not the town


__all__ = ["CORRIDOR_ID", "PlaceMatcher", "PlaceMention", "find_places", "fold", "matcher_for"]


class PlaceMatcher:
    """Finds gazetteer places in text."""

    def __init__(self, gazetteer: GazetteerLike) -> None:
        self.places = gazetteer.places
        self._keys: dict[tuple[str, ...], str] = {}
        for variant, pid in gazetteer.variants().items():
            self._add(variant, pid)
        for pid, place in self.places.items():
            for name in (place.name, *place.alt_names):
                self._add(name, pid)
        for pid, names in _EXONYMS.items():
            if pid in self.places:
                for name in names:
                    self._add(name, pid)
        self._add_ukrainian()
        self._add_corridor()
        self._longest: dict[str, int] = {}  # first token -> longest key starting with it
        for key in self._keys:
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
        # Inflected forms: every key under its index forms, and every prefix of those.
        self._stems: dict[tuple[str, ...], str] = {}
        for key, pid in self._keys.items():
            for form in sorted(name_keys(" ".join(key))):
                self._stems.setdefault(form, pid)
        self._stem_prefixes = {form[:n] for form in self._stems for n in range(1, len(form))}
        self._stem_first = {form[0] for form in self._stems}
        self._later_words = {w for form in self._stems for w in form[1:]}

    def _add(self, name: str, pid: str) -> None:
        tokens = tuple(fold(name).split())
        if not tokens or len(tokens) > _MAX_TOKENS:
            return
        if len(tokens) == 1 and (len(tokens[0]) < 3 or tokens[0] in _STOP
                                 or tokens[0].isdigit()):
            return
        self._keys.setdefault(tokens, pid)

    def _add_ukrainian(self) -> None:
        """Ukrainian spellings of the Russian ones: и is written і, ы и, э е ("Фізулі",
        "Губадли", "Зангілан"); the region's own name ("Нагірний Карабах") is not a
        letter-for-letter respelling."""
        for key, pid in list(self._keys.items()):
            if any(_RU_TO_UK_LETTERS.intersection(w) for w in key):
                self._keys.setdefault(tuple(w.translate(_RU_TO_UK) for w in key), pid)
        region = self._keys.get(("нагорныи", "карабах"))
        if region is not None:
            for name in _UK_REGION:
                self._add(name, region)

    def _add_corridor(self) -> None:
        """'Lachin corridor' is the corridor, not the town or district of Lachin, in every
        language ("Лачинский коридор", "Laçın dəhlizi", "Latschin-Korridor", "Լաչինի
        միջանցք", "corridor de Latchine"); inflected forms come from the stem index."""
        lachin = [k for k, pid in self._keys.items() if pid == "lachin" and len(k) == 1]
        for (word,) in lachin:
            for noun in _CORRIDOR_NOUNS:
                self._keys.setdefault((word, noun), CORRIDOR_ID)
                for link in ("of", "de", "von", "du"):
                    self._keys.setdefault((noun, link, word), CORRIDOR_ID)

    def _tokens(self, text: str) -> list[tuple[int, int, str]]:
        """Folded tokens with their spans; a folded word can hold more than one token
        ("Dağlıq" stays one; "Nagorno_Karabakh" splits)."""
        toks: list[tuple[int, int, str]] = []
        for m in _CHUNK.finditer(text):
            word = m.group()
            if not word.isalnum():  # an apostrophe inside: one token only if a name
                joined = fold(word)
                if joined in self._longest or joined in self._stem_first:
                    toks.append((m.start(), m.end(), joined))
                    continue
                toks.extend((m.start() + w.start(), m.start() + w.end(), part)
                            for w in _WORD.finditer(word) for part in fold(w.group()).split())
                continue
            parts = fold(word).split()
            if len(parts) == 1:
                toks.append((m.start(), m.end(), parts[0]))
            else:
                toks.extend((m.start(), m.end(), part) for part in parts)
        return toks

    def find(self, text: str, lang: str | None = None) -> list[PlaceMention]:
        """Every place mention in `text`, in order, longest spelling first at each position.

        `lang` (an ISO 639-1 code) enables case-ending stripping of Latin words for Turkish
        and Azerbaijani; Cyrillic and Armenian words are always tried without their endings.
        """
        toks = self._tokens(text)
        latin = lang in TURKIC
        longest = self._longest
        stem_first = self._stem_first
        out: list[PlaceMention] = []
        free = 0  # tokens before this one are inside a mention already found
        for i, (start, _end, tok) in enumerate(toks):
            if i < free or (text[start].islower() and tok not in _CORRIDOR_NOUNS):
                continue
            n = 0
            pid = None
            if tok in longest:
                n, pid = self._exact(toks, i)
            if (pid is None or (i + 1 < len(toks) and self._multi(toks[i + 1][2], latin))) \
                    and (latin or not tok.isascii()) and any(
                    b in stem_first for b in base_forms(tok, latin=latin)):
                # an exact one-word name may still begin a longer inflected one
                m, inflected = self._inflected(toks, i, latin)
                if inflected is not None and m > n:
                    n, pid = m, inflected
            if pid is None and len(tok) >= _MIN_E_NAME and tok.isascii() and tok.isalpha():
                n, pid = self._silent_e(toks, i)
            if pid is None and lang == "de" and len(tok) >= _MIN_E_NAME and tok.endswith("s"):
                pid = self._keys.get((tok[:-1],))  # the genitive: "Schuschas", "Kalbadschars"
                n = 1 if pid is not None else 0
            if pid is not None:
                out.append(self._mention(text, start, toks[i + n - 1][1], pid))
                free = i + n
        return [_scoped(text, m) for m in out]

    def _multi(self, tok: str, latin: bool) -> bool:
        """Whether `tok` may be a later word of a multi-word name (in some inflected form)."""
        return any(b in self._later_words for b in base_forms(tok, latin=latin))

    def _silent_e(self, toks: list[tuple[int, int, str]], i: int) -> tuple[int, str | None]:
        """A one-word name with or without a final silent e ("Latchin" = "Latchine")."""
        tok = toks[i][2]
        other = tok[:-1] if tok.endswith("e") else tok + "e"
        pid = self._keys.get((other,))
        return (1, pid) if pid is not None else (0, None)

    def _exact(self, toks: list[tuple[int, int, str]], i: int) -> tuple[int, str | None]:
        for n in range(min(self._longest[toks[i][2]], len(toks) - i), 0, -1):
            pid = self._keys.get(tuple(t[2] for t in toks[i:i + n]))
            if pid is not None:
                return n, pid
        return 0, None

    def _inflected(self, toks: list[tuple[int, int, str]], i: int, latin: bool
                   ) -> tuple[int, str | None]:
        """The longest key whose index forms the base forms of toks[i:] spell."""
        best: tuple[int, str | None] = (0, None)
        frontier: list[tuple[str, ...]] = [()]
        for j in range(i, min(i + _MAX_TOKENS, len(toks))):
            grown = [(*p, b) for p in frontier for b in base_forms(toks[j][2], latin=latin)]
            for form in grown:
                pid = self._stems.get(form)
                if pid is not None and len(form) > best[0]:
                    best = (len(form), pid)
            frontier = [f for f in grown if f in self._stem_prefixes]
            if not frontier:
                break
        return best

    def _mention(self, text: str, start: int, end: int, pid: str) -> PlaceMention:
        place = self.places.get(pid)
        if pid == CORRIDOR_ID:
            return PlaceMention(start, end, text[start:end], pid, CORRIDOR_ID, "region",
                                place.name if place else "Lachin corridor", "AZ")
        if place is None:
            return PlaceMention(start, end, text[start:end], pid, None, "unknown", pid)
        return PlaceMention(start, end, text[start:end], pid, place.district_id, place.kind,
                            place.name, getattr(place, "country", None))


def _scoped(text: str, m: PlaceMention) -> PlaceMention:
    """The mention marked as its whole district when a district noun stands beside it."""
    if m.district_id is None or m.district_id == CORRIDOR_ID or m.kind == "region":
        return m
    if _DISTRICT_AFTER.match(text[m.end:m.end + _NEAR]) or _DISTRICT_BEFORE.search(
            text[max(0, m.start - _NEAR):m.start]):
        return replace(m, whole_district=True)
    return m


_CACHE: dict[int, tuple[GazetteerLike, PlaceMatcher]] = {}


def matcher_for(gazetteer: GazetteerLike) -> PlaceMatcher:
    """The cached matcher of a gazetteer (built on first use)."""
    hit = _CACHE.get(id(gazetteer))
    if hit is not None and hit[0] is gazetteer:
        return hit[1]
    matcher = PlaceMatcher(gazetteer)
    _CACHE[id(gazetteer)] = (gazetteer, matcher)
    return matcher


def default_gazetteer() -> GazetteerLike:
    """The project gazetteer (geodata.gazetteer.load_gazetteer)."""
    from geodata.gazetteer import load_gazetteer

    return load_gazetteer()


def find_places(text: str, gazetteer: GazetteerLike | None = None, *,
                lang: str | None = None) -> list[PlaceMention]:
    """Place mentions in `text` (the project gazetteer unless one is given); `lang` as in
    PlaceMatcher.find."""
    return matcher_for(gazetteer or default_gazetteer()).find(text, lang)
