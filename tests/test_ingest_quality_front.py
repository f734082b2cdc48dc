"""Front and navigation pages are not news: recognised by their address (a home or an
overview path) or by their shape (teasers, no headline, no article markup), while an
article page with a related-stories box stays news."""

from __future__ import annotations

from rashomon.ingest import read_bytes
from rashomon.ingest.quality import MIN_TEASERS, assess

TEASERS = [
    ("Stadtrat beschließt neuen Radweg am Neckarufer",
     "Nach langer Debatte stimmte der Gemeinderat am Donnerstag für den Ausbau; die "
     "Arbeiten sollen im Frühjahr beginnen und rund zwei Jahre dauern."),
    ("Eiswelt öffnet am Freitag die neue Saison",
     "In beiden Hallen im Sportgebiet gibt es wieder Publikumslauf, Disco und "
     "Vereinstraining, die Preise bleiben auf dem Stand des Vorjahres."),
    ("Die letzten Parkuhren der Innenstadt werden abgebaut",
     "Nach über sechzig Jahren endet eine Ära: Gezahlt wird künftig am Automaten oder "
     "mit dem Telefon, die alten Geräte gehen an ein Museum."),
    ("Bürgermeister für Sicherheit feiert runden Geburtstag",
     "Seit 2006 ist er im Amt und zuständig für Ordnung, Sport und die Feuerwehr; am "
     "Dienstag empfängt er Gäste im Rathaus."),
    ("Gewinner des Dahlienwettbewerbs im Höhenpark gezogen",
     "Mehr als zweitausend Besucher hatten ihre Stimme abgegeben, der erste Preis ist "
     "eine Jahreskarte für alle Bäder der Stadt."),
    ("Neues Wohnquartier auf dem alten Fabrikgelände geplant",
     "Auf dem Gelände sollen 125 Wohnungen entstehen, ein Drittel davon gefördert, dazu "
     "eine Kita und ein kleiner Park am Bach."),
    ("Stadtbibliothek verlängert ihre Öffnungszeiten am Sonntag",
     "Nach einem erfolgreichen Versuch bleibt die Bibliothek auch sonntags geöffnet, "
     "zunächst bis zum Ende des kommenden Jahres."),
    ("Wochenmarkt zieht während der Bauarbeiten um",
     "Die Händler stehen ab Montag auf dem Schillerplatz, der Markt findet wie gewohnt "
     "dienstags, donnerstags und samstags statt."),
]
BODY = (
    "<p>Die Landesregierung hat am Dienstag ein Programm für den Ausbau der Radwege "
    "beschlossen. Bis 2030 sollen 400 Kilometer neue Wege entstehen, vor allem zwischen den "
    "Dörfern im Süden, wo viele Schüler bisher an der Bundesstraße fahren müssen.</p>"
    "<p>Die Kosten von 120 Millionen Euro teilen sich Land und Kommunen. Der Minister sprach "
    "von einem Anfang; Verbände fordern doppelt so viel Geld und eine schnellere Planung, "
    "weil viele Projekte seit Jahren auf die Genehmigung warten.</p>"
)


def _teasers(count: int) -> str:
    return "".join(
        f"<div class='teaser'><h2><a href='/artikel/{i}'>{head}</a></h2><p>{blurb}</p></div>"
        for i, (head, blurb) in enumerate(TEASERS[:count]))


def _verdict(page: str, name: str = "page.html"):
    items = list(read_bytes(page.encode(), name))
    assert len(items) == 1 and items[0].error is None, items
    return items[0].article, assess(items[0].article)


def test_a_front_page_of_teasers_without_address_is_navigation() -> None:
    page = ("<html lang='de'><head><title>Startseite: Offizielles Internetangebot der Stadt"
            "</title></head><body><header><a href='/'>Logo</a></header><main>"
            f"{_teasers(8)}</main><footer>Impressum · Datenschutz</footer></body></html>")
    article, verdict = _verdict(page)
    assert article.url is None
    assert verdict is not None and verdict.code == "E204"
    assert "teasers" in verdict.line()


def test_an_article_with_a_related_stories_box_stays_news() -> None:
    related = f"<aside><h3>Mehr aus der Region</h3>{_teasers(8)}</aside>"
    title = "Radwege: Land beschließt Ausbau"
    # Its own headline: an <h1> that is the title.
    bare = (f"<html lang='de'><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{BODY}</article>{related}</body></html>")
    assert _verdict(bare)[1] is None
    # No <h1>, but the page declares itself an article.
    declared = (f"<html lang='de'><head><title>{title}</title>"
                "<meta property='og:type' content='article'></head><body><article>"
                f"<h2>{title}</h2>{BODY}</article>{related}</body></html>")
    assert _verdict(declared)[1] is None


def test_a_few_teasers_on_a_bare_page_are_not_enough() -> None:
    page = ("<html lang='de'><head><title>Blog</title></head><body><div class='post'>"
            f"{BODY}</div>{_teasers(MIN_TEASERS - 2)}</body></html>")
    assert _verdict(page)[1] is None


def test_links_inside_prose_are_not_teasers() -> None:
    links = "".join(
        f"<p>Wie berichtet, <a href='/a/{i}'>{head}</a>, sagte der Sprecher am Montag "
        "vor Journalisten im Rathaus der Stadt.</p>" for i, (head, _) in enumerate(TEASERS))
    page = (f"<html lang='de'><head><title>Chronik</title></head><body><div>{links}"
            "</div></body></html>")
    assert _verdict(page)[1] is None


def test_overview_addresses_are_navigation_without_a_markup_date() -> None:
    page = ("<html lang='en'><head><title>Climate</title><link rel='canonical' "
            "href='https://news.example.org/tag/climate/'></head><body><div>"
            "<p>Glaciers in the Alps lost more ice this summer than in any year since records "
            "began, scientists said, as heat waves pushed the freezing line above 5,000 "
            "metres for weeks.</p></div></body></html>")
    article, verdict = _verdict(page)
    assert article.url.endswith("/tag/climate/")
    assert verdict is not None and verdict.code == "E204"
    # The same address with a publish time in markup is an article.
    dated = page.replace("<title>", "<meta property='article:published_time' "
                         "content='2024-08-30T10:00:00Z'><title>")
    assert _verdict(dated)[1] is None
