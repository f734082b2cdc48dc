"""Markdown and HTML renderings of a report's JSON (``Report.to_dict()``).

Article text is hostile input: in HTML every string from an article (sentences, titles,
source names, URLs) is escaped, and links are only emitted for http(s) URLs.
"""

from __future__ import annotations

from html import escape
from typing import Any

#: Sentences longer than this are cut in the Markdown listing (the JSON keeps them whole).
MD_SENTENCE = 240


def _cut(text: str, n: int = MD_SENTENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _md_cell(text: str) -> str:
    return _cut(text).replace("|", "\\|")


def to_markdown(report: dict[str, Any]) -> str:
    """A readable Markdown report: every line cites article id and offsets."""
    story = report["story"]
    out = [f"# Story {story['id']}: {_cut(story['title'] or '', 120)}", ""]
    out.append(
        f"{story['article_count']} articles, {story['independent_count']} independent "
        f"sources, languages: {', '.join(story['languages']) or '?'}; first reporter: "
        f"{story.get('first_reporter') or 'unknown'}"
    )
    out += ["", "## Sources", "", "| source | languages | first published | copies |",
            "|---|---|---|---|"]
    for s in report["sources"]:
        copies = ", ".join(str(c["id"]) for c in s["copies"]) or "-"
        out.append(f"| {_md_cell(s['source'])} | {', '.join(s['languages'])} | "
                   f"{s['first_published'] or '-'} | {copies} |")
    out += ["", "## Agreements", ""]
    out += _md_claims(report["agreements"]) or ["(none)"]
    out += ["", "## Only in", ""]
    for source, claims in report["only_in"].items():
        if claims:
            out += [f"### {source}", "", *_md_claims(claims), ""]
    out += ["## Contradictions", ""]
    out += _md_conflicts(report["contradictions"]) or ["(none)"]
    if report.get("variations"):
        out += ["", "## Differences that are not contradictions", ""]
        out += _md_conflicts(report["variations"])
    out += ["", "## Implausible", ""]
    out += [
        f"- **{i['severity']}** {i['reason']}  \n  {_cite(i['evidence'])}"
        for i in report["implausible"]
    ] or ["(none)"]
    out += ["", "## Timeline", ""]
    out += [
        f"- **{t['date']}** ({', '.join(e['source'] or '?' for e in t['evidence'])}): "
        f"{_cut(t['description'], 160)}"
        for t in report["timeline"]
    ] or ["(none)"]
    return "\n".join(out) + "\n"


def _cite(e: dict[str, Any]) -> str:
    where = f"{e['source']}, article {e['article_id']} @{e['start']}-{e['end']}"
    return f"[{where}] {_cut(e['sentence'])}"


def _md_claims(claims: list[dict[str, Any]]) -> list[str]:
    lines = []
    for c in claims:
        lines.append(f"- {_cut(c['text'], 160)} — {', '.join(c['sources'])}")
        lines += [f"  - {_cite(e)}" for e in c["evidence"]]
    return lines


def _md_conflicts(items: list[dict[str, Any]]) -> list[str]:
    lines = []
    for c in items:
        note = f" ({c['note']})" if c.get("note") else ""
        lines.append(f"- **{c['severity']}** {c['kind']}: {_cut(c['slot'], 100)}{note}")
        for v in c["values"]:
            lines.append(f"  - `{v.get('text') or v['value']}` — {_cite(v['evidence'])}")
    return lines


# -- HTML --------------------------------------------------------------------------------

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "blockquote{margin:.3rem 0 .3rem 1rem;color:#333}.meta{color:#666;font-size:.85em}"
    ".high{color:#b00}.medium{color:#b60}.low{color:#666}"
)


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def to_html(report: dict[str, Any]) -> str:
    """A standalone HTML page; everything from the articles is escaped."""
    story = report["story"]
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>Story {_e(story['id'])}: {_e(story['title'])}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{_e(story['title'])}</h1>",
        f"<p class='meta'>{_e(story['article_count'])} articles, "
        f"{_e(story['independent_count'])} independent sources, languages "
        f"{_e(', '.join(story['languages']))}; first reporter "
        f"{_e(story.get('first_reporter') or 'unknown')}</p>",
        "<h2>Sources</h2><ul>",
    ]
    articles = {a["id"]: a for a in report["articles"]}
    for s in report["sources"]:
        links = " ".join(_article_link(articles.get(i), i) for i in s["article_ids"])
        parts.append(f"<li><b>{_e(s['source'])}</b> ({_e(', '.join(s['languages']))}) "
                     f"{_e(s['first_published'] or '')} {links}</li>")
    parts.append("</ul><h2>Agreements</h2>")
    parts += _html_claims(report["agreements"])
    parts.append("<h2>Only in</h2>")
    for source, claims in report["only_in"].items():
        if claims:
            parts.append(f"<h3>{_e(source)}</h3>")
            parts += _html_claims(claims)
    parts.append("<h2>Contradictions</h2>")
    parts += _html_conflicts(report["contradictions"])
    if report.get("variations"):
        parts.append("<h2>Differences that are not contradictions</h2>")
        parts += _html_conflicts(report["variations"])
    parts.append("<h2>Implausible</h2><ul>")
    for i in report["implausible"]:
        parts.append(f"<li><span class='{_e(i['severity'])}'>{_e(i['severity'])}</span> "
                     f"{_e(i['reason'])}{_html_evidence(i['evidence'])}</li>")
    parts.append("</ul><h2>Timeline</h2><ul>")
    for t in report["timeline"]:
        sources = ", ".join(e["source"] or "?" for e in t["evidence"])
        parts.append(f"<li><b>{_e(t['date'])}</b> <span class='meta'>{_e(sources)}</span> "
                     f"{_e(t['description'])}</li>")
    parts.append("</ul></body></html>")
    return "\n".join(parts) + "\n"


def _article_link(article: dict[str, Any] | None, article_id: int) -> str:
    url = (article or {}).get("url") or ""
    if url.startswith(("http://", "https://")):
        return f"<a href='{_e(url)}' rel='noopener noreferrer'>#{_e(article_id)}</a>"
    return f"#{_e(article_id)}"


def _html_evidence(e: dict[str, Any]) -> str:
    return (f"<blockquote lang='{_e(e.get('language') or '')}' dir='auto'>"
            f"{_e(e['sentence'])} <span class='meta'>[{_e(e['source'])}, article "
            f"{_e(e['article_id'])} @{_e(e['start'])}-{_e(e['end'])}]</span></blockquote>")


def _html_claims(claims: list[dict[str, Any]]) -> list[str]:
    if not claims:
        return ["<p>(none)</p>"]
    items = ["<ul>"]
    for c in claims:
        evidence = "".join(_html_evidence(e) for e in c["evidence"])
        items.append(f"<li><span class='meta'>{_e(', '.join(c['sources']))}</span>"
                     f"{evidence}</li>")
    items.append("</ul>")
    return items


def _html_conflicts(items: list[dict[str, Any]]) -> list[str]:
    if not items:
        return ["<p>(none)</p>"]
    out = ["<ul>"]
    for c in items:
        note = f" — {_e(c['note'])}" if c.get("note") else ""
        values = "".join(
            f"<div><code>{_e(v.get('text') or v['value'])}</code>{_html_evidence(v['evidence'])}"
            "</div>" for v in c["values"]
        )
        out.append(f"<li><span class='{_e(c['severity'])}'>{_e(c['severity'])}</span> "
                   f"{_e(c['kind'])}: {_e(c['slot'])}{note}{values}</li>")
    out.append("</ul>")
    return out
