"""Date words per language: months with their case forms, weekdays, relative dates and the
words around a date that say what it means ("by", "since", "last", "next").

All phrases are lower case; the patterns match them case-insensitively. Qualifiers and
relative words map to the English forms the resolver knows (karabakh_map.ingest.dates).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DateWords:
    """The date vocabulary of one language."""

    months: dict[int, tuple[str, ...]]  # every written form (cases, abbreviations)
    weekdays: dict[int, tuple[str, ...]]
    relative: dict[str, str] = field(default_factory=dict)  # phrase -> English relative word
    weekday_before: dict[str, str] = field(default_factory=dict)  # "в прошлую" -> "last"
    weekday_after: dict[str, str] = field(default_factory=dict)  # "dernier" -> "last"
    bare_weekday: bool = False  # a weekday alone dates the clause ("a déclaré mardi")
    month_before: dict[str, str] = field(default_factory=dict)  # "début" -> "early"
    month_after: dict[str, str] = field(default_factory=dict)  # "başında" -> "early"
    month_in: tuple[str, ...] = ()  # forms that alone mean "in <month>" ("noyabrda")
    date_before: dict[str, str] = field(default_factory=dict)  # "до" -> "by"
    date_after: dict[str, str] = field(default_factory=dict)  # "kadar" -> "by"
    year_before: dict[str, str] = field(default_factory=dict)  # "depuis" -> "since"
    year_after: tuple[str, ...] = ()  # regex tails of a year ("-ci ildə", " году")
    day_tail: str = ""  # regex after a day number ("\\.", "er", "-ին")
    year_mid: str = ""  # regex between a leading year and the month ("թ\\.", "-ci il")
    range_joins: tuple[str, ...] = ()  # "24 au 25 novembre"
    future: str = ""  # regex of future cues in the clause before a weekday


def _forms(stems: list[str], endings: tuple[str, ...]) -> dict[int, tuple[str, ...]]:
    return {i + 1: tuple(dict.fromkeys(s + e for e in ("", *endings))) for i, s in
            enumerate(stems)}


def _merge(*tables: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    return {k: tuple(dict.fromkeys(f for t in tables for f in t.get(k, ()))) for k in
            range(1, 13)}


_BY = {"by": "by", "before": "before", "since": "since", "until": "until", "till": "until",
       "on": "on", "in": "in", "from": "from", "after": "after", "around": "around",
       "of": "of"}

EN = DateWords(
    months={1: ("january", "jan"), 2: ("february", "feb"), 3: ("march", "mar"),
            4: ("april", "apr"), 5: ("may",), 6: ("june", "jun"), 7: ("july", "jul"),
            8: ("august", "aug"), 9: ("september", "sept", "sep"), 10: ("october", "oct"),
            11: ("november", "nov"), 12: ("december", "dec")},
    weekdays={0: ("monday",), 1: ("tuesday",), 2: ("wednesday",), 3: ("thursday",),
              4: ("friday",), 5: ("saturday",), 6: ("sunday",)},
    relative={w: w for w in (
        "today", "yesterday", "tomorrow", "overnight", "this week", "earlier this week",
        "later this week", "last week", "next week", "earlier this month", "this month",
        "a week ago",
        "last month", "next month", "last year", "this year")} | {
        "last night": "overnight"},
    weekday_before={w: w for w in ("on", "last", "next", "this", "since", "by", "until",
                                   "before", "after")},
    month_before={"early": "early", "mid": "mid", "late": "late", "in": "in",
                  "since": "since", "by": "by", "until": "until", "during": "during",
                  "end of": "end of", "beginning of": "beginning of"},
    date_before=_BY,
    year_before={w: w for w in ("in", "since", "by", "until", "till", "from", "before",
                                "after", "during", "early", "late", "mid", "the", "of")},
    range_joins=("to", "and", "into"),
    future=r"will|shall|is to|are to|(?:is|are) (?:due|set|scheduled|expected) to|next|upcoming",
)

_RU_MONTHS = _merge(
    {1: ("январь", "января", "январе", "янв"), 2: ("февраль", "февраля", "феврале", "фев"),
     3: ("март", "марта", "марте"), 4: ("апрель", "апреля", "апреле"), 5: ("май", "мая", "мае"),
     6: ("июнь", "июня", "июне"), 7: ("июль", "июля", "июле"),
     8: ("август", "августа", "августе"), 9: ("сентябрь", "сентября", "сентябре", "сент"),
     10: ("октябрь", "октября", "октябре", "окт"), 11: ("ноябрь", "ноября", "ноябре", "нояб"),
     12: ("декабрь", "декабря", "декабре", "дек")},
    # Ukrainian (nominative, genitive, locative): an article detected as uk reads these
    {1: ("січень", "січня", "січні"), 2: ("лютий", "лютого", "лютому"),
     3: ("березень", "березня", "березні"), 4: ("квітень", "квітня", "квітні"),
     5: ("травень", "травня", "травні"), 6: ("червень", "червня", "червні"),
     7: ("липень", "липня", "липні"), 8: ("серпень", "серпня", "серпні"),
     9: ("вересень", "вересня", "вересні"), 10: ("жовтень", "жовтня", "жовтні"),
     11: ("листопад", "листопада", "листопаді"), 12: ("грудень", "грудня", "грудні")})
RU = DateWords(
    months=_RU_MONTHS,
    weekdays={0: ("понедельник", "понедельника", "понеділок"),
              1: ("вторник", "вторника", "вівторок"),
              2: ("среду", "среда", "среды", "середу", "середа"),
              3: ("четверг", "четверга", "четвер"),
              4: ("пятницу", "пятница", "пятницы", "п'ятницю", "п’ятницю", "пʼятницю"),
              5: ("субботу", "суббота", "субботы", "суботу"),
              6: ("воскресенье", "воскресенья", "неділю")},
    relative={"вчера": "yesterday", "вчора": "yesterday", "учора": "yesterday",
              "сегодня": "today", "сьогодні": "today", "завтра": "tomorrow",
              "позавчера": "day before yesterday", "этой ночью": "overnight",
              "минувшей ночью": "overnight", "прошлой ночью": "overnight",
              "на прошлой неделе": "last week", "на минувшей неделе": "last week",
              "неделю назад": "a week ago", "в начале недели": "earlier this week",
              "минулого тижня": "last week", "на этой неделе": "this week",
              "на следующей неделе": "next week", "в прошлом месяце": "last month",
              "в этом месяце": "this month", "в прошлом году": "last year",
              "в этом году": "this year", "сегодня утром": "today", "сегодня ночью": "overnight",
              "вчера вечером": "yesterday", "в ночь на сегодня": "overnight",
              "в минувшем году": "last year", "в текущем году": "this year"},
    weekday_before={"в": "on", "во": "on", "у": "on", "в прошлый": "last",
                    "в прошлую": "last", "в прошлое": "last", "в минувший": "last",
                    "в минувшую": "last", "в минувшее": "last", "в следующий": "next",
                    "в следующую": "next", "в следующее": "next", "в этот": "this",
                    "в эту": "this", "в это": "this", "до": "by", "к": "by", "с": "since"},
    month_before={"в": "in", "у": "in", "в начале": "early", "в середине": "mid",
                  "в конце": "end of", "с": "since", "до": "by", "к": "by"},
    date_before={"до": "by", "к": "by", "с": "since", "со": "since", "после": "after",
                 "перед": "before", "на": "on", "не позднее": "by", "не позже": "by"},
    year_before={"в": "in", "с": "since", "до": "by", "после": "after", "у": "in"},
    year_after=(r"\s+(?:году|года|год|г\.|році|року|рік)",),
    day_tail=r"-(?:го|е|ого)",  # "25-го ноября"
    range_joins=("и", "по", "на", "і"),
    future=r"будет|будут|должн\w*|планиру\w*|намерен\w*|предстоит|следующ\w*",
)

_UK_WEEKDAYS = {0: ("понеділок", "понеділка"), 1: ("вівторок", "вівторка"),
                2: ("середа", "середу", "середи"), 3: ("четвер", "четверга"),
                4: tuple(f"п{a}ятниц{e}" for a in "'’ʼ" for e in "яюі"),
                5: ("субота", "суботу", "суботи"), 6: ("неділя", "неділю", "неділі")}
UK = DateWords(
    months={m: forms for m, forms in _RU_MONTHS.items()},
    weekdays=_UK_WEEKDAYS,
    relative={"вчора": "yesterday", "учора": "yesterday", "сьогодні": "today",
              "завтра": "tomorrow", "позавчора": "day before yesterday",
              "цієї ночі": "overnight", "минулої ночі": "overnight", "вночі": "overnight",
              "уночі": "overnight", "минулого тижня": "last week", "тиждень тому": "a week ago",
              "на початку тижня": "earlier this week",
              "на минулому тижні": "last week", "цього тижня": "this week",
              "наступного тижня": "next week", "минулого місяця": "last month",
              "цього місяця": "this month", "наступного місяця": "next month",
              "минулого року": "last year", "торік": "last year", "цього року": "this year"},
    weekday_before={"в": "on", "у": "on", "минулого": "last", "минулої": "last",
                    "минулий": "last", "минулу": "last", "у минулий": "last",
                    "у минулу": "last", "в минулий": "last", "в минулу": "last",
                    "наступного": "next", "наступної": "next", "у наступний": "next",
                    "у наступну": "next", "цього": "this", "цієї": "this", "до": "by",
                    "з": "since"},
    month_before={"в": "in", "у": "in", "на початку": "early", "в середині": "mid",
                  "у середині": "mid", "наприкінці": "end of", "в кінці": "end of",
                  "у кінці": "end of", "з": "since", "до": "by"},
    date_before={"до": "by", "з": "since", "із": "since", "від": "since", "після": "after",
                 "перед": "before", "на": "on", "не пізніше": "by"},
    year_before={"в": "in", "у": "in", "з": "since", "до": "by", "після": "after"},
    year_after=(r"\s+(?:році|року|рік|р\.)",),
    day_tail=r"-(?:го|е|ого)",  # "20-го вересня"
    range_joins=("і", "й", "та", "по", "на"),
    future=r"буде|будуть|має|мають|повин\w*|плану\w*|наступн\w*",
)

FR = DateWords(
    months={1: ("janvier", "janv"), 2: ("février", "fevrier", "févr", "fevr"),
            3: ("mars",), 4: ("avril", "avr"), 5: ("mai",), 6: ("juin",),
            7: ("juillet", "juil"), 8: ("août", "aout"), 9: ("septembre", "sept"),
            10: ("octobre", "oct"), 11: ("novembre", "nov"),
            12: ("décembre", "decembre", "déc", "dec")},
    weekdays={0: ("lundi",), 1: ("mardi",), 2: ("mercredi",), 3: ("jeudi",),
              4: ("vendredi",), 5: ("samedi",), 6: ("dimanche",)},
    relative={"hier": "yesterday", "aujourd'hui": "today", "aujourd’hui": "today",
              "demain": "tomorrow", "avant-hier": "day before yesterday",
              "cette nuit": "overnight", "la nuit dernière": "overnight",
              "la semaine dernière": "last week", "la semaine passée": "last week",
              "il y a une semaine": "a week ago", "en début de semaine": "earlier this week",
              "au début de la semaine": "earlier this week",
              "cette semaine": "this week", "la semaine prochaine": "next week",
              "le mois dernier": "last month", "ce mois-ci": "this month",
              "l'an dernier": "last year", "l'année dernière": "last year",
              "l’an dernier": "last year", "l’année dernière": "last year",
              "cette année": "this year"},
    weekday_before={"ce": "this", "depuis": "since", "avant": "before", "après": "after",
                    "jusqu'à": "by", "d'ici": "by"},
    weekday_after={"dernier": "last", "passé": "last", "prochain": "next"},
    bare_weekday=True,
    month_before={"en": "in", "début": "early", "mi": "mid", "fin": "end of",
                  "depuis": "since", "courant": "in", "jusqu'en": "by"},
    date_before={"le": "on", "depuis le": "since", "avant le": "before", "après le": "after",
                 "jusqu'au": "by", "jusqu’au": "by", "d'ici le": "by", "au plus tard le": "by",
                 "dès le": "since", "du": "from"},
    year_before={"en": "in", "depuis": "since", "avant": "before", "après": "after",
                 "jusqu'en": "by", "dès": "since"},
    day_tail="er",
    range_joins=("au", "et"),
    future=r"va|vont|doit|doivent|devra|devront|devrait|sera|seront|prochain\w*",
)

DE = DateWords(
    months={1: ("januar", "jänner", "jan"), 2: ("februar", "feb"), 3: ("märz", "maerz"),
            4: ("april", "apr"), 5: ("mai",), 6: ("juni",), 7: ("juli",),
            8: ("august", "aug"), 9: ("september", "sept", "sep"), 10: ("oktober", "okt"),
            11: ("november", "nov"), 12: ("dezember", "dez")},
    weekdays={i: tuple(dict.fromkeys((d, *(d + t for t in ("abend", "morgen", "nachmittag",
                                                               "vormittag", "nacht")))))
              for i, d in enumerate(("montag", "dienstag", "mittwoch", "donnerstag",
                                     "freitag", "samstag", "sonntag"))} | {
        5: ("samstag", "sonnabend", "samstagabend", "samstagmorgen", "samstagnacht")},
    relative={"gestern": "yesterday", "heute": "today", "vorgestern": "day before yesterday",
              "letzte woche": "last week", "vergangene woche": "last week",
              "vor einer woche": "a week ago", "anfang der woche": "earlier this week",
              "zu beginn der woche": "earlier this week",
              "in der vergangenen woche": "last week", "diese woche": "this week",
              "nächste woche": "next week", "kommende woche": "next week",
              "letzten monat": "last month", "vergangenen monat": "last month",
              "im vergangenen monat": "last month", "diesen monat": "this month",
              "letztes jahr": "last year", "vergangenes jahr": "last year",
              "im vergangenen jahr": "last year", "dieses jahr": "this year",
              "in der nacht": "overnight", "über nacht": "overnight"},
    weekday_before={"am": "on", "vergangenen": "last", "letzten": "last",
                    "am vergangenen": "last", "am letzten": "last", "kommenden": "next",
                    "nächsten": "next", "am kommenden": "next", "am nächsten": "next",
                    "bis": "by", "bis zum": "by", "seit": "since", "vor": "before"},
    month_before={"im": "in", "anfang": "early", "mitte": "mid", "ende": "end of",
                  "seit": "since", "bis": "by", "bis ende": "by"},
    date_before={"am": "on", "bis": "by", "bis zum": "by", "seit": "since", "seit dem": "since",
                 "vor dem": "before", "nach dem": "after", "ab": "since", "ab dem": "since",
                 "vom": "from"},
    year_before={"im jahr": "in", "seit": "since", "bis": "by", "vor": "before",
                 "nach": "after", "im": "in"},
    day_tail=r"\.",
    range_joins=("bis", "und", "zum", "auf den"),
    future=r"wird|werden|soll|sollen|will|muss|müssen|kommend\w*|nächst\w*",
)

_TR_CASE = ("'da", "'de", "'ta", "'te", "'dan", "'den", "'tan", "'ten", "'a", "'e", "'ın",
            "'in", "da", "de", "ta", "te", "dan", "den", "ın", "in", "a", "e", " ayında",
            " ayı")
TR = DateWords(
    months=_forms(["ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos",
                   "eylül", "ekim", "kasım", "aralık"],
                  (*_TR_CASE, *(c.replace("'", "’") for c in _TR_CASE if "'" in c))),
    weekdays={0: ("pazartesi",), 1: ("salı",), 2: ("çarşamba",), 3: ("perşembe",),
              4: ("cuma",), 5: ("cumartesi",), 6: ("pazar",)},
    relative={"dün": "yesterday", "bugün": "today", "yarın": "tomorrow",
              "dün gece": "overnight", "geçen hafta": "last week", "bu hafta": "this week",
              "bir hafta önce": "a week ago", "hafta başında": "earlier this week",
              "gelecek hafta": "next week", "önümüzdeki hafta": "next week",
              "geçen ay": "last month", "bu ay": "this month", "geçen yıl": "last year",
              "bu yıl": "this year", "evvelki gün": "day before yesterday",
              "önceki gün": "day before yesterday", "bu gün": "today", "bu sabah": "today",
              "bu akşam": "today", "bu gece": "overnight", "dün akşam": "yesterday",
              "dün sabah": "yesterday", "geçtiğimiz hafta": "last week",
              "geçtiğimiz ay": "last month", "geçtiğimiz yıl": "last year",
              "geçen sene": "last year", "bu sene": "this year",
              "evvelsi gün": "day before yesterday"},
    weekday_before={"geçen": "last", "bu": "this", "gelecek": "next", "önümüzdeki": "next",
                    "geçtiğimiz": "last"},
    weekday_after={"günü": "on", "akşamı": "on", "sabahı": "on", "gecesi": "on"},
    month_after={"başında": "early", "ortasında": "mid", "sonunda": "end of",
                 "ayının başında": "early", "ayının sonunda": "end of"},
    month_in=("'da", "'de", "'ta", "'te", "’da", "’de", "’ta", "’te", " ayında", "da", "de",
              "ta", "te"),
    date_after={"kadar": "by", "itibaren": "since", "itibarıyla": "since",
                "itibariyle": "since", "beri": "since", "tarihinden": "since"},
    year_after=(r"['’](?:da|de|ta|te)\b", r"\s+yılında", r"\s+yılı\b"),
    range_joins=("ile",),
    future=r"\w+(?:acak|ecek)\w*|planlan\w*",
)

_AZ_CASE = ("da", "də", "dan", "dən", "ın", "in", "un", "ün", "a", "ə", "ında", "ində",
            "unda", "ündə", "ından", "indən", " ayında", " ayı")
AZ = DateWords(
    months=_forms(["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust",
                   "sentyabr", "oktyabr", "noyabr", "dekabr"], _AZ_CASE),
    weekdays={0: ("bazar ertəsi",), 1: ("çərşənbə axşamı",), 2: ("çərşənbə",),
              3: ("cümə axşamı",), 4: ("cümə",), 5: ("şənbə",), 6: ("bazar",)},
    relative={"dünən": "yesterday", "bu gün": "today", "bugün": "today",
              "srağagün": "day before yesterday", "dünən gecə": "overnight",
              "keçən həftə": "last week", "ötən həftə": "last week", "bu həftə": "this week",
              "bir həftə əvvəl": "a week ago", "həftənin əvvəlində": "earlier this week",
              "gələn həftə": "next week", "keçən ay": "last month", "ötən ay": "last month",
              "bu ay": "this month", "keçən il": "last year", "ötən il": "last year",
              "bu il": "this year", "bu səhər": "today", "bu axşam": "today",
              "bu gecə": "overnight", "dünən axşam": "yesterday",
              "srağa gün": "day before yesterday", "cari ildə": "this year"},
    weekday_before={"keçən": "last", "ötən": "last", "bu": "this", "gələn": "next"},
    weekday_after={"günü": "on", "axşamı": "on", "səhəri": "on", "gecəsi": "on"},
    month_after={"əvvəlində": "early", "əvvəllərində": "early", "ortasında": "mid",
                 "ortalarında": "mid", "sonunda": "end of", "sonlarında": "end of"},
    month_in=("da", "də", "ında", "ində", " ayında"),
    date_after={"qədər": "by", "dək": "by", "etibarən": "since", "tarixinədək": "by",
                "tarixindən": "since", "bəri": "since"},
    year_after=(r"-?(?:ci|cı|cu|cü)\s+il(?:də|in|dən)?\b", r"\s+ildə"),
    day_tail=r"-?(?:ci|cı|cu|cü|si|sı|su|sü|də|da|sində|ndə)",  # "-dək" (by) is date_after
    year_mid=r"-?(?:ci|cı|cu|cü)\s+il(?:in)?",
    range_joins=("və",),
    future=r"\w+(?:acaq|əcək|acaqdır|əcəkdir)\b|planlaşdırılır",
)

_HY_CASE = ("ի", "ին", "ից", "ում")
HY = DateWords(
    # reformed spelling, and classical where it differs ("յունուար", "փետրուար")
    months=_merge(_forms(["հունվար", "փետրվար", "մարտ", "ապրիլ", "մայիս", "հունիս", "հուլիս",
                          "օգոստոս", "սեպտեմբեր", "հոկտեմբեր", "նոյեմբեր", "դեկտեմբեր"],
                         _HY_CASE),
                  _forms(["յունուար", "փետրուար", "մարտ", "ապրիլ", "մայիս", "յունիս",
                          "յուլիս"], _HY_CASE)),
    weekdays={0: ("երկուշաբթի",), 1: ("երեքշաբթի",), 2: ("չորեքշաբթի",), 3: ("հինգշաբթի",),
              4: ("ուրբաթ",), 5: ("շաբաթ",), 6: ("կիրակի",)},
    relative={"երեկ": "yesterday", "այսօր": "today", "վաղը": "tomorrow",
              "անցյալ շաբաթ": "last week", "այս շաբաթ": "this week", "մեկ շաբաթ առաջ": "a week ago",
              "հաջորդ շաբաթ": "next week", "անցյալ ամիս": "last month",
              "այս ամիս": "this month", "անցյալ տարի": "last year", "այս տարի": "this year",
              "երեկ գիշեր": "overnight", "այս պահին": "today", "այս գիշեր": "overnight",
              "այս առավոտ": "today", "նախորդ շաբաթ": "last week", "անցած շաբաթ": "last week",
              "նախորդ ամիս": "last month", "նախորդ տարի": "last year", "անցած տարի": "last year",
              "այսօր առավոտյան": "today", "երեկ երեկոյան": "yesterday"},
    weekday_before={"անցյալ": "last", "այս": "this", "հաջորդ": "next", "նախորդ": "last",
                    "անցած": "last", "մինչև": "by", "մինչեւ": "by"},
    weekday_after={"օրը": "on", "երեկոյան": "on", "առավոտյան": "on", "օրվանից": "since",
                   "գիշերը": "on", "օրվա": "on"},
    month_after={"սկզբին": "early", "կեսին": "mid", "վերջին": "end of"},
    month_in=("ին",),
    date_before={"մինչև": "by", "մինչեւ": "by"},
    date_after={"ից": "since"},
    year_after=(r"\s*թ\.", r"\s+թվական\w*"),
    day_tail=r"-?(?:ին|ը|ի)",  # "-ից" (since) is date_after
    year_mid=r"\s*թ\.?|\s+թվականի",
    range_joins=("և", "եւ"),
    future=r"պետք է|կլինի|կհանձնվի|նախատեսվում է",
)

WORDS: dict[str, DateWords] = {"en": EN, "ru": RU, "fr": FR, "de": DE, "tr": TR, "az": AZ,
                               "hy": HY}
# ... and Ukrainian: not a language of the conflict, but its press reports it.
ALL_WORDS: dict[str, DateWords] = {**WORDS, "uk": UK}
