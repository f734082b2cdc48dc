"""The link-menu cut-off (E204) on pages written like real news sites' article pages with
many related links and their section pages: no article dropped, every section caught.

Before (2026-12-05), two of the five article pages below were dropped as front pages: an
English one whose headline is an <h2 class="headline"> (7 related teasers) and a French
one with "À lire aussi" blocks inside its body (9 teasers); and an article address under
an overview word (a livedoor blog's "/archives/52345678.html", The Atlantic's
"/magazine/archive/…/681234/") or of two characters ("/a1") was a navigation page."""

from __future__ import annotations

import pytest

from rashomon.core import Article
from rashomon.ingest import read_bytes
from rashomon.ingest.quality import assess

NAV = ("<header><a href='/'>Start</a><nav><ul>" + "".join(
    f"<li><a href='/{s}'>{s.title()}</a></li>" for s in
    ("politik", "wirtschaft", "sport", "kultur", "wissen", "panorama", "regional")) +
       "</ul></nav></header>")
FOOT = "<footer>" + " ".join(f"<a href='/info/{i}'>Impressum Datenschutz Kontakt {i}</a>"
                             for i in range(10)) + "</footer>"

EN_RELATED = [
    ("Council approves new ferry timetable for harbour crossing",
     "Extra sailings will run every half hour from Monday, the transport office said, with "
     "fares frozen until the bridge reopens."),
    ("Engineers warn dozens of bridges need urgent checks",
     "A report for the regional government lists 41 crossings built before 1970 that have "
     "not been inspected in the past six years."),
    ("Traffic chaos as commuters face long detours",
     "Drivers reported queues of more than an hour on the ring road on the first morning "
     "after the closure."),
    ("Opinion: We cannot keep patching up crumbling infrastructure",
     "Decades of underinvestment have left the region exposed, argues our transport "
     "correspondent in a column."),
    ("Businesses near the harbour fear a drop in trade",
     "Shop owners say footfall has already fallen since the closure was announced on "
     "Tuesday evening."),
    ("How bridge inspections work and why cracks matter",
     "We explain what engineers look for and when a crack becomes dangerous enough to "
     "close a crossing."),
    ("Rail operator adds extra carriages to peak trains",
     "The operator said it would add 2,000 seats a day to trains crossing the river "
     "further upstream."),
]
FR_RELATED = [
    ("Bordeaux : la navette fluviale renforcée dès lundi",
     "Les bateaux passeront toutes les vingt minutes aux heures de pointe, annonce la "
     "métropole, qui promet des tarifs inchangés."),
    ("Ponts en France : un sur dix en mauvais état",
     "Un rapport du Sénat estime que 25 000 ponts présentent des défauts structurels et "
     "réclame un plan d'urgence."),
    ("Embouteillages monstres sur la rocade",
     "Au premier jour de la fermeture, les automobilistes ont perdu jusqu'à une heure matin "
     "et soir sur les boulevards."),
    ("Le pont de Pierre, deux siècles d'histoire",
     "Construit sur ordre de Napoléon, l'ouvrage a été inauguré en 1822 et n'avait jamais "
     "été fermé aussi longtemps."),
    ("Tramway : la ligne A perturbée jusqu'à nouvel ordre",
     "Les rames ne franchissent plus la Garonne par le pont de Pierre; des bus de "
     "substitution sont mis en place."),
    ("Les commerçants du centre demandent des aides",
     "L'association des commerçants réclame un fonds d'urgence pour compenser la baisse "
     "du chiffre d'affaires."),
]
ZH_RELATED = [
    ("市政府加密过江轮渡班次",
     "市交通局表示，轮渡班次将加密至每二十分钟"
     "一班，票价维持不变，直至大桥重新开放为止。"),
    ("全国桥梁安全大排查启动",
     "交通运输部要求各地在三个月内完成对建成超"
     "过三十年的桥梁的全面检测，并及时上报结果。"),
    ("早高峰拥堵加剧部分路段缓慢",
     "受大桥封闭影响，周三早高峰期间二环线多处"
     "路段车速明显下降，交警部门加派警力疏导。"),
    ("专家解读桥墩裂缝意味着什么",
     "多位桥梁专家表示，裂缝是否危险取决于其位"
     "置和宽度，定期检测是保障安全的关键环节。"),
    ("地铁二号线增开列车缓解压力",
     "地铁运营公司宣布，自下周一起早晚高峰加"
     "开列车，预计每天可多运送约两万名乘客。"),
    ("沿江商户担忧客流明显下降",
     "多家商户反映，大桥封闭消息公布后，店内客"
     "流已经出现下降，希望有关部门出台扶持措施。"),
    ("大桥维修预计耗时至少半年",
     "市政府新闻发言人称，维修工程预计至少需要"
     "六个月，期间将定期向社会公布工程进展情况。"),
]


