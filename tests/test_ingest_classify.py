"""Event classification on short texts of our own: what happened versus what was scheduled."""

from __future__ import annotations

from datetime import date

from karabakh_map.ingest import parse_article
from karabakh_map.model import EventType, Precision
from tests.support.ingest_support import tiny_gazetteer

PUB = date(2021, 3, 10)  # a Wednesday
GAZ = tiny_gazetteer()


def events(text: str, published: date | None = PUB):
    return parse_article(text, published=published, gazetteer=GAZ).events


def kinds(text: str, published: date | None = PUB):
    return [(e.type, e.place_id, e.date.earliest, e.date.latest) for e in events(text, published)]


def test_entered_is_a_transfer_with_the_sentence_date() -> None:
    evs = events("Government troops entered Kelbajar district on March 8 without resistance.")
    assert len(evs) == 1
    e = evs[0]
    # "Kelbajar district": the whole district, not its town
    assert (e.type, e.place_id, e.district_id, e.date.earliest) == (
        EventType.TRANSFER, None, "AZ-KAL", date(2021, 3, 8))
    assert e.controller == "Azerbaijan" and e.date.precision is Precision.DAY


def test_offsets_cover_the_supporting_sentence() -> None:
    text = "Intro words here. Units took control of Agdam on Monday. Closing line."
    art = parse_article(text, published=PUB, gazetteer=GAZ)
    (e,) = art.events
    assert art.text[e.start:e.end] == "Units took control of Agdam on Monday."
    assert e.date.earliest == date(2021, 3, 8)


def test_scheduled_is_not_a_transfer() -> None:
    assert kinds("Berdzor is to be given back by March 20 under the plan.") == [
        (EventType.SCHEDULED, "lachin", date(2021, 3, 20), date(2021, 3, 20))]
    assert kinds("The other side will hand over Akna on Sunday, officials say.") == [
        (EventType.SCHEDULED, "aghdam", date(2021, 3, 14), date(2021, 3, 14))]


def test_postponed_deadline_is_a_superseded_schedule_plus_a_postponement() -> None:
    evs = events("Karvachar was originally set for transfer on March 1, but the date was "
                 "postponed for weather reasons.")
    assert [e.type for e in evs] == [EventType.SCHEDULED, EventType.POSTPONEMENT]
    sched, post = evs
    assert sched.date.earliest == date(2021, 3, 1) and "pushed back" in sched.note
    assert sched.announced == PUB
    assert post.place_id == "kalbajar" and post.date.precision is Precision.UNKNOWN
    assert post.date.latest == date(2021, 3, 1)
    assert (post.previous_deadline, post.deadline) == (date(2021, 3, 1), None)
    assert not any(e.type is EventType.TRANSFER for e in evs)


def test_postponement_refers_back_to_the_last_place() -> None:
    evs = events("Residents of Kelbajar waited for the handover deadline on Sunday.\n\n"
                 "Officials then delayed it by a week.")
    assert evs[-1].type is EventType.POSTPONEMENT and evs[-1].place_id == "kalbajar"
    # the deadline it moves is the place's last one (Sunday 7 March); a week more: the 14th
    assert evs[-1].previous_deadline == date(2021, 3, 7)
    assert evs[-1].deadline == date(2021, 3, 14) and evs[-1].figures == {"days_added": 7}


def test_mixed_sentence_splits_per_place() -> None:
    got = kinds("Ağdam was handed over on March 2 and Laçın is due to be returned by March 20.")
    assert got == [(EventType.TRANSFER, "aghdam", date(2021, 3, 2), date(2021, 3, 2)),
                   (EventType.SCHEDULED, "lachin", date(2021, 3, 20), date(2021, 3, 20))]


