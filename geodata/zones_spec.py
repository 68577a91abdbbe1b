"""Dated facts that correct Natural Earth's lines when the control zones are built.

Natural Earth (../shared/data/natural-earth, public domain) gives three areas: the pre-war
Armenian-held area (NE 4.x breakaway polygon B38), the NKAO c. 1991 ring and the area inside its
schematic 2020 ceasefire line (both assembled from NE 5.x lines). Each is generalised at 1:10m
and the ceasefire line carries known defects (see that folder's README). The corrections below
are facts from the public record, each with its date and source; the carve-outs drawn from them
are circles or hulls around stated coordinates and are marked approximate.
"""

from __future__ import annotations

from dataclasses import dataclass

# Flags a zone carries; each is one of the areas the overlay cuts districts by.
FLAGS: tuple[str, ...] = ("held_1994", "nkao_1991", "postwar_area", "corridor_2020",
                          "corridor_2022", "pocket_2020")

# What each flag means, and when the area it marks had the meaning (ISO dates, half-open).
FLAG_MEANING: dict[str, tuple[str, str | None, str | None]] = {
    "held_1994": ("inside the line held by Armenian forces from the 1994 ceasefire until the "
                  "war of 27 Sep 2020", "1994-05-12", "2020-09-27"),
    "nkao_1991": ("inside the Nagorno-Karabakh Autonomous Oblast as of 1991", None, "1991-11-26"),
    "postwar_area": ("inside the corrected 2020 ceasefire line: left to Armenian forces and the "
                     "Russian peacekeepers from 10 Nov 2020 until the offensive of 19-20 Sep "
                     "2023", "2020-11-10", "2023-09-20"),
    "corridor_2020": ("inside the Lachin corridor's 2020 band", "2020-11-10", "2022-08-30"),
    "corridor_2022": ("inside the Lachin corridor's 2022 band", "2022-08-30", "2023-10-01"),
    "pocket_2020": ("the Hin Tagher / Khtsaberd pocket, Armenian-held after the ceasefire until "
                    "12 Dec 2020", "2020-11-10", "2020-12-12"),
}

# Districts reported wholly held by Armenian forces before 27 Sep 2020. NE's polygon cuts a
# few per cent off some of them along the Armenian border and the Murovdag ridge (1:10m
# generalisation); for these, held_1994 is the whole district.
WHOLLY_HELD: dict[str, str] = {
    "AZ-KAL": "Kalbajar, taken April 1993", "AZ-LAC": "Lachin, taken May 1992",
    "AZ-QBI": "Qubadli, taken August 1993", "AZ-CAB": "Jabrayil, taken August 1993",
    "AZ-ZAN": "Zangilan, taken October 1993", "AZ-SUS": "Shusha, taken May 1992",
    "AZ-XA": "Stepanakert/Khankendi", "AZ-XCI": "Khojaly, taken February 1992",
}
WHOLLY_HELD_SOURCE = ("UN Security Council resolutions 822, 853, 874 and 884 (1993) on the "
                      "occupation of Kalbajar, Aghdam, Fuzuli, Jabrayil, Qubadli and Zangilan; "
                      "the Azerbaijani government's list of occupied districts")

# NE's pre-war line along the eastern front runs too far east: it puts 87 % of Aghdam and
# 47 % of Fuzuli (our polygons) inside, against reported figures of about 77 % and a third.
# There the line is moved west by a constant distance, calibrated on those two figures.
EAST_LINE_SHIFT_M = 4000.0
EAST_LINE_DISTRICTS = ("AZ-AGM", "AZ-FUZ")
EAST_LINE_SOURCE = ("reported shares held before the war: Aghdam about 77 % (842 of 1,094 "
                    "km²), Fuzuli about a third (Azerbaijani State Committee for Refugees and "
                    "IDPs figures, widely cited, e.g. in issue 11)")

# Districts NE's 1991 NKAO ring only grazes through generalisation (under 4 % each): none of
# them was part of the NKAO.
NOT_NKAO = ("AZ-FUZ", "AZ-CAB", "AZ-LAC", "AZ-ZAN", "AZ-QBI")

# The post-war area never reached into these districts except through NE's straight-line
# corridor (Lachin: handed over 1 Dec 2020, the corridor is modelled separately).
NOT_POSTWAR = {"AZ-LAC": "Lachin district handed over on 1 Dec 2020 except the corridor, "
                         "which comes from our corridor route, not NE's two straight lines"}

# Slivers thinner than this (metres, both ways) between NE's lines and the district outlines
# are generalisation noise: opened away before the overlay.
SLIVER_M = 250.0
# Pieces of a district smaller than this after the overlay join their longest neighbour.
MIN_PIECE_KM2 = 0.5


@dataclass(frozen=True)
class CarveOut:
    """A small area whose control differed from the line around it: a hull of circles."""

    id: str
    district_id: str
    points: tuple[tuple[float, float, str], ...]  # (lat, lon, where the coordinate comes from)
    radius_m: float
    effect: str  # "not_postwar" (removed from postwar_area) or "pocket_2020" (own zone)
    fact: str  # the dated fact, with its source
    include_town_outline: bool = False  # add Shusha town's NE outline


CARVE_OUTS: tuple[CarveOut, ...] = (
    CarveOut(
        "shusha-town", "AZ-SUS",
        ((39.76006, 46.74989, "Shusha, GeoNames cities500 (gazetteer)"),
         (39.72108, 46.76732, "nearest point of NE's ceasefire line south of the town, where "
                              "the Azerbaijani-held area to the south meets it (our choice)")),
        1000.0, "not_postwar",
        "Shusha town: Azerbaijan announced its capture on 8 Nov 2020 (denied, confirmed 9 Nov); "
        "held by Azerbaijan at the ceasefire of 10 Nov 2020 and after; NE's schematic line "
        "puts it inside (known defect). The town's NE outline plus 1 km, joined southwards to "
        "the line, approximate.",
        include_town_outline=True),
    CarveOut(
        "talish-madagiz", "AZ-TAR",
        ((40.38139, 46.74083, "Talish, Wikipedia (40°22'53\"N 46°44'27\"E)"),
         (40.33139, 46.72944, "Madagiz/Sugovushan, Wikipedia (40°19'53\"N 46°43'46\"E)")),
        3000.0, "not_postwar",
        "Talish and Madagiz (Sugovushan): taken by Azerbaijan on 3 Oct 2020 (Azerbaijani "
        "President's announcement; Wikipedia 'Talış, Tartar' and 'Madagiz') and held after the "
        "ceasefire; NE's line, which follows the NKAO border in the north, puts them inside. "
        "Hull of 3 km circles around both villages, approximate."),
    CarveOut(
        "hin-tagher-khtsaberd", "AZ-XVD",
        ((39.5075, 46.82361, "Hin Tagher, Wikipedia (39°30'27\"N 46°49'25\"E)"),
         (39.54583, 46.77083, "Khtsaberd/Chaylaggala, Wikipedia (39°32'45\"N 46°46'15\"E)")),
        2500.0, "pocket_2020",
        "Hin Tagher and Khtsaberd with Katarovank: an Armenian-held pocket after the Hadrut "
        "front moved past it in Oct 2020, taken by Azerbaijan on 12 Dec 2020 (Armenian "
        "President; USC Institute of Armenian Studies war update, 13 Dec 2020, "
        "https://armenian.usc.edu/war-update-for-december-13-2020/); peacekeepers removed it "
        "from their map on 14 Dec 2020. Hull of 2.5 km circles, approximate."),
)
