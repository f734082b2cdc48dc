"""Which English words a reader of another language still sees: every HTML page (story,
article, entity, lists, forms, error pages) and the Markdown report, rendered for readers
of ar, fa, zh, ja, ru and de over the sample's third batch and tests/data/web.

Text counted: what the page shows (text and title/placeholder/aria-label attributes)
outside the sources' own text (any element whose ``lang`` is not the page's, except the
server's English messages: ``span``/``p`` marked ``lang="en"``, counted as "marked").
An English word is a word of en.json's values, of the error table or of the
implausibility reasons that the reader's own word file does not also use (CSV, JSON).

    PYTHONPATH=$PWD/src RASHOMON_SHARED=/work/shared python tools/probe_reader_english.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = Path("/tmp/probe-reader-english/ui.db")
LANGS = sys.argv[1:] or ["ar", "fa", "zh", "ja", "ru", "de"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SHOWN_ATTRS = ("title", "placeholder", "aria-label", "alt")


class Visible(HTMLParser):
    """Text a reader sees, split into the page's own and the server's marked English."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page_lang = ""
        self.stack: list[tuple[str, str]] = []  # (tag, "own" | "source" | "marked")
        self.own: list[str] = []
        self.marked: list[str] = []
        self.hidden = 0

    def _where(self) -> str:
        return self.stack[-1][1] if self.stack else "own"

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "html":
            self.page_lang = a.get("lang", "")
        where = self._where()
        lang = a.get("lang")
        if where == "own" and lang is not None and lang != self.page_lang:
            server = lang == "en" and tag in ("span", "p") and a.get("class") != "snippet"
            where = "marked" if server else "source"
        if tag in ("script", "style", "head"):
            where = "hidden"
        elif where == "own" and (tag == "code" or (a.get("dir") == "auto" and tag != "span")):
            where = "source"  # code (field names, settings), a source's string (a title)
        if where in ("own", "marked"):
            for name in SHOWN_ATTRS:
                if a.get(name):
                    (self.own if where == "own" else self.marked).append(a[name])
        if tag not in VOID:
            self.stack.append((tag, where))

    def handle_endtag(self, tag) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data) -> None:
        where = self._where()
        if where == "own":
            self.own.append(data)
        elif where == "marked":
            self.marked.append(data)


def flat_values(node) -> list[str]:
    if isinstance(node, dict):
        return [v for k, x in node.items() if k != "about" for v in flat_values(x)]
    if isinstance(node, list):
        return [v for x in node for v in flat_values(x)]
    return [node] if isinstance(node, str) else []


WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def vocabulary() -> set[str]:
    from rashomon.compare import implausible
    from rashomon.errors import CODES

    texts = flat_values(json.loads((ROOT / "src/rashomon/compare/reader/en.json").read_text()))
    texts += list(CODES.values())
    texts += re.findall(r'f"([^"]*)"', Path(implausible.__file__).read_text())  # reasons
    texts += ["Not found", "Something is not right", "Back to the stories", "Error"]
    found = {w.lower() for t in texts for w in WORD.findall(re.sub(r"\{[a-z_]+\}", " ", t))}
    return {w for w in found if len(w) > 2}


def own_words(lang: str) -> set[str]:
    path = ROOT / f"src/rashomon/compare/reader/{lang}.json"
    if not path.is_file():
        return set()
    return {w.lower() for t in flat_values(json.loads(path.read_text("utf-8")))
            for w in WORD.findall(re.sub(r"\{[a-z_]+\}", " ", t))}


#: Names and formats, the same in every language.
NAMES = {"rashomon", "api", "https", "csv", "json", "markdown", "rss", "atom"}


def english(text: str, vocab: set[str], allowed: set[str]) -> list[str]:
    return [w for w in WORD.findall(text) if w.lower() in vocab
            and w.lower() not in allowed | NAMES]


def build():
    from rashomon.config import Config
    from rashomon.embed import get_embedder
    from rashomon.pipeline import Engine
    from rashomon.store import SQLiteStore
    from rashomon.text.langid import HybridIdentifier
    from rashomon.web import create_app, views

    fresh = not DB.exists()
    DB.parent.mkdir(parents=True, exist_ok=True)
    store = SQLiteStore(DB)
    engine = Engine(store, embedder=get_embedder("e5"), langid=HybridIdentifier())
    if fresh:
        engine.ingest([str(ROOT / "src/rashomon/sample/corpus/c"), str(ROOT / "tests/data/web")])
    views.refresh_indexes(engine)
    config = Config(db=store.path, api_token="", read_token="", web_warm=False)
    return engine, create_app(engine, config=config, host="127.0.0.1", warm=False)


def pages(engine, client) -> list[str]:
    stories = client.get("/api/stories?limit=50").json()["stories"]
    out = ["/", "/watchlists", "/ingest", "/stories/987654", "/articles/987654", "/nowhere",
           "/?q=fire"]
    for s in stories:
        out.append(f"/stories/{s['id']}")
        out.append(f"/stories/{s['id']}/report.md")
        full = client.get(f"/api/stories/{s['id']}").json()
        out += [f"/articles/{a['id']}" for a in full["articles"]]
        ents = engine.entities(s["id"])
        out += [f"/entities/{e.id}" for e in ents[:3]]
    return out


SOURCE_KEYS = {"sentence", "text", "title", "description", "source", "first_reporter",
               "canonical", "words", "slot"}


def _strings(node, key=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)
    elif isinstance(node, str) and key in SOURCE_KEYS:
        yield node


def strip_sources(client, url: str, lang: str, body: str) -> str:
    """The Markdown report without the sources' own strings (sentences, titles, names)."""
    from rashomon.compare.render import md_text

    sid = url.split("/")[2]
    report = client.get(f"/api/stories/{sid}/report?lang={lang}").json()
    for text in sorted(set(_strings(report)), key=len, reverse=True):
        for n in (400, 240, 160, 120, 100):
            body = body.replace(md_text(text, n), " ")
    return re.sub(r"«[^»]*»?", " ", body)  # another source's sentence quoted in a gloss


def main() -> None:
    from fastapi.testclient import TestClient

    engine, app = build()
    vocab = vocabulary()
    client = TestClient(app)
    urls = pages(engine, client)
    for lang in LANGS:
        allowed = own_words(lang)
        own, marked = Counter(), Counter()
        where: dict[str, Counter] = {}
        for url in urls:
            sep = "&" if "?" in url else "?"
            answer = client.get(f"{url}{sep}lang={lang}")
            body = answer.text
            if url.endswith(".md"):
                texts, server = [strip_sources(client, url, lang, body)], []
            else:
                parser = Visible()
                parser.feed(body)
                texts, server = parser.own, parser.marked
            hits = [w for t in texts for w in english(t, vocab, allowed)]
            own.update(hits)
            marked.update(w for t in server for w in english(t, vocab, allowed))
            kind = re.sub(r"\d+", "N", url.split("?")[0])
            where.setdefault(kind, Counter()).update(hits)
        print(f"== {lang}: English words in the page's own text {sum(own.values())} "
              f"({len(own)} distinct); in marked server English {sum(marked.values())}")
        print("   own:", ", ".join(f"{w}×{n}" for w, n in own.most_common(40)))
        print("   marked:", ", ".join(f"{w}×{n}" for w, n in marked.most_common(20)))
        for kind, c in sorted(where.items()):
            if c:
                print(f"   {kind}: {sum(c.values())}: " +
                      ", ".join(f"{w}×{n}" for w, n in c.most_common(12)))


if __name__ == "__main__":
    main()
