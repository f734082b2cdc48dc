"""HTML pages: main text via trafilatura (no menus, comment widgets or share bars)."""

from __future__ import annotations

from rashomon.core import Article
from rashomon.errors import EmptyInput, MalformedInput
from rashomon.ingest.fields import parse_datetime, source_domain


def article_from_html(
    data: bytes, text: str, url: str | None = None, source: str | None = None
) -> Article:
    """Extract title, main text, URL, outlet and dates from one HTML page."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises many parser errors on broken markup
        raise MalformedInput(f"HTML could not be parsed: {exc}") from exc
    if doc is None:
        raise EmptyInput("no article text found in the HTML page", hint="is it an article page?")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (meta.get("text") or "").strip()
    if not body:
        raise EmptyInput("no article text found in the HTML page", hint="is it an article page?")
    page_url = url or meta.get("url")
    published = parse_datetime(meta.get("date"))
    return Article(
        title=(meta.get("title") or body.split("\n")[0][:120]).strip(),
        maintext=body,
        url=page_url,
        source_domain=meta.get("hostname") or source_domain(page_url) or meta.get("sitename"),
        date_publish=published,
        date_publish_origin="meta" if published else None,
        description=meta.get("description"),
        authors=[a.strip() for a in (meta.get("author") or "").split(";") if a.strip()],
        raw=data,
        raw_format="html",
        source_path=source,
    )
