"""Places in article text, matched by any spelling the gazetteer knows, with offsets.

Every gazetteer spelling is folded (case, diacritics, punctuation) into a tuple of tokens; the
text is tokenised and folded the same way, and the longest known token sequence wins at each
position. One matcher is built per gazetteer and cached.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

CORRIDOR_ID = "lachin-corridor"
_MAX_TOKENS = 6
# Letters NFKD does not decompose, folded the way transliterations usually write them.
_EXTRA_FOLD = str.maketrans({"ə": "a", "Ə": "a", "ǝ": "a", "ı": "i", "ł": "l", "ø": "o", "đ": "d",
                             "ʼ": "", "’": "", "'": ""})
_STOP = {"the", "and", "of", "city", "district", "region", "village", "town", "new", "old",
         "upper", "lower", "central", "north", "south", "east", "west", "republic", "river",
         "mount", "lake", "may", "will", "red", "white", "black"}
_WORD = re.compile(r"\w+")


class PlaceLike(Protocol):
    id: str
    name: str
    kind: str
    district_id: str | None
    alt_names: tuple[str, ...]


class GazetteerLike(Protocol):
    places: dict[str, PlaceLike]

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


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Case- and diacritic-insensitive form; punctuation becomes spaces."""
    s = unicodedata.normalize("NFKD", s.translate(_EXTRA_FOLD))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = s.translate(_EXTRA_FOLD)
    return " ".join(_WORD.findall(s.replace("_", " ")))


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
        self._add_corridor()
        self._longest: dict[str, int] = {}  # first token -> longest key starting with it
        for key in self._keys:
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))

    def _add(self, name: str, pid: str) -> None:
        tokens = tuple(fold(name).split())
        if not tokens or len(tokens) > _MAX_TOKENS:
            return
        if len(tokens) == 1 and (len(tokens[0]) < 3 or tokens[0] in _STOP
                                 or tokens[0].isdigit()):
            return
        self._keys.setdefault(tokens, pid)

    def _add_corridor(self) -> None:
        """'Lachin corridor' is the corridor, not the town or district of Lachin."""
        lachin = [k for k, pid in self._keys.items() if pid == "lachin" and len(k) == 1]
        for (word,) in lachin:
            self._keys.setdefault((word, "corridor"), CORRIDOR_ID)
            self._keys.setdefault(("corridor", "of", word), CORRIDOR_ID)
            self._keys.setdefault(("corridor", "de", word), CORRIDOR_ID)

    def find(self, text: str) -> list[PlaceMention]:
        """Every place mention in `text`, in order, longest spelling first at each position."""
        # A folded word can hold more than one token ("Dağlıq" stays one; "l'Arménie" splits).
        toks: list[tuple[int, int, str]] = []
        for m in _WORD.finditer(text):
            parts = fold(m.group()).split()
            if len(parts) == 1:
                toks.append((m.start(), m.end(), parts[0]))
            else:
                toks.extend((m.start(), m.end(), part) for part in parts)
        longest = self._longest
        out: list[PlaceMention] = []
        free = 0  # tokens before this one are inside a mention already found
        # Only tokens some key starts with can start a mention: the rest are skipped in C.
        for i in [i for i, t in enumerate(toks) if t[2] in longest]:
            if i < free:
                continue
            for n in range(min(longest[toks[i][2]], len(toks) - i), 0, -1):
                pid = self._keys.get(tuple(t[2] for t in toks[i:i + n]))
                if pid is not None and not text[toks[i][0]].islower():
                    start, end = toks[i][0], toks[i + n - 1][1]
                    out.append(self._mention(text, start, end, pid))
                    free = i + n
                    break
        return out

    def _mention(self, text: str, start: int, end: int, pid: str) -> PlaceMention:
        place = self.places.get(pid)
        if pid == CORRIDOR_ID:
            return PlaceMention(start, end, text[start:end], pid, CORRIDOR_ID, "region",
                                place.name if place else "Lachin corridor", "AZ")
        if place is None:
            return PlaceMention(start, end, text[start:end], pid, None, "unknown", pid)
        return PlaceMention(start, end, text[start:end], pid, place.district_id, place.kind,
                            place.name, getattr(place, "country", None))


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


def find_places(text: str, gazetteer: GazetteerLike | None = None) -> list[PlaceMention]:
    """Place mentions in `text` (the project gazetteer unless one is given)."""
    return matcher_for(gazetteer or default_gazetteer()).find(text)
