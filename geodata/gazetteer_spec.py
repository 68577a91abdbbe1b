"""The curated tables of the gazetteer: which GeoNames places we take, and what we add or drop.

Facts kept by hand, beside the district table (`district_spec.py`); `build_gazetteer.py` holds
the build code that reads them. Each hand-made place says where its coordinate comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

# GeoNames admin1 code (country AZ) -> ISO 3166-2 id of our district layer.
ADMIN1_TO_DISTRICT = {
    "03": "AZ-AGM",  # Aghdam
    "14": "AZ-CAB",  # Jabrayil
    "18": "AZ-FUZ",  # Fuzuli
    "26": "AZ-KAL",  # Kalbajar
    "28": "AZ-LAC",  # Lachin
    "43": "AZ-QBI",  # Qubadli
    "55": "AZ-SUS",  # Shusha
    "57": "AZ-TAR",  # Tartar
    "61": "AZ-XA",   # Khankendi
    "64": "AZ-XCI",  # Khojaly
    "65": "AZ-XVD",  # Khojavend
    "69": "AZ-ZAN",  # Zangilan
}
# place id -> (district id or None, why GeoNames' code is overridden). Empty: no mis-codes found.
DISTRICT_OVERRIDES: dict[str, tuple[str | None, str]] = {}


@dataclass(frozen=True)
class FromGeoNames:
    """A place taken from GeoNames cities500, with our id, label and kind."""

    id: str
    geonameid: int
    name: str
    kind: str


GEONAMES_PLACES: tuple[FromGeoNames, ...] = (
    FromGeoNames("aghdam", 148619, "Aghdam", "town"),
    FromGeoNames("fuzuli", 148106, "Fuzuli", "town"),
    FromGeoNames("jabrayil", 148141, "Jabrayil", "town"),
    FromGeoNames("zangilan", 146901, "Zangilan", "town"),
    FromGeoNames("qubadli", 147305, "Qubadli", "town"),
    FromGeoNames("lachin", 147625, "Lachin", "town"),
    FromGeoNames("kalbajar", 586268, "Kalbajar", "town"),
    FromGeoNames("khojaly", 147774, "Khojaly", "town"),
    FromGeoNames("khojavend", 146969, "Khojavend", "town"),
    FromGeoNames("shusha", 147105, "Shusha", "town"),
    FromGeoNames("khankendi", 146970, "Stepanakert", "city"),
    FromGeoNames("tartar", 584871, "Tartar", "town"),
    FromGeoNames("goris", 174895, "Goris", "town"),
    FromGeoNames("sotk", 616041, "Sotk", "village"),
    FromGeoNames("horadiz", 148003, "Horadiz", "town"),
    FromGeoNames("tegh", 174743, "Tegh", "village"),
    FromGeoNames("kornidzor", 174840, "Kornidzor", "village"),
    FromGeoNames("yerevan", 616052, "Yerevan", "city"),
    FromGeoNames("baku", 587084, "Baku", "city"),
    FromGeoNames("moscow", 524901, "Moscow", "city"),
    FromGeoNames("ankara", 323786, "Ankara", "city"),
    FromGeoNames("paris", 2988507, "Paris", "city"),
    FromGeoNames("london", 2643743, "London", "city"),
    FromGeoNames("washington", 4140963, "Washington", "city"),
)

# Names GeoNames lacks: the English and French forms of the project's domain notes, the
# Armenian-era names of district seats (as the reference outlines' notes give them), and the
# German, French and Turkish press forms of the seats (Schuscha, Latschin, Kelbecer ...).
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "aghdam": ("Aghdam", "Agdam", "Ağdam", "Akna"),
    "kalbajar": ("Kelbajar", "Kəlbəcər", "Karvachar", "Kelbadjar", "Քարվաճառ", "Kelbacar",
                 "Kelbecer", "Kalbadschar", "Kelbedjer"),
    # Kashatagh: the Armenian-era province seated at Berdzor (it also took in Qubadli and
    # Zangilan); filed under its seat, as Karvachar, Kashunik and Jrakan are under theirs
    "lachin": ("Laçın", "Berdzor", "Latchine", "Բերձոր", "Latschin", "Լաչին", "Kashatagh",
               "Քաշաթաղ", "Кашатаг"),
    "shusha": ("Şuşa", "Shushi", "Choucha", "Շուշի", "Schuscha", "Schuschi"),
    "khankendi": ("Khankendi", "Xankəndi", "Stepanakert"),
    "fuzuli": ("Füzuli", "Fizuli", "Varanda", "Վարանդա"),
    "jabrayil": ("Cəbrayıl", "Cebrayıl", "Cebrayil", "Jabrail", "Jebrail", "Jrakan", "Ջրական"),
    "qubadli": ("Qubadlı", "Gubadli", "Kubatly", "Sanasar", "Kashunik", "Губадлы"),
    "zangilan": ("Zəngilan", "Zengilan", "Kovsakan"),
    "khojaly": ("Xocalı", "Khojali", "Ivanyan", "Chodschali"),
    "khojavend": ("Xocavənd", "Khojavand", "Martuni", "Khodjavend", "Hocavend"),
    "tartar": ("Tərtər", "Terter"),
    "horadiz": ("Horadiz",),
    "kornidzor": ("Корнидзор",),
}

# GeoNames alternate names dropped because, in news about this region, they would more often
# mean something else: personal names, other rivers and towns, generic words, slang.
EXCLUDED_NAMES: dict[str, frozenset[str]] = {
    "ankara": frozenset({"angara", "enguri", "engüri"}),  # a Russian, a Georgian river
    "fuzuli": frozenset({"sardar"}),  # a personal name and title
    "london": frozenset({"landen", "ranana", "rānana"}),  # a Belgian, an Israeli town
    "paris": frozenset({"baris", "paname", "pantruche", "palika"}),  # Barış; slang; a word
    "washington": frozenset({"federal capital", "federal city", "federal town"}),
    "zangilan": frozenset({"icari", "ikari", "içəri", "i̇çəri"}),  # "inner" in Azerbaijani
}


@dataclass(frozen=True)
class HandPlace:
    """A place GeoNames' cities500 lacks, with where its coordinate comes from."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    district_id: str | None
    country: str
    alt_names: tuple[str, ...]
    note: str


