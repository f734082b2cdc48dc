"""The cue words of the fallback rule typer (``rules.py``): organisation, place and role
words, person and company nouns, adjective endings, in the languages the project reads
(folded prefixes unless noted). Written for this project; each list says why it exists.
They serve only languages without a trained model (``ner.py``).
"""

from __future__ import annotations

import re

from rashomon.extract.lexicon import fold

# Words that make a capitalised run an organisation (folded prefixes).
_ORG_WORDS = tuple(fold(w) for w in (
    "ministr", "ministe", "department", "dipartiment", "départ", "departament", "union",
    "unione", "council", "consiglio", "conseil", "party", "partito", "parti", "bank", "banca",
    "agency", "agenzia", "agence", "committee", "comitato", "commission", "commissione",
    "army", "esercito", "forces", "forze", "news", "times", "post", "journal", "institute",
    "istituto", "university", "università", "corporation", "company", "group", "gruppo",
    "inc", "ltd", "spa", "gmbh", "organization", "organisation", "organizzazione", "office",
    "ufficio", "parliament", "parlamento", "senate", "senato", "court", "corte", "tribunal",
    "министерств", "партия", "агентство", "комитет", "совет", "банк", "служб", "правительств",
    "ministerium", "regierung", "bundes", "verband", "stiftung", "ministère", "gouvernement",
    "ministerio", "gobierno", "fondo", "fund", "foundation", "fondazione", "association",
    "associazione", "tv", "channel", "radio", "press", "gazette", "gazzetta", "corriere",
    # Generic institution nouns in the other languages we read (written for this project).
    "wire", "survey", "club", "fc", "protección", "protezione", "protection",
    "guardia", "policía", "polizia", "police", "üniversite", "müdürlü", "bakanlı",
    "belediye", "valili", "başkanlı", "kurum", "meclis", "ministerstw", "urząd", "urzęd",
    "straż", "gwardi", "sił", "sztab", "rząd", "sejm", "komisj", "міністерств", "рад",
    "сил", "гварді", "штаб", "служб", "уряд", "комітет", "посольств", "управлени",
    "υπουργ", "υπηρεσ", "νοσοκομ", "οργανισμ", "επιτροπ", "κόμμα", "βουλ", "κυβέρνησ",
    "πανεπιστ", "commissie", "ministerie", "regering", "kommission", "behörde", "amt",
    "поліці", "полици", "policj", "прокуратур", "prokuratur", "агентств", "agencj",
    # Russian/Ukrainian ministry abbreviations (Минобороны, Минфин, МЗС is an acronym)
    "минобор", "минфин", "минздрав", "минюст", "минэконом", "минэнерг", "мінобор",
    "мінфін", "мінздоров",
))

# German/Dutch/Greek compounds carry the institution noun at the end (Zentralbank,
# Statistikamt, Bundesregierung): matched anywhere in the word, not only as a prefix.
_ORG_COMPOUND_HEADS = ("bank", "amt", "ministerium", "regierung", "behörde", "kommission",
                       "gericht", "verband", "partei", "rat", "commissie", "ministerie")

_LOC_WORDS = tuple(fold(w) for w in (
    "repubblica", "republic", "république", "república", "republik", "республик", "region",
    "regione", "province", "provincia", "mount", "monte", "lake", "lago", "river", "fiume",
    "sea", "mare", "gulf", "golfo", "island", "isola", "valley", "valle", "corridor",
    "corridoio", "corridor", "korridor", "коридор", "strait", "stretto", "city", "città",
    "arena", "stadio", "stadium", "estadio", "stadion", "stade", "airport", "aeroporto",
    "aéroport", "aeropuerto", "flughafen", "luchthaven", "district", "distretto",
    "emirat", "эмират", "емірат", "kingdom", "regno", "royaume", "königreich", "королевств",
    "sultanat", "султанат", "sultanato",
    "аес", "аэс",
))

