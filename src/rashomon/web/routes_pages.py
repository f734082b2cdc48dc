"""HTML pages and their CSV downloads (hidden from the OpenAPI document)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from rashomon import api, export
from rashomon.compare.render import to_markdown
from rashomon.compare.wording import READER_DIR, language_name
from rashomon.errors import BadRequest, RashomonError
from rashomon.ingest.readers import ReadItem
from rashomon.web import queries, views
from rashomon.web.app import (
    FilterQuery,
    ReportUnavailable,
    check_form_write,
    check_read,
    csv_response,
    get_state,
    in_thread,
    ingest_items,
    parse_upload,
    read_upload,
    redirect,
    render,
    web_filter,
)
from rashomon.web.fetch import fetch
from rashomon.web.queries import (
    ARTICLE_COLUMNS,
    STORY_COLUMNS,
    csv_rows,
)
from rashomon.web.reader import accepted_language, reader_context

router = APIRouter(dependencies=[Depends(check_read)], include_in_schema=False)

WATCHLIST_COLUMNS = ("id", "name", "query", "entities", "languages", "new_count", "seen_at")


LangQuery = Query(None, description="reader's language (ISO code), e.g. en; default: "
                  "RASHOMON_READER_LANGUAGE", max_length=12)


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    language: str | None = FilterQuery["language"],
    source: str | None = FilterQuery["source"],
    since: str | None = FilterQuery["since"],
    until: str | None = FilterQuery["until"],
    entity: str | None = FilterQuery["entity"],
    q: str | None = FilterQuery["q"],
    cursor: str | None = None,
    lang: str | None = LangQuery,
) -> HTMLResponse:
    engine = get_state(request).engine
    flt = web_filter(language, source, since, until, entity, q)
    page = queries.list_stories(engine, flt, 50, cursor)
    hits = queries.search(engine, flt.q, 10) if flt.q else None
    params = {k: v for k, v in vars(flt).items() if v}
    query = f"?{urlencode(params)}" if params else ""
    data = [("JSON", f"/api/stories{query}"), ("CSV", f"/stories.csv{query}")]
    context = page_context(request, lang)
    if flt.q:
        found = "?" + urlencode({"q": flt.q})
        named = context["words"]["page"]["data"]
        data += [(named["search_json"], f"/api/search{found}"),
                 (named["search_csv"], f"/search.csv{found}")]
    return render(
        request, "stories.html", page=page, hits=hits, flt=flt, params=params,
        facets=facets(engine), data_links=data, **context,
    )


def facets(engine) -> dict[str, list[str]]:
    """Languages and sources offered by the filter menus."""
    return engine.store.facet_values()


@router.get("/stories.csv")
def stories_csv(
    request: Request,
    language: str | None = FilterQuery["language"],
    source: str | None = FilterQuery["source"],
    since: str | None = FilterQuery["since"],
    until: str | None = FilterQuery["until"],
    entity: str | None = FilterQuery["entity"],
    q: str | None = FilterQuery["q"],
) -> Response:
    flt = web_filter(language, source, since, until, entity, q)
    page = queries.list_stories(get_state(request).engine, flt, queries.MAX_PAGE_SIZE)
    return csv_response(csv_rows(page["stories"], STORY_COLUMNS), "stories.csv")


@router.get("/search.csv")
def search_csv(request: Request, q: str = Query(...)) -> Response:
    hits = queries.search(get_state(request).engine, q, queries.MAX_PAGE_SIZE)
    return csv_response(csv_rows(hits["results"], ARTICLE_COLUMNS), "search.csv")



@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: int, lang: str | None = LangQuery) -> HTMLResponse:
    """The story at once: articles and entities, and the comparison when it is built; else
    a "being built" notice that app.js replaces with ``/stories/{id}/comparison``."""
    engine = get_state(request).engine
    reader = views.reader_language(engine, asked_language(request, lang))
    data = views.get_story(engine, story_id, reader)
    context = story_context(request, data, reader, lang)
    named = context["words"]["page"]["data"]  # the data links in the reader's words
    links = [("JSON", f"/api/stories/{story_id}"), ("CSV", f"/stories/{story_id}/articles.csv"),
             (named["entities_csv"], f"/stories/{story_id}/entities.csv"),
             (named["evidence_csv"], f"/stories/{story_id}/evidence.csv"),
             (named["report_json"], f"/api/stories/{story_id}/report")]
    return render(request, "story.html", story=data, report=data["report"], data_links=links,
                  **context)


@router.get("/stories/{story_id}/comparison", response_class=HTMLResponse)
def story_comparison(request: Request, story_id: int,
                     lang: str | None = LangQuery) -> HTMLResponse:
    """The story page's comparison alone (``comparison.html``), built here if it must be
    (waiting at most for a build of this story): what app.js puts into a page that was
    sent while it was built; a failed build gives the "not available" notice."""
    engine = get_state(request).engine
    reader = views.reader_language(engine, asked_language(request, lang))
    data = api.get_story(engine, story_id)
    report, why = views.story_report(engine, story_id, reader)
    data.update(report=report, report_unavailable=why, building=False,
                contradictions=len(report.get("contradictions", [])) if report else 0)
    return render(request, "comparison.html", story=data, report=report,
                  **story_context(request, data, reader, lang))


def story_context(request: Request, data: dict, reader: str, lang: str | None) -> dict:
    """What the story templates need besides the story: the report context of the reader's
    language, the ``?lang=`` the page's links keep, article links."""
    query = lang_query(get_state(request).engine, lang)
    return {**report_context(data["articles"], reader), "lang_query": query,
            "article_href": lambda article_id: f"/articles/{article_id}{query}"}