HAND_PLACES: tuple[HandPlace, ...] = (
    HandPlace("nagorno-karabakh", "Nagorno-Karabakh", "region", 39.85, 46.77, None, "AZ",
              ("Upper Karabakh", "Haut-Karabakh", "Artsakh", "Daghlig Garabagh",
               "Dağlıq Qarabağ", "Nagorny Karabakh", "Mountainous Karabakh", "Karabakh",
               "Nagorno-Karabakh Republic", "Republic of Artsakh", "Нагорный Карабах",
               "Арцах", "Լեռնային Ղարաբաղ", "Արցախ"),
              "approximate: a point near the middle of the former autonomous oblast, a few km "
              "north-east of Stepanakert (our estimate). 'Karabakh' alone is kept here because "
              "the 2020 press uses it for Nagorno-Karabakh; the wider historical region has no "
              "entry of its own"),
    HandPlace("hadrut", "Hadrut", "town", 39.5167, 47.0300, "AZ-XVD", "AZ",
              ("Hadrud", "Hadrutt", "Hadrout", "Гадрут", "Հադրութ"),
              "approximate (about 1 km): Wikipedia's coordinate for Hadrut (39°31'N 47°02'E); "
              "de jure in Khojavend district"),
    HandPlace("martakert", "Martakert", "town", 40.2153, 46.8128, "AZ-TAR", "AZ",
              ("Aghdara", "Ağdərə", "Agdere", "Mardakert", "Мардакерт", "Мартакерт", "Агдере",
               "Մարտակերտ"),
              "Wikipedia's coordinate for Martakert/Aghdara (40°12'55\"N 46°48'46\"E); de jure "
              "in Tartar district since Azerbaijan abolished the Aghdara district in 1992"),
    HandPlace("dadivank", "Dadivank", "monastery", 40.1614, 46.2880, "AZ-KAL", "AZ",
              ("Khutavank", "Xudavəng", "Дадиванк", "Դադիվանք", "Խութավանք"),
              "Wikipedia's coordinate for the monastery (40°09'41\"N 46°17'17\"E)"),
    HandPlace("charektar", "Charektar", "village", 40.1456, 46.3444, "AZ-KAL", "AZ",
              ("Çərəktar", "Чаректар", "Չարեկտար"),
              "Russian Wikipedia's coordinate for the village (40°08'44\"N 46°20'40\"E); "
              "Azerbaijan moved it from the abolished Aghdara district to Kalbajar district"),
    HandPlace("zabukh", "Zabukh", "village", 39.5897, 46.5433, "AZ-LAC", "AZ",
              ("Zabux", "Aghavno", "Забух", "Աղավնո", "Զաբուխ"),
              "Wikipedia's coordinate for the village (39°35'23\"N 46°32'36\"E)"),
    HandPlace("tsitsernavank", "Tsitsernavank", "monastery", 39.6440, 46.4085, "AZ-LAC", "AZ",
              ("Agoglan", "Aghoghlan", "Ağoğlan", "Agoglan monastery", "Цицернаванк",
               "Ծիծեռնավանք"),
              "Wikipedia's coordinate for the monastery (39°38'38\"N 46°24'31\"E)"),
    # The corridor is no district: ingest files a mention of it under model.CORRIDOR_ID (this
    # id), and its two routes are drawn from corridor_spec. Its spellings here are the road's
    # names and the Hakari bridge's: the gazetteer has no kind for a bridge or checkpoint, and
    # every event at the bridge (the checkpoint of 23 Apr 2023) is an event of the corridor.
    HandPlace("lachin-corridor", "Lachin corridor", "region", 39.5650, 46.5450, None, "AZ",
              ("Lachin road", "Berdzor corridor", "Лачинский коридор", "Лачинская дорога",
               "Laçın dəhlizi", "Laçın koridoru", "Laçın yolu", "Laçın-Xankəndi yolu",
               "Բերձորի միջանցք", "Լաչինի միջանցք",
               "Hakari bridge", "Hakari köprüsü", "Həkəri körpüsü", "Хакари мост",
               "мост Хакари", "Хакари", "Հակարիի կամուրջ", "Հակարի"),
              "the road from Armenia to Khankendi/Stepanakert through Lachin district, under "
              "Russian peacekeepers from 10 Nov 2020; district_id None because it crosses "
              "districts and has zones of its own. Its point is the Hakari bridge, where the "
              "2022 road crosses from Armenia near Kornidzor ('the Kornidzor bridge over the "
              "Hakari river', commonspace.eu, 30 Mar 2023) and where Azerbaijan set up its "
              "checkpoint on 23 Apr 2023: approximate (about 2 km), the estimate of "
              "corridor_spec's 2022 route. Bare 'Хакари' and 'Հակարի' (also the river) are "
              "kept because the bridge follows its noun in Russian and the genitive leads in "
              "Armenian; bare Latin 'Hakari'/'Həkəri' are not (a river and villages "
              "downstream)"),
    # Villages whose control changed on a known date (zones_spec.CARVE_OUTS uses the same
    # coordinates) and places on the Lachin corridor's two routes (corridor_spec).
    HandPlace("talish", "Talish", "village", 40.38139, 46.74083, "AZ-TAR", "AZ",
              ("Talış", "Tonashen", "Թալիշ", "Талыш"),
              "Wikipedia's coordinate for the village ('Talış, Tartar': 40°22'53\"N "
              "46°44'27\"E); part of the NKAO's Mardakert district, de jure in Tartar district"),
    HandPlace("sugovushan", "Madagiz", "village", 40.33139, 46.72944, "AZ-TAR", "AZ",
              ("Sugovushan", "Suqovuşan", "Mataghis", "Madaghis", "Մատաղիս", "Мадагиз",
               "Суговушан"),
              "Wikipedia's coordinate for the village ('Madagiz': 40°19'53\"N 46°43'46\"E); "
              "labelled Madagiz, the name the October 2020 wire reports used; renamed "
              "Sugovushan by Azerbaijan on 3 Oct 2020; de jure in Tartar district"),
    HandPlace("sus", "Sus", "village", 39.62694, 46.51278, "AZ-LAC", "AZ",
              ("Nerkin Sus", "Sus kəndi", "Սուս", "Ներքին Սուս", "Сус"),
              "Wikipedia's coordinate for the village ('Sus, Lachin': 39°37'37\"N "
              "46°30'46\"E). Nerkin (Lower) Sus is a hamlet 1.8 km away across the Hakari, in "
              "the same community, which Armenian reports call Nerkin Sus (MediaHub.am, Aug "
              "2022): its names resolve here, as no coordinate of its own was found"),
    HandPlace("hin-tagher", "Hin Tagher", "village", 39.5075, 46.82361, "AZ-XVD", "AZ",
              ("Köhnə Tağlar", "Kohne Taghlar", "Hin Taghlar", "Հին Թաղեր", "Хин Таглар"),
              "Wikipedia's coordinate for the village ('Hin Tagher': 39°30'27\"N "
              "46°49'25\"E); de jure in Khojavend district (the NKAO's Hadrut district)"),
    HandPlace("khtsaberd", "Khtsaberd", "village", 39.54583, 46.77083, "AZ-XVD", "AZ",
              ("Çaylaqqala", "Chaylaggala", "Khtzaberd", "Խծաբերդ", "Хцаберт"),
              "Wikipedia's coordinate for the village ('Çaylaqqala': 39°32'45\"N "
              "46°46'15\"E); de jure in Khojavend district (the NKAO's Hadrut district)"),
    HandPlace("mets-shen", "Mets Shen", "village", 39.6583, 46.6019, "AZ-SUS", "AZ",
              ("Metsshen", "Böyük Qaladərəsi", "Մեծ Շեն", "Мец Шен", "Мецкаладереси"),
              "Russian Wikipedia's coordinate for the village ('Мецкаладереси': 39°39'30\"N "
              "46°36'07\"E), as in corridor_spec; in Shusha district. Not the Mets Shen of "
              "Martakert (Tartar district), which the articles do not name"),
    HandPlace("karintak", "Karintak", "village", 39.74167, 46.74917, "AZ-SUS", "AZ",
              ("Daşaltı", "Dashalty", "Dashalti", "Karin Tak", "Քարինտակ", "Дашалты"),
              "Wikipedia's coordinate for the village ('Dashalty': 39°44'30\"N 46°44'57\"E), "
              "below Shusha's cliffs; in Shusha district"),
)
