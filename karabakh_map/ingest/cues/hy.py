"""Armenian cues (suffixing; "։" ends a sentence). Occupation words are not marked: in
Armenian texts they name Azerbaijan's advance as often as the first war's."""

from __future__ import annotations

import re

from karabakh_map.ingest.cues.table import IC, CueTable, vague_after, words
from karabakh_map.model import EventType as T

NUMBER_WORDS = {"մեկ": 1, "երկու": 2, "երեք": 3, "չորս": 4, "հինգ": 5, "վեց": 6, "յոթ": 7,
                "ութ": 8, "ինը": 9, "տասը": 10}
_APPROX = r"(մոտ|շուրջ|ավելի\s+քան|առնվազն)"
_NUMBER = r"(?<![\d.,])(\d{1,3}(?:[.,\s]\d{3})+|\d+)"  # linear on digit runs

ARMENIAN = CueTable(
    verb_final=True,
    territory=(
        (T.SCHEDULED, words(r"պետք\s+է\s+(?:\w+\s+)?(?:հանձն|փոխանց|վերադարձ)\w*",
                            r"կհանձն\w*", r"հանձնվելու\w*", r"ժամկետ\w*", r"նախատես\w*")),
        (T.TRANSFER, words(r"հանձն(?!վելու|վի\b)\w*", r"փոխանցվ\w*", r"վերադարձվ\w*",
                           r"վերադարձր(?:ել|ին|եց)\w*", r"անց(?:ել|ավ|ան)\b",
                           r"(?:\w+\s+)?վերահսկողության\s+(?:տակ|ներքո)",
                           r"մտ(?:ան|ավ|ել\s+են|ել\s+է)\b", r"մուտք\s+(?:են\s+|է\s+)?գործ\w*",
                           r"դուրս\s+(?:են\s+|է\s+)?բեր\w*")),
        (T.CAPTURE, words(r"գրավ\w*", r"անկում\w*", r"ընկավ\w*", r"ազատագր\w*", r"զավթ\w*",
                          r"տիրացա\w*", r"օկուպաց\w*")),
    ),
    people_verb=re.compile(r"վերադարձ", IC),
    group_gap=re.compile(r"^[ը-]?\w{0,3}\s*(?:,|և|ու|-|–|—|\(|\))?\s*$", IC),
    alias_gap=re.compile(r"^[\s,(/]*(?:կամ)?[\s,(/]*$", IC),
    vague_after=vague_after(r"գյուղեր\w*|բնակավայրեր\w*|շրջակայք\w*|դիրքեր\w*|բարձունք\w*"),
    quiet=words(r"տարելից\w*", r"ական(?:ներ|ազերծ|ի)\w*", r"վերակառուց\w*",
                r"վերականգն\w*", r"չեն\s+կարող\s+վերադառն\w*", r"այց\w*", r"հիշատակ\w*"),
    recalled_before=re.compile(r"տարի\s+առաջ\s+(?:\w+\s+)?$", IC),
    recalled_after=re.compile(r"^\w*\s+(?:\d+-?(?:րդ\s+)?)?(?:տարելից|ամյակ)", IC),
    denial=words(r"հերք\w*", r"կեղծ\w*", r"ապատեղեկատվ\w*",
                 r"չի\s+համապատասխանում\s+իրականությանը"),
    confirm=words(r"հաստատ\w*", r"ընդուն\w*"),
    claim=words(r"հայտարար\w*", r"պնդ\w*", r"տեղեկացր\w*", r"հաղորդ\w*"),
    postpone=words(r"հետաձգ\w*", r"երկարաձգ\w*", r"լրացուցիչ\s+ժամանակ\w*"),
    delay=re.compile(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?:լրացուցիչ\s+)?(օր|շաբաթ)"
                     r"\w*", IC),
    week_unit=re.compile(r"շաբաթ", IC),
    number_words=NUMBER_WORDS,
    other_event_after=re.compile(r"^\W*(?:\w+\s+)?(?:սկսված|սկսվեց|սկսվել|սկսեց|բռնկված|"
                                 r"սանձազերծ)", IC),
    clash=words(r"մարտեր\w*", r"մարտական\s+գործողություն\w*", r"պատերազմ\w*", r"բախում\w*"),
    agreement_noun=words(r"հրադադար\w*", r"համաձայնագ\w*", r"եռակողմ\s+հայտարարություն\w*",
                         r"պայմանավորվածություն\w*"),
    agreement_verb=words(r"ստորագր\w*", r"ուժի\s+մեջ\s+(?:է\s+)?մտ\w*", r"ձեռք\s+է\s+բերվել",
                         r"կնքվ\w*"),
    ceasefire_noun=words(r"հրադադար\w*"),
    document_noun=words(r"համաձայնագ\w*", r"հայտարարություն\w*"),
    russia=words(r"Ռուսաստան\w*", r"ռուսական\w*", r"Մոսկվա\w*", r"Պուտին\w*"),
    az_actor=words(r"Ադրբեջան\w*", r"ադրբեջանական\w*", r"Բաքու\w*", r"Ալիև\w*"),
    am_actor=words(r"Հայաստան\w*", r"հայկական\w*", r"Երևան\w*", r"Արցախ\w*", r"ՀՀ\b"),
    situations=(
        (T.OFFENSIVE, words(r"հարձակ\w*", r"ռազմական\s+գործողություն\w*",
                            r"հակաահաբեկչական\w*")),
        (T.BLOCKADE, words(r"շրջափակ\w*", r"փակ(?:ել|վել|եցին|ված|վեց|ումը|վելուց)\w*",
                           r"փակ\s+(?:է|են|էր|պահ\w*|լինել\w*)")),
        (T.CHECKPOINT, words(r"անցակետ\w*", r"անցակայան\w*", r"ստուգման\s+կետ\w*")),
        (T.REROUTE, words(r"նոր\s+(?:\w+\s+)?ճանապարհ\w*", r"այլընտրանքային\s+ճանապարհ\w*",
                          r"շրջանցող\w*")),
        (T.DISSOLUTION, words(r"լուծար\w*", r"գոյությունը\s+դադարեցն\w*",
                              r"դադար\w*\s+(?:է\s+)?(?:իր\s+)?գոյություն\w*",
                              r"դադարեցնել\s+գոյությունը")),
    ),
    people=(
        (T.RETURN, words(r"վերադարձել\s+են", r"վերադարձան", r"վերադառն(?:ում|ալու)\w*")),
        (T.DISPLACEMENT, words(r"տեղահան\w*", r"փախստական\w*", r"լքել\w*", r"լքեցին",
                               r"արտագաղթ\w*", r"հեռացել\s+են")),
        (T.DESTRUCTION, words(r"ավեր\w*", r"քանդ\w*", r"այր(?:վ|ել|եցին)\w*", r"ոչնչաց\w*",
                              r"թալան\w*")),
    ),
    not_before=re.compile(r"(?:չեն\s+կարող|չի\s+կարող|չեն|չի)\s+$", IC),
    peacekeepers=words(r"խաղաղապահ\w*"),
    peacekeeper_presence=words(r"տեղակայ\w*", r"ժաման\w*"),
    political=words(r"հրաժարական\w*", r"բողոք\w*", r"հանրահավաք\w*", r"ցույց\w*",
                    r"ընտրություն\w*"),
    political_labels=(("հրաժարական", "a resignation"), ("բողոք", "protests"),
                      ("հանրահավաք", "protests"), ("ցույց", "protests"),
                      ("ընտրություն", "an election")),
    troops=re.compile(rf"(?:\b{_APPROX}\s+)?{_NUMBER}\s+(?:ռուս\s+)?(?:խաղաղապահ\w*|"
                      r"զինծառայող\w*|զինվոր\w*)", IC),
    head_count=re.compile(rf"(?:\b{_APPROX}\s+)?{_NUMBER}\s+(?:\w+\s+)?(?:մարդ\w*|բնակիչ\w*|"
                          r"հայ\w*|փախստական\w*)", IC),
)
