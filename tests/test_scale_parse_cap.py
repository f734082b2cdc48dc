"""Every page has a parse time cap (RASHOMON_PARSE_SECONDS), wherever it is parsed: with
Dask the pages are parsed on the workers, in task threads where no timer signal can be
had; an application may call ``Engine.ingest`` from a thread of its own."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

import pytest

from rashomon.cli import main
from rashomon.ingest import read_bytes
from rashomon.store import SQLiteStore

#: ~5 s of trafilatura here (8,000 paragraphs: 2.7 s, tests/test_ingest_damaged.py),
#: capped at 1 s below
HEAVY = (
    "<html><head><title>Powódź na Śląsku</title></head><body><article><h1>Powódź na "
    "Śląsku</h1>" + "".join(
        f"<p>Akapit {i}: Wojewoda opolski poinformował w niedzielę, że z zalanych terenów "
        f"ewakuowano ponad dwa tysiące mieszkańców.</p>" for i in range(16000))
    + "</article></body></html>").encode()


def _page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title} | Kurier</title></head><body><nav><a href='/'>Start"
            f"</a> <a href='/kraj'>Kraj</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>© Kurier 2025. Wszelkie prawa zastrzeżone.</footer></body></html>"
            ).encode()


LIGHT = _page("Sejm przyjął ustawę budżetową", [
    "Sejm przyjął w piątek ustawę budżetową na przyszły rok. Za głosowało 240 posłów, "
    "przeciw było 205, a 3 wstrzymało się od głosu.",
    "Deficyt ma wynieść 289 miliardów złotych. Minister finansów zapowiedział, że rząd "
    "nie planuje podwyżek podatku VAT, a wydatki na obronność wzrosną do 4,7 proc. PKB.",
    "Ustawa trafi teraz do Senatu, który ma na jej rozpatrzenie dwadzieścia dni."])


def test_a_page_read_off_the_main_thread_is_capped(monkeypatch):
    """Before: the cap was a timer signal, main thread only; elsewhere the page ran on."""
    monkeypatch.setenv("RASHOMON_PARSE_SECONDS", "1")  # a light page: ~0.05 s
    seen: dict = {}

    def read() -> None:
        started = time.monotonic()
        [seen["heavy"]] = read_bytes(HEAVY, "powodz.html")
        seen["seconds"] = time.monotonic() - started
        seen["light"] = [next(iter(read_bytes(LIGHT, f"sejm{i}.html"))) for i in range(30)]
        time.sleep(0.5)  # no late timeout may fire once the pages are read
        seen["after"] = True

    thread = threading.Thread(target=read)
    thread.start()
    thread.join(30)
    assert seen["heavy"].error.code == "E106" and seen["seconds"] < 4.0
    assert "RASHOMON_PARSE_SECONDS" in seen["heavy"].error.hint
    assert all(i.article.title == "Sejm przyjął ustawę budżetową" for i in seen["light"])
    assert seen["after"]


def test_dask_workers_parse_the_pages_each_within_the_cap(tmp_path: Path, monkeypatch, capsys):
    """`rashomon ingest --workers 2`: the pages are parsed on the workers, the heavy one
    stops at the cap with one E106 line, and every other file is read and stored."""
    pytest.importorskip("distributed")
    # inherited by the worker processes; the light page takes ~0.05 s (load 13: < 1 s)
    monkeypatch.setenv("RASHOMON_PARSE_SECONDS", "1")
    folder = tmp_path / "strony z sieci"
    folder.mkdir()
    (folder / "a-powodz.html").write_bytes(HEAVY)
    (folder / "b-sejm.html").write_bytes(LIGHT)
    (folder / "c-feed.jsonl").write_text(json.dumps({
        "url": "https://kurier.example.pl/swiat/wybory", "title": "Wybory we Francji",
        "maintext": "Francuzi wybierali w niedzielę nowy parlament. Frekwencja do godziny "
                    "17 wyniosła 59 proc., najwięcej od 1981 roku. Wyniki exit poll poznamy "
                    "o godzinie 20. Komisja wyborcza zapowiedziała pełne wyniki na poniedziałek.",
        "date_publish": "2025-06-29 18:00:00", "language": "pl"}, ensure_ascii=False),
        encoding="utf-8")
    db = tmp_path / "r.db"
    assert main(["ingest", str(folder), "--workers", "2", "--db", str(db), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_source = {Path(r["source"]).name: r for r in rows}
    assert by_source["a-powodz.html"]["status"] == "error"
    assert "E106" in by_source["a-powodz.html"]["error"]
    assert by_source["b-sejm.html"]["status"] == "new"
    assert by_source["c-feed.jsonl"]["status"] == "new"
    titles = sorted(a.title for a in SQLiteStore(str(db)).iter_articles())
    assert titles == ["Sejm przyjął ustawę budżetową", "Wybory we Francji"]


class _Dying:
    """Collected while the cap expires: the timeout goes off in ``__del__``, which
    Python swallows (as it does in a weakref callback of a garbage collection)."""

    def __del__(self) -> None:
        time.sleep(0.3)


def _spin_under_cap(seconds: float) -> float | None:
    """Seconds until the cap stopped the loop; None if it never did (3 s)."""
    from rashomon.ingest.html import _PageTimeout, _time_cap

    started = time.monotonic()
    try:
        with _time_cap(seconds):
            _Dying()  # dropped at once: its __del__ outlasts the cap
            while time.monotonic() - started < 3.0:
                sum(range(100))
    except _PageTimeout:
        return time.monotonic() - started
    return None


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("where", ["main thread", "other thread"])
def test_a_cap_swallowed_by_a_finaliser_is_sent_again(where, monkeypatch):
    """A timeout that lands in ``__del__`` or a weakref callback is lost there; a one-shot
    cap then let the page run on (after a Dask run, a 2.7 s page read whole under 0.3 s)."""
    # Python hands the swallowed timeout to ``sys.unraisablehook`` inside the capped block;
    # pytest's hook formats it there (reading source files), and on a slow machine the
    # next resend landed in that formatting and failed the test run instead of the loop
    # (seen once in a gate run, 2026-12-05). A silent hook keeps the swallowing as it is.
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: None)
    if where == "main thread":
        took = _spin_under_cap(0.1)
    else:
        box: list = []
        thread = threading.Thread(target=lambda: box.append(_spin_under_cap(0.1)))
        thread.start()
        thread.join(10)
        [took] = box
    assert took is not None and took < 1.5
    time.sleep(0.3)  # nothing goes off once the block is over
