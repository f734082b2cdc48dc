"""Every user mistake ends a command with one coded line, never a traceback.

Each kind of mistake runs the real CLI once in a subprocess, as a user would (``run``); its
variants over other commands call the same ``main`` in-process (``call``: a subprocess
costs ~1 s of imports). Checked: non-zero exit, exactly one line on stderr of the form
``Exxx message — hint``, no traceback, and that a read-only command did not create the
database it was pointed at.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from rashomon.cli import main
from rashomon.errors import CODES
from rashomon.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
LINE = re.compile(r"^(E\d{3}) .+ — .+$")


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("RASHOMON_")}
    environ["PYTHONPATH"] = str(SRC)
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", "from rashomon.cli import main; raise SystemExit(main())", *args],
        capture_output=True, text=True, env=environ, cwd=cwd, timeout=120,
    )


def refused(capsys, command: list[str]):
    """``main(command)`` for a command line argparse refuses (it exits), as ``run`` returns."""
    with pytest.raises(SystemExit) as exit_:
        main(command)
    return subprocess.CompletedProcess(command, exit_.value.code, *capsys.readouterr())


def one_coded_line(result) -> str:
    """The code of the single error line; fails on a traceback, several lines, exit 0."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    match = LINE.match(lines[0])
    assert match, lines[0]
    return match.group(1)


@pytest.fixture
def empty_db(tmp_path) -> Path:
    """A real Rashomon database with no articles (the migrations applied)."""
    path = tmp_path / "empty.db"
    open_store(str(path)).close()
    return path


def test_a_read_only_command_refuses_a_missing_database(tmp_path):
    assert one_coded_line(run("stories", cwd=tmp_path)) == "E603"  # default ./rashomon.db
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [
    ["stories"], ["story", "1"], ["report", "1"], ["entities", "1"], ["article", "1"],
    ["export", "stories"], ["serve", "--port", "1"],
])
def test_no_read_only_command_creates_a_database(tmp_path, call, command):
    typo = tmp_path / "typo.db"
    result = call(*command, "--db", str(typo))
    assert one_coded_line(result) == "E603"
    assert "rashomon ingest" in result.stderr  # the hint says how to make one
    assert not typo.exists()


def test_db_given_before_the_command_is_the_one_read(tmp_path, call):
    """``rashomon --db X stories`` reads X, as ``rashomon stories --db X`` does; the
    command's own --db wins when both are given; without either, $RASHOMON_DB."""
    notes = tmp_path / "notes.txt"
    notes.write_text("Sturm über Hamburg\nDer Sturm hat am Montag in Hamburg Bäume "
                     "entwurzelt; die Feuerwehr rückte 300 Mal aus.\n", encoding="utf-8")
    news, other = tmp_path / "news.db", tmp_path / "other.db"
    assert call("--db", str(news), "ingest", str(notes)).returncode == 0
    assert news.exists() and not (tmp_path / "rashomon.db").exists()
    assert "Sturm über Hamburg" in call("--db", str(news), "stories").stdout
    typo = tmp_path / "typo.db"
    assert one_coded_line(call("--db", str(news), "stories", "--db", str(typo))) == "E603"
    assert one_coded_line(call("stories", env={"RASHOMON_DB": str(other)})) == "E603"
    assert "Sturm über Hamburg" in call("stories", env={"RASHOMON_DB": str(news)}).stdout


def test_a_file_that_is_not_a_database(tmp_path, call):
    garbage = tmp_path / "garbage.db"
    garbage.write_text("Notizen zur Sitzung vom 3. März: Haushalt, Radwege, Bäderkonzept.\n" * 40,
                       encoding="utf-8")
    before = garbage.read_bytes()
    assert one_coded_line(run("stories", "--db", str(garbage))) == "E604"
    for command in (["story", "1"], ["ingest", str(ROOT / "README.md")]):
        assert one_coded_line(call(*command, "--db", str(garbage))) == "E604"
    assert garbage.read_bytes() == before


