"""JSON API under /api: every page's data, cursor pagination, and ingest."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from rashomon.errors import BadRequest
from rashomon.web import queries, views
from rashomon.web.app import (
    FilterQuery,
    ReportUnavailable,
    check_api_write,
    check_read,
    get_state,
    in_thread,
    ingest_items,
    items_from_records,
    parse_upload,
    read_json,
    read_upload,
    web_filter,
)

router = APIRouter(prefix="/api", dependencies=[Depends(check_read)], tags=["api"])


@router.get("/stories", summary="Stories, newest and biggest first, filtered")
def stories(
    request: Request,
    language: str | None = FilterQuery["language"],
    source: str | None = FilterQuery["source"],
    since: str | None = FilterQuery["since"],
    until: str | None = FilterQuery["until"],
    entity: str | None = FilterQuery["entity"],
    q: str | None = FilterQuery["q"],
    limit: int = Query(50, description="page size, 1..200"),
    cursor: str | None = Query(None, description="next_cursor of the previous page"),
) -> dict[str, Any]:
    flt = web_filter(language, source, since, until, entity, q)
    return queries.list_stories(get_state(request).engine, flt, limit, cursor)


@router.get(
    "/stories/{story_id}", summary="One story: articles, entities, report if built",
    description=(
        "Answers at once. A story whose comparison is not built yet comes with `report` "
        "null and `building` true, and the server builds it in the background; "
        "`/api/stories/{story_id}/report` returns it (built there if need be). A failed "
        "build gives `report_unavailable` (why) instead."),
)
def story(request: Request, story_id: int,
          lang: str | None = Query(None, max_length=12, description="reader's language")
          ) -> dict[str, Any]:
    return views.get_story(get_state(request).engine, story_id, lang)


@router.get("/stories/{story_id}/report", summary="The comparison report of one story",
            description="Built in this request when it is not built yet (waiting at most "
                        "for a build of the same story).")
def report(request: Request, story_id: int,
           lang: str | None = Query(None, max_length=12, description="reader's language")
           ) -> dict[str, Any]:
    data, why = views.story_report(get_state(request).engine, story_id, lang)
    if data is None:
        raise ReportUnavailable(why or "report not available", hint="try again later")
    return data


@router.get("/articles/{article_id}", summary="One article with facts, story and near-copies")
def article(request: Request, article_id: int) -> dict[str, Any]:
    return views.get_article(get_state(request).engine, article_id)


@router.get("/entities/{entity_id}", summary="One entity and every story that mentions it")
def entity(request: Request, entity_id: str) -> dict[str, Any]:
    return views.get_entity(get_state(request).engine, entity_id)


@router.get("/search", summary="Full-text search across languages, matches highlighted")
def search(
    request: Request,
    q: str = Query(..., description="words; \"quoted phrases\" stay whole"),
    limit: int = Query(20, description="page size, 1..200"),
    cursor: str | None = Query(None, description="next_cursor of the previous page"),
) -> dict[str, Any]:
    return queries.search(get_state(request).engine, q, limit, cursor)


@router.get("/watchlists", summary="Saved queries with their count of new stories")
def watchlists(request: Request) -> dict[str, Any]:
    return {"watchlists": queries.list_watchlists(get_state(request).engine)}


@router.get("/watchlists/{watchlist_id}", summary="A watchlist and its matching stories")
def watchlist(
    request: Request,
    watchlist_id: int,
    mark_seen: bool = Query(False, description="count this as a visit (resets 'new')"),
) -> dict[str, Any]:
    return queries.visit_watchlist(get_state(request).engine, watchlist_id, mark_seen)


@router.post("/watchlists", status_code=201, summary="Save a query (needs the API token)",
             dependencies=[Depends(check_api_write)])
async def create_watchlist(request: Request) -> dict[str, Any]:
    shape = '{"name": ..., "query": ..., "entities": [], "languages": []}'
    body = await read_json(request, hint=f"send a JSON object {shape}")  # not an article's
    if not isinstance(body, dict):
        raise BadRequest("send a JSON object", hint=shape)
    return await in_thread(
        queries.create_watchlist, get_state(request).engine, str(body.get("name") or ""),
        str(body.get("query") or ""), body.get("entities"), body.get("languages"),
    )


@router.delete("/watchlists/{watchlist_id}", status_code=204,
               dependencies=[Depends(check_api_write)], summary="Delete a watchlist")
def delete_watchlist(request: Request, watchlist_id: int) -> Response:
    get_state(request).engine.store.delete_watchlist(watchlist_id)
    # no body: a JSON "null" on a 204 made uvicorn log "Too much data for declared
    # Content-Length" as an unhandled error (E799) after every delete
    return Response(status_code=204)


@router.post(
    "/articles",
    status_code=201,
    summary="Ingest articles (needs the API token)",
    description=(
        "Body: a JSON object or list of objects with news-please fields (title, maintext, "
        "url, date_publish, language, source_domain), or multipart/form-data with one or "
        "more `file` parts (.txt .html .json .jsonl .xml/.rss/.atom .warc)."
    ),
    dependencies=[Depends(check_api_write)],
)
async def post_articles(request: Request) -> dict[str, Any]:
    state = get_state(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        form = await request.form(max_files=20)
        items = []
        for upload in form.getlist("file"):
            if not hasattr(upload, "read"):
                continue
            data = await read_upload(upload, state.config.upload_limit)
            items += await parse_upload(data, upload.filename or "upload")
        if not items:
            raise BadRequest("no file part in the upload", hint="send the file as field 'file'")
    elif kind in ("application/json", ""):
        items = items_from_records(await read_json(request))
    else:
        raise BadRequest(f"unsupported content type {kind}",
                         hint="send application/json or multipart/form-data")
    return await in_thread(ingest_items, state, items)
