"""Azerbaijani cues (verb-final, suffixing: the cue usually follows the place)."""

from __future__ import annotations

import re

from karabakh_map.ingest.cues.table import IC, CueTable, words
from karabakh_map.model import EventType as T

NUMBER_WORDS = {"bir": 1, "iki": 2, "üç": 3, "dörd": 4, "beş": 5, "altı": 6, "yeddi": 7,
                "səkkiz": 8, "doqquz": 9, "on": 10}
_APPROX = r"(təxminən|azı|ən\s+azı)"
_NUMBER = r"(?<![\d.,])(\d{1,3}(?:[.\s]\d{3})+|\d+)"  # linear on digit runs
_NAME = "(?-i:[A-ZÇƏĞİÖŞÜ])"  # a capital: a name follows
_NOT_AREA = r"(?!\s+(?:ərazi|torpaq|rayon|bölgə|şəhər|kənd))"

AZERBAIJANI = CueTable(
    verb_final=True,
    territory=(
        (T.SCHEDULED, words(r"təhvil\s+veril(?:əcə|məli|məsi)\w*", r"təhvil\s+verəcə\w*",
                            r"qaytarıl(?:aca|malı)\w*", r"son\s+tarix\w*",
                            r"çıxarıl(?:malı|aca)\w*",
                            r"nəzərdə\s+tutul\w*", r"planlaşdırıl\w*",
                            r"qaytarma(?:ğa|lı|q)\w*", r"təhvil\s+vermə(?:y|li|k)\w*",
                            r"(?:qaytar|təhvil\s+ver)(?:aca|əcə)\w*",
                            r"təhvil\s+(?:verilmə\s+)?tarix\w*", r"tərk\s+etməli\w*")),
        (T.TRANSFER, words(r"təhvil\s+(?:veril|ver)(?!əcə|məli|məsi)\w*",
                           r"qaytarıl(?!aca|malı)\w*", r"daxil\s+ol\w*",
                           r"nəzarət\w*\s+(?:altına\s+)?(?:götürül|alın|keç)\w*",
                           r"nəzarətə\s+(?:götür|al)\w*", r"çıxarıl(?!malı|aca)\w*",
                           r"qayıtdıq\b", r"təhvil\s+al(?:ın|dı|ıb|mış)\w*",
                           r"qaytard(?:ı|ıq|ıb)\w*",
                           r"geri\s+çəkil(?!əcə|məli)\w*",
                           r"nəzarət\w*\s+(?:bərpa|təmin)\s+(?:edil|olun|et)(?!əcə)\w*",
                           # a headline's present tense: the handover is that day's news
                           r"daxil\s+olur\w*", r"təhvil\s+verilir\w*")),
        # "işğal edilən Cəbrayıl şəhəri ... azad olunub": the participle before a name
        # describes the town; the clause's verb tells what happened
        (T.CAPTURE, words(r"işğal\s+(?:edil|olun|et)(?!(?:ən|an|miş|muş|mış|diyi)\b)\w*",
                          rf"işğal\s+(?:edilən|edilmiş|olunan|olunmuş|etdiyi|etmiş)\b"
                          rf"(?!\s+{_NAME})", r"işğal\s+altın\w*")),
        (T.CAPTURE, words(rf"azad\s+(?:edil|olun)(?:ib|ub|di|du|dı|ması|məsi|mışd|mişd|muşd)"
                          rf"{_NOT_AREA}\w*",
                          # a participle before a name describes it ("işğaldan azad olunmuş
                          # Ağdamda körpü açıldı"): the news is another
                          rf"azad\s+(?:edil|olun)(?:mış|miş|muş|an|ən)\b{_NOT_AREA}"
                          rf"(?!\s+{_NAME})",
                          r"azad\s+(?:etdi|etdik|etmiş|edib|edərək|etdiy|etməs)\w*",
                          r"azad\s+edildi\w*", r"ələ\s+keçir\w*", r"düşdü\w*",
                          r"azad\s+olundu\w*", r"işğaldan\s+qurtar\w*", r"itiril\w*",
                          # "geri qaytarıldı" by the army in the war: a capture (a handover
                          # district's is read as its handover)
                          r"geri\s+qaytar\w*", r"geri\s+al(?:dı|ındı|ınıb|ıb)\w*",
                          r"itirdi\w*", r"nəzarət\w*\s+(?:altında\s+)?(?:deyil|olmadığ)\w*",
                          r"(?<!nəzarətə\s)alınma(?:sı|sını|sına|sından)\b")),
    ),
    # people sent back, peacekeepers leaving
    people_verb=re.compile(r"qaytar|çıxarıl|geri\s+çəkil", IC),
    people_before=re.compile(r"(?:sülhməramlı\w*|köçkün\w*|sakin\w*|ailə\w*|"
                             r"vətəndaş\w*|qaçqın\w*)[^.]{0,50}$", IC),
    occupation=re.compile(r"işğal", IC),
    present=re.compile(r"^(?:daxil\s+olur|təhvil\s+verilir|qaytarılır|nəzarət\w*\s+keçir)",
                       IC),
    group_gap=re.compile(r"^['’]?\w{0,4}\s*(?:,|və|, və|-|–|—|ilə|\(|\))?\s*$", IC),
    alias_gap=re.compile(r"^['’]?\w{0,4}[\s,(/]*(?:və\s+ya|yaxud)?[\s,(/]*$", IC),
    # "X və Y kəndləri" names villages; "X rayonunun (7) kəndi" frames them
    vague_after=re.compile(r"^\w*[^\w,;.:]+(?:(?:\w+[^\w,;.:]+){1,5}?(?:kənd\w*|yaşayış\s+"
                           r"məntəqə\w*)|(?:\w+[^\w,;.:]+){0,5}?(?:hissə\w*|ətraf\w*|"
                           r"yüksəklik\w*|mövqe\w*))", IC),
    quiet=words(r"ildönümü\w*", r"il\s+dönümü\w*", r"mina\w*", r"minatəmizləmə\w*",
                r"təmir\w*", r"yenidənqurma\w*", r"bərpa\w*", r"tikinti\w*", r"ziyarət\w*",
                r"səfər\w*", r"anım\w*", r"qayıda\s+bilm\w*",
                r"şəhid(?!lər\s+Xiyaban)\w*",
                r"ili\s+tamam\w*", r"il\s+ötür\w*", r"Zəfər\s+Günü\w*",
                r"Böyük\s+Qayıdış\w*", r"məskunlaş\w*", r"infrastruktur\w*", r"dirçəl\w*"),
    recalled_before=re.compile(r"\bil\s+(?:əvvəl|öncə)\s+(?:\w+\s+)?$", IC),
    recalled_after=re.compile(r"^\w*\s+(?:\S+\s+)?(?:il\s*dönümü|ildönümü|il\s+ötür|ili\s+tamam|"
                              r"il\s+keç)", IC),
    denial=words(r"təkzib\w*", r"yalan\w*", r"həqiqətə\s+uyğun\s+deyil\w*", r"rədd\s+(?:et|ed)\w*",
                 r"inkar\w*", r"dezinformasiya\w*", r"uydurma\w*", r"əsassız\w*",
                 r"həqiqəti\s+əks\s+etdirm\w*", r"(?:blokada|blokad)\w*\s+(?:yoxdur|deyil)",
                 r"maneə\s+(?:yarat|törət)m\w*", r"maneə\s+(?:yaradılm|törədilm)\w*"),
    confirm=words(r"təsdiqlə\w*", r"təsdiq\s+(?:et|ed)\w*", r"etiraf\s+(?:et|ed)\w*"),
    claim=words(r"bildir\w*", r"bəyan\s+(?:et|ed)\w*", r"elan\s+(?:et|ed)\w*", r"açıqla\w*",
                r"iddia\w*", r"xəbər\s+ver\w*"),
    postpone=words(r"təxirə\s+salın\w*", r"uzadıl\w*", r"əlavə\s+vaxt\w*", r"möhlət\w*",
                   r"daha\s+(?:\d{1,2}|bir|iki|üç|beş|on)\s+(?:gün|həftə)\w*",
                   r"(?:gün|həftə)\w*\s+(?:əlavə\s+)?vaxt\s+(?:istə|veril|ver)\w*",
                   r"müddət\w*\s+(?:uzad|artır)\w*", r"vaxt\s+istə\w*",
                   r"uzad(?:ıb|dı|ıl)\w*"),
    delay=re.compile(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?:əlavə\s+)?(gün|həftə)\w*",
                     IC),
    week_unit=re.compile(r"həftə", IC),
    number_words=NUMBER_WORDS,
    other_event_after=re.compile(r"^\W*(?:\S+\s+){0,5}?(?:başla(?:yan|dı|yıb|mış|ması|dığı|nan)|"
                                 r"başlat\w*|alovlan\w*)", IC),
    clash=words(r"döyüş\w*", r"müharibə\w*", r"toqquşma\w*", r"münaqişə\w*"),
    agreement_noun=words(r"atəşkəs\w*", r"saziş\w*", r"razılaşma\w*",
                         r"(?:üçtərəfli|birgə)\s+bəyanat\w*", r"noyabr\w*\s+bəyanat\w*",
                         r"imzala\w*\s+(?:\w+\s+)?bəyanat\w*",
                         r"müqavilə\w*", r"hərbi\s+əməliyyatların\s+dayandırıl\w*",
                         r"(?:hərbi|döyüş)\s+əməliyyatlar\w*\s+(?:tam\s+)?dayandırıl\w*",
                         r"atəş\w*\s+(?:tam\s+)?dayandırıl\w*", r"kapitulyasiya\w*",
                         r"silah\w*\s+(?:yerə\s+qoy|təhvil\s+ver)\w*", r"tərksilah\w*",
                         r"razılıq\w*", r"(?:antiterror\s+)?tədbirlər\w*\s+dayandırıl\w*"),
    agreement_verb=words(r"imzala\w*", r"əldə\s+(?:edil|olun)\w*", r"qüvvəyə\s+min\w*",
                         r"elan\s+edil\w*", r"razılaşdırıl\w*", r"razılaşıb\w*"),
    ceasefire_noun=words(r"atəşkəs\w*", r"hərbi\s+əməliyyatların\s+dayandırıl\w*",
                         r"(?:hərbi|döyüş)\s+əməliyyatlar\w*\s+(?:tam\s+)?dayandırıl\w*",
                         r"atəş\w*\s+(?:tam\s+)?dayandırıl\w*",
                         r"silah\w*\s+(?:yerə\s+qoy|təhvil\s+ver)\w*", r"tərksilah\w*",
                         r"(?:antiterror\s+)?tədbirlər\w*\s+dayandırıl\w*"),
    document_noun=words(r"saziş\w*", r"bəyanat\w*", r"müqavilə\w*"),
    russia=words(r"Rusiya\w*", r"Moskva\w*", r"Putin\w*"),
    az_actor=words(r"Azərbaycan\w*", r"Bakı\w*", r"Əliyev\w*"),
    am_actor=words(r"Ermənistan\w*", r"erməni\w*", r"İrəvan\w*", r"separatçı\w*"),
    situations=(
        # "antiterror tədbirlərinin dayandırılması" is the end of the offensive (a ceasefire)
        (T.OFFENSIVE, words(r"antiterror(?!\w*\s+(?:\w+\s+)?dayandırıl)\w*", r"əks-?hücum\w*",
                            r"hücuma\s+keç\w*",
                            r"başlat\w*\s+(?:\w+\s+)?(?:hərbi\s+)?əməliyyat\w*",
                            r"(?:genişmiqyaslı\s+)?hücum\w*\s+başla\w*",
                            r"(?:hərbi\s+)?əməliyyat\w*\s+(?:başla|keçir)\w*",
                            r"hərbi\s+hücum\w*", r"Dəmir\s+Yumruq\w*",
                            r"apar\w*\s+(?:\w+\s+){0,2}əməliyyat\w*",
                            r"lokal\s+xarakterli\s+tədbir\w*",
                            r"müdafiə\w*\s+(?:xətt\w*\s+)?yar(?:dı|dıq|araq|ılıb|ılması)\b")),
        (T.BLOCKADE, words(r"blokada\w*", r"blokad\w*",
                           r"(?:yol|dəhliz)\w*\W+(?:\w+\W+){0,6}bağla\w*",
                           r"eko-?aksiya\w*", r"eko-?etiraz\w*", r"ekofəal\w*",
                           r"(?:yol|dəhliz)\w*\W+(?:\w+\W+){0,4}aksiya\w*",
                           r"(?:nəqliyyat|hərəkət)\w*\s+(?:\S+\s+){0,6}?(?:dayandırıl|"
                           r"məhdudlaşdırıl|kəsil)\w*",
                           r"(?:nəqliyyat|hərəkət)\w*\s+(?:\w+\s+)?maneə\w*")),
        (T.CHECKPOINT, words(r"buraxılış\s+məntəqə\w*", r"sərhəd-buraxılış\w*",
                             r"nəzarət-buraxılış\w*", r"keçid\s+məntəqə\w*",
                             r"nəzarət\s+məntəqə\w*", r"sərhəd\s+keçid\w*", r"keçid\s+nöqtə\w*",
                             r"(?:sərhəd|yoxlama|nəzarət)\s+post\w*")),
        (T.REROUTE, words(r"yeni\s+(?:\w+\s+){0,2}(?:yol|marşrut)\w*", r"alternativ\s+yol\w*",
                          r"yan\s+keçən\s+(?:\w+\s+)?yol\w*")),
        (T.DISSOLUTION, words(r"ləğv\s+(?:edil|olun|et)\w*", r"buraxılma\w*",
                              r"fəaliyyətinə\s+xitam", r"mövcudluğuna\s+son",
                              r"fəaliyyətini\s+dayandır\w*")),
    ),
    day_count=re.compile(r"\b(\d{1,4})(?:\s*gündür|-(?:c|nc)[ıiuü]\s+gün)", IC),
    town_noun=words(r"şəhər\w*"),
    ongoing=words(r"davam\s+ed\w*", r"hələ\s+də", r"indiyədək", r"qalmaqdadır"),
    container_after=re.compile(r"(?:rayonu|bölgəsi)nda\b", IC),
    people=(
        (T.RETURN, words(r"qayıt(?:dı|dılar|ır|ırlar|ma|ması|acaq)\w*", r"köçürül\w*",
                         r"Böyük\s+Qayıdış\w*")),
        (T.DISPLACEMENT, words(r"köçkün\w*", r"qaçqın\w*", r"didərgin\w*", r"tərk\s+et\w*",
                               r"qaçdı\w*")),
        (T.DESTRUCTION, words(r"dağıdıl\w*", r"dağıtdı\w*", r"yandırıl\w*", r"yandırdı\w*",
                              r"talan\w*", r"viran\w*")),
    ),
    peacekeepers=words(r"sülhməramlı\w*"),
    peacekeeper_presence=words(r"yerləşdiril\w*", r"yerləşir\w*", r"gəldi\w*",
                               r"daxil\s+ol\w*"),
    political=words(r"istefa\w*", r"etiraz\w*", r"aksiya\w*", r"mitinq\w*", r"seçki\w*",
                    r"parlament\w*[^.]{0,30}?(?:təsdiq|səs)\w*"),
    political_labels=(("istefa", "a resignation"), ("etiraz", "protests"),
                      ("aksiya", "protests"), ("mitinq", "protests"), ("seçki", "an election"),
                      ("parlament", "a parliamentary vote")),
    troops=re.compile(rf"(?:\b{_APPROX}\s+)?{_NUMBER}\s+(?:nəfər\s+)?(?:rus\s+)?"
                      r"(?:sülhməramlı\w*|hərbçi\w*|əsgər\w*)", IC),
    head_count=re.compile(rf"(?:\b{_APPROX}\s+)?{_NUMBER}\s+(?:nəfər|sakin\w*|köçkün\w*|"
                          r"erməni\w*)", IC),
)