def test_list_of_places_shares_verb_and_date() -> None:
    got = kinds("The plan obliged the side to return Agdam, Kelbajar and Berdzor on March 31.")
    assert {(k, p) for k, p, _, _ in got} == {(EventType.SCHEDULED, "aghdam"),
                                             (EventType.SCHEDULED, "kalbajar"),
                                             (EventType.SCHEDULED, "lachin")}
    assert {a for _, _, a, _ in got} == {date(2021, 3, 31)}


def test_a_by_deadline_of_a_list_is_the_deadline_of_its_last_member() -> None:
    got = kinds("The plan obliged the side to return Agdam, Kelbajar and Berdzor by March 31.")
    assert got == [(EventType.SCHEDULED, "lachin", date(2021, 3, 31), date(2021, 3, 31))]
    single = events("Berdzor is to be given back by March 31.")
    assert single[0].deadline == date(2021, 3, 31)


BODY = "Filler sentence one. Filler sentence two. "  # what follows is past the lead


def test_undated_handover_inside_quoted_speech_is_not_an_event() -> None:
    plain = BODY + "The minister said Agdam and Kelbajar have been returned without a fight."
    assert events(plain) == []  # no date in the text, past the lead: not news of any day
    quoted = 'The minister said: "Agdam and Kelbajar have been returned without a fight."'
    assert events(quoted) == []  # quoted, even in the lead
    curly = "“Agdam and Kelbajar have been returned without a fight,” the minister said."
    assert events(curly) == []
    dated = 'An aide said: "Agdam was handed over on March 2, as agreed."'
    assert [e.type for e in events(dated)] == [EventType.TRANSFER]


def test_undated_displacement_inside_quoted_speech_is_not_an_event() -> None:
    assert [e.type for e in events("Thousands fled Karabakh in the autumn fighting.")] == [
        EventType.DISPLACEMENT]
    assert events('An aide said: "Thousands who fled Karabakh must come home in safety."') == []


def test_postponement_names_the_deadline_it_moves_and_the_new_one() -> None:
    evs = events("Karvachar was originally set for transfer on March 1, but the date was "
                 "postponed by ten days.")
    post = evs[-1]
    assert post.type is EventType.POSTPONEMENT
    assert post.previous_deadline == date(2021, 3, 1)
    assert post.deadline == date(2021, 3, 11) and post.figures == {"days_added": 10}
    # its own date is when it was decided: unknown, no later than the deadline it moved
    assert post.date.precision is Precision.UNKNOWN and post.date.latest == date(2021, 3, 1)


def test_a_stated_new_deadline_wins_over_arithmetic() -> None:
    (_, post, due) = events("Karvachar was first scheduled for handover on March 1, but the "
                            "handover was postponed by a week to March 9.")
    assert (post.previous_deadline, post.deadline) == (date(2021, 3, 1), date(2021, 3, 9))
    # the day written is the handover's new deadline
    assert (due.type, due.deadline) == (EventType.SCHEDULED, date(2021, 3, 9))


def test_one_postponement_mentioned_twice_is_one_report() -> None:
    evs = events("Officials granted ten additional days for Kelbajar.\n\n"
                 "Kelbajar was first scheduled for handover on March 1, but the date was "
                 "postponed. Kelbajar is now to be handed over on March 11.")
    posts = [e for e in evs if e.type is EventType.POSTPONEMENT]
    assert len(posts) == 1
    assert (posts[0].previous_deadline, posts[0].deadline) == (date(2021, 3, 1),
                                                                date(2021, 3, 11))
    later = [e for e in evs if e.type is EventType.SCHEDULED and e.deadline == date(2021, 3, 11)]
    # the new deadline became known with the postponement, not with the article
    assert later and later[0].announced == date(2021, 3, 1)


def test_outbreak_of_fighting_is_an_armed_clash_in_the_region() -> None:
    evs = events("Heavy fighting broke out on March 4 in Karabakh, officials said.")
    assert [(e.type, e.place_id, e.date.earliest) for e in evs] == [
        (EventType.CLASH, "nagorno-karabakh", date(2021, 3, 4))]
    assert events("Heavy fighting broke out on March 4, officials said.") == []


