"""The trained NER on the cases issue 16 reported from real news, and its mechanics."""

from __future__ import annotations

from rashomon.core import Article, ArticleFacts
from rashomon.extract import extract_facts, tagger_lexicons
from rashomon.extract.entities import _coordinated, extract_mentions
from rashomon.extract.linking import link
from rashomon.extract.ner import (
    MODELS,
    Span,
    _lexicon_marks,
    _stem_gazetteer,
    char_features,
    decode,
    model_language,
    tagger,
    tokenize,
    word_features,
)
from rashomon.extract.quotes import extract_quotes


def _labels(text: str, lang: str) -> dict[str, str]:
    return {m.text: m.label for m in extract_mentions(text, lang)}


def test_every_trained_language_has_a_shipped_model() -> None:
    for lang in ("en", "de", "fr", "es", "it", "ru", "ar", "fa", "tr", "zh", "pl", "nl", "ja",
                 "pt"):
        assert (MODELS / f"ner-{lang}.crf.npz").exists(), lang
    assert model_language("uk") == "ru"
    assert model_language("el") is None  # no training data: rule typer


def test_tokenizer_keeps_dotted_and_hyphenated_names_whole() -> None:
    text = "Газета.Ru и «Альфа-Групп» сообщили, что O'Brien прибыл."
    words = [text[s:e] for s, e in tokenize(text)]
    assert "Газета.Ru" in words and "Альфа-Групп" in words and "O'Brien" in words
    assert "«" in words and "," in words
    cjk = "外长王毅"
    assert [cjk[s:e] for s, e in tokenize(cjk, char_level=True)] == list(cjk)


def test_decode_reads_iob2_and_stray_inside_tags() -> None:
    assert decode(["B-PER", "I-PER", "O", "I-ORG", "B-LOC", "B-LOC"]) == [
        (0, 2, "PER"), (3, 4, "ORG"), (4, 5, "LOC"), (5, 6, "LOC")]


NEWS_EN = ("Shares of General Motors rose on Tuesday after the carmaker said it would cut "
           "costs, while rival Chrysler reported higher sales. Microsoft said its cloud "
           "revenue grew. Martin Scorsese said the film would premiere in Cannes.")


def test_companies_and_people_from_real_english_news() -> None:
    found = _labels(NEWS_EN, "en")
    assert found.get("Microsoft") == "ORG"
    assert found.get("Martin Scorsese") == "PER"
    assert found.get("Cannes") == "LOC"
    assert "rival Chrysler" not in found  # lower-case words before a name are cut


def test_company_names_without_a_cue_word() -> None:
    """The English CRF is sure these are no names (O ~0.99) or reads Chrysler as MISC;
    the other languages' training sentences tagged both as organisations (name_table)."""
    found = _labels(NEWS_EN, "en")
    assert found.get("General Motors") == "ORG"
    assert found.get("Chrysler") == "ORG"


def test_pronoun_and_single_letters_are_no_entities() -> None:
    found = _labels("I said it was time to go, but U and I stayed. I think so.", "en")
    assert "I" not in found and "U" not in found


def test_german_capitalised_nouns_are_no_persons() -> None:
    found = _labels("Am nächsten Tag kündigte die Bundesregierung in Berlin den Bau einer "
                    "neuen Brücke an. Olaf Scholz sprach von einem wichtigen Tag.", "de")
    assert "Tag" not in found and "Bau" not in found
    assert found.get("Berlin") == "LOC"
    assert found.get("Olaf Scholz") == "PER"


def test_german_dictionary_classes_of_a_word() -> None:
    """``morph-de.tsv.gz`` (german-nouns, Wiktionary): a common noun's every case form is
    "C", a listed surname "S", a word that is both keeps both, places "G"."""
    table = tagger_lexicons.morph("de")
    assert table["tag"] == "C" and table["tages"] == "C" and table["richtung"] == "C"
    assert table["merkel"] == "S" and table["baerbock"] == "S"
    assert set(table["müller"]) == {"C", "S"}  # the miller and the surname
    assert "N" in table["stephanie"] and "G" in table["leipzig"]
    assert tagger_lexicons.morph_marks("Richtung", "de")[0] == ("mo=C",)
    assert tagger_lexicons.morph_marks("richtig", "de") == ((), (), ())
    # a compound the dictionary does not list, ending in a common noun's form: "K"
    assert "bundesverkehrsministerium" not in table
    assert tagger_lexicons.morph_marks("Bundesverkehrsministerium", "de")[0] == ("mo=K",)
    assert tagger_lexicons.morph_marks("Schwarzenegger", "de")[0] == ()
    # Russian does not compound: an unlisted word gets no class
    assert tagger_lexicons.morph_marks("Газпромнефтьбанк", "ru")[0] == ()