def _teasers(items, tag: str = "div") -> str:
    return "".join(f"<{tag} class='teaser'><a href='/artikel/{1000 + i}'>{head}</a>"
                   f"<p>{blurb}</p></{tag}>" for i, (head, blurb) in enumerate(items))


EN_ARTICLE = f"""<html lang="en"><head><title>Galway harbour bridge closed after cracks found
- West Coast Times</title></head><body>{NAV}<div id="content">
<h2 class="headline">Galway harbour bridge closed after cracks found</h2>
<p class="dateline">Published Wednesday 5 March 2025</p>
<p>The harbour bridge in Galway was closed to all traffic on Tuesday evening after engineers
found cracks in two of its pillars during a routine inspection, the city council said.</p>
<p>About 12,000 vehicles cross the bridge each day. A council spokeswoman said repairs would
take at least six months and that an extra ferry service would run from Monday.</p>
<p>The mayor called the closure a difficult but necessary decision. "Public safety must come
first," he told reporters outside City Hall.</p>
<aside><h3>Related stories</h3><ul>{_teasers(EN_RELATED, "li")}</ul></aside></div>{FOOT}
</body></html>"""

FR_BODY = [
    "Le pont de Pierre, à Bordeaux, a été fermé à toute circulation mardi soir après la "
    "découverte de fissures sur deux de ses piles lors d'une inspection de routine, a "
    "annoncé la mairie.",
    "Environ 12 000 véhicules empruntent chaque jour l'ouvrage. Selon une porte-parole de la "
    "ville, les réparations dureront au moins six mois et une navette fluviale "
    "supplémentaire circulera dès lundi.",
    "Le maire a parlé d'une décision « difficile mais nécessaire ». « La sécurité des "
    "habitants passe avant tout », a-t-il déclaré devant l'hôtel de ville.",
    "Les commerçants du centre-ville redoutent une baisse de fréquentation, dans une période "
    "déjà difficile pour le petit commerce.",
]
FR_ARTICLE = f"""<html lang="fr"><head><title>Bordeaux : le pont de Pierre fermé après la
découverte de fissures</title></head><body>{NAV}<div class="col">
<h2 class="titre">Bordeaux : le pont de Pierre fermé après la découverte de fissures</h2>
<div class="chapo">Publié le 04/03/2025 à 19h12</div>""" + "".join(
    f"<p>{para}</p>" + (f"<div class='lire-aussi'><span>À lire aussi</span><a href='/x/{i}'>"
                        f"{FR_RELATED[i][0]}</a><p>{FR_RELATED[i][1]}</p></div>" if i < 3 else "")
    for i, para in enumerate(FR_BODY)) + f"""<div class="sur-le-meme-sujet">
{_teasers(FR_RELATED[3:] + FR_RELATED[:3])}</div></div>{FOOT}</body></html>"""

