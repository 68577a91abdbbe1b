"""The war's course and the agreements that ended it: clashes, ceasefires, agreements."""

from __future__ import annotations

from datetime import date

from karabakh_map.ingest import domain_spec as spec
from karabakh_map.ingest.dates import DateMention
from karabakh_map.ingest.extract.context import Article, Candidate, Sentence, candidate
from karabakh_map.model import EventType, Precision

AGREEMENT_DATE_GAP = 60  # characters between an agreement's anchor and its date
VERB_FINAL_GAP = 100  # ... in verb-final languages, where the clause stands between them
DATE_BEFORE_NOUN = 25  # "on 20 September a ceasefire": the date needs no verb either
PLACE_DATE_GAP = 16  # "Aghdam district on 20 November": a date this close after a place
SENTENCE_DATE_GAP = 200  # ... or the sentence's one date before the anchor
COURSE_WINDOW = 30  # characters before a date that may say it is of the war's course
VERB_FINAL_COURSE = 60  # ... or after it in verb-final languages (the place stands between)


def course_dates(art: Article, sent: Sentence) -> frozenset[int]:
    """Starts of the dates that belong to the war's course ("kicked off on September 27"):
    they are never a handover's or an agreement's."""
    return frozenset(d.start for d in sent.dates if _of_course(art, sent, d))


def _of_course(art: Article, sent: Sentence, d: DateMention) -> bool:
    """Whether a verb of the war's course ("broke out", "başlayan") governs the date."""
    text, s0 = art.text, sent.start
    cues = art.cues
    if cues.other_event_date.search(text[max(s0, d.start - COURSE_WINDOW):d.start]):
        return True
    after = VERB_FINAL_COURSE if cues.verb_final else COURSE_WINDOW
    m = cues.other_event_after.match(text[d.end:min(sent.end, d.end + after)])
    # "Ağdam'ın 20 Kasım'da teslim edilmesiyle süreç başladı": a handover cue between the
    # date and the verb of the course makes the date the handover's
    return m is not None and not any(p.search(text, d.end, d.end + m.end())
                                     for _, p in cues.territory)


def clashes(art: Article, sent: Sentence) -> list[Candidate]:
    """'Fighting broke out on 27 September in the region': an armed clash at the region."""
    if not art.cues.clash.search(sent.body):
        return []
    regions = [p for p in sent.places if p.kind == "region" and p.district_id is None]
    out: list[Candidate] = []
    used: set[int] = set()
    for d in sent.dates:
        if d.start in used or d.date.precision is Precision.UNKNOWN:
            continue
        if not _of_course(art, sent, d):
            continue
        used.add(d.start)
        if regions:
            place = min(regions, key=lambda p: abs(p.start - d.start))
            out.append(candidate(EventType.CLASH, d.date, True, place, sent, confidence=0.7))
    return out


def agreements(art: Article, sent: Sentence,
               taken: frozenset[int]) -> tuple[list[Candidate], frozenset[int]]:
    """Ceasefires and agreements with the date each report gives them (no place: the
    agreement concerns the whole conflict), and the starts of the dates they used."""
    cues, text, s0, sentence = art.cues, art.text, sent.start, sent.body
    if not cues.agreement_noun.search(sentence):
        return [], frozenset()
    nouns = [s0 + m.start() for m in cues.agreement_noun.finditer(sentence)]
    anchors = [s0 + m.start() for m in cues.agreement_verb.finditer(sentence)]
    # "a ceasefire in 1994" / "the ceasefire on November 10" need no verb
    for m in cues.agreement_noun.finditer(sentence):
        if cues.agreement_date_after.match(sentence[m.end():]) or any(
                0 <= s0 + m.start() - d.end <= DATE_BEFORE_NOUN and not _after_place(sent, d)
                for d in sent.dates):
            anchors.append(s0 + m.start())
    out: list[Candidate] = []
    used: set[int] = set()
    dated_nouns: set[int] = set()  # one date per agreement named, verb and noun alike
    for a in sorted(set(anchors)):
        noun = min(nouns, key=lambda n: abs(n - a))
        if noun in dated_nouns:
            continue
        free = [d for d in sent.dates if d.start not in taken and d.start not in used
                and d.date.precision is not Precision.UNKNOWN and d.qualifier != "by"]
        gap = VERB_FINAL_GAP if cues.verb_final else AGREEMENT_DATE_GAP
        after = [d for d in free if d.start >= a and d.start - a <= AGREEMENT_DATE_GAP]
        before = [d for d in free if d.end <= a and a - d.end <= gap
                  and not cues.agreement_noun.search(text[d.end:a])]
        if cues.verb_final:
            d = before[-1] if before else (after[0] if after else None)
        else:
            d = after[0] if after else (before[-1] if before else None)
        if d is None and not used and len(free) == 1 and free[0].end <= a \
                and a - free[0].end <= SENTENCE_DATE_GAP and not any(
                    p.district_id and free[0].end <= p.start < a for p in sent.places):
            # "On the night to 10 November the leaders of A, B and C signed a statement": the
            # sentence's one date, before its verb with no place between, however far (when
            # no agreement of the sentence is dated yet)
            d = free[0]
        if d is None:
            continue
        used.add(d.start)
        dated_nouns.add(noun)
        actor1, actor2 = spec.AGREEMENT_PARTIES
        kind = EventType.CEASEFIRE if _ceasefire(art, sent, d.date.earliest) \
            else EventType.AGREEMENT
        out.append(candidate(kind, d.date, True, None, sent, confidence=0.8,
                             note={"russia": bool(cues.russia.search(sentence))},
                             actor1=actor1, actor2=actor2))
    return out, frozenset(used)


def _after_place(sent: Sentence, d: DateMention) -> bool:
    """'Troops entered Aghdam on 20 November under the ceasefire statement': a date right
    after a place is that place's, not the agreement's the sentence cites."""
    return any(p.district_id and 0 <= d.start - p.end <= PLACE_DATE_GAP for p in sent.places)


def _ceasefire(art: Article, sent: Sentence, day: date | None) -> bool:
    """A ceasefire of its own: the sentence names a ceasefire, no signed text, and it is
    later than the 2020 statement (earlier ones are recorded as agreements)."""
    cues = art.cues
    return (cues.ceasefire_noun.search(sent.body) is not None
            and cues.document_noun.search(sent.body) is None
            and day is not None and day >= spec.CEASEFIRES_FROM)


def agreement_day(found: list[Candidate]) -> date | None:
    """The first agreement dated to the day, if any: handovers scheduled after it were
    announced with it."""
    return next((c.event.date.earliest for c in found
                 if c.event.date.precision is Precision.DAY), None)