def test_german_surnames_unseen_in_training_beside_common_nouns() -> None:
    """Surnames the German training sentences never contain ("Oettinger", "Laschet",
    "Seehofer", "Gauck": none is a token of train.de) in sentences with capitalised common
    nouns: the dictionary's classes tell the model which capital is a name. Before them
    the served tagger found no name in the first two sentences."""
    assert _labels("Nach dem Treffen erklärte Oettinger, der Bau der Strecke beginne im "
                   "Mai.", "de") == {"Oettinger": "PER"}
    assert _labels("Laschet und Seehofer trafen sich am nächsten Tag in München.", "de") == {
        "Laschet": "PER", "Seehofer": "PER", "München": "LOC"}
    assert _labels("Gauck kritisierte am Montag die Richtung der Regierung.", "de") == {
        "Gauck": "PER"}


def test_russian_surnames_are_persons_not_towns() -> None:
    mentions = extract_mentions("Глава ВТБ Андрей Костин встретился с министром. Иванов заявил "
                                "журналистам, что переговоры продолжатся.", "ru")
    by_text = {m.text: m for m in mentions}
    assert by_text["Иванов"].label == "PER"
    assert by_text["Иванов"].canonical is None  # not the town Ivanovo
    assert not any("ВТБ" in m.text and "Костин" in m.text for m in mentions)


def test_persian_putin_is_a_person_linked_to_the_italian_putin() -> None:
    fa = Article(title="", maintext="ولادیمیر پوتین، رئیس جمهور روسیه، روز دوشنبه در مسکو "
                 "با خبرنگاران گفتگو کرد.", language="fa", id=1)
    it = Article(title="", maintext="Il presidente russo Vladimir Putin ha parlato lunedì a "
                 "Mosca. Putin ha detto che i colloqui continueranno.", language="it", id=2)
    facts = {a.id: extract_facts(a) for a in (fa, it)}
    persian = {m.text: m for m in facts[1].mentions}
    assert persian["ولادیمیر پوتین"].label == "PER"
    entities = link([fa, it], {k: ArticleFacts(k, v.mentions, [], [], []) for k, v in
                               facts.items()})
    putin = next(e for e in entities if "ولادیمیر پوتین" in e.surface_forms.get("fa", []))
    assert putin.label == "PER"
    assert "Vladimir Putin" in putin.surface_forms["it"] or "Putin" in putin.surface_forms["it"]


def test_story_vote_settles_a_name_typed_differently_across_articles() -> None:
    a = Article(title="", maintext="On Monday, Nexora Holdings said it would sell the plant.",
                language="en", id=1)
    b = Article(title="", maintext="The buyer of the plant, Nexora Holdings, paid 2 billion.",
                language="en", id=2)
    facts = {x.id: extract_facts(x) for x in (a, b)}
    for f in facts.values():
        for m in f.mentions:
            if m.text == "Nexora Holdings" and f.article_id == 2:
                m.label, m.score = "LOC", 0.4  # a weak, contrary reading in one article
    entities = link([a, b], facts)
    nexora = next(e for e in entities if e.canonical == "Nexora Holdings")
    assert nexora.label == "ORG"
    assert all(m.label == "ORG" for f in facts.values() for m in f.mentions
               if m.text == "Nexora Holdings")


def test_speakers_are_named_in_every_word_order() -> None:
    cases = {
        "en": ('"We will not accept this deal," Prime Minister Mark Carney told reporters.',
               "Mark Carney"),
        "fr": ("« Nous ne céderons pas sur ce point », a déclaré Emmanuel Macron mardi.",
               "Emmanuel Macron"),
        "ru": ("«Переговоры будут продолжены», — заявил Дмитрий Песков журналистам.",
               "Дмитрий Песков"),
        "de": ("„Wir werden das Abkommen prüfen“, sagte Olaf Scholz am Montag in Berlin.",
               "Olaf Scholz"),
    }
    for lang, (text, speaker) in cases.items():
        quotes = extract_quotes(text, extract_mentions(text, lang), lang)
        assert [q.speaker for q in quotes] == [speaker], lang