def reader_languages() -> list[str]:
    """Every language a reader can read the report in: one per compare/reader/<lang>.json
    (the files are the one list; a new file adds its language to the page's switch)."""
    return sorted(path.stem for path in READER_DIR.glob("*.json"))


def report_context(articles: list[dict], lang: str) -> dict:
    """What the shared report templates need besides the report (pages and standalone):
    the reader's context of ``lang`` (web.reader: words of compare/reader/<lang>.json,
    direction, CLDR lists and language names); ``reader_languages``: the switch's
    languages, each named in its own (``reader_names``)."""
    codes = reader_languages()
    return {"by_id": {a["id"]: a for a in articles}, "direction": queries.direction,
            **reader_context(lang), "reader_languages": codes,
            "reader_names": {code: language_name(code, code) for code in codes},
            "article_href": lambda article_id: f"/articles/{article_id}"}


def lang_query(engine, lang: str | None) -> str:
    """``?lang=xx`` for the links of a page the reader asked in a language (``?lang=``):
    the story list, story, article and entity pages they lead to keep it."""
    return f"?lang={views.reader_language(engine, lang)}" if lang else ""


def asked_language(request: Request, lang: str | None) -> str | None:
    """The language a page is asked in: ``?lang=``, else the first language of the
    browser's Accept-Language that has a word file, else None (then the
    RASHOMON_READER_LANGUAGE setting decides)."""
    return lang or accepted_language(request.headers.get("accept-language"))


def page_context(request: Request, lang: str | None) -> dict:
    """The reader context of a page in the reader's language (``asked_language``); links
    keep only a language chosen with ``?lang=`` (the browser sends its own again)."""
    engine = get_state(request).engine
    return {**reader_context(views.reader_language(engine, asked_language(request, lang))),
            "lang_query": lang_query(engine, lang)}


@router.get("/api/health", summary="Server state: the comparison build queue")
def health(request: Request) -> dict:
    """Liveness and what the background builder still has to do (stories queued)."""
    state = get_state(request)
    return {"ok": True, "warm": state.warm, "builds": queries.BUILDS.as_dict()}


@router.get("/stories/{story_id}/articles.csv")
def story_csv(request: Request, story_id: int) -> Response:
    data = api.get_story(get_state(request).engine, story_id)
    return csv_response(csv_rows(data["articles"], ARTICLE_COLUMNS), f"story-{story_id}.csv")


@router.get("/stories/{story_id}/entities.csv")
def story_entities_csv(request: Request, story_id: int) -> Response:
    """The story's linked entities with their spellings per language (``rashomon export
    entities``); the story page lists them, so its data has them too."""
    table = export.entities_table(_report_or_503(request, story_id))
    return _download(export.render(table, "csv").encode("utf-8-sig"), "text/csv",
                     f"{table.name}.csv")


@router.get("/stories/{story_id}/evidence.csv")
def story_evidence_csv(request: Request, story_id: int) -> Response:
    """Every finding of the report, one row per supporting sentence (``rashomon export``)."""
    table = export.evidence_table(_report_or_503(request, story_id))
    text = export.render(table, "csv")
    return _download(text.encode("utf-8-sig"), "text/csv", f"{table.name}.csv")


@router.get("/stories/{story_id}/report.md")
def story_report_markdown(request: Request, story_id: int,
                          lang: str | None = LangQuery) -> Response:
    """The report as Markdown, as ``rashomon report --format md`` prints it, for a reader
    of ``lang`` (the story page links the one in its reader's language)."""
    text = to_markdown(_report_or_503(request, story_id, lang))
    return _download(text.encode("utf-8"), "text/markdown", f"story-{story_id}-report.md")


def _report_or_503(request: Request, story_id: int, lang: str | None = None) -> dict:
    data, why = views.story_report(get_state(request).engine, story_id, lang)
    if data is None:
        raise ReportUnavailable(why or "report not available",
                                hint="try again later").worded("report_unavailable")
    return data


def _download(body: bytes, media_type: str, filename: str) -> Response:
    return Response(body, media_type=f"{media_type}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int,
                 lang: str | None = LangQuery) -> HTMLResponse:
    engine = get_state(request).engine
    data = views.get_article(engine, article_id)
    links = [("JSON", f"/api/articles/{article_id}"), ("CSV", f"/articles/{article_id}/facts.csv")]
    return render(request, "article.html", article=data, data_links=links,
                  **page_context(request, lang))


