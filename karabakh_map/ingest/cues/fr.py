"""French cues."""

from __future__ import annotations

import re

from karabakh_map.ingest.cues.table import IC, CueTable, vague_before, words
from karabakh_map.model import EventType as T

NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "quinze": 15}
_APPROX = r"(environ|près\s+de|quelque|plus\s+de|jusqu'à|au\s+moins|quelques)"
_NUMBER = r"(?<![\d.,])(\d{1,3}(?:[\s\u00a0\u202f.]\d{3})+|\d+)"  # linear on digit runs
_HAND = r"(?:rétrocéd|rendu|rendre|remis|remettre|restitu|cédé|céder|transfér|livr)\w*"
_NOT_AREA = r"(?!\s+(?:territoire|terres|région|district|ville|village|zone))"

FRENCH = CueTable(
    territory=(
        (T.SCHEDULED, words(rf"doi(?:t|vent)\s+(?:être\s+)?{_HAND}",
                            rf"devai(?:t|ent)\s+(?:être\s+)?{_HAND}",
                            rf"devr(?:a|ont|ait|aient)\s+(?:être\s+)?{_HAND}",
                            rf"ser(?:a|ont|ait|aient)\s+{_HAND}", r"date\s+butoir",
                            r"échéance", r"initialement\s+prévu\w*", r"prévu\w*\s+(?:pour|le)\b",
                            r"au\s+plus\s+tard", r"date\s+limite", r"calendrier",
                            r"(?:doi|devai|devr)\w*\s+(?:\w+\s+)?(?:quitter|évacuer)")),
        (T.TRANSFER, words(r"rétrocéd\w*", r"rétrocession\w*", r"remis\w*\s+(?:à|aux)",
                           r"rendu\w*\s+(?:à|aux|le\s+\d)", r"restitu\w*", r"cédé\w*", r"cède\w*",
                           r"transféré\w*", r"passé\w*\s+sous\s+(?:le\s+)?contrôle",
                           r"(?:pris|prend|prennent|repris|reprend)\s+(?:le\s+)?contrôle",
                           r"entré\w*\s+(?:[\w'’]+\s+){0,2}?(?:dans|à|en)\b",
                           r"entr(?:e|ent)\s+(?:dans|à|en)\b",
                           r"retir[ée]\w*\s+(?:de|du|des)\b", r"remise\s+(?:de|du|des)\b")),
        (T.CAPTURE, words(r"(?:été\s+)?occupé\w*\s+par", r"occupée?s?\s+depuis")),
        (T.CAPTURE, words(r"captur\w*", r"conquis\w*",
                          r"tomb(?:é|ée|és|ées)\s+(?:\w+\s+){0,2}?(?:aux\s+mains|sous\s+"
                          r"(?:le\s+)?contrôle)",
                          r"(?:a|ont|avait|avaient|aurait|auraient)\s+(?:\w+\s+)?pris\b"
                          r"(?!\s+(?:part|fin|acte|soin|connaissance|note|la\s+parole|"
                          r"le\s+contrôle|position|des\s+mesures))",
                          rf"libér(?:é|ée|és|ées){_NOT_AREA}",
                          r"reconqu\w*", r"empar\w*", r"repris\b(?!\s+(?:le\s+)?contrôle)",
                          r"prise\s+(?:de|du|d')", r"chute\s+(?:de|du|d')",
                          r"libération\s+(?:de|du|d')",
                          r"perte\s+(?:de\s+|d['’])(?=(?-i:[A-ZÀ-Ý]))",
                          r"tomb(?:é|ée|és|ées)\s+(?:aux\s+mains|sous\s+(?:le\s+)?contrôle)")),
    ),
    modal_before=re.compile(r"\b(?:doit|doivent|devait|devaient|devra|devront|sera|seront|va|"
                            r"vont|prévu\w*\s+de|engagé\w*\s+à)\s+(?:\w+\s+)?$", IC),
    people_verb=re.compile(r"rendu|remis", IC),
    people_before=re.compile(r"\b(?:habitants|réfugiés|déplacés|civils|familles)\b[^.]{0,30}$", IC),
    occupation=re.compile(r"occup", IC),
    present=re.compile(r"^(?:entre|entrent|prend|prennent|rétrocède|cède|reprend)", IC),
    perfect_before=re.compile(r"\b(?:a|ont|est|sont|avait|avaient)\s+(?:\w+\s+)?$", IC),
    other_clause=re.compile(r"[—()]|\bdans\s+le\s+cadre\b", IC),
    relative_pronoun=re.compile(r"\b(?:qui|que|dont|où|lequel|laquelle)\b", IC),
    relative_same_noun=re.compile(r"^\W*(?:district|région|ville)?\W*(?:qui|que)\b", IC),
    group_gap=re.compile(r"^\s*(?:,|et|, et|-|–|—|ou|\(|\))?\s*(?:(?:les?\s+)?(?:districts?|"
                         r"régions?)\s+(?:de\s+|d')?)?$", IC),
    alias_gap=re.compile(r"^[\s,(/]*(?:aussi\s+appelée?|ou|dite?)?[\s,(/]*$", IC),
    vague_before=vague_before(r"villages|localités|parties?|environs|positions|hauteurs|"
                              r"abords|secteurs?|direction"),
    quiet=words(r"anniversaire\w*", r"déminage\w*", r"mines?\b", r"reconstruction\w*",
                r"reconstrui\w*", r"commémor\w*", r"mémorial", r"visite\w*", r"visité\w*",
                r"(?:ne\s+peuvent|ne\s+pourront|impossible\s+de)\s+(?:pas\s+)?(?:y\s+)?"
                r"(?:retourner|rentrer)"),
    recalled_before=re.compile(r"(?:anniversaire\s+(?:de\s+)?(?:la\s+)?|(?:ans?|années?|mois)\s+"
                               r"(?:après|depuis)\s+(?:la\s+|le\s+)?|depuis\s+la\s+|"
                               r"célébr\w+\s+la\s+|commémor\w+\s+la\s+)$", IC),
    town_noun=words(r"(?:la|cette)\s+ville\b"),
    denial=words(r"démenti\w*", r"dément\w*", r"nié\w*", r"nie\b", r"nient\b", r"réfut\w*",
                 r"faux\b", r"fausses?\b", r"infondé\w*", r"désinformation"),
    confirm=words(r"confirm\w*", r"reconnu\w*", r"admis\b", r"reconnaît"),
    claim=words(r"affirm\w*", r"annonc\w*", r"revendiqu\w*", r"déclar\w*", r"assur\w*"),
    postpone=words(r"report\w*(?!\s+(?:de|du)\s+(?:la\s+)?(?:presse))", r"repouss\w*",
                   r"décal\w*", r"prolong\w*", r"délai\s+supplémentaire",
                   r"jours\s+supplémentaires", r"sursis"),
    delay=re.compile(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(jours?|semaines?)", IC),
    week_unit=re.compile(r"semaine", IC),
    number_words=NUMBER_WORDS,
    other_event_date=re.compile(r"\b(?:déclench\w*|éclaté\w*|commencé\w*|débuté\w*|"
                                r"lancé\w*|repris)\s+(?:\w+\s+)?$", IC),
    clash=words(r"combats?\b", r"affrontements?\b", r"guerre\b", r"conflit\b", r"hostilités"),
    agreement_noun=words(r"cessez-le-feu", r"trêve", r"accord\w*",
                         r"déclaration\s+(?:tripartite|trilatérale|commune)",
                         r"armistice", r"capitul\w*", r"reddition",
                         r"fin\s+de\s+la\s+(?:\w+\s+){0,2}?guerre", r"fin\s+des\s+hostilités"),
    agreement_verb=words(r"capitul\w*", r"sign\w*", r"conclu\w*", r"accept\w*", r"négocié\w*",
                         r"parrainé\w*",
                         r"entré\w*\s+en\s+vigueur", r"entre\s+en\s+vigueur", r"annoncé\w*"),
    agreement_date_after=re.compile(r"\s+(?:du|le|en|de)\s+\S", IC),
    ceasefire_noun=words(r"cessez-le-feu", r"trêve", r"cessation\s+des\s+hostilités",
                         r"capitul\w*", r"reddition"),
    document_noun=words(r"accord\w*", r"déclaration"),
    russia=words(r"Russ\w*", r"Moscou", r"Poutine"),
    az_actor=words(r"Azerba[ïi]djan\w*", r"Bakou", r"Ali[ey]v\w*"),
    am_actor=words(r"Arméni\w*", r"Erevan", r"séparatist\w*", r"Artsakh"),
    situations=(
        (T.OFFENSIVE, words(r"offensive\w*", r"opération\s+(?:militaire|antiterroriste)\w*",
                            r"mesures\s+antiterroristes", r"lanc\w*\s+(?:une\s+)?(?:\w+\s+)?"
                            r"(?:attaque|assaut|opération)",
                            r"(?:attaque|assaut)\s+(?:militaire\s+)?(?:contre|sur|du|au)\s+"
                            r"(?:le\s+|la\s+|l['’]\s*)?(?:Haut-Karabakh|Karabakh|Artsakh|"
                            r"enclave|région)", r"guerre\s+éclair")),
        (T.BLOCKADE, words(r"blocus\w*", r"bloqu\w*",
                           r"(?:passage|circulation|trafic)\s+[^.]{0,60}?suspendu\w*",
                           r"fermeture\s+(?:du|de\s+la)\s+"
                           r"(?:\w+\s+)?(?:corridor|route)",
                           r"ferm[ée]\w*\s+(?:\w+ment\s+)?(?:le\s+|la\s+)?(?:corridor|route)")),
        (T.CHECKPOINT, words(r"points?\s+de\s+contrôle", r"postes?\s+de\s+contrôle",
                             r"check-?points?", r"postes?\s+frontière\w*")),
        (T.REROUTE, words(r"nouvel\w*\s+(?:route|itinéraire|tracé)", r"route\s+alternative",
                          r"(?:nouvelle|autre)\s+route", r"contourn\w*")),
        (T.DISSOLUTION, words(r"dissolution", r"dissou\w*", r"cesser\w*\s+d'exister",
                              r"cessera\s+d'exister", r"disparaîtr\w*")),
    ),
    ongoing=words(r"toujours", r"reste\b", r"restent\b", r"continu\w*", r"se\s+poursui\w*"),
    day_count=re.compile(r"\b(?:dans\s+son|à\s+son|son)\s+(\d{1,4})(?:e|ème|eme)\s+jour\b",
                         IC),
    people=(
        (T.RETURN, words(r"retour\s+des\s+(?:habitants|réfugiés|déplacés|populations?)",
                         r"rentr\w*\s+chez", r"retourn\w*\s+(?:chez|dans\s+leurs?)")),
        (T.DISPLACEMENT, words(r"déplacé\w*", r"réfugié\w*", r"fui\w*", r"fuy\w*", r"fuite",
                               r"exode", r"exil\w*", r"chassé\w*", r"expulsé\w*")),
        (T.DESTRUCTION, words(r"brûl\w*", r"incendi\w*", r"détrui\w*", r"destruction\w*",
                              r"pill\w*", r"démoli\w*", r"rasé\w*")),
    ),
    not_before=re.compile(r"\b(?:ne\s+peuvent|ne\s+pourront|impossible\s+de|pas)\s+(?:pas\s+)?"
                          r"$", IC),
    peacekeepers=words(r"soldats\s+de\s+la\s+paix", r"forces?\s+de\s+(?:maintien\s+de\s+la\s+)?"
                       r"paix", r"casques\s+bleus", r"force\s+d'interposition",
                       r"maintien\s+de\s+la\s+paix"),
    peacekeeper_presence=words(r"déploy\w*", r"stationn\w*", r"arriv\w*", r"postés?"),
    political=words(r"démission\w*", r"manifest(?:ation|ant)\w*", r"protest\w*",
                    r"élection\w*", r"parlement\w*[^.]{0,30}?(?:approuv|vot)\w*",
                    r"destitution"),
    political_labels=(("démission", "a resignation"), ("manifest", "protests"),
                      ("protest", "protests"), ("élection", "an election"),
                      ("parlement", "a parliamentary vote"), ("destitution", "an impeachment")),
    troops=re.compile(rf"(?:\b{_APPROX}\s+)?{_NUMBER}\s+(?:soldats|militaires|casques\s+bleus|"
                      r"hommes)", IC),
    head_count=re.compile(rf"(?:\b{_APPROX}\s+)?{_NUMBER}\s+(?:\w+\s+)?(?:personnes|habitants|"
                          r"réfugiés|civils|Arméniens|Azerbaïdjanais)", IC),
)
