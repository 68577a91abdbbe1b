"""Turkish cues (verb-final, suffixing: the cue usually follows the place)."""

from __future__ import annotations

import re

from karabakh_map.ingest.cues.table import IC, CueTable, words
from karabakh_map.model import EventType as T

NUMBER_WORDS = {"bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7,
                "sekiz": 8, "dokuz": 9, "on": 10}
_APPROX = r"(yaklaşık|yaklasik|en\s+az|tahminen)"
_NUMBER = r"(?<![\d.,])(\d{1,3}(?:[.\s]\d{3})+|\d+)"  # linear on digit runs
_NAME = "(?-i:[A-ZÇĞİÖŞÜ])"  # a capital: a name follows
_NOT_AREA = r"(?!\s+(?:topraklar|bölge|arazi|şehir|köy|ilçe))"

TURKISH = CueTable(
    verb_final=True,
    territory=(
        (T.SCHEDULED, words(r"(?:teslim|iade)\s+edilece\w*", r"(?:teslim|iade)\s+edece\w*",
                            r"devredilece\w*", r"(?:teslim|iade)\s+edilmesi\s+(?:gerek|planlan|"
                            r"öngörül|bekleni)\w*", r"son\s+tarih\w*",
                            r"(?:devir|teslim)\s+tarih\w*", r"planlan\w*",
                            r"öngörül\w*", r"(?:teslim|iade)\s+et(?:mesi|meyi|mek)\w*",
                            r"çekilece\w*", r"çekilmeli\w*",
                            r"boşalt(?:aca|ılaca|malı|ılmalı)\w*",
                            r"(?:geri\s+)?ver(?:mesi|meyi)\s+(?:gerek|taahhüt|bekleni)\w*",
                            r"geri\s+ver(?:ece|ile)\w*", r"taahhüt\s+et\w*",
                            r"(?:devredil|teslim\s+edil|iade\s+edil|çekil)me(?:si|yi)\w*\s+"
                            r"(?:\w+\s+)?(?:öngörül|planlan|gerek|bekleni|kararlaştırıl)\w*")),
        (T.TRANSFER, words(r"teslim\s+(?:edil|et)(?!ece|ile|me|tiği\b|en\b)\w*",
                           # "Ermenistan'ın teslim ettiği Kelbecer'e yerleşiyor": the participle
                           # describes the town, the clause's verb tells the news
                           rf"teslim\s+(?:ettiği|edilen)\b(?!\s+{_NAME})",
                           r"yerleş(?:ti|iyor|mişti)\w*", r"devr(?:edil|etti)\w*",
                           r"iade\s+(?:edil|et)(?!ece)\w*", r"girdi\w*",
                           r"(?:(?:teslim|iade)\s+edil|devredil)mesi(?:yle|nin\s+ardından|"
                           r"nden\s+sonra)\w*",
                           r"girmesi\w*", r"giriş\s+yap\w*",
                           r"kontrol\w*\s+(?:ele\s+al(?!aca|ına)|altına\s+(?:al|geç|gir)"
                           r"(?!aca|ece|ına)|sağla(?!yaca|naca))\w*",
                           r"kontrolüne\s+(?:geç|gir)(?!ece)\w*", r"çekil(?:di|mesi|miş|en)\w*",
                           r"geri\s+ver(?:di|ildi)\w*", r"iades(?:i|ini|inin|iyle)\b",
                           r"boşalt(?:tı|ıldı|ılmış|mış|tığı|ılan|ılması)\w*",
                           r"teslim\s+al(?:dı|ındı|mış|ınmış)\w*", r"döndük\b",
                           r"(?:Azerbaycan|Bakü)['’]?\w*\s+(?:yönetimine\s+|kontrolüne\s+)?"
                           r"geç(?:ti|miş|tiği|mişti)\w*",
                           # a headline's present tense: the handover is that day's news
                           r"giriyor\w*", r"(?:teslim|iade)\s+ediliyor\w*", r"devrediliyor\w*",
                           r"kontrolüne\s+geçiyor\w*", r"çekiliyor\w*")),
        # "işgal ettiği Cebrail" / "işgal edilmiş Kelbecer": a participle before a name
        # describes it; the clause's verb tells what happened
        (T.CAPTURE, words(r"işgal\s+(?:edil|et)(?!(?:miş|tiği)\b)(?:di|miş|ti)\w*",
                          rf"işgal\s+(?:edilmiş|ettiği|etmiş)\b(?!\s+{_NAME})",
                          r"işgal\s+altına\w*")),
        (T.CAPTURE, words(rf"kurtar(?:ıldı|ıldığı|ılması|ılmışt|dı|mışt|ma(?:sı|sın))"
                          rf"{_NOT_AREA}\w*",
                          # a participle before a name describes it ("Kurtarılan Ağdam'da
                          # köprü açıldı"): the news is another
                          rf"kurtar(?:ılan|ılmış|mış)\b{_NOT_AREA}(?!\s+{_NAME})",
                          r"ele\s+geçir\w*", r"zapt\w*", r"düştü\w*", r"düşmesi\w*",
                          r"geri\s+al(?:dı|ındı|ınması)\w*", r"özgürleştiril\w*",
                          r"kurtul(?:du|muş|ması|an|duğu)\w*", r"özgürlüğüne\s+kavuş\w*",
                          r"hakimiyet\w*\s+(?:sağla|kur)(?!aca|aca|aya)\w*",
                          r"(?:yeniden|tekrar)\s+(?:kontrol\s+ed|hakim\s+ol)\w*",
                          r"kaybed(?:il|ti|iş)\w*", r"kayb(?:ı|ını|ından|ıyla)\b",
                          r"kontrol\w*\s+(?:altında\s+)?değil\w*",
                          r"eline\s+geç(?:ti|miş|tiği)\w*")),
    ),
    # "iade" may be people sent back; "çekildi" peacekeepers leaving; "yerleşti" families
    people_verb=re.compile(r"iade|çekil|yerleş", IC),
    people_before=re.compile(r"(?:barış\s+(?:gücü|güçleri|koruma)\w*|sivil\w*|aile\w*|"
                             r"mülteci\w*|sakin\w*|göçmen\w*|vatandaş\w*|kişi\w*|insan\w*)"
                             r"[^.]{0,50}$", IC),
    occupation=re.compile(r"işgal", IC),
    present=re.compile(r"^(?:giriyor|yerleşiyor|teslim\s+ediliyor|iade\s+ediliyor|"
                       r"devrediliyor|kontrolüne\s+geçiyor|çekiliyor)", IC),
    group_gap=re.compile(r"^['’]?\w{0,4}\s*(?:,|ve|, ve|-|–|—|ile|\(|\))?\s*$", IC),
    alias_gap=re.compile(r"^['’]?\w{0,4}[\s,(/]*(?:ya\s+da|veya)?[\s,(/]*$", IC),
    # "X ve Y köyleri" names villages; "X bölgesinin (7) köyü", "X'in köyleri" frame them
    vague_after=re.compile(r"^\w*[^\w,;.:]+(?:(?:\w+[^\w,;.:]+){1,5}?(?:köy\w*|yerleşim\w*)|"
                           r"(?:\w+[^\w,;.:]+){0,5}?(?:kısm\w*|civar\w*|eteğ\w*|tepe\w*|"
                           r"mevzi\w*))", IC),
    quiet=words(r"yıl\s*dönümü\w*", r"mayın\w*", r"yeniden\s+inşa\w*", r"inşa\w*",
                r"restorasyon\w*", r"ziyaret\w*", r"anma\w*", r"dönemi(?:yor|yen)\w*",
                r"şehit(?!ler\s+Hiyaban)\w*", r"yıl(?:ı)?\s+(?:doldu|geçti)\w*",
                r"anıl\w*", r"imar\w*", r"altyapı\w*",
                r"Zafer\s+Günü\w*", r"yeniden\s+yapılan\w*"),
    recalled_before=re.compile(r"\byıl\s+önce\s+(?:\w+\s+)?$", IC),
    recalled_after=re.compile(r"^\w*\s+(?:\S+\s+)?(?:yıl\s*dönümü|yılı)", IC),  # "(3.|üçüncü)"
    denial=words(r"yalanla\w*", r"redde(?:t|d)\w*", r"doğru\s+değil\w*", r"asılsız\w*",
                 r"gerçeği\s+yansıtm\w*", r"dezenformasyon\w*", r"gerçek\s*dışı\w*",
                 r"dayanağı\s+(?:yok|olmadığ)\w*",
                 r"yalan\b", r"uydurma\w*", r"(?:abluka|blokaj)\w*\s+(?:yok|söz\s+konusu\s+değil)",
                 r"(?:hâlâ|hala|halen)\s+(?:\w+\s+)?(?:kontrol\w*|elimizde)"),
    confirm=words(r"doğrula\w*", r"teyit\w*", r"kabul\s+e(?:t|d)\w*"),
    claim=words(r"açıkla\w*", r"duyur\w*", r"iddia\w*", r"bildir\w*"),
    postpone=words(r"ertele\w*", r"uzatıl\w*", r"süre\w*\s+uzat\w*", r"ek\s+süre\w*",
                   r"daha\s+fazla\s+(?:gün|süre)", r"süre\s+tanı\w*", r"mühlet\w*",
                   r"daha\s+(?:\d{1,2}|bir|iki|üç|beş|on)\s+(?:gün|hafta)\w*",
                   r"(?:gün|hafta)\w*\s+(?:ek\s+)?(?:süre|zaman)\s+(?:iste|veril|ver)\w*"),
    delay=re.compile(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?:ek\s+)?(gün|hafta)\w*",
                     IC),
    week_unit=re.compile(r"hafta", IC),
    number_words=NUMBER_WORDS,
    other_event_after=re.compile(r"^\W*(?:\S+\s+){0,5}?(?:başla(?:yan|dı|yıp|mış|ması|dığı|tılan|"
                                 r"ttığı)|patlak\s+ver\w*|alevlen\w*|süren|devam\s+eden)", IC),
    clash=words(r"çatışma\w*", r"savaş\w*", r"muharebe\w*", r"çatış\w*", r"gerginli\w*",
                r"tırman\w*"),
    agreement_noun=words(r"ateşkes\w*", r"anlaşma\w*", r"mutabakat\w*",
                         r"(?:üçlü|ortak)\s+(?:bildiri|açıklama)\w*",
                         r"çatışmaların\s+(?:durması|durdurulması|sona\s+ermesi)",
                         r"(?:savaş|çatışma|askeri\s+faaliyet)\w*\s+(?:durdurul|sona\s+er)\w*",
                         r"silah\w*\s+bırak\w*", r"silahsızlan\w*", r"kapitülasyon\w*",
                         r"teslimiyet\s+belge\w*"),
    agreement_verb=words(r"imzala\w*", r"varıl\w*", r"yürürlüğe\s+gir\w*", r"ilan\s+edil\w*",
                         r"sağlan\w*", r"anlaş(?:tı|ıldı|mış)\w*",
                         r"kabul\s+(?:edil|et(?:ti|miş|tiğ))\w*",
                         r"uzlaş\w*"),
    ceasefire_noun=words(r"ateşkes\w*", r"çatışmaların\s+(?:durması|durdurulması)",
                         r"(?:çatışma|askeri\s+faaliyet)\w*\s+(?:durdurul|sona\s+er)\w*",
                         r"silah\w*\s+bırak\w*", r"silahsızlan\w*"),
    document_noun=words(r"anlaşma\w*", r"mutabakat\w*", r"bildiri\w*"),
    russia=words(r"Rusya\w*", r"Moskova\w*", r"Putin\w*"),
    az_actor=words(r"Azerbaycan\w*", r"Bakü\w*", r"Aliyev\w*"),
    am_actor=words(r"Ermeni\w*", r"Erivan\w*", r"ayrılıkçı\w*", r"Artsakh"),
    situations=(
        (T.OFFENSIVE, words(r"taarruz\w*", r"operasyon\w*", r"harek[âa]t\w*", r"antiterör\w*",
                            r"anti-terör\w*", r"terörle\s+mücadele\s+operasyon\w*",
                            r"(?:kapsamlı|geniş\s+çaplı)\s+saldırı\w*", r"hücum\w*",
                            r"terörle\s+mücadele\s+tedbir\w*", r"karşı\s+saldırı\w*",
                            r"saldırı\w*\s+başlat\w*", r"askeri\s+saldırı\w*")),
        (T.BLOCKADE, words(r"abluka\w*", r"bloke\s+(?:edil|et)\w*", r"blokaj\w*",
                           r"(?:trafi|geçiş|ulaşım)\w*\s+(?:\S+\s+){0,5}?(?:durdurul|kesil|"
                           r"engellen|aksa)\w*",
                           r"(?:yol|koridor)\w*\W+(?:\w+\W+){0,12}(?:kapat|kapal)\w*")),
        (T.CHECKPOINT, words(r"kontrol\s+noktası\w*", r"sınır\s+kapısı\w*",
                             r"giriş[- ]çıkış\s+noktası\w*", r"kontrol[- ]geçiş\w*",
                             r"geçiş\s+noktası\w*", r"sınır\s+(?:geçiş|kontrol)\s+nokta\w*",
                             r"sınır\s+kontrol\w*")),
        (T.REROUTE, words(r"yeni\s+(?:\w+\s+){0,2}(?:yol|güzergah|güzergâh|rota)\w*",
                          r"baypas\w*",
                          r"alternatif\s+(?:yol|güzergah|güzergâh)\w*")),
        (T.DISSOLUTION, words(r"feshed\w*", r"fesih\w*", r"lağved\w*", r"dağıl(?:ma|ması)\w*",
                              r"dağıtıl\w*", r"varlığına\s+son", r"tarihe\s+karış\w*",
                              r"sona\s+er(?:dir|ece)\w*", r"ortadan\s+kalk\w*")),
    ),
    day_count=re.compile(r"\b(\d{1,4})\.\s*gün(?:ün)?(?:e|de)\b", IC),
    town_noun=words(r"kent\w*", r"şehir\b", r"şehr\w*"),
    ongoing=words(r"devam\s+ed\w*", r"hâlâ", r"hala\b", r"sürüyor", r"sürmekte\w*"),
    container_after=re.compile(r"(?:bölge|ilçe)(?:si)?nde\b", IC),
    people=(
        (T.RETURN, words(r"geri\s+dön\w*", r"dönüş\w*", r"evlerine\s+dön\w*",
                         r"yerleştiril\w*")),
        (T.DISPLACEMENT, words(r"göç\s+et\w*", r"kaçtı\w*", r"kaçan\w*", r"yerinden\s+edil\w*",
                               r"mülteci\w*", r"terk\s+et\w*", r"tahliye\w*", r"göç\w*")),
        (T.DESTRUCTION, words(r"yakıl\w*", r"yaktı\w*", r"ateşe\s+ver\w*", r"yıkıl\w*",
                              r"yıktı\w*", r"tahrip\w*", r"yağmala\w*")),
    ),
    peacekeepers=words(r"barış\s+gücü\w*", r"barış\s+güçleri\w*", r"barış\w*\s+koruma\w*"),
    peacekeeper_presence=words(r"konuşlan\w*", r"yerleştiril\w*", r"ulaştı\w*", r"girdi\w*"),
    political=words(r"istifa\w*", r"protesto\w*", r"gösteri\w*", r"miting\w*", r"seçim\w*",
                    r"meclis\w*[^.]{0,30}?(?:onayla|oyla)\w*"),
    political_labels=(("istifa", "a resignation"), ("protesto", "protests"),
                      ("gösteri", "protests"), ("miting", "protests"), ("seçim", "an election"),
                      ("meclis", "a parliamentary vote")),
    troops=re.compile(rf"(?:\b{_APPROX}\s+)?{_NUMBER}\s+(?:Rus\s+)?(?:barış\s+gücü\w*|"
                      r"asker\w*|personel\w*)", IC),
    head_count=re.compile(rf"(?:\b{_APPROX}\s+)?{_NUMBER}\s+(?:\w+\s+)?(?:kişi\w*|sivil\w*|"
                          r"Ermeni\w*|Azerbaycanlı\w*)", IC),
)
