"""Markdown and HTML renderings of a report's JSON (``Report.to_dict()``, or the reader's
view of it from ``compare.gloss.readable``).

Article text is hostile input. The HTML report is rendered by the web UI's own Jinja
templates (``web/templates/report_page.html`` includes the story page's
``report_sections.html``) with autoescaping, so the standalone file and the web page
cannot drift apart and no article string becomes markup; links are only emitted for
http(s) URLs. In Markdown every article string is escaped so that it stays text, and every word the
Markdown itself writes (section titles, counts, severities, kinds, table headers) is the
reader's, from ``compare/reader/<lang>.json`` (``reader_language`` of a reader's view;
English for a plain report).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from rashomon.compare.reader_words import counted, joined
from rashomon.compare.wording import reader_language, word_language, words
from rashomon.text.direction import direction

#: Sentences longer than this are cut in the Markdown listing (the JSON keeps them whole).
MD_SENTENCE = 240


def _cut(text: str, n: int = MD_SENTENCE) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


#: Characters that make Markdown (or the HTML a Markdown viewer lets through) of plain text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_text(text: Any, n: int = MD_SENTENCE) -> str:
    """Article text as inert Markdown: cut to ``n`` characters, every markup character
    escaped (a headline "<script>" or "[link](javascript:…)" stays text)."""
    return _MD_SPECIAL.sub(r"\\\1", _cut("" if text is None else str(text), n))


def to_markdown(report: dict[str, Any]) -> str:
    """A readable Markdown report: contradictions first, every line cites article id and
    offsets, sentences in other languages than the reader's carry their gloss; the
    Markdown's own words are the reader's (``report["reader_language"]``, else English)."""
    lang = word_language(reader_language(report.get("reader_language")))
    w = words(lang)
    w = {**w, "lang": lang}  # the Markdown's helpers join lists in the reader's pattern
    r, none = w["report"], w["report"]["none"]
    story = report["story"]
    out = [f"# {r['story'].format(id=story['id'])}: {md_text(story['title'] or '', 120)}", ""]
    out.append(
        f"{counted('articles', story['article_count'], lang)} · "
        f"{counted('independent', story['independent_count'], lang)} · "
        f"{r['languages']}: {joined(story['languages'], lang) or '?'} · {r['first_reporter']}: "
        f"{md_text(story.get('first_reporter') or r['unknown'])}"
    )
    out += ["", f"## {r['contradictions']}", ""]
    out += _md_conflicts(report["contradictions"], w) or [none]
    if report.get("variations"):
        out += ["", f"## {r['variations']}", ""]
        out += _md_conflicts(report["variations"], w)
    out += ["", f"## {r['implausible']}", ""]
    out += [
        f"- **{_severity(i['severity'], w)}** {_reason(i, lang)}  \n  {_cite(i['evidence'], w)}"
        for i in report["implausible"]
    ] or [none]
    out += ["", f"## {r['agreements']}", ""]
    out += _md_claims(report["agreements"], w) or [none]
    out += ["", f"## {r['only_in']}", ""]
    for source, claims in report["only_in"].items():
        if claims:
            out += [f"### {md_text(_outlet(source, _language_of(source, claims), lang))}", "",
                    *_md_claims(claims, w), ""]
    out += [f"## {r['timeline']}", ""]
    out += [
        f"- **{t['date']}** ({md_text(joined(_outlets(t['evidence'], lang), lang))}): "
        f"{md_text(t['description'], 160)}"
        for t in report["timeline"]
    ] or [none]
    out += ["", f"## {r['sources']}", "",
            f"| {r['source']} | {r['languages']} | {r['first_published']} | {r['copies']} |",
            "|---|---|---|---|"]
    for s in report["sources"]:
        copies = joined([str(c["id"]) for c in s["copies"]], lang) or "-"
        named = _outlet(s['source'], (s['languages'] or [None])[0], lang)
        out.append(f"| {md_text(named)} | {joined(s['languages'], lang)} | "
                   f"{s['first_published'] or '-'} | {copies} |")
    return "\n".join(out) + "\n"


def _reason(item: dict[str, Any], lang: str) -> str:
    """An implausible claim's reason: the reader's words (a reader's view), the sentence it
    cites in the reader's quotation marks (CLDR); else the report's English ``reason``."""
    if not item.get("reason_words"):
        return md_text(item["reason"])
    cited = (item.get("reason_args") or {}).get("sentence")
    if not cited:
        return md_text(item["reason_words"])
    from babel import Locale

    loc = Locale.parse(lang)
    quoted = f"{loc.quotation_start}{md_text(cited)}{loc.quotation_end}"
    return f"{md_text(item['reason_words'])} {quoted}"


def _outlet(source: str | None, language: str | None, lang: str) -> str:
    """A source's outlet, or for an article that names none ("article-12") its language
    in the reader's words ("(German)")."""
    from rashomon.compare.gloss import source_label

    return source_label(source, language, lang)


def _outlets(evidence: list[dict[str, Any]], lang: str) -> list[str]:
    return [_outlet(e["source"], e.get("language"), lang) for e in evidence]


def _language_of(source: str, claims: list[dict[str, Any]]) -> str | None:
    """The language of the first sentence ``source`` wrote among ``claims``."""
    return next((e.get("language") for c in claims for e in c.get("evidence", [])
                 if e.get("source") == source), None)


def _severity(value: str, w: dict[str, Any]) -> str:
    return w["report"]["severity"].get(value, value)


def _cite(e: dict[str, Any], w: dict[str, Any]) -> str:
    article = w["report"]["article"]
    named = _outlet(e["source"], e.get("language"), w["lang"])
    where = f"{md_text(named)}, {article} {e['article_id']} @{e['start']}-{e['end']}"
    line = f"\\[{where}\\] {md_text(e['sentence'])}"
    if e.get("gloss"):
        line += f"  \n    _{w['report']['gloss']}: {md_text(e['gloss'], 400)}_"
    return line


def _md_claims(claims: list[dict[str, Any]], w: dict[str, Any]) -> list[str]:
    lines = []
    for c in claims:
        named = [_outlet(s, _language_of(s, [c]), w["lang"]) for s in c["sources"]]
        lines.append(f"- {md_text(c['text'], 160)} — {md_text(joined(named, w['lang']))}")
        lines += [f"  - {_cite(e, w)}" for e in c["evidence"]]
    return lines


def _md_conflicts(items: list[dict[str, Any]], w: dict[str, Any]) -> list[str]:
    lines = []
    for c in items:
        notes = [w["report"]["notes"].get(n, n) for n in (c.get("note") or "").split(", ") if n]
        note = f" ({md_text(joined(notes, w['lang']))})" if notes else ""
        title = md_text(c.get("heading") or c["slot"], 100)
        kind = w["report"]["kinds"].get(c["kind"], c["kind"])
        lines.append(f"- **{_severity(c['severity'], w)}** {kind}: {title}{note}")
        if c.get("groups"):
            for g in c["groups"]:
                sources = md_text(joined(g.get("source_labels") or g["sources"], w["lang"]))
                lines.append(f"  - **{md_text(g['display'])}** — {sources}")
                lines += [f"    - {_cite(e, w)}" for e in g["evidence"]]
            continue
        for v in c["values"]:
            lines.append(f"  - `{md_text(v.get('text') or v['value'])}` — "
                         f"{_cite(v['evidence'], w)}")
    return lines


# -- HTML --------------------------------------------------------------------------------
@cache
def _templates():
    import jinja2

    folder = resources.files("rashomon.web") / "templates"
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,  # every {{ value }} is HTML-escaped: article text is hostile
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _style() -> str:
    return (resources.files("rashomon.web") / "static" / "style.css").read_text("utf-8")


def safe_url(url: str | None) -> str | None:
    """An absolute http(s) address without whitespace or control characters, else None."""
    stripped = (url or "").strip()
    if re.match(r"^https?://[^\s/]", stripped, re.IGNORECASE) and not re.search(
        r"[\x00-\x1f\s]", stripped
    ):
        return stripped
    return None


def to_html(report: dict[str, Any]) -> str:
    """A standalone HTML page (styles inline, no script) from the web page's templates."""
    articles = {a["id"]: a for a in report["articles"]}

    def article_href(article_id: int) -> str | None:
        return safe_url((articles.get(article_id) or {}).get("url"))

    from rashomon.web.reader import reader_context  # the reader's words, lists, direction

    lang = reader_language(report.get("reader_language"))
    html = _templates().get_template("report_page.html").render(
        report=report, story=report["story"], by_id=articles, direction=direction,
        article_href=article_href, **reader_context(lang), inline_css=_style(),
    )
    return html.rstrip("\n") + "\n"