# Role words that precede or follow a person's name (folded prefixes).
_ROLE_WORDS = tuple(fold(w) for w in (
    "president", "presidente", "président", "präsident", "minister", "ministro", "ministre",
    "spokes", "portavoce", "porte-parole", "portavoz", "sprecher", "adviser", "advisor",
    "consigliere", "conseiller", "asesor", "berater", "envoy", "inviato", "envoyé", "enviado",
    "gesandte", "ambassador", "ambasciatore", "ambassadeur", "embajador", "botschafter",
    "secretary", "segretario", "secrétaire", "secretario", "sekretär", "chancellor",
    "cancelliere", "chancelier", "canciller", "kanzler", "premier", "leader", "chief", "capo",
    "general", "generale", "général", "director", "direttore", "directeur", "direktor",
    "senator", "senatore", "sénateur", "governor", "governatore", "mayor", "sindaco", "maire",
    "alcalde", "bürgermeister", "mr", "mrs", "ms", "dr", "signor", "sig", "monsieur", "herr",
    "frau", "diplomat", "representative", "rappresentante", "représentant", "representante",
    "vertreter", "commissioner", "commissario", "judge", "giudice", "king", "re", "queen",
    "prince", "principe", "pope", "papa", "journalist", "giornalista", "analyst", "analista",
    "президент", "министр", "спикер", "пресс-секретар", "представител", "посол", "советник",
    "генсек", "глава", "премьер", "спецпредставител", "помощник", "директор", "губернатор",
    "мэр", "депутат", "сенатор", "госсекретар", "канцлер", "генерал",
    "πρόεδρ", "υπουργ", "εκπρόσωπ", "πρέσβη",
    # Office and team roles in pl/uk/nl/tr/ru and sport: the same role words as above, in
    # more languages (a role word before a name marks a person in any news text).
    "δήμαρχ", "rzecznik", "rzeczniczk", "prezydent", "szef", "wojewod", "burmistrz",
    "речник", "уповноважен", "міністр", "голова", "очільник", "topvrouw", "topman",
    "voorzitter", "woordvoerder", "directeur", "burgemeester", "bestuurder",
    "allenatore", "tecnico", "capitano", "entrenador", "técnico", "capitán", "trainer",
    "coach", "captain", "bakan", "başkan", "vali", "müdür", "sözcü", "astronaut",
    "космонавт", "командир", "экипаж", "prime",
))

# German writes the role first in a compound (Außenminister, Regierungssprecher): matched
# at the end of the word.
_ROLE_SUFFIXES = tuple(fold(w) for w in ("minister", "sprecher", "kanzler", "präsident",
                                         "direktor", "chef", "botschafter", "vertreter"))

# Lowercase geographic nouns that belong to the name they precede (Italian/Russian order).
_FEATURE_NOUNS = {"corridoio", "corridor", "коридор", "couloir", "corredor", "stretto",
                  "canale", "monte", "lago", "fiume", "isola", "golfo", "valle", "мыс",
                  "мыса", "мысе", "capo", "cabo", "cape", "пролив", "пролива", "залив",
                  "залива"}

_LOCATIVES = {"in", "a", "da", "nel", "nella", "to", "from", "at", "near", "à", "en", "au",
              "aux", "desde", "nach", "aus", "bei", "im", "в", "во", "из", "до",
              "под", "στην", "στη", "στο", "στον", "από", "κοντά"}

# Nouns whose complement is a person: "la doppietta di Doué", "le but de Mbappé", "the
# goal by Saka", "su hija Xana". Written for this project.
_PERSON_NOUNS = {fold(w) for w in (
    "gol", "goal", "goals", "doppietta", "tripletta", "rete", "assist", "but", "doublé",
    "triplé", "doblete", "golazo", "tanto", "intervista", "entrevista", "interview",
    "moglie", "marito", "figlio", "figlia", "wife", "husband", "son", "daughter", "hija",
    "hijo", "esposa", "marido", "fille", "fils", "femme", "giovane", "joven", "jeune",
    "young", "compagno", "compañero", "coéquipier", "teammate", "portiere", "portero",
    "attaccante", "delantero", "centrocampista", "difensore", "defensa", "attaquant",
)}

_BY_WORDS = {"di", "del", "de", "du", "by", "of", "della", "dello", "von", "su", "sua", "suo",
             "his", "her", "son", "sa", "ses"}

# "the tech company Meta", "il colosso Apple", "la empresa Inditex".
_COMPANY_NOUNS = {fold(w) for w in (
    "company", "firm", "giant", "maker", "group", "colosso", "gruppo", "azienda", "società",
    "empresa", "compañía", "gigante", "société", "groupe", "entreprise", "bedrijf", "concern",
    "компания", "компании", "корпорация", "firma", "spółka", "koncern",
)}

# "ai microfoni di Sky", "told the broadcaster X": the complement is a media outlet.
_MEDIA_NOUNS = {fold(w) for w in (
    "microfoni", "micrófonos", "micros", "telecamere", "cámaras", "caméras", "emittente",
    "cadena", "chaîne", "quotidiano", "diario", "giornale", "newspaper", "broadcaster",
    "zeitung", "sender", "krant", "gazeta", "газета", "газеты", "телеканал", "телеканала",
    "agenzia", "agencia", "agence", "channel", "canale", "canal",
)}

# Adjective endings strong enough to call a lone capitalised word an adjective (not the
# short -owa/-ska/-на endings surnames and names share: Moskalkowa, Оксана).
_ADJ_STRONG = {
    "de": re.compile(r"(?:ische[nmrs]?|liche[nmrs]?)$"),
    "nl": re.compile(r"(?:ische|\w{4,}se|lijke)$"),  # Utrechtse, Europese, Brabantse
    "el": re.compile(r"(?:ικής|ικού|ικών|ική|ικό|ικά|ιακής|ιακή)$"),
    "pl": re.compile(r"(?:owej|owego|owych|nej|nego|nych|ckiej|skiej|skich)$"),
    "uk": re.compile(r"(?:ної|ного|них|ний|ської|ського|ських|ових|ної)$"),
    "ru": re.compile(r"(?:ного|ной|ных|ная|ное|ские|ских|ского|ское|ые)$"),
}