def test_two_agreement_dates_make_two_reports() -> None:
    a = events("The truce, brokered by Moscow on March 1, held.")
    b = events("The truce was signed on March 2 in the capital.")
    # a truce without a signed text is a ceasefire of its own
    assert [(e.type, e.date.earliest) for e in a] == [(EventType.CEASEFIRE, date(2021, 3, 1))]
    assert [(e.type, e.date.earliest) for e in b] == [(EventType.CEASEFIRE, date(2021, 3, 2))]


def test_agreement_date_is_not_reused_for_a_place() -> None:
    got = kinds("Under the deal brokered on March 1, troops should leave Kelbajar.")
    assert got == [(EventType.AGREEMENT, None, date(2021, 3, 1), date(2021, 3, 1))]


def test_peacekeepers_with_approximate_and_exact_figures() -> None:
    (e,) = events("Roughly 1,500 peacekeepers took positions along the Lachin corridor.")
    assert e.type is EventType.PEACEKEEPERS and e.figures == {"peacekeepers": 1500}
    assert e.district_id == "lachin-corridor" and "approximate" in e.note
    (e,) = events("A force of 1,234 Russian peacekeepers deployed to Stepanakert.")
    assert e.figures == {"peacekeepers": 1234} and "approximate" not in e.note


def test_historical_capture_with_year_and_displacement_figure() -> None:
    evs = events("Separatist forces occupied most of Agdam in 1988, displacing about 5,000 "
                 "inhabitants.")
    cap = next(e for e in evs if e.type is EventType.CAPTURE)
    assert cap.controller == "Armenian forces" and cap.date.precision is Precision.YEAR
    assert cap.date.earliest == date(1988, 1, 1)
    disp = next(e for e in evs if e.type is EventType.DISPLACEMENT)
    assert disp.figures == {"people": 5000} and disp.place_id == "aghdam"


def test_undated_capture_is_dropped_and_occupied_adjective_ignored() -> None:
    assert kinds("When Berdzor was occupied, few people lived there.") == []
    assert kinds("They returned to the occupied Kelbajar region.") == []


def test_present_tense_headline_takes_the_article_date() -> None:
    assert kinds("Army enters Kelbajar district") == [(EventType.TRANSFER, None, PUB, PUB)]


def test_dated_report_beats_headline_fallback() -> None:
    got = kinds("Army enters Kelbajar district\n\nTroops entered Kelbajar on Monday.")
    assert got == [(EventType.TRANSFER, "kalbajar", date(2021, 3, 8), date(2021, 3, 8))]


def test_relative_clause_cue_does_not_attach_to_a_place() -> None:
    assert kinds("Crowds met in Stepanakert, where a plan that was handed over by envoys "
                 "was read.") == []


def test_side_events() -> None:
    types = {e.type for e in events("Homes were burned in Karvachar on Monday.")}
    assert types == {EventType.DESTRUCTION}
    (e,) = events("Buses brought some 800 residents back to Stepanakert on Tuesday; they had "
                  "fled in the autumn.")
    assert e.type is EventType.RETURN and e.figures == {"people": 800}
    assert e.date.earliest == date(2021, 3, 9)


def test_notes_are_templates_not_sentences() -> None:
    text = "Government troops entered Kelbajar district on March 8 without resistance."
    (e,) = events(text)
    assert e.note and e.note not in text and "without resistance" not in e.note
    assert "Kalbajar district" in e.note and "8 Mar 2021" in e.note


