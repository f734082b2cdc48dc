"""What a newcomer met in the web UI and REST API (2026-12-05, a fresh runtime-only
install): a watchlist delete made the server log an unhandled error; the ingest page
showed an item judged not news as "new", with no story and no reason; and on a page in the
reader's language the server's own refusals were English, folded under "technical
details"."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from rashomon.compare.wording import READER_DIR

SRC = Path(__file__).parent.parent / "src" / "rashomon"


def escape(text: str) -> str:
    return html.escape(text, quote=False)

AUTH = {"Authorization": "Bearer tk"}


@pytest.fixture
def client(token_client):
    """The token-holding loopback client of conftest."""
    return token_client


def test_deleting_a_watchlist_answers_204_without_a_body(client):
    """The 204 carried a JSON ``null``: HTTP allows no body on a 204, and uvicorn logged
    "Too much data for declared Content-Length" as an unhandled error on every delete."""
    made = client.post("/api/watchlists", headers=AUTH, json={"name": "n", "query": "Kazan"})
    assert made.status_code == 201, made.text
    gone = client.delete(f"/api/watchlists/{made.json()['id']}", headers=AUTH)
    assert gone.status_code == 204 and gone.content == b""
    assert client.get(f"/api/watchlists/{made.json()['id']}").status_code == 404


def _ingest(client, lang: str, files=(), url: str = "", csrf: str | None = None):
    form = {"csrf": csrf or client.app.state.rashomon.csrf, "token": "tk", "url": url}
    return client.post(f"/ingest?lang={lang}", data=form, files=list(files) or None,
                       headers={"origin": "http://127.0.0.1"})


def test_an_item_stored_as_not_news_says_so_on_the_ingest_page(client):
    """A one-line note is stored as junk (E203) and joins no story: the page said "new",
    with no story and no reason. It now says "not news" with the code and its meaning, in
    the reader's words; a list of addresses is an error row of its own (E105)."""
    words = json.loads((READER_DIR / "fa.json").read_text("utf-8"))
    page = _ingest(client, "fa", files=[("files", ("note.txt", b"Reminder\n\ncall back")),
                                        ("files", ("urls.txt", b"http://a.example/x\n"))]).text
    status, codes = words["page"]["ingest_status"], words["errors"]["codes"]
    rows = re.findall(r"<tr><td><bdi>([^<]+)</bdi></td><td>(.*?)</td>", page, re.S)
    shown = {name: html.unescape(cell) for name, cell in rows}
    assert shown["note.txt"].startswith(f'{status["junk"]}: <code dir="ltr">E203</code> '
                                        f'{codes["E203"]}')
    assert '<span lang="en" dir="ltr">E203 too short to be an article' in shown["note.txt"]
    badges = [html.unescape(b) for b in re.findall(r'<span class="badge">([^<]*)</span>', page)]
    assert words["page"]["status_count"].format(n=1, status=status["junk"]) in badges, badges
    assert shown["urls.txt"].startswith(f'{status["error"]}: <code dir="ltr">E105</code> '
                                        f'{codes["E105"]}')


def test_on_an_english_page_the_item_message_is_plain(client):
    page = _ingest(client, "en", files=[("files", ("note.txt", b"Reminder\n\ncall back"))]).text
    assert ('not news, in no story: <code dir="ltr">E203</code> It was stored, but it is too '
            'short to be an article.') in page
    assert '<span class="hint">(E203 too short to be an article' in page


@pytest.mark.parametrize("lang", ["fa", "ja", "de", "en"])
def test_the_servers_refusals_are_written_in_the_readers_words(client, lang):
    """An expired form, an address that does not resolve (what a machine with no network
    meets), an unknown story: the server's message was English, folded under "technical
    details"; it is now written from the word files, its values as code."""
    own = json.loads((READER_DIR / f"{lang}.json").read_text("utf-8"))["errors"]["messages"]
    expired = _ingest(client, lang, csrf="stale").text
    assert f'<p class="hint">{escape(own["form_expired"])}</p>' in expired
    offline = _ingest(client, lang, url="http://news.example.invalid/story/1").text
    host = '<code dir="ltr">news.example.invalid</code>'
    assert f'<p class="hint">{escape(own["fetch_resolve"]).format(host=host)}</p>' in offline
    missing = client.get(f"/stories/424242?lang={lang}").text
    number = '<code dir="ltr">424242</code>'
    assert f'<p class="hint">{escape(own["no_story"]).format(id=number)}</p>' in missing
    for page in (expired, offline, missing):
        assert "<details" not in page and "technical details" not in page


