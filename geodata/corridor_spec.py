"""The Lachin corridor's two routes: waypoints, validity dates and where each comes from.

Waypoints are (lat, lon). A road's course read off public descriptions is approximate to a few
hundred metres at a named place and to a kilometre or two between them. Each route's last
waypoint lies inside Armenia, so clipping to Azerbaijan decides where the corridor ends.
Validity intervals are half-open: a route is valid from `valid_from` up to the day before
`valid_to` (null: open-ended).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Waypoint:
    """One point of a route, with the place it marks and where its coordinate comes from."""

    lat: float
    lon: float
    label: str
    source: str


@dataclass(frozen=True)
class RouteVersion:
    """A version of the corridor: its road and the dates it was the corridor."""

    version: str
    valid_from: str
    valid_to: str | None
    waypoints: tuple[Waypoint, ...]
    dates_source: str
    # Settlements handed over before this version took effect: cut out of its band.
    handed_over: tuple[Waypoint, ...] = ()


_DIGITISED = "read off the road's course (approximate, a few hundred metres)"
_ESTIMATE = "our estimate from the published description (approximate, 1-2 km)"

# Khankendi to Lisagor: the same road in both versions. The band starts where the road leaves
# the city (the corridor linked the city with Armenia; the city itself stayed with Armenian
# forces, so its centre, at Wikipedia's 39.81528 N 46.75194 E, lies outside the band).
_SHARED = (
    Waypoint(39.7900, 46.7450, "Khankendi (Stepanakert), road south-west out of the city",
             _DIGITISED),
    Waypoint(39.7720, 46.7330, "past the north-western edge of Shusha town", _DIGITISED),
    Waypoint(39.7650, 46.7000, "road west of Shusha", _DIGITISED),
    Waypoint(39.7420, 46.6550, "Lisagor", _DIGITISED),
    Waypoint(39.7050, 46.6200, "road south-west of Lisagor", _DIGITISED),
)

ROUTE_2020 = RouteVersion(
    version="2020",
    valid_from="2020-11-10",
    valid_to="2022-08-30",
    waypoints=(
        *_SHARED,
        Waypoint(39.6750, 46.5900, "road north-east of Lachin town", _DIGITISED),
        Waypoint(39.6383, 46.5461, "Lachin town (Berdzor)", _DIGITISED),
        Waypoint(39.62694, 46.51278, "Sus",
                 "Wikipedia's coordinate for the village (39°37'37\"N 46°30'46\"E), as in the "
                 "gazetteer; the old road ran from Berdzor through Sus and Nerkin Sus down to "
                 "Aghavno (CivilNet, 22 Aug 2022, as below: Berdzor, Aghavno and Nerkin Sus "
                 "lie on the old road, bypassed by the new one)"),
        Waypoint(39.5897, 46.5433, "Zabukh (Aghavno)",
                 "Wikipedia's coordinate for the village (39°35'23\"N 46°32'36\"E), as in "
                 "the gazetteer"),
        Waypoint(39.5547, 46.4758, "Tegh, Armenia (end beyond the border)",
                 "Wikipedia's coordinate for the village (39°33'17\"N 46°28'33\"E); the old "
                 "road ran Aghavno-Tegh (Armenpress, 25 Aug 2022)"),
    ),
    dates_source=(
        "From the trilateral statement of 10 Nov 2020 (point 6: a 5 km corridor under Russian "
        "peacekeepers, not affecting Shusha). Until traffic moved to the new road at 20:00 on "
        "30 Aug 2022: Massis Post, 'Starting August 30, Artsakh-Armenia connection to be "
        "carried out through new road bypassing Lachin', 29 Aug 2022, https://massispost.com/"
        "2022/08/starting-august-30-artsakh-armenia-connection-to-be-carried-out-through-new-"
        "road-bypassing-lachin/. Lachin town, Aghavno (Zabukh) and Nerkin Sus were handed "
        "over on 25-26 Aug 2022 (CivilNet, 'Three days left till Armenia hands over Lachin "
        "and Aghavno to Azerbaijan', 22 Aug 2022, https://www.civilnet.am/en/news/671866/)."
    ),
)

ROUTE_2022 = RouteVersion(
    version="2022",
    valid_from="2022-08-30",
    valid_to="2023-10-01",
    waypoints=(
        *_SHARED,
        Waypoint(39.6583, 46.6019, "Mets Shen",
                 "Wikipedia's coordinate for the village (39°39'30\"N 46°36'07\"E); CivilNet "
                 "(22 Aug 2022) and Caucasian Knot (11 Aug 2022): the new road runs through "
                 "Mets Shen and Hin Shen, bypassing Berdzor, Aghavno and Nerkin Sus"),
        Waypoint(39.5650, 46.5450, "Hakari bridge, south of Aghavno",
                 _ESTIMATE + ": the new road crosses the Hakari near the border (Azerbaijani "
                 "checkpoint at the Hakari bridge from 23 Apr 2023, Reuters via Tribune "
                 "India, 24 Apr 2023) and joins the Aghavno-Tegh road about 3 km from "
                 "Aghavno (Armenpress, 25 Aug 2022, https://armenpress.am/eng/news/1091062/)"),
        Waypoint(39.5481, 46.5311, "Kornidzor, Armenia",
                 "Wikipedia's coordinate for the village (39°32'53\"N 46°31'52\"E); traffic "
                 "moved to the Tegh-Kornidzor road from 1 Apr 2023 (news.am, 20 Apr 2023, "
                 "https://news.am/eng/news/755850.html)"),
        Waypoint(39.5547, 46.4758, "Tegh, Armenia (end beyond the border)",
                 "Wikipedia's coordinate for the village (39°33'17\"N 46°28'33\"E)"),
    ),
    dates_source=(
        "From 30 Aug 2022 (Massis Post, 29 Aug 2022, as above; Russian MFA's Denis Gonchar to "
        "Sputnik: traffic on a temporary route bypassing Lachin since 30 Aug, UrduPoint, 14 "
        "Sep 2022). Until 1 Oct 2023: after Azerbaijan's offensive of 19-20 Sep 2023 the road "
        "carried the exodus, which Armenia's government counted as nearly complete on 30 Sep "
        "2023 (AP, 'Almost all of Nagorno-Karabakh's people have left, Armenia's government "
        "says', 30 Sep 2023, copy at https://headtopics.com/us/almost-all-of-nagorno-karabakh-"
        "s-people-have-left-armenia-s-government-says-45620995); no peacekeeper-held corridor "
        "is reported after it. The end date is therefore approximate (within a few days)."
    ),
    handed_over=(
        Waypoint(39.63742, 46.54977, "Lachin town", "GeoNames cities500, as in the gazetteer"),
        Waypoint(39.5897, 46.5433, "Zabukh (Aghavno)", "Wikipedia, as in the gazetteer"),
    ),
)

VERSIONS: tuple[RouteVersion, ...] = (ROUTE_2020, ROUTE_2022)

# Radius of the cut made around each handed-over settlement in a later version (metres).
HANDED_OVER_RADIUS_M = 1500.0


def version(name: str) -> RouteVersion:
    """The route version called `name` ("2020" or "2022")."""
    for v in VERSIONS:
        if v.version == name:
            return v
    raise KeyError(f"no corridor version {name!r}")