@pytest.mark.parametrize("command", [
    ["stories"], ["story", "1"], ["report", "1"], ["entities", "1"], ["article", "1"],
    ["export", "stories"], ["serve", "--port", "1"],
])
def test_a_read_only_command_leaves_an_empty_file_as_it_is(tmp_path, call, command):
    """`rashomon stories --db notes.txt` on an empty file wrote our schema into it (a
    160 KB database where the user's empty notes file was): now E604, the file unchanged."""
    notes = tmp_path / "notizen.txt"
    notes.touch()
    assert one_coded_line(call(*command, "--db", str(notes))) == "E604"
    assert notes.read_bytes() == b""


def test_no_command_adds_our_tables_to_another_programs_database(tmp_path, call):
    """An SQLite file of another program (a reader app's feed cache) was silently given
    our tables by any command; every command now refuses it (E604) and leaves it as it was."""
    import sqlite3

    other = tmp_path / "feeds.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE feed_items (title TEXT)")
        db.execute("INSERT INTO feed_items VALUES ('Землетрясение в Малатье: 12 погибших')")
    db.close()
    before = other.read_bytes()
    article = tmp_path / "deprem.txt"
    article.write_text("Malatya'da 6,1 büyüklüğünde deprem\nMalatya'nın Yeşilyurt ilçesinde "
                       "perşembe sabahı meydana gelen depremde 14 kişi hayatını kaybetti.\n",
                       encoding="utf-8")
    for command in (["stories"], ["export", "stories"], ["ingest", str(article)]):
        result = call(*command, "--db", str(other))
        assert one_coded_line(result) == "E604"
        assert "feed_items" in result.stderr
    assert other.read_bytes() == before


def test_ingest_fills_an_empty_file_made_beforehand(tmp_path, call):
    """``touch news.db`` before the first ingest stays allowed (an empty file is an empty
    SQLite database), and read-only commands then read it."""
    news = tmp_path / "news.db"
    news.touch()
    article = tmp_path / "sturm.txt"
    article.write_text("Sturm über Hamburg\nDer Sturm hat am Montag in Hamburg Bäume "
                       "entwurzelt; die Feuerwehr rückte 300 Mal aus.\n", encoding="utf-8")
    assert call("ingest", str(article), "--db", str(news)).returncode == 0
    assert "Sturm über Hamburg" in call("stories", "--db", str(news)).stdout


