"""German cues (verb-final clauses: the cue often follows the place)."""

from __future__ import annotations

import re

from karabakh_map.ingest.cues.table import IC, CueTable, vague_before, words
from karabakh_map.model import EventType as T

NUMBER_WORDS = {"ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
                "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10}
_APPROX = r"(etwa|rund|knapp|mehr\s+als|über|bis\s+zu|fast|ungefähr|circa|ca\.)"
_NUMBER = r"(?<![\d.,])(\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+|\d+)"  # linear on digit runs
_HAND = r"(?:übergeben|zurückgegeben|abgetreten|abgegeben|übertragen|überlassen)"
_NOT_AREA = r"(?!e[nr]?\s+(?:Gebiet|Territori|Region|Bezirk|Stadt|Dörfer))"

GERMAN = CueTable(
    territory=(
        # an infinitive ("abgeben", "zurückgeben") stands with a modal: a schedule
        (T.SCHEDULED, words(rf"{_HAND}\s+werden", r"(?:ab|zurück)geben\b", r"Frist\w*",
                            r"Stichtag\w*",
                            r"ursprünglich\s+(?:\w+\s+)?(?:geplant|vorgesehen)",
                            r"(?:geplant|vorgesehen)e?\s+Übergabe",
                            r"soll\w*\s+(?:\w+\s+){0,5}?folgen", r"soll(?:te|en|ten)?\b"
                            rf"[^.;]{{0,50}}?{_HAND}",
                            r"hätte\w*\s+[^.;]{0,60}?(?:erfolgen|stattfinden)\s+sollen")),
        (T.TRANSFER, words(r"räumen\b", r"abziehen\b")),
        (T.TRANSFER, words(rf"{_HAND}(?!\s+werden)", r"übergab(?:en)?\b", r"zurückgab(?:en)?\b",
                           r"eingerückt", r"einmarschiert",
                           r"Einmarsch\w*", r"rück(?:t|en|ten|te)(?=\s+(?:[\w-]+\s+){0,8}?ein\b)",
                           r"(?:übernahm|übernommen|übernehmen|übernimmt)\w*\s+(?:\w+\s+){0,3}?"
                           r"Kontrolle", r"Kontrolle\s+(?-i:[a-zäöüß]+\s+){0,3}?übernommen",
                           r"unter\s+(?:die\s+)?(?:\w+\s+)?Kontrolle\s+(?:\w+\s+)?"
                           r"(?:gebracht|gestellt|übergegangen|gekommen|gelangt)",
                           r"brachte\w*(?=\s+(?:[\w-]+\s+){0,4}?unter\s+(?:\w+\s+)?Kontrolle)",
                           r"abgezogen", r"Abzug\b", r"übernommen", r"betreten", r"betraten",
                           r"Übergabe\w*",
                           r"(?:ging|gingen|geht|gehen)(?=\s+(?:[\w-]+\s+){0,6}?über\b)")),
        # "ist besetzt" is a state (a road held by protesters), no capture
        (T.CAPTURE, words(r"(?:wurde|wurden|worden)\s+(?:[\w.]+\s+){0,4}?besetzt",
                          r"besetzte[n]?\b")),
        (T.CAPTURE, words(r"erobert\w*", r"eingenommen", r"Einnahme\b", rf"befreit{_NOT_AREA}",
                          r"zurückerobert\w*", r"Rückeroberung\w*", r"fiel\w*\s+an\b",
                          r"gefallen\b", r"Fall\s+(?:von|der|des)\b", r"Eroberung\w*",
                          r"Befreiung\w*", r"nicht\s+mehr\s+unter\s+(?:der\s+)?Kontrolle",
                          r"nahm(?:en)?(?=\s+[^.]{0,80}?\bein\b)")),
    ),
    modal_before=re.compile(r"\b(?:soll\w*|muss\w*|müssen|wird|werden)\b[^.;]{0,35}$", IC),
    people_verb=re.compile(r"zurück", IC),
    schedule_only=re.compile(r"(?:räumen|abziehen)", IC),
    occupation=re.compile(r"besetz", IC),
    present=re.compile(r"^(?:übergibt|rückt|rücken|übernimmt|übernehmen|geht|gehen)", IC),
    # separable verbs ("ging ... über", "rückt ... ein") are matched by their first part
    other_clause=re.compile(r"[—()]|\bim\s+Rahmen\b", IC),
    group_gap=re.compile(r"^\s*(?:,|und|, und|-|–|—|oder|\(|\))?\s*(?:(?:die\s+)?(?:Bezirke?|"
                         r"Regionen?|Distrikte?)\s+)?$", IC),
    alias_gap=re.compile(r"^[\s,(/]*(?:auch|oder|alias|genannt)?[\s,(/]*$", IC),
    vague_before=vague_before(r"Dörfer\w*|Ortschaften|Teile?n?|Umgebung|Stellungen|Höhen|"
                              r"Randgebiete?n?|Richtung"),
    container_before=re.compile(r"\b(?:im\s+(?:Bezirk|Distrikt)|in\s+der\s+Region)\s+$", IC),
    quiet=words(r"Jahrestag\w*", r"Minen\w*", r"Entminung\w*", r"Wiederaufbau\w*",
                r"Gedenk\w*", r"Besuch\w*", r"besucht\w*",
                r"nicht\s+(?:mehr\s+)?(?:\w+\s+)?zurückkehren"),
    recalled_before=re.compile(r"(?:Jahrestag\w*\s+(?:der\s+|des\s+)?|(?:Jahre?n?|Monate?n?)\s+"
                               r"(?:nach|seit)\s+(?:der\s+|dem\s+)?|seit\s+der\s+)$", IC),
    town_noun=words(r"(?:die|der)\s+Stadt\b"),
    denial=words(r"dementiert\w*", r"Dementi\w*", r"bestritt\w*", r"bestreit\w*",
                 r"bestritten", r"zurückgewiesen", r"wies\w*\s+[^.]{0,100}?zurück",
                 r"falsch\w*", r"Falschmeldung\w*", r"Desinformation"),
    confirm=words(r"bestätigt\w*", r"räumt\w*\s+[^.]{0,30}ein", r"eingeräumt"),
    claim=words(r"erklärt\w*", r"verkündet\w*", r"teilte\w*\s+[^.]{0,30}mit", r"behauptet\w*",
                r"meldet\w*", r"sagte\b"),
    postpone=words(r"verschob\w*", r"verschoben", r"Verschiebung", r"aufgeschoben",
                   r"verlänger\w*", r"Aufschub", r"Fristverlängerung", r"mehr\s+Zeit"),
    delay=re.compile(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?:weitere\s+|"
                     r"zusätzliche\s+)?(Tage?n?|Wochen?)\b", IC),
    week_unit=re.compile(r"Woche", IC),
    number_words=NUMBER_WORDS,
    other_event_date=re.compile(r"\b(?:begann\w*|begonnen\w*|ausgebrochen\w*|brach\w*|"
                                r"entbrannt\w*)\s+(?:\w+\s+)?$", IC),
    clash=words(r"Kämpfe\w*", r"Gefecht\w*", r"Krieg\w*", r"Konflikt\w*",
                r"Feindseligkeiten"),
    agreement_noun=words(r"Waffenstillstand\w*", r"Waffenruhe", r"\w*[Ff]euerpause",
                         r"\w*[Aa]bkommen\w*",
                         r"Vereinbarung\w*", r"(?:dreiseitig|trilateral|gemeinsam)\w*\s+Erklärung",
                         r"Friedens(?:abkommen|vertrag)\w*",
                         r"Feuer\s+(?:einzustellen|eingestellt)",
                         r"Einstellung\s+der\s+(?:Feindseligkeiten|Kampfhandlungen)",
                         r"[Kk]apitul\w*", r"für\s+beendet",
                         r"Ende\s+(?:des|der)\s+(?:\w+\s+)?(?:Krieges|Kriegs|Kampfhandlungen)"),
    agreement_verb=words(r"unterzeichnet\w*", r"einigte\w*", r"geeinigt", r"einigen",
                         r"vereinbart\w*", r"vermittelt\w*",
                         r"geschlossen", r"in\s+Kraft",
                         r"trat\b", r"tritt\b", r"gilt\b", r"galt\b",
                         r"verkündet\w*", r"ausgehandelt\w*", r"bekannt\s*gegeben",
                         r"angekündigt", r"erklärte\w*", r"kapitulierte\w*"),
    agreement_date_after=re.compile(r"\s+(?:vom|am|im|von|seit)\s+\S", IC),
    ceasefire_noun=words(r"Waffenstillstand\w*", r"Waffenruhe", r"Feuerpause",
                         r"Feuer\s+(?:einzustellen|eingestellt)",
                         r"Einstellung\s+der\s+(?:Feindseligkeiten|Kampfhandlungen)",
                         r"[Kk]apitul\w*", r"für\s+beendet",
                         r"Ende\s+(?:des|der)\s+(?:\w+\s+)?(?:Krieges|Kriegs|Kampfhandlungen)"),
    document_noun=words(r"Abkommen\w*", r"Vereinbarung\w*", r"Erklärung",
                        r"Friedens(?:abkommen|vertrag)\w*"),
    russia=words(r"Russland\w*", r"russisch\w*", r"Moskau", r"Putin\w*"),
    az_actor=words(r"Aserbaidschan\w*", r"Baku", r"Alijew\w*", r"Aliyev\w*"),
    am_actor=words(r"Armeni\w*", r"armenisch\w*", r"Eriwan", r"Jerewan", r"Separatist\w*",
                   r"Arzach", r"Artsakh", r"Karabach-Armenier\w*"),
    situations=(
        (T.OFFENSIVE, words(r"\w*offensive\w*", r"Militäroperation\w*", r"Militäreinsatz\w*",
                            r"Anti-?Terror-?(?:Einsatz|Operation|Maßnahme)\w*",
                            r"Großangriff\w*", r"Militäraktion\w*",
                            r"(?:Militär)?[Aa]ngriff\w*\s+auf\s+(?:die\s+|das\s+)?(?:Region|"
                            r"Enklave|Berg-Karabach|Karabach|Arzach)", r"Blitzkrieg\w*")),
        (T.BLOCKADE, words(r"\w*blockade\w*", r"blockier\w*", r"gesperrt\w*", r"Sperrung\w*",
                           r"(?:ist|bleibt|sind|bleiben)\s+(?:\w+\s+){0,2}besetzt",
                           r"abgeriegelt\w*", r"Abriegelung\w*")),
        (T.CHECKPOINT, words(r"Kontrollpunkt\w*", r"Checkpoint\w*", r"Kontrollposten\w*",
                             r"Grenzposten\w*", r"Grenzübergang\w*", r"Kontrollstelle\w*")),
        (T.REROUTE, words(r"neue\w*\s+(?:\w+\s+)?(?:Straße|Route|Strecke|Verbindung)\w*",
                          r"Umgehungsstraße\w*", r"Ausweichroute\w*", r"umgeleitet",
                          r"verlegt\w*\s+(?:\w+\s+)?Korridor")),
        (T.DISSOLUTION, words(r"Auflösung\w*", r"aufgelöst\w*", r"aufzulösen", r"auflösen",
                              r"löst\w*\s+[^.]{0,40}auf\b", r"(?:hört|hören)\s+(?:\w+\s+){0,4}?"
                              r"auf\s+zu\s+existieren", r"aufhören\s+zu\s+existieren")),
    ),
    ongoing=words(r"weiterhin", r"noch\s+immer", r"immer\s+noch", r"andauer\w*", r"anhalt\w*"),
    day_count=re.compile(r"\b(?:am|den|seinen|ihren)\s+(\d{1,4})\.\s+Tag\b", IC),
    people=(
        (T.RETURN, words(r"Rückkehr\w*", r"zurückgekehrt\w*", r"kehrten\s+[^.]{0,30}zurück")),
        (T.DISPLACEMENT, words(r"geflohen\w*", r"flohen", r"Flucht", r"flüchte\w*",
                               r"Flüchtling\w*", r"vertrieben\w*", r"Vertreibung\w*",
                               r"Exodus", r"Massenflucht")),
        (T.DESTRUCTION, words(r"niedergebrannt\w*", r"verbrannt\w*", r"zerstört\w*",
                              r"Zerstörung\w*", r"geplündert\w*", r"abgerissen", r"in\s+Brand")),
    ),
    not_before=re.compile(r"\b(?:nicht|nie|kaum)\s+(?:mehr\s+)?$", IC),
    peacekeepers=words(r"Friedenstrupp\w*", r"Friedenssoldat\w*", r"Blauhelm\w*",
                       r"Friedensmission\w*"),
    peacekeeper_presence=words(r"stationier\w*", r"entsandt\w*", r"eingetroffen",
                               r"verlegt\w*", r"Stationierung\w*"),
    political=words(r"Rücktritt\w*", r"zurückgetreten", r"Protest\w*", r"Demonstr\w*",
                    r"Wahl(?:en)?\b", r"Parlament\w*[^.]{0,30}?(?:billig|stimm)\w*"),
    political_labels=(("rücktritt", "a resignation"), ("zurückgetreten", "a resignation"),
                      ("protest", "protests"), ("demonstr", "protests"),
                      ("wahl", "an election"), ("parlament", "a parliamentary vote")),
    troops=re.compile(rf"(?:\b{_APPROX}\s+)?{_NUMBER}\s+(?:russische\w*\s+)?(?:Soldaten|"
                      r"Friedens\w*|Militärangehörige\w*|Blauhelm\w*)", IC),
    head_count=re.compile(rf"(?:\b{_APPROX}\s+)?{_NUMBER}\s+(?:\w+\s+)?(?:Menschen|Einwohner|"
                          r"Flüchtlinge|Zivilisten|Armenier|Aserbaidschaner|Personen)", IC),
)
