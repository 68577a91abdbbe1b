"""Places the articles name, found by any of their spellings.

The data is `data/gazetteer.json`, built by `python -m geodata.build_gazetteer` from GeoNames
(CC BY 4.0) plus a short hand-kept table. Nothing is read at import time: `load_gazetteer()`
reads the file on first use and caches it.

Matching goes through `normalize_name` (geodata.names.fold, shared with ingest): case,
diacritics, Azerbaijani letters, apostrophes, hyphens and spacing are folded, so "Şuşa",
"SHUSHA", "Shushi", "Шуша" and "Choucha" all reach the same place. A spelling no place has is
tried again without its case ending ("Агдама", "Şuşada", "Ստեփանակերտում"); when that fails
too, `suggest` offers the nearest spellings ("did you mean").

Ambiguity rule: when one normalised spelling belongs to several places, the winner is, in order,
(1) the place whose own label it is (a label beats someone else's alternative name),
(2) a place inside one of our districts (the map is about them),
(3) the larger kind: city, town, region, village, monastery (a district seat beats a village),
(4) the smaller id, so the choice never depends on file order.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

from geodata.names import fold, name_keys, word_candidates
from geodata.paths import GAZETTEER_FILE

KINDS = ("city", "town", "region", "village", "monastery")  # also the ambiguity order
_KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}

SUGGEST_CUTOFF = 75.0  # rapidfuzz WRatio (0-100) below which a spelling is not offered


class GazetteerError(ValueError):
    """The gazetteer file is missing or malformed."""


@dataclass(frozen=True)
class Place:
    """A named place: a neutral English label, its position, district and other names."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    district_id: str | None
    country: str
    alt_names: tuple[str, ...] = ()
    geonameid: int | None = None
    source: str = ""

    def names(self) -> tuple[str, ...]:
        """The label followed by every alternative name."""
        return (self.name, *self.alt_names)


def normalize_name(s: str) -> str:
    """Fold a name for matching (geodata.names.fold): casefold, strip diacritics, drop
    apostrophes, unify hyphens and spaces; Azerbaijani letters map to plain Latin (x stays x).
    """
    return fold(s)


def _priority(place: Place) -> tuple[int, int]:
    """Lower wins: places in our districts first, then the larger kind."""
    return (0 if place.district_id else 1, _KIND_RANK.get(place.kind, len(KINDS)))


class Suggestion(NamedTuple):
    """A spelling close to a query that found nothing, the place it names, and how close."""

    name: str
    place: Place
    score: float


class Gazetteer:
    """Places by id, with an index from every normalised spelling to one place id."""

    def __init__(self, places: Iterable[Place], header: Mapping[str, Any] | None = None) -> None:
        self.header: dict[str, Any] = dict(header or {})
        self.places: dict[str, Place] = {}
        for place in places:
            if place.id in self.places:
                raise GazetteerError(f"duplicate place id {place.id!r}")
            self.places[place.id] = place
        # (normalised variant, place id, is the place's label), one entry per distinct pair.
        self._entries: list[tuple[str, str, bool]] = []
        self._spelling: dict[str, str] = {}  # normalised variant -> a spelling as written
        candidates: dict[str, list[tuple[bool, str]]] = {}
        for place in self.places.values():
            label = normalize_name(place.name)
            for name in place.names():
                self._spelling.setdefault(normalize_name(name), name)
            for variant in sorted({normalize_name(n) for n in place.names()} - {""}):
                is_label = variant == label
                self._entries.append((variant, place.id, is_label))
                candidates.setdefault(variant, []).append((is_label, place.id))
        self._variants = {
            variant: min(ids, key=lambda c: self._rank(c[1], c[0]))[1]
            for variant, ids in candidates.items()
        }
        self._ambiguous = {v: sorted(pid for _, pid in ids)
                           for v, ids in candidates.items() if len(ids) > 1}

    def _rank(self, place_id: str, is_label: bool) -> tuple[int, int, int, str]:
        return (0 if is_label else 1, *_priority(self.places[place_id]), place_id)

    def __len__(self) -> int:
        return len(self.places)

    @cached_property
    def _inflected(self) -> dict[tuple[str, ...], str]:
        """Index forms of every spelling (geodata.names.name_keys) -> place id; built on the
        first lookup that misses, in the ambiguity order of the exact spellings."""
        out: dict[tuple[str, ...], str] = {}
        for variant in sorted(self._variants, key=lambda v: self._rank(self._variants[v],
                                                                          True)):
            for key in name_keys(variant):
                out.setdefault(key, self._variants[variant])
        return out

    def lookup(self, name: str) -> Place | None:
        """The place this spelling names (any script, case, diacritics, case endings such as
        "Агдама" or "Şuşada"), or None."""
        q = normalize_name(name)
        place_id = self._variants.get(q)
        if place_id is None and q:
            words = tuple(q.split())
            if len(words) <= 4:  # a name, not a sentence pasted in
                place_id = next((self._inflected[c] for c in word_candidates(words)
                                 if c in self._inflected), None)
        return self.places[place_id] if place_id else None

    def suggest(self, query: str, limit: int = 5,
                cutoff: float = SUGGEST_CUTOFF) -> list[Suggestion]:
        """The spellings nearest to `query`, one per place, best first ("did you mean")."""
        q = normalize_name(query)
        if not q or limit <= 0:
            return []
        hits = process.extract(q, list(self._variants), scorer=fuzz.WRatio, limit=None,
                               score_cutoff=cutoff)
        out: list[Suggestion] = []
        seen: set[str] = set()
        for variant, score, _ in sorted(hits, key=lambda h: (-h[1], len(h[0]), h[0])):
            place = self.places[self._variants[variant]]
            if place.id in seen:
                continue
            seen.add(place.id)
            out.append(Suggestion(self._spelling[variant], place, float(score)))
            if len(out) == limit:
                break
        return out

    def variants(self) -> dict[str, str]:
        """Every normalised spelling -> the id of the place it resolves to (a copy)."""
        return dict(self._variants)

    def ambiguous(self) -> dict[str, list[str]]:
        """Normalised spellings shared by several places -> their ids (for reports and tests)."""
        return {v: list(ids) for v, ids in self._ambiguous.items()}

    def search(self, query: str, limit: int = 10) -> list[Place]:
        """Places for a search box: exact spellings first, then prefixes, then word prefixes.

        Within a tier: a match on the label before one on an alternative name, then places in
        our districts, the larger kind, the shorter matching spelling, and the label.
        """
        q = normalize_name(query)
        if not q or limit <= 0:
            return []
        best: dict[str, tuple[int, int, tuple[int, int], int, str]] = {}
        for variant, place_id, is_label in self._entries:
            if variant == q:
                tier = 0
            elif variant.startswith(q):
                tier = 1
            elif f" {q}" in f" {variant}":  # q starts at a later word of the spelling
                tier = 2
            else:
                continue
            place = self.places[place_id]
            key = (tier, 0 if is_label else 1, _priority(place), len(variant), place.name)
            if place_id not in best or key < best[place_id]:
                best[place_id] = key
        # The exact-match winner of an ambiguous spelling leads, as lookup() would return it.
        exact = self._variants.get(q)
        order = sorted(best, key=lambda pid: (pid != exact, best[pid], pid))
        return [self.places[pid] for pid in order[:limit]]


