"""Markdown and HTML renderings of a report's JSON (``Report.to_dict()``, or the reader's
view of it from ``compare.gloss.readable``).

Article text is hostile input. The HTML report is rendered by the web UI's own Jinja
templates (``web/templates/report_page.html`` includes the story page's
``report_sections.html``) with autoescaping, so the standalone file and the web page
cannot drift apart and no article string becomes markup; links are only emitted for
http(s) URLs. In Markdown every article string is escaped so that it stays text.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

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


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def to_markdown(report: dict[str, Any]) -> str:
    """A readable Markdown report: contradictions first, every line cites article id and
    offsets, sentences in other languages than the reader's carry their gloss."""
    story = report["story"]
    out = [f"# Story {story['id']}: {md_text(story['title'] or '', 120)}", ""]
    out.append(
        f"{_plural(story['article_count'], 'article', 'articles')}, "
        f"{_plural(story['independent_count'], 'independent source', 'independent sources')},"
        f" languages: {', '.join(story['languages']) or '?'}; first reporter: "
        f"{md_text(story.get('first_reporter') or 'unknown')}"
    )
    out += ["", "## Contradictions", ""]
    out += _md_conflicts(report["contradictions"]) or ["(none)"]
    if report.get("variations"):
        out += ["", "## Differences that are not contradictions", ""]
        out += _md_conflicts(report["variations"])
    out += ["", "## Implausible", ""]
    out += [
        f"- **{i['severity']}** {md_text(i['reason'])}  \n  {_cite(i['evidence'])}"
        for i in report["implausible"]
    ] or ["(none)"]
    out += ["", "## Agreements", ""]
    out += _md_claims(report["agreements"]) or ["(none)"]
    out += ["", "## Only in", ""]
    for source, claims in report["only_in"].items():
        if claims:
            out += [f"### {md_text(source)}", "", *_md_claims(claims), ""]
    out += ["## Timeline", ""]
    out += [
        f"- **{t['date']}** ({md_text(', '.join(e['source'] or '?' for e in t['evidence']))}): "
        f"{md_text(t['description'], 160)}"
        for t in report["timeline"]
    ] or ["(none)"]
    out += ["", "## Sources", "", "| source | languages | first published | copies |",
            "|---|---|---|---|"]
    for s in report["sources"]:
        copies = ", ".join(str(c["id"]) for c in s["copies"]) or "-"
        out.append(f"| {md_text(s['source'])} | {', '.join(s['languages'])} | "
                   f"{s['first_published'] or '-'} | {copies} |")
    return "\n".join(out) + "\n"


def _cite(e: dict[str, Any]) -> str:
    where = f"{md_text(e['source'])}, article {e['article_id']} @{e['start']}-{e['end']}"
    line = f"\\[{where}\\] {md_text(e['sentence'])}"
    if e.get("gloss"):
        line += f"  \n    _gloss: {md_text(e['gloss'], 400)}_"
    return line


def _md_claims(claims: list[dict[str, Any]]) -> list[str]:
    lines = []
    for c in claims:
        lines.append(f"- {md_text(c['text'], 160)} — {md_text(', '.join(c['sources']))}")
        lines += [f"  - {_cite(e)}" for e in c["evidence"]]
    return lines


def _md_conflicts(items: list[dict[str, Any]]) -> list[str]:
    lines = []
    for c in items:
        note = f" ({md_text(c['note'])})" if c.get("note") else ""
        title = md_text(c.get("heading") or c["slot"], 100)
        lines.append(f"- **{c['severity']}** {c['kind']}: {title}{note}")
        if c.get("groups"):
            for g in c["groups"]:
                sources = md_text(", ".join(g.get("source_labels") or g["sources"]))
                lines.append(f"  - **{md_text(g['display'])}** — {sources}")
                lines += [f"    - {_cite(e)}" for e in g["evidence"]]
            continue
        for v in c["values"]:
            lines.append(f"  - `{md_text(v.get('text') or v['value'])}` — {_cite(v['evidence'])}")
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

    html = _templates().get_template("report_page.html").render(
        report=report, story=report["story"], by_id=articles, direction=direction,
        article_href=article_href, reader_language=report.get("reader_language") or "en",
        inline_css=_style(),
    )
    return html.rstrip("\n") + "\n"