# A ship named after its type ("контейнеровоз Coral Horizon", "the tanker Ever Given").
_VESSEL_NOUNS = tuple(fold(w) for w in (
    "ship", "vessel", "tanker", "freighter", "nave", "navire", "buque", "schiff", "судно",
    "контейнеровоз", "танкер", "сухогруз", "containerschip", "portacontainer", "statek",
))

# German compounds naming a company's kind before its name ("Facebook-Konzern Meta").
_COMPANY_SUFFIXES = ("konzern", "hersteller", "unternehmen", "riese", "gigant", "anbieter",
                     "betreiber", "gruppe", "firma", "company", "group")

# Role nouns that also begin institution words (minister / ministero): matched whole.
_EXACT_ROLES = {fold(w) for w in ("minister", "ministro", "ministra", "ministre", "министр",
                                  "міністр", "bakan", "bakanı", "υπουργός")}

_SHORT_ROLES = frozenset(r for r in _ROLE_WORDS if len(r) < 5)

_LONG_ROLES = tuple(r for r in _ROLE_WORDS if len(r) >= 5)

_DE_ARTICLES = {"der", "des", "die", "das", "dem", "den", "und"}

# Competitions and events are named things, not bodies (Champions League, Copa de Europa).
_EVENT_WORDS = tuple(fold(w) for w in (
    "league", "liga", "copa", "coppa", "cup", "coupe", "pokal", "championship", "campionat",
    "campeonato", "olympi", "olimpi", "mondial", "mundial", "tournament", "torneo", "festival",
    "grand prix", "gran premio", "expo", "biennale",
))

_NO_MATCH = re.compile(r"(?!)")

# Adjective endings per language: a capitalised run containing one names an institution
# or thing, rarely a person (person names are nouns, not adjectives). The endings are the
# languages' productive adjective suffixes from their grammars, not drawn from any case of
# our gold; this fallback typer runs only for languages without a trained model.
_ADJECTIVE = {
    "de": re.compile(r"(?:isch|lich|ische[nmrs]?|liche[nmrs]?|ale[nmrs]?)$"),
    "nl": re.compile(r"(?:ische|lijke|ese|se)$"),
    "el": re.compile(r"(?:ική|ικής|ικό|ικού|ικά|ικών|ικοί|ινή|ιακή|ιακό)$"),
    "pl": re.compile(r"(?:owej|owego|owych|nej|nego|nych|ckiej|skiej|owa|owe|ny|na|ne)$"),
    "uk": re.compile(r"(?:ної|ного|них|ний|на|не|ська|ської|ський|ових|ова|ове)$"),
    "ru": re.compile(r"(?:ного|ной|ных|ная|ное|ский|ская|ское|ского|ской|ых|ых)$"),
    # Romance: only endings that given names and surnames do not share (not -ana, -ico).
    "es": re.compile(r"(?:ional|ivil|ñola|ñol|opea|opeo)$"),
    "it": re.compile(r"(?:ionale|ivile|taliana|taliano|opea|opeo)$"),
    "fr": re.compile(r"(?:ional|ionale|ique|aise|ais|ienne|ien)$"),
    "tr": re.compile(r"(?:sal|sel|li|lı|lu|lü)$"),
    "en": re.compile(r"(?:ional|ical|ican|ean|ish|ese)$"),
}

# Lowercase nouns that introduce or follow a place name: "the island of Evia", "el río
# Lamone", "the Battalgazi district", "Yeşilyurt ilçesinde". Written for this project.
_PLACE_NOUNS_CASED = tuple(fold(w) for w in (
    "district", "distretto", "distrito", "province", "provincia", "provinz", "village",
    "villaggio", "town", "island", "isola", "isla", "île", "river", "fiume", "río", "rio",
    "fleuve", "rivière", "lake", "region", "regione", "región", "comune", "municipality",
    "gemeente", "dorp", "stad", "dorf", "insel", "fluss", "wieś", "miasto", "obwod",
    "село", "місто", "город", "деревн", "област", "район", "χωριό", "νησί", "δήμο",
    "ilçe", "ilinde", "ili", "köy", "mahalle", "kasaba", "quartiere", "barrio", "quartier",
))

_OF_WORDS = {"of", "di", "de", "du", "del", "della", "van", "von", "des", "του", "της"}

# Particles inside personal names (Marieke van Dongen, Ursula von der Leyen, Luis de Guindos).
_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "del", "dos", "du", "la", "le",
              "ter", "ten", "bin", "ibn", "al", "el"}