def test_the_api_keeps_its_english_message(client):
    answer = client.get("/api/stories/424242", headers={"Accept-Language": "fa"}).json()
    assert answer == {"error": {"code": "E601", "message": "no story with id 424242",
                                "hint": "list ids with `rashomon stories`"}}


def test_a_number_in_a_message_takes_the_readers_grouping(client):
    big = b"x" * 200_001
    page = _ingest(client, "de", files=[("files", ("big.txt", big))]).text
    assert '<code dir="ltr">200.000</code> Bytes' in page, page[-1500:]


def test_every_message_key_the_code_uses_has_words_and_every_word_is_used():
    """The keys ``.worded("…")`` names in src/ are exactly errors.messages of en.json (the
    word-file tests hold every other file to en.json's keys and placeholders)."""
    source = "\n".join(p.read_text("utf-8") for p in SRC.rglob("*.py"))
    used = set(re.findall(r'\.worded\(\s*"([a-z_]+)"', source))
    used |= {key for _, key in re.findall(r'"(E7\d\d)": "([a-z_]+)"', source)}  # E711, E712
    english = json.loads((READER_DIR / "en.json").read_text("utf-8"))["errors"]["messages"]
    assert used == set(english), (sorted(used - set(english)), sorted(set(english) - used))


@pytest.mark.parametrize(("lang", "expected"), [("ja", "分"), ("en", "minutes"),
                                                ("de", "Minuten")])
def test_a_dispute_in_minutes_is_headed_without_the_english_unit_code(lang, expected):
    """A Japanese story page headed a dispute "分 (minute)": the unit's code, an English
    word, in parentheses after the reader's own word for it."""
    from rashomon.compare.gloss import heading

    own = json.loads((READER_DIR / f"{lang}.json").read_text("utf-8"))
    groups = [{"counted": own["counted"]["minutes"], "unit": "minute"}] * 2
    assert heading({"kind": "duration", "groups": groups}, None, lang) == expected


def test_a_duration_without_a_counted_word_names_its_unit_in_the_readers_words():
    from rashomon.compare.gloss import heading

    own = json.loads((READER_DIR / "ar.json").read_text("utf-8"))
    groups = [{"counted": None, "unit": "month"}]
    assert heading({"kind": "duration", "groups": groups, "slot": "x"}, None, "ar") == \
        f"{own['dimensions']['month']} (شهور)"


def test_files_sent_with_an_unreachable_address_are_still_ingested(client):
    """Files uploaded together with an address that cannot be fetched (a machine with no
    network) were lost with it: the fetch's error page came back, nothing was ingested.
    The files are read; the address is an error row of its own (E706)."""
    text = (b"Galway harbour bridge closed after cracks found\n\nThe harbour bridge in Galway "
            b"was closed to all traffic on Tuesday evening after engineers found cracks in "
            b"two of its pillars during a routine inspection, the city council said. About "
            b"12,000 vehicles cross the bridge each day, and repairs will take six months.")
    answer = _ingest(client, "en", files=[("files", ("bridge.txt", text))],
                     url="http://news.example.invalid/story/1")
    assert answer.status_code == 200, answer.text[-800:]
    rows = dict(re.findall(r"<tr><td><bdi>([^<]+)</bdi></td><td>(.*?)</td>", answer.text, re.S))
    assert rows["bridge.txt"] == "new"
    assert rows["http://news.example.invalid/story/1"].startswith('error: <code dir="ltr">E706')
    assert "cannot resolve host news.example.invalid" in rows[
        "http://news.example.invalid/story/1"]