def _require(record: Mapping[str, Any], key: str, types: type | tuple[type, ...],
             where: str) -> Any:
    if key not in record:
        raise GazetteerError(f"{where}: missing field {key!r}")
    value = record[key]
    if not isinstance(value, types) or isinstance(value, bool):
        raise GazetteerError(f"{where}: field {key!r} has the wrong type "
                             f"({type(value).__name__}: {value!r})")
    return value


def _parse_place(record: Any, where: str) -> Place:
    if not isinstance(record, dict):
        raise GazetteerError(f"{where}: a place must be an object, not {type(record).__name__}")
    place_id = _require(record, "id", str, where)
    where = f"{where} ({place_id!r})"
    kind = _require(record, "kind", str, where)
    if kind not in _KIND_RANK:
        raise GazetteerError(f"{where}: unknown kind {kind!r} (expected one of {KINDS})")
    lat = float(_require(record, "lat", (int, float), where))
    lon = float(_require(record, "lon", (int, float), where))
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
            and -180 <= lon <= 180):
        raise GazetteerError(f"{where}: coordinates out of range ({lat}, {lon})")
    alt_names = _require(record, "alt_names", list, where)
    if not all(isinstance(n, str) for n in alt_names):
        raise GazetteerError(f"{where}: alt_names must all be strings")
    district_id = _require(record, "district_id", (str, type(None)), where)
    geonameid = _require(record, "geonameid", (int, type(None)), where)
    return Place(id=place_id, name=_require(record, "name", str, where), kind=kind,
                 lat=lat, lon=lon, district_id=district_id,
                 country=_require(record, "country", str, where),
                 alt_names=tuple(alt_names), geonameid=geonameid,
                 source=record.get("source", "") or "")


def parse_gazetteer(data: Any, origin: str = "gazetteer") -> Gazetteer:
    """Build a Gazetteer from the decoded JSON document, checking its shape."""
    if not isinstance(data, dict):
        raise GazetteerError(f"{origin}: expected a JSON object with 'header' and 'places'")
    header = data.get("header")
    if not isinstance(header, dict):
        raise GazetteerError(f"{origin}: missing or malformed 'header' object")
    places = data.get("places")
    if not isinstance(places, list):
        raise GazetteerError(f"{origin}: missing or malformed 'places' list")
    parsed = [_parse_place(rec, f"{origin}: place #{i}") for i, rec in enumerate(places)]
    try:
        return Gazetteer(parsed, header)
    except GazetteerError as exc:
        raise GazetteerError(f"{origin}: {exc}") from None


def _read(path: Path) -> Gazetteer:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GazetteerError(f"gazetteer file not found: {path} "
                             "(rebuild it with `python -m geodata.build_gazetteer`)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GazetteerError(f"{path}: not valid JSON ({exc})") from None
    return parse_gazetteer(data, str(path))


@lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    return _read(GAZETTEER_FILE)


def suggest(query: str, limit: int = 5, gazetteer: Gazetteer | None = None) -> list[Suggestion]:
    """Nearest spellings to a query that found nothing, in the shipped gazetteer by default."""
    return (gazetteer or load_gazetteer()).suggest(query, limit)


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The shipped gazetteer (read once, cached), or the one at `path` (read each call).

    The cached object is shared: do not mutate it.
    """
    if path is None:
        return _load_default()
    return _read(Path(path))