def test_extractors_are_pure_functions_of_a_sentence() -> None:
    from karabakh_map.ingest.classify import sentences
    from karabakh_map.ingest.cues import ENGLISH
    from karabakh_map.ingest.dates import find_dates
    from karabakh_map.ingest.extract.context import Article
    from karabakh_map.ingest.extract.territory import targets, territory
    from karabakh_map.ingest.places import find_places
    from karabakh_map.model import Controller

    text = "Akna is due to be handed over on March 20."
    art = Article(text, PUB, (), ENGLISH)
    (sent,) = sentences(text, find_places(text, GAZ), find_dates(text, PUB))
    before: dict[str, date] = {}
    first = territory(art, sent, targets(art, sent), frozenset(), None, before, None)
    again = territory(art, sent, targets(art, sent), frozenset(), None, before, None)
    assert first == again and before == {}  # nothing shared, nothing mutated
    (cand,), deadlines = first
    assert deadlines == {"aghdam": date(2021, 3, 20)}
    assert cand.event.controller is Controller.AZERBAIJAN


def test_a_town_and_the_district_it_lies_in_are_one_target() -> None:
    # "Hadrut in the Khojavend region": Khojavend only says where Hadrut is
    from geodata.gazetteer import load_gazetteer

    evs = parse_article("On 9 October 2020 the army captured the town of Hadrut in the "
                        "Khojavend region.", published=PUB, gazetteer=load_gazetteer()).events
    assert [(e.type, e.place_id) for e in evs] == [(EventType.CAPTURE, "hadrut")]


def test_the_district_and_its_namesake_town_are_one_handover() -> None:
    evs = events("Army enters Agdam\n\nThe Agdam district was handed over on Monday.")
    assert [(e.type, e.place_id, e.district_id, e.date.earliest) for e in evs] == [
        (EventType.TRANSFER, None, "AZ-AGM", date(2021, 3, 8))]


def test_a_dated_background_event_leaves_the_undated_news() -> None:
    lead = "A long introduction about the weather and the roads in the region. " * 7
    evs = events(lead + "\n\nMuch of it came under Armenian control in July 1993. "
                 "Later, troops have entered the Agdam district, officials said.",
                 published=date(2020, 11, 20))
    dates = sorted((e.date.precision.value, e.date.latest) for e in evs
                   if e.type is EventType.TRANSFER)
    # the undated news is not reported (its date is not in the text), and the 1993 date
    # does not stand for it
    assert ("unknown", date(2020, 11, 20)) not in dates
    assert all(latest is None or latest.year == 1993 for _, latest in dates)


def test_a_claim_and_its_denial_are_two_reports() -> None:
    evs = events("Azerbaijan announced on Sunday that it captured Shusha, which Armenia denied.")
    assert sorted(e.stance.value for e in evs if e.type is EventType.CAPTURE) == [
        "claims", "denies"]


def test_an_undated_change_of_control_is_not_reported() -> None:
    # neither a claim nor a report dates itself: the article's day is not guessed
    assert kinds(BODY + "Baku said its forces captured Agdam") == []
    assert kinds(BODY + "Azerbaijani forces took control of Agdam") == []
    # ... yet the lead's handover is the piece's news in the weeks after the record's day,
    # kept undated (no later than the article); months later it is background
    assert kinds("Azerbaijani forces took control of Agdam", date(2020, 11, 21)) == [
        (EventType.TRANSFER, "aghdam", None, date(2020, 11, 21))]
    assert kinds("Azerbaijani forces took control of Agdam") == []
    # "today" grounds it
    assert kinds("Baku said today its forces captured Agdam") == [
        (EventType.TRANSFER, "aghdam", PUB, PUB)]
    # an occupation is background, never the day's news
    assert kinds("When Berdzor was occupied, few people lived there.") == []


def test_an_anniversary_lead_makes_undated_changes_background() -> None:
    lead = "Third anniversary of the handover of Agdam\n\n"
    assert kinds(lead + "Filler sentence here. Azerbaijani forces took control of Agdam.") == []