@router.get("/articles/{article_id}/facts.csv")
def article_facts_csv(request: Request, article_id: int) -> Response:
    """The article page's highlighted facts, one row each with offsets into its text."""
    data = views.get_article(get_state(request).engine, article_id)
    table = export.facts_table(article_id, data["facts"])
    return _download(export.render(table, "csv").encode("utf-8-sig"), "text/csv",
                     f"{table.name}.csv")


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str,
                lang: str | None = LangQuery) -> HTMLResponse:
    engine = get_state(request).engine
    data = views.get_entity(engine, entity_id)
    quoted = quote(entity_id, safe="")
    links = [("JSON", f"/api/entities/{quoted}"), ("CSV", f"/entities/{quoted}/stories.csv")]
    return render(request, "entity.html", entity=data, data_links=links,
                  **page_context(request, lang))


@router.get("/entities/{entity_id}/stories.csv")
def entity_csv(request: Request, entity_id: str) -> Response:
    data = views.get_entity(get_state(request).engine, entity_id)
    return csv_response(csv_rows(data["stories"], STORY_COLUMNS), "entity-stories.csv")


@router.get("/watchlists", response_class=HTMLResponse)
def watchlists_page(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    engine = get_state(request).engine
    rows = queries.list_watchlists(engine)
    return render(request, "watchlists.html", watchlists=rows, **page_context(request, lang),
                  data_links=[("JSON", "/api/watchlists"), ("CSV", "/watchlists.csv")])


@router.get("/watchlists.csv")
def watchlists_csv(request: Request) -> Response:
    rows = queries.list_watchlists(get_state(request).engine)
    return csv_response(csv_rows(rows, WATCHLIST_COLUMNS), "watchlists.csv")


@router.post("/watchlists")
async def watchlists_create(request: Request, lang: str | None = LangQuery) -> Response:
    form = await request.form(max_files=0, max_fields=20)
    check_form_write(request, form)
    created = await in_thread(
        queries.create_watchlist, get_state(request).engine, str(form.get("name") or ""),
        str(form.get("query") or ""), str(form.get("entities") or ""),
        str(form.get("languages") or ""),
    )
    query = lang_query(get_state(request).engine, lang)
    return redirect(f"/watchlists/{created['id']}{query}")


@router.get("/watchlists/{watchlist_id}", response_class=HTMLResponse)
def watchlist_page(request: Request, watchlist_id: int,
                   lang: str | None = LangQuery) -> HTMLResponse:
    engine = get_state(request).engine
    data = queries.visit_watchlist(engine, watchlist_id, mark_seen=True)
    links = [("JSON", f"/api/watchlists/{watchlist_id}"),
             ("CSV", f"/watchlists/{watchlist_id}/stories.csv"),
             ("Atom", f"/watchlists/{watchlist_id}/atom.xml")]
    return render(request, "watchlist.html", watchlist=data, data_links=links,
                  **page_context(request, lang))


@router.get("/watchlists/{watchlist_id}/stories.csv")
def watchlist_csv(request: Request, watchlist_id: int) -> Response:
    data = queries.visit_watchlist(get_state(request).engine, watchlist_id, mark_seen=False)
    return csv_response(csv_rows(data["stories"], STORY_COLUMNS), f"watchlist-{watchlist_id}.csv")


@router.get("/watchlists/{watchlist_id}/atom.xml")
def watchlist_atom(request: Request, watchlist_id: int) -> Response:
    base = str(request.base_url)
    xml = queries.atom_feed(get_state(request).engine, watchlist_id, base)
    return Response(xml, media_type="application/atom+xml; charset=utf-8")


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    return render(request, "ingest.html", result=None,
                  **page_context(request, lang))


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_submit(request: Request, lang: str | None = LangQuery) -> HTMLResponse:
    state = get_state(request)
    form = await request.form(max_files=20, max_fields=20)
    check_form_write(request, form)
    items = []
    for upload in form.getlist("files"):
        if hasattr(upload, "read") and upload.filename:
            data = await read_upload(upload, state.config.upload_limit)
            items += await parse_upload(data, upload.filename)
    url = str(form.get("url") or "").strip()
    if url:
        try:
            fetched = await in_thread(
                fetch, url, state.config.allow_private_urls, state.config.upload_limit
            )
        except RashomonError as exc:
            if not items:  # the address alone: its error page, in the reader's words
                raise
            # files sent with it are read still: an unreachable address (no network)
            # cost the uploaded files too, nothing was ingested
            items.append(ReadItem(url[:200], error=exc))
        else:
            name = fetched.url.rstrip("/").rsplit("/", 1)[-1] or "page.html"
            items += await parse_upload(fetched.data, _named(name, fetched), url=fetched.url)
    if not items:
        raise BadRequest("nothing to ingest",
                         hint="choose files or paste an address").worded("nothing_to_ingest")
    result = await in_thread(ingest_items, state, items)
    return render(request, "ingest.html", result=result, **page_context(request, lang))


def _named(name: str, fetched) -> str:
    """A file name whose suffix tells the reader what the fetched bytes are."""
    kind = fetched.content_type.split(";")[0].strip().lower()
    if "xml" in kind or "rss" in kind or "atom" in kind:
        return name + ".xml"
    if "html" in kind:
        return name + ".html"
    if "json" in kind:
        return name + ".json"
    return name