def test_models_load_once_and_tag_empty_text() -> None:
    model = tagger("en")
    assert model is tagger("en")
    assert model.spans("") == [] and model.spans("   \n\n ") == []


def test_quoted_names_listed_with_a_found_person_are_people() -> None:
    text = ('"سارا احمدی"، سخنگوی وزارت، "علی رضایی" از سوی شورا و "مینا کریمی" از سوی '
            "دانشگاه در این نشست حضور داشتند.")
    found = _labels(text, "fa")
    for name in ("سارا احمدی", "علی رضایی", "مینا کریمی"):
        assert found.get(name) == "PER", name


def test_frequency_buckets_tell_common_words_from_rare_ones() -> None:
    ranks = tagger_lexicons.ranks("de")
    assert ranks, "the German frequency list ships with the models"
    assert tagger_lexicons.bucket("und", ranks) == "0"
    assert tagger_lexicons.bucket("bahnhof", ranks) in ("1", "2")
    assert tagger_lexicons.bucket("qxzvwkj", ranks) == "5"
    assert tagger_lexicons.ranks("xx") == {}


def test_names_of_other_languages_exclude_the_language_itself() -> None:
    import gzip

    # a token tagged (twice or more) as a person only in the German sentences
    only_german = None
    with gzip.open(MODELS / "names.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            token, _, rest = line.rstrip("\n").partition("\t")
            parts = dict(p.split("=") for p in rest.split(" "))
            if list(parts) == ["de"] and parts["de"].split(",") == ["0", "2", "0", "0"]:
                only_german = token
                break
    assert only_german
    assert only_german not in tagger_lexicons.names("de")
    assert tagger_lexicons.names("en").get(only_german) == "PER"
    assert tagger_lexicons.names("de").get("Lufthansa") == "ORG"  # from the other languages


def test_japanese_characters_see_the_words_they_belong_to() -> None:
    marks = _lexicon_marks(list("彼は東京で働く"), tagger_lexicons.ranks("ja"))
    assert "lxB2" in marks[2] and "lxE2" in marks[3]  # 東京
    assert not any(m.startswith("lxE") for m in marks[0] + marks[1])
    features = char_features(list("東京"), "ja")
    assert "lxB2" in features[0] and "lxE2" in features[1] and "+1lxB2" not in features[0]


def test_piece_clusters_group_names_of_one_kind_across_languages() -> None:
    from rashomon.extract import tagger_clusters

    own = {w: tagger_clusters.word_clusters(w) for w in
           ("Lufthansa", "Ryanair", "Januar", "February", "Berlin", "Scorsese", "1999")}
    assert own["Lufthansa"][1] == own["Ryanair"][1]  # airlines: one coarse cluster
    assert own["Januar"][1] == own["February"][1]  # months, German and English
    assert own["Lufthansa"][1] != own["Berlin"][1] != own["Januar"][1]
    assert own["Scorsese"][0][0].startswith("pf=")  # not one piece: its leading piece
    assert own["1999"] == ((), "")
    feats = tagger_clusters.features(["Lufthansa", "streikt"])
    assert "+1pc=" + own["Lufthansa"][1] not in feats[0]
    assert "-1pc=" + own["Lufthansa"][1] in feats[1]
    chars = tagger_clusters.char_features(list("汉莎航空罢工"))
    assert any(f.startswith("cB=") for f in chars[2])
    assert any(f.startswith("cE=") for f in chars[3])


def test_wide_window_reads_inflected_names_and_neighbours_endings() -> None:
    # a gazetteer place behind an inflection: German genitive "s", Turkish case suffix
    # after an apostrophe, French elided article; a common noun stays unmarked
    german = word_features(["Innsbrucks", "Bürgermeister", "sprach"], "de")
    assert "gzs=geo" in german[0] or "gzs=LOC" in german[0]
    assert not any(f.startswith("gzs=") for f in german[1])
    assert _stem_gazetteer("İtalya'nın", "tr") == "gzs=LOC"
    assert _stem_gazetteer("d'Allemagne", "fr") == "gzs=LOC"
    assert _stem_gazetteer("Bürgermeisters", "de") is None
    # the word before's ending and case, the shape two words away
    assert {"-1s3=cks", "-1c=T", "+1s3=ach", "+1c=l"} <= set(german[1])
    assert "+2sh=x" in german[0]
    # a language whose model was not trained with the wide window gets none of it
    assert not any(f.startswith(("gzs=", "-1s3=", "+2sh=")) for f in
                   word_features(["Innsbrucks", "Bürgermeister", "sprach"], "pl")[1])


def test_names_of_the_other_languages_training_sentences() -> None:
    from rashomon.extract import name_table
    from rashomon.extract.lookup import _tokens

    english = name_table.names("en")
    assert english.get("general motors") == "ORG"  # tagged so in the other languages
    # one word of the table ("June" is a PER there) only settles a label the model is
    # unsure of; it adds no name
    assert english.get("june") == "PER"
    assert "June" not in _labels("Prices rose in June, the report said at 5 PM.", "en")
    text = "Analysts at General Motors and Deutsche Bahn disagreed."
    assert [(text[s:e], label, n) for s, e, label, n in
            name_table.find(text, _tokens(text), "en")] == [
        ("General Motors", "ORG", 2), ("Deutsche Bahn", "ORG", 2)]
    lower = "the general motors of history"
    assert name_table.find(lower, _tokens(lower), "en") == []  # a name has its capitals


def test_two_companies_joined_by_and_stay_two_names() -> None:
    found = _labels("Apple and Microsoft both reported quarterly earnings on Thursday, "
                    "beating analysts' forecasts.", "en")
    assert found.get("Apple") == "ORG" and found.get("Microsoft") == "ORG"
    assert not any(" and " in name for name in found)


def test_a_streaming_company_is_no_place() -> None:
    found = _labels("Netflix said on Monday it had added 8.8 million subscribers, and its "
                    "shares rose in New York.", "en")
    assert found.get("Netflix") == "ORG"
    assert found.get("New York") == "LOC"


def test_a_guild_and_a_war_are_no_persons() -> None:
    found = _labels("The Screen Actors Guild handed out its awards on Sunday, and a World War "
                    "One drama won the top prize.", "en")
    assert not any(label == "PER" and ("Guild" in name or "War" in name)
                   for name, label in found.items())


def test_russian_sentence_openers_and_media_words_are_no_names() -> None:
    glued = _labels("Платили Вертинскому щедро, вспоминает его дочь Анастасия.", "ru")
    assert not any(name.startswith("Платили") for name in glued)
    assert glued.get("Анастасия") == "PER"
    media = _labels("По данным СМИ, ОАО «Газпром» увеличило добычу газа в прошлом году.", "ru")
    assert "СМИ" not in media and not any("ОАО" in name for name in media)
    assert media.get("Газпром") == "ORG"


def test_a_persons_surname_alone_is_that_person_not_the_city() -> None:
    text = ("Joaquin Phoenix won the award for best actor.\n“I owe this to everyone who "
            "worked on the film,” Phoenix said on Sunday.")
    mentions = extract_mentions(text, "en")
    bare = [m for m in mentions if m.text == "Phoenix"]
    assert bare and all(m.label == "PER" and m.canonical is None for m in bare)
    assert [q.speaker for q in extract_quotes(text, mentions, "en")] == ["Phoenix"]


def test_a_hyphenated_surname_alone_is_the_whole_surname() -> None:
    text = ("Phoebe Waller-Bridge accepted the award for best comedy actress.\n“This whole "
            "thing has been a dream,” Waller-Bridge said.")
    mentions = extract_mentions(text, "en")
    assert "Bridge" not in {m.text for m in mentions}
    assert [q.speaker for q in extract_quotes(text, mentions, "en")] == ["Waller-Bridge"]


def test_a_quoted_title_is_not_given_the_next_paragraphs_speaker() -> None:
    text = ("The studio released the drama “The Long Winter Night.”\n“It was the hardest "
            "role I ever played,” said Anna Berg.")
    quotes = extract_quotes(text, extract_mentions(text, "en"), "en")
    # the title is no quote at all (extract/quote_kinds.py); the speech keeps its speaker
    assert [(q.text, q.speaker) for q in quotes] == [
        ("It was the hardest role I ever played,", "Anna Berg")]


def test_a_pronoun_speaker_continues_the_quote_before() -> None:
    cases = [
        ("en", "“We are ready to sign the deal,” said Anna Berg on Monday. “The terms are fair "
               "and the timing is right,” she said.", ["Anna Berg", "Anna Berg"]),
        ("de", "„Wir sind bereit, das Abkommen zu unterzeichnen“, sagte Olaf Scholz am Montag. "
               "„Die Bedingungen sind fair und der Zeitpunkt stimmt“, sagte er.",
         ["Olaf Scholz", "Olaf Scholz"]),
        # another person named between the two quotes: "he" is not resolved
        ("en", "“We are ready to sign the deal,” said Anna Berg on Monday. Her deputy Karl "
               "Maier disagreed. “The terms are poor and the timing is wrong,” he said.",
         ["Anna Berg", None]),
    ]
    for lang, text, speakers in cases:
        quotes = extract_quotes(text, extract_mentions(text, lang), lang)
        assert [q.speaker for q in quotes] == speakers, lang


def _facts(text: str, lang: str) -> ArticleFacts:
    return extract_facts(Article(title="", maintext=text, language=lang, id=1))


def test_a_pronoun_speaker_after_reported_speech_is_that_person() -> None:
    """The name a pronoun speaker refers back to may be the subject of reported speech
    (no quote before it); a name a personal pronoun stands for is a person, whatever
    type the model gave it unsure (the Reuters page read "Bong Joon Ho" as ORG)."""
    cases = [
        ("en", "“Parasite” director Bong Joon Ho said backstage that no-one could predict "
               "what might happen at the Oscars.\nSpeaking through an interpreter he added: "
               "“It is true that the momentum is building and we are a part of the awards "
               "race.”", "Bong Joon Ho"),
        ("de", "Der Regisseur Bong Joon Ho sagte nach der Preisverleihung, niemand könne den "
               "Ausgang vorhersagen. „Die Schauspieler wurden von ihren Kollegen als bestes "
               "Ensemble geehrt“, sagte er.", "Bong Joon Ho"),
        ("ru", "Режиссёр Пон Чжун Хо заявил, что никто не может предсказать итоги «Оскара». "
               "«Эти актёры признаны коллегами лучшим актёрским ансамблем года», — сказал он.",
         "Пон Чжун Хо"),
    ]
    for lang, text, speaker in cases:
        facts = _facts(text, lang)
        assert [q.speaker for q in facts.quotes] == [speaker], lang
        assert {m.label for m in facts.mentions if m.text == speaker} == {"PER"}, lang


def test_a_personal_pronoun_does_not_stand_for_a_sure_organisation() -> None:
    facts = _facts("Microsoft said on Tuesday it would cut 1,000 jobs in its gaming unit. "
                   "“These are hard decisions for the whole team,” he added.", "en")
    assert [q.speaker for q in facts.quotes] == [None]
    assert {m.label for m in facts.mentions if m.text == "Microsoft"} == {"ORG"}


def test_coordinated_russian_surnames_are_persons_not_towns() -> None:
    """"Иванов" is also a GeoNames name of the town Ivanovo, and the model is unsure of a
    surname opening a sentence: the person it is coordinated with is the evidence."""
    for text in ("Иванов и Петров заявили журналистам, что переговоры продолжатся.",
                 "Вчера Иванов и Петров заявили, что сделка состоится."):
        by_text = {m.text: m for m in extract_mentions(text, "ru")}
        assert by_text["Иванов"].label == "PER", text
        assert by_text["Иванов"].canonical is None, text  # not linked to Ivanovo
        assert by_text["Петров"].label == "PER", text


def test_coordinated_names_share_their_type() -> None:
    """An unsure span beside a sure one of its label is kept; beside a sure one of
    another type it takes that type; a comma is no conjunction."""
    text = "Иванов и Петров прибыли в Москву."
    unsure, sure = Span(0, 6, "PER", 0.43), Span(9, 15, "PER", 0.66)
    assert _coordinated(text, [unsure, sure], "ru") == {unsure: "PER"}
    assert _coordinated(text, [unsure, Span(9, 15, "PER", 0.45)], "ru") == {}
    town = Span(0, 6, "LOC", 0.68)
    assert _coordinated(text, [town, Span(9, 15, "PER", 0.85)], "ru") == {town: "PER"}
    assert _coordinated(text, [town, Span(9, 15, "PER", 0.66)], "ru") == {}  # not sure
    assert _coordinated(text, [Span(0, 6, "LOC", 0.9), Span(9, 15, "PER", 0.95)],
                        "ru") == {}  # both sure: two types
    listed = "Иванов, Петров прибыли в Москву."
    assert _coordinated(listed, [Span(0, 6, "PER", 0.43), Span(8, 14, "PER", 0.66)],
                        "ru") == {}
    # "Королёв" is also a town the model reads first; "и Глушко", a person, settles it
    found = {m.text: m for m in extract_mentions("Королёв и Глушко спорили о двигателях.",
                                                 "ru")}
    assert found["Королёв"].label == "PER" and found["Королёв"].canonical is None


def test_russian_surnames_in_short_news_sentences_are_persons() -> None:
    """Bare surnames the Russian training sentences (mostly Wikipedia, names in full) had
    not seen: the morphological dictionary's name classes are the model's evidence
    (``ner._morph_marks``), and a listed surname joined by "и" to a sure person is one."""
    cases = {
        "Петров и Иванов заявили.": {"Петров": "PER", "Иванов": "PER"},
        "Смирнов и Кузнецов заявили о повышении цен.": {"Смирнов": "PER",
                                                        "Кузнецов": "PER"},
        "Сергей Петров и Иванов приехали в Москву.": {"Сергей Петров": "PER",
                                                      "Иванов": "PER", "Москву": "LOC"},
        "Петров и Иванов заявили, что Газпром вырос.": {"Петров": "PER", "Иванов": "PER",
                                                        "Газпром": "ORG"},
        "Волков и Соколов не прокомментировали решение суда.": {"Волков": "PER",
                                                                "Соколов": "PER"},
        "Кузнецова и Смирнова вышли в финал турнира в Москве.": {
            "Кузнецова": "PER", "Смирнова": "PER", "Москве": "LOC"},
        "Ранее Лавров и Блинкен обсудили ситуацию по телефону.": {"Лавров": "PER",
                                                                  "Блинкен": "PER"},
        "Сбербанк и ВТБ снизили ставки по ипотеке.": {"Сбербанк": "ORG", "ВТБ": "ORG"},
        "Об этом сообщил пресс-секретарь Кремля Дмитрий Песков.": {
            "Кремля": "ORG", "Дмитрий Песков": "PER"},
    }
    for text, expected in cases.items():
        found = {m.text: m for m in extract_mentions(text, "ru")}
        assert {t: m.label for t, m in found.items()} == expected, text
        for name, label in expected.items():
            if label == "PER":
                assert found[name].canonical is None, (text, name)  # "Иванов": no Ivanovo


def test_a_surname_beside_a_sure_person_needs_the_dictionary() -> None:
    """A capitalised word next to "и" and a sure person is a person only when the
    dictionary lists it as a name: a sentence-opening adverb is not one."""
    assert _labels("Однако и Кузнецов заявил об отставке.", "ru") == {"Кузнецов": "PER"}
    assert tagger_lexicons.morph("ru")["смирнов"] == "S"
    assert "N" in tagger_lexicons.morph("ru")["сергей"]
    assert tagger_lexicons.morph("en") == {}


def test_initials_do_not_end_a_sentence() -> None:
    """"В. В. Путин": a capital and a full stop is an initial, not a sentence's end, so the
    tagger reads the name whole (and "В" is no sentence-opening preposition there)."""
    assert _labels("В. В. Путин и Д. Медведев встретились в Сочи.", "ru") == {
        "В. В. Путин": "PER", "Д. Медведев": "PER", "Сочи": "LOC"}
    from rashomon.extract.ner import _blocks

    assert [b for _, b in _blocks("Дж. Байден приехал. Затем уехал в ЕС. Потом.")] == [
        "Дж. Байден приехал.", "Затем уехал в ЕС.", "Потом."]
    assert [b for _, b in _blocks("Это сказал я. Да.")] == ["Это сказал я.", "Да."]