ZH_ARTICLE = f"""<html lang="zh"><head><title>武汉长江大桥因桥墩裂缝全面封闭</title></head>
<body>{NAV}<div class="main"><div class="title">武汉长江大桥因桥墩裂缝全面封闭</div>
<div class="info">2025年03月05日 08:12 来源：江城日报</div>
<p>记者从武汉市政府获悉，武汉长江大桥于3月4日晚起全面封闭，原因是工程技术人员在例行检测中发现两座桥墩出现裂缝。</p>
<p>据介绍，该桥日均车流量约为一万二千辆。市政府新闻发言人表示，维修工程预计至少需要六个月，其间将加开过江轮渡。</p>
<p>市长在接受采访时表示，这是一个艰难但必要的决定，市民的生命安全是第一位的。沿江商户则担心客流下降。</p></div>
<div class="related"><h3>相关新闻</h3><ul>{_teasers(ZH_RELATED, "li")}</ul></div>{FOOT}
</body></html>"""

SECTIONS = {
    "world.html": f"""<html lang="en"><head><title>World news - West Coast Times</title>
</head><body>{NAV}<div class="list"><h1>World</h1><ul>{_teasers(EN_RELATED, "li")}</ul>
</div>{FOOT}</body></html>""",
    "gironde.html": f"""<html lang="fr"><head><title>Gironde : toute l'actualité</title>
</head><body>{NAV}<main><h1>Gironde</h1>{_teasers(FR_RELATED, "article")}</main>{FOOT}
</body></html>""",
    "bendi.html": f"""<html lang="zh"><head><title>本地新闻</title></head><body>{NAV}
<div class="list"><h1>本地新闻</h1><ul>{_teasers(ZH_RELATED, "li")}</ul></div>{FOOT}
</body></html>""",
}


def _verdict(page: str, name: str, url: str | None = None):
    [item] = list(read_bytes(page.encode(), name, url=url))
    assert item.error is None, item.error
    return item.article, assess(item.article)


@pytest.mark.parametrize("page, name, own", [
    (EN_ARTICLE, "galway.html", "About 12,000 vehicles"),
    (FR_ARTICLE, "bordeaux.html", "Environ 12 000 véhicules"),
    (ZH_ARTICLE, "wuhan.html", "日均车流量约为一万二千辆")])
def test_an_article_with_many_related_teasers_stays_news(page, name, own):
    article, verdict = _verdict(page, name)
    assert verdict is None, verdict.line()
    assert own in article.maintext  # its own prose was read, not the teasers


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_a_section_page_of_teasers_is_a_navigation_page(name):
    _, verdict = _verdict(SECTIONS[name], name)
    assert verdict is not None and verdict.code == "E204", verdict
    assert "teasers" in verdict.line()


ARTICLE_TEXT = " ".join(["The harbour bridge was closed on Tuesday after engineers found cracks "
                         "in two of its pillars, the council said."] * 3)


@pytest.mark.parametrize("url, navigation", [
    ("https://blog.livedoor.jp/minato_news/archives/52345678.html", False),
    ("https://www.theatlantic.com/magazine/archive/2025/03/bridges-crumbling/681234/", False),
    ("https://kobe-shimbun.example/archives/12345", False),
    ("https://news.example.com/a1", False),
    ("https://www.example.com/category/world/harbour-bridge-closed-after-cracks-found", False),
    ("https://www.example.com/page/2", True),
    ("https://www.example.com/tag/bridges", True),
    ("https://www.example.com/category/world-news/", True),
    ("https://www.example.com/topics/climate-change", True),
    ("https://www.example.com/archives/2025/03", True),
    ("https://www.example.de/de", True),
    ("https://www.example.com/en-gb/", True),
    ("https://www.example.com/", True),
    ("https://www.example.com/zh-Hant/", True),
    ("https://news-0.example/flu-en", False),  # a slug, not a language code
    ("https://news.example/dpa", False),
])
def test_an_undated_item_is_a_navigation_page_by_its_address_only_when_it_is_one(url, navigation):
    article = Article(title="Harbour bridge closed after cracks found", maintext=ARTICLE_TEXT,
                      url=url)
    verdict = assess(article)
    assert (verdict is not None and verdict.code == "E204") == navigation, url