def test_a_district_handover_after_the_statement_is_the_record_s_part() -> None:
    (e,) = events("The Agdam district was handed over on 20 November 2020.")
    assert (e.place_id, e.district_id, e.part) == (None, "AZ-AGM", "outside_postwar")
    # deadlines keep the namesake town, as the record writes them
    (e,) = events("The Agdam district is to be handed over by 20 November 2020.")
    assert (e.type, e.place_id, e.part) == (EventType.SCHEDULED, "aghdam", None)


def _real(text: str, lang: str, published: date | None = PUB):
    from geodata.gazetteer import load_gazetteer

    return [(e.type.value, e.place_id or e.district_id, e.date.earliest, e.date.latest)
            for e in parse_article(text, published=published, lang=lang,
                                   gazetteer=load_gazetteer()).events]


def test_that_day_is_the_day_named_before() -> None:
    got = _real("Lead text about the war in general terms, with nothing in it at all. " * 6
                + "\n\nOn 26 August 2022 the president spoke. The army took control of Zabukh "
                "that day.", "en", date(2022, 8, 29))
    assert ("transfer_of_territory", "zabukh", date(2022, 8, 26), date(2022, 8, 26)) in got


def test_a_yearless_day_takes_the_year_of_the_story() -> None:
    # published in 2023, the story runs in 2020: "9 November" is 2020's
    text = ("Filler about the anniversary and nothing else. " * 9 + "\n\nThe war began on "
            "27 September 2020. On 9 November a ceasefire agreement was signed.")
    got = _real(text, "en", date(2023, 9, 27))
    assert any(t in ("agreement", "ceasefire") and a == date(2020, 11, 9) for t, _, a, _ in got)


def test_today_in_apposition_to_a_day_is_that_day() -> None:
    got = _real("Filler. " * 60 + "\n\nHeute, am 26. August 2022, hat die Armee Latschin "
                "übernommen.", "de", date(2022, 8, 29))
    assert [d for _, p, d, _ in got if p == "lachin"] == [date(2022, 8, 26)]


def test_verb_final_verb_governs_every_group_before_it() -> None:
    got = _real("Filler. " * 60 + "\n\nԲերձոր քաղաքն ու հարակից գյուղերն՝ Աղավնոն ու Սուսը, "
                "այսօր Ադրբեջանին են անցել։", "hy", date(2022, 8, 26))
    # the town's group stands before the date and the verb all the groups share: both are
    # its own too
    assert {p for t, p, _, _ in got if t == "transfer_of_territory"} == {
        "lachin", "zabukh", "sus"}


def test_armenian_colon_and_time_do_not_confuse_sentences() -> None:
    from karabakh_map.ingest.sentences import sentence_spans

    text = "Ժամը 07։10-ին սկսվեց: Հաջորդ նախադասություն։"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Ժամը 07։10-ին սկսվեց:", "Հաջորդ նախադասություն։"]


def test_guillemets_are_quotes() -> None:
    from karabakh_map.ingest.classify import quote_spans

    text = "Il a dit « Latchine est à nous » hier; „Heute“ sagte er."
    assert [text[a:b] for a, b in quote_spans(text)] == ["« Latchine est à nous »", "„Heute“"]


def test_a_date_after_the_article_never_dates_a_change_already_made() -> None:
    got = kinds("On Monday the Agdam district was handed over to Azerbaijan, on March 20 "
                "Kelbajar district is to follow.")
    assert (EventType.TRANSFER, None, date(2021, 3, 8), date(2021, 3, 8)) in got


def test_an_undated_handover_gives_way_to_a_dated_one_of_the_same_place() -> None:
    got = kinds("Agdam has been handed over. Troops entered Agdam on Monday.")
    assert [(t, d) for t, _, d, _ in got] == [(EventType.TRANSFER, date(2021, 3, 8))]


def test_a_closed_corridor_is_never_handed_over() -> None:
    got = kinds("The Lachin corridor was blocked on Monday by protesters and handed over "
                "to nobody.")
    assert all(t not in (EventType.TRANSFER, EventType.CAPTURE) for t, *_ in got)
