"""The curated table of districts we ship, and how each maps onto Natural Earth.

Natural Earth 10m admin-1 carries known defects in this region (see geodata/README.md):
the Lachin polygon is labelled "Lankaran" (AZ-LAN), Khankendi is labelled "Stepanakert"
(AZ-XA), and Shusha appears twice (district AZ-SUS and town AZ-X01~). Every district we
ship is pinned here by its source code *and* the name the source gives it, with the
location and area we expect, so a relabelled or moved polygon fails the build.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DistrictSpec:
    """What we expect of one district polygon, and the names we give it."""

    id: str  # ISO 3166-2 code of the district (our stable id)
    source_code: str  # iso_3166_2 as Natural Earth gives it
    source_name: str  # name as Natural Earth gives it (guards against silent relabelling)
    name: str  # label: the spelling most used in the 2020 English-language press
    name_az: str  # Azerbaijani name
    alt_names: tuple[str, ...]
    kind: str  # "district" or "city"
    centre: tuple[float, float]  # approximate (lat, lon) of the district's middle
    area_km2: tuple[float, float]  # plausible range for the Natural Earth polygon
    wikidata: str | None = None
    fix: str = ""  # the correction applied to the source, if any


# Centres are approximate middles of each district (not the seat), good to ~10 km; the
# build fails when a polygon's centroid is more than CENTRE_TOLERANCE_KM away.
# Area ranges bracket both the official figure and Natural Earth's generalised polygon.
CENTRE_TOLERANCE_KM = 20.0

DISTRICTS: tuple[DistrictSpec, ...] = (
    DistrictSpec("AZ-AGM", "AZ-AGM", "Ağdam", "Aghdam", "Ağdam",
                 ("Agdam", "Akna", "Aghdam District"), "district",
                 (40.00, 46.95), (850, 1400), "Q201647"),
    DistrictSpec("AZ-FUZ", "AZ-FUZ", "Füzuli", "Fuzuli", "Füzuli",
                 ("Fizuli", "Füzuli", "Varanda"), "district",
                 (39.55, 47.25), (1000, 1700), "Q331687"),
    DistrictSpec("AZ-CAB", "AZ-CAB", "Cəbrayıl", "Jabrayil", "Cəbrayıl",
                 ("Jabrail", "Jebrail", "Cebrayil", "Djebrail", "Jrakan"), "district",
                 (39.35, 46.95), (700, 1300), "Q457491"),
    DistrictSpec("AZ-ZAN", "AZ-ZAN", "Zəngilan", "Zangilan", "Zəngilan",
                 ("Zengilan", "Zangelan", "Kovsakan"), "district",
                 (39.10, 46.62), (550, 950), "Q249252"),
    DistrictSpec("AZ-QBI", "AZ-QBI", "Qubadli", "Qubadli", "Qubadlı",
                 ("Gubadly", "Kubatly", "Gubadli"), "district",
                 (39.35, 46.60), (550, 1000), "Q644048"),
    DistrictSpec("AZ-LAC", "AZ-LAN", "Lankaran", "Lachin", "Laçın",
                 ("Lachyn", "Berdzor", "Latchine", "Lachin District"), "district",
                 (39.70, 46.35), (1400, 2200), None,
                 fix="source labels it Lankaran (AZ-LAN) with Lankaran's Wikidata id; "
                     "relabelled Lachin (AZ-LAC), Wikidata id dropped"),
    DistrictSpec("AZ-KAL", "AZ-KAL", "Kəlbəcər", "Kalbajar", "Kəlbəcər",
                 ("Kelbajar", "Karvachar", "Kelbadjar", "Kalbajar District"), "district",
                 (40.10, 46.15), (2300, 3600), "Q457513"),
    DistrictSpec("AZ-XCI", "AZ-XCI", "Xocalı", "Khojaly", "Xocalı",
                 ("Khojali", "Khodjaly", "Askeran"), "district",
                 (39.90, 46.70), (700, 1150), "Q330790"),
    DistrictSpec("AZ-XVD", "AZ-XVD", "Xocavənd", "Khojavend", "Xocavənd",
                 ("Khojavand", "Martuni"), "district",
                 (39.65, 47.00), (1150, 1800), "Q330813"),
    DistrictSpec("AZ-SUS", "AZ-SUS", "Şuşa", "Shusha", "Şuşa",
                 ("Shushi", "Susa", "Choucha"), "district",
                 (39.70, 46.65), (230, 450), None,
                 fix="source splits Shusha into a district (AZ-SUS) and the town (AZ-X01~); "
                     "the district here is their union, the town is kept apart in towns.geojson"),
    DistrictSpec("AZ-XA", "AZ-XA", "Stepanakert", "Stepanakert", "Xankəndi",
                 ("Khankendi", "Khankendy", "Xankendi"), "city",
                 (39.82, 46.76), (5, 40), "Q129352",
                 fix="source types the city of Khankendi/Stepanakert as a district; kind set to "
                     "city, Khankendi and Xankəndi added as names"),
    DistrictSpec("AZ-TAR", "AZ-TAR", "Tərtər", "Tartar", "Tərtər",
                 ("Terter", "Tartar District"), "district",
                 (40.30, 46.80), (800, 1500), "Q477168"),
)

# Natural Earth's generalised (1:10m) lines put some towns' points in the neighbouring district
# (Jabrayil town 0.4 km into Khojavend, Lachin town 1.9 km into Shusha) or within a few hundred
# metres of it. Correction, from the gazetteer's points: for every settlement of these kinds
# whose point lies outside its district or closer than TOWN_TRIGGER_M to another district, a
# disc of TOWN_DISC_M around the point (within the shipped districts) moves to the town's
# district. The disc is generous so that other common coordinates of the town (Wikipedia's,
# GeoNames') fall inside too. Discs of different districts must not overlap (the build fails).
TOWN_KINDS = ("city", "town", "village")
TOWN_TRIGGER_M = 2000.0
TOWN_DISC_M = 3000.0

# Natural Earth's Shusha town polygon, merged into the district and kept as a town outline.
SHUSHA_TOWN_CODE = "AZ-X01~"
SHUSHA_TOWN_NAME = "Şuşa"

# Countries drawn as the offline backdrop, and the window they are clipped to
# (min lon, min lat, max lon, max lat).
BACKDROP_COUNTRIES: dict[str, str] = {
    "AZ": "Azerbaijan",
    "AM": "Armenia",
    "GE": "Georgia",
    "IR": "Iran",
    "TR": "Turkey",
    "RU": "Russia",
}
BACKDROP_WINDOW = (42.0, 37.0, 51.5, 43.0)


def spec_by_id() -> dict[str, DistrictSpec]:
    """The district specs keyed by our id."""
    return {d.id: d for d in DISTRICTS}
