"""Domain facts the extractors apply: who holds a place after which kind of event, who the
parties are, and the years that change the reading. Named data, and checks against it."""

from __future__ import annotations

from datetime import date, timedelta

from karabakh_map.model import Controller, EventType, FuzzyDate, Precision

# Sides as actors of events (ACLED's actor1/actor2).
ARMENIA = "Armenia"
AZERBAIJAN = "Azerbaijan"
PEACEKEEPERS = "Russian peacekeepers"
# The parties of a ceasefire or agreement, in the order the events carry them.
AGREEMENT_PARTIES = (ARMENIA, AZERBAIJAN)
# Who decided a postponement: Azerbaijan granted the delays of the 2020 handovers.
POSTPONED_BY = AZERBAIJAN

# Who holds the Lachin corridor after any handover or deployment there (the 2020 statement).
CORRIDOR_CONTROLLER = Controller.PEACEKEEPERS
# A handover from 2020 on is one of the 2020 statement's handovers: to Azerbaijan.
HANDOVER_CONTROLLER = Controller.AZERBAIJAN
STATEMENT_YEAR = 2020  # before it, the side named before the cue decides who took the place
# A cue that names an occupation makes the place Armenian-held.
OCCUPIER = Controller.ARMENIAN_FORCES
# With no side named: before this year an event belongs to the first war (Armenian forces
# took the districts), from it on to Azerbaijan's recovery.
FIRST_WAR_BEFORE = 2000
FIRST_WAR_CONTROLLER = Controller.ARMENIAN_FORCES
RECOVERY_CONTROLLER = Controller.AZERBAIJAN
# A place's other side: the actor2 of a handover or capture, by who holds the place after it.
OTHER_SIDE = {Controller.AZERBAIJAN: ARMENIA}
OTHER_SIDE_DEFAULT = AZERBAIJAN

# Countries whose places can be where an event happens; capitals elsewhere (Moscow, Paris)
# name actors. None: a place with no country (a region).
LOCAL_COUNTRIES = (None, "AZ", "AM")
# Peacekeepers "to the region ... the town of X" are not at X: without a head count, only the
# corridor or places of these kinds locate a deployment.
PEACEKEEPER_PLACE_KINDS = ("region", "city")

# Gazetteer place kinds that never change hands by themselves (a monastery mention is news
# about the monastery, not a capture).
NO_CONTROL_KINDS = ("monastery",)
# Ceasefires up to the 2020 statement (1994, the 2020 truces, the statement itself) are
# recorded as agreements; later ones as ceasefires of their own.
CEASEFIRES_FROM = date(2020, 11, 11)
# The statement's handovers: after it, a "liberation" of these districts is the handover.
STATEMENT_DAY = date(2020, 11, 10)
HANDED_OVER = frozenset({"AZ-AGM", "AZ-KAL", "AZ-LAC"})
# ... on these days (Kalbajar's after its postponement); a report dating one of them to
# another day of the statement's period is misdated (a ceremony, a visit, "today" read against
# another day), not a second handover
HANDOVER_DAYS = {"AZ-AGM": date(2020, 11, 20), "AZ-KAL": date(2020, 11, 25),
                 "AZ-LAC": date(2020, 12, 1)}
STATEMENT_PERIOD_END = date(2020, 12, 31)
# The handovers of the record by place (the statement's districts above, and Lachin town,
# Zabukh and Sus on 26 Aug 2022): an undated headline handover of one of them is news only in
# an article of the weeks after it; later it is background ("Kalbajar, handed back, welcomes
# its first residents").
PLACE_HANDOVER_DAYS = {"lachin": (date(2020, 12, 1), date(2022, 8, 26)),
                       "zabukh": (date(2022, 8, 26),), "sus": (date(2022, 8, 26),)}
NEWS_WINDOW = timedelta(days=30)
# ... and the deadlines the statement set for them (Kalbajar's first and postponed ones)
DEADLINE_DAYS = {"AZ-AGM": (date(2020, 11, 20),),
                 "AZ-KAL": (date(2020, 11, 15), date(2020, 11, 25)),
                 "AZ-LAC": (date(2020, 12, 1),)}
HANDOVER_SLACK = timedelta(days=1)
# ... and what of them: the zones outside the post-war area (the record's part flag), so that a
# report of "the Aghdam district handed over" is the record's handover, not all of the district
STATEMENT_PART = "outside_postwar"
# Road situations (blockade, checkpoint, new road) are the Lachin corridor's when the sentence
# names the corridor or a place of these districts.
CORRIDOR_KINDS = frozenset({EventType.BLOCKADE, EventType.CHECKPOINT, EventType.REROUTE})
CORRIDOR_DISTRICTS = ("AZ-LAC",)
# ... or both of its ends: the road from Stepanakert/Khankendi to Goris in Armenia.
CORRIDOR_ENDS = ("khankendi", "goris")
# The war's offensives (27 Sep 2020, 19 Sep 2023) were waged on the region as a whole: an
# offensive is located at the region, at a place of the former autonomous region's districts,
# or nowhere (the whole conflict); a town outside them is where a capture happened, not the
# offensive's ground.
REGION_DISTRICTS = ("AZ-XA", "AZ-XCI", "AZ-XVD", "AZ-SUS", "AZ-TAR")


def known_deadline(district_id: str | None, when: FuzzyDate) -> bool:
    """Whether `when` is a day the statement set as that district's handover deadline."""
    days = DEADLINE_DAYS.get(district_id or "", ())
    return when.precision is Precision.DAY and when.earliest in days


def handover_news(place_id: str | None, district_id: str | None, published: date) -> bool:
    """Whether an article of `published` can report a handover of the place as news: it
    appeared within NEWS_WINDOW after a handover day of the record of the place or district."""
    days = [*PLACE_HANDOVER_DAYS.get(place_id or "", ()),
            *([HANDOVER_DAYS[district_id]] if district_id in HANDOVER_DAYS else [])]
    return any(day - HANDOVER_SLACK <= published <= day + NEWS_WINDOW for day in days)