def test_a_corrupt_database(tmp_path, empty_db):
    data = bytearray(empty_db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\xa5" * (len(data) - page)  # every page after the schema page overwritten
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(bytes(data))
    assert one_coded_line(run("stories", "--db", str(corrupt))) == "E605"


@pytest.mark.parametrize(("name", "value"), [
    ("RASHOMON_MAX_BYTES", "abc"), ("RASHOMON_UPLOAD_LIMIT", "10MB"),
    ("RASHOMON_EMBED_THREADS", "-1"), ("RASHOMON_WEB_WARM", "yes"),
    ("RASHOMON_LOG_LEVEL", "loud"),
])
def test_a_bad_setting_value(tmp_path, call, name, value):
    text = tmp_path / "a.txt"
    text.write_text("Titel\nEin kurzer Text.\n", encoding="utf-8")
    runner = run if name == "RASHOMON_MAX_BYTES" else call
    result = runner("ingest", str(text), "--db", str(tmp_path / "x.db"), env={name: value})
    assert one_coded_line(result) == "E900"
    assert name in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_a_setting_that_needs_an_extra_that_is_missing(tmp_path, call, empty_db, monkeypatch):
    monkeypatch.setitem(sys.modules, "natasha", None)  # as if rashomon[russian] were absent
    result = call("stories", "--db", str(empty_db), env={"RASHOMON_NATASHA": "1"})
    assert one_coded_line(result) == "E901"
    assert "rashomon[russian]" in result.stderr


def test_an_unknown_plugin_name(tmp_path, call, empty_db):
    text = tmp_path / "a.txt"
    text.write_text("Titel\nEin kurzer Text über den Haushalt.\n", encoding="utf-8")
    result = call("ingest", str(text), "--db", str(empty_db), env={"RASHOMON_LANGID": "cld9"})
    assert one_coded_line(result) == "E900"
    assert "fasttext" in result.stderr  # the hint lists the names there are


@pytest.mark.parametrize(("command", "code", "hint"), [
    (["story", "999"], "E601", "rashomon stories"),
    (["report", "999"], "E601", "rashomon stories"),
    (["article", "999"], "E601", "rashomon story STORY_ID"),
    (["export", "evidence", "--story", "999"], "E601", "rashomon stories"),
])
def test_an_unknown_id_names_a_command_that_lists_such_ids(empty_db, call, command, code, hint):
    result = (run if command[0] == "article" else call)(*command, "--db", str(empty_db))
    assert one_coded_line(result) == code
    assert hint in result.stderr


def test_a_command_line_mistake(capsys):
    result = run("story", "drei")
    assert one_coded_line(result) == "E903" and result.returncode == 2
    assert "`rashomon story --help`" in result.stderr
    for command in (["stories", "--colour"], ["ingets"]):
        result = refused(capsys, command)
        assert one_coded_line(result) == "E903" and result.returncode == 2
        assert "`rashomon --help`" in result.stderr


def test_serve_on_a_port_that_is_taken(call, empty_db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = call("serve", "--db", str(empty_db), "--port", port)
    assert one_coded_line(result) == "E904"
    assert port in result.stderr and not result.stdout


def test_similarity_of_a_missing_file_or_a_folder(tmp_path, call):
    page = ROOT / "tests" / "data" / "cli" / "landbote_wine.html"
    result = run("similarity", str(tmp_path / "nonexistent.txt"), str(page))
    assert one_coded_line(result) == "E104"
    assert "nonexistent.txt" in result.stderr
    assert one_coded_line(call("similarity", str(tmp_path), str(page))) == "E104"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert one_coded_line(call("similarity", str(empty), str(page))).startswith("E1")


def test_export_to_an_unwritable_place(empty_db, tmp_path, call):
    result = call("export", "stories", "-o", str(tmp_path / "no" / "such" / "dir.csv"),
                 "--db", str(empty_db))
    assert one_coded_line(result) == "E911"


def test_each_bad_ingest_item_is_reported_once(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    missing = tmp_path / "missing.html"
    result = run("ingest", str(binary), str(missing), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 1  # nothing could be read
    assert "Traceback" not in result.stderr and "WARNING" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["E102", f"{binary}:"], ["E104", f"{missing}:"]], lines
    assert "ingested nothing: 2 items, all with errors" in result.stdout


def test_each_junk_item_is_named_once_with_its_code(tmp_path, call):
    junk = Path(__file__).parent / "data" / "junk"
    result = call("ingest", str(junk), "--db", str(tmp_path / "j.db"))
    assert result.returncode == 0  # junk is read and stored, not an error
    lines = result.stderr.strip().splitlines()
    named = sorted((Path(line.split()[1].rstrip(":")).name, line.split()[0]) for line in lines)
    assert named == [("angular_page.html", "E201"), ("caption.txt", "E202"),
                     ("noise.txt", "E205"), ("title_only.txt", "E203")], lines
    assert all(LINE.match(line) and "joins no story" in line for line in lines)
    assert "4 new" in result.stdout and "0 stories" in result.stdout


def test_every_code_in_the_source_is_in_the_one_table():
    used: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        if path.name == "errors.py":
            continue
        for code in re.findall(r"\bE\d{3}\b", path.read_text(encoding="utf-8")):
            used.setdefault(code, str(path.relative_to(ROOT)))
    missing = {code: where for code, where in used.items() if code not in CODES}
    assert not missing, f"codes not in rashomon.errors.CODES: {missing}"
    assert len(used) > 20  # the scan sees the codes (E1xx readers, E7xx web, ...)


def test_serve_on_a_port_out_of_range_is_a_bad_command_line(capsys, empty_db):
    """--port 70000 reached uvicorn: a traceback, then E000 'please report it'."""
    for port in ("70000", "-1", "achttausend"):
        command = ["serve", "--db", str(empty_db), "--port", port]
        result = refused(capsys, command)
        assert one_coded_line(result) == "E903" and result.returncode == 2
        assert "--port" in result.stderr


def test_serve_on_an_address_of_another_machine_names_the_host(call, empty_db):
    result = call("serve", "--db", str(empty_db), "--host", "192.0.2.1", "--port", "8000")
    assert one_coded_line(result) == "E904"
    assert "--host" in result.stderr.split("—", 1)[1]  # the hint says what to change


def test_page_reader_chatter_is_kept_from_the_user_unless_verbose(call, capsys):
    """A 19 MB Polish page printed "WARNING trafilatura.core: discarding data: None" twice
    before its E101 line; -v still shows the readers' own logs."""
    import logging

    from rashomon.cli import QUIET_LIBRARIES

    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET)
    assert call("plugins").returncode == 0
    assert all(logging.getLogger(n).level == logging.CRITICAL for n in QUIET_LIBRARIES)
    logging.getLogger("trafilatura.core").warning("discarding data: None")
    # a binary page printed these before its own coded E101 line
    logging.getLogger("trafilatura.utils").error("parsed tree length: 0, wrong data type")
    logging.getLogger("trafilatura.core").error("empty HTML tree: None")
    assert "trafilatura" not in capsys.readouterr().err
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET)
    assert call("-v", "plugins").returncode == 0
    assert logging.getLogger("trafilatura").level == logging.NOTSET


@pytest.mark.parametrize("command", [
    ["stories", "--limit", "-3"], ["stories", "--limit", "0"], ["stories", "--limit", "viele"],
    ["ingest", "nachrichten/", "--workers", "0"], ["ingest", "nachrichten/", "--workers", "-2"],
])
def test_counts_below_one_are_a_bad_command_line(capsys, empty_db, command):
    """`stories --limit -3` listed every story (SQL's LIMIT -1 is no limit), `--limit 0`
    printed an empty table, `ingest --workers -2` ran as one worker."""
    command = [*command, "--db", str(empty_db)]
    result = refused(capsys, command)
    assert one_coded_line(result) == "E903" and result.returncode == 2


def test_export_refuses_an_id_it_would_ignore(call, empty_db):
    """`rashomon export stories --story 3` printed every story, the id silently ignored."""
    for command in (["export", "stories", "--story", "3"],
                    ["export", "evidence", "--story", "3", "--article", "7"],
                    ["export", "facts", "--story", "3"]):
        result = call(*command, "--db", str(empty_db))
        assert one_coded_line(result) == "E910", command


@pytest.mark.parametrize("command", [
    ["story", "99999999999999999999999"], ["article", "-99999999999999999999999"],
    ["report", "99999999999999999999999"], ["entities", "99999999999999999999999"],
    ["export", "facts", "--article", "99999999999999999999999"],
    ["stories", "--language", "klingon"], ["export", "stories", "--language", "Persian"],
])
def test_an_id_past_any_record_or_a_language_that_is_no_code(capsys, empty_db, command):
    """`story 99999999999999999999999` was E000 (the driver's OverflowError: past a 64-bit
    key); `stories --language klingon` printed an empty table, as if no story were in it."""
    result = refused(capsys, [*command, "--db", str(empty_db)])
    assert one_coded_line(result) == "E903" and result.returncode == 2


def test_a_language_filter_is_read_as_stored(empty_db, call):
    """'PL' and 'pl-PL' name what ingest stores as 'pl'; the largest id is an E601."""
    for spelling in ("PL", "pl-PL", "pl_PL"):
        assert call("stories", "--language", spelling, "--db", str(empty_db)).returncode == 0
    assert one_coded_line(call("story", str(2**63 - 1), "--db", str(empty_db))) == "E601"


def test_ingest_from_an_empty_stdin(tmp_path):
    """`rashomon ingest - < /dev/null` said "ingested 0 items (none)", exit status 0."""
    result = subprocess.run(
        [sys.executable, "-c", "from rashomon.cli import main; raise SystemExit(main())",
         "ingest", "-", "--db", str(tmp_path / "n.db")],
        input="", capture_output=True, text=True, timeout=120,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("RASHOMON_")},
             "PYTHONPATH": str(SRC)})
    assert "E101 <stdin>: stdin is empty" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["stories"], ["ingest", "-"], ["serve", "--port", "0"]])
def test_a_folder_given_as_the_database(tmp_path, call, command):
    """`--db news/` said only "unable to open database file" (SQLite's words)."""
    result = call(*command, "--db", str(tmp_path))
    assert one_coded_line(result) == "E600" and "is a folder" in result.stderr
