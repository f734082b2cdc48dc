"""The docs are checked by tests: every CLI command and every setting is in the README."""

from __future__ import annotations

import argparse
import json
import re
from datetime import UTC
from pathlib import Path

from rashomon.cli import build_parser
from rashomon.config import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_command_is_documented_in_the_readme() -> None:
    commands = _commands()
    assert {"ingest", "stories", "story", "similarity"} <= set(commands)
    missing = [name for name in commands if f"rashomon {name}" not in README]
    assert not missing, f"README lacks these commands: {missing}"


def test_every_command_has_help_text() -> None:
    for name, sub in _commands().items():
        assert sub.format_help().count("\n") > 3, name
        assert sub.description or sub.format_usage(), name


def test_every_setting_is_documented_in_the_readme() -> None:
    missing = [name for name in SETTINGS if f"`{name}`" not in README]
    assert not missing, f"README settings table lacks: {missing}"


def test_readme_quick_start_is_the_two_make_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make demo" in quick and "make test" in quick


def _section(title: str) -> str:
    return README.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_error_table_is_the_one_in_errors_py() -> None:
    from rashomon.errors import CODES

    rows = re.findall(r"^\| `(E\d{3})` \| (.+?) \|$", _section("Errors"), re.M)
    assert rows == list(CODES.items())


def test_the_documented_report_version_is_the_one_reports_carry() -> None:
    from rashomon.compare import COMPARE_VERSION

    assert re.findall(r'"version": "(\w+)"', README) == [COMPARE_VERSION]


def test_clustering_figures_in_the_readme_are_the_code_constants() -> None:
    from rashomon.cluster.dedup import CONTAINMENT_THRESHOLD
    from rashomon.cluster.online import CANDIDATES, JOIN_THRESHOLD, TIME_WINDOW_DAYS
    from rashomon.cluster.signals import EMBED_CHARS
    from rashomon.extract.linking import EMBED_THRESHOLD

    text = " ".join(README.split())
    stated = {
        "join threshold": (r"joins the best story at >= ([\d.]+)", JOIN_THRESHOLD),
        "near-copy containment": (r"containment >= ([\d.]+)", CONTAINMENT_THRESHOLD),
        "candidates": (r"the (\d+) closest stored articles", CANDIDATES),
        "time window": (r"inside a (\d+)-day window", TIME_WINDOW_DAYS),
        "embedded lead": (r"title \+ the first (\d+) characters", EMBED_CHARS),
        "cross-script linking": (r"across scripts \(threshold ([\d.]+)", EMBED_THRESHOLD),
    }
    for what, (pattern, value) in stated.items():
        found = re.search(pattern, text)
        assert found, f"README no longer states the {what} ({pattern})"
        assert float(found.group(1)) == value, f"README {what} {found.group(1)} != code {value}"


# -- the example: what `make demo` prints, checked against the sample corpus and its gold ----
def _sample() -> list[tuple[dict, object]]:
    """(gold entry, article as read) for every item of the bundled sample corpus."""
    from rashomon.cli.core_cmds import sample_corpus_path
    from rashomon.ingest import iter_inputs
    from rashomon.text import clean_text

    root = Path(sample_corpus_path())
    gold = [row for path in sorted((root.parent / "gold").glob("*.json"))
            for row in json.loads(path.read_text(encoding="utf-8"))]
    by_key = {(row["file"], row["url"]): row for row in gold}
    pairs = []
    for item in iter_inputs([str(root)]):
        article = item.article
        assert article is not None, item.error
        file = re.sub(r"(:\d+|#\d+)$", "", str(Path(item.source).relative_to(root)))
        row = by_key.get((file, article.url)) or by_key[(file, None)]
        article.title = clean_text(article.title, article.language)
        pairs.append((row, article))
    assert len(pairs) == len(gold)
    return pairs


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else "-"


def test_the_example_is_what_the_demo_prints_of_the_sample_corpus() -> None:
    example = _section("What it does, on a real example")
    sample = _sample()
    stories: dict[str, list] = {}
    for row, article in sample:
        stories.setdefault(row["story"], []).append((row, article))

    items, new, count = map(int, re.search(
        r"ingested (\d+) items \((\d+) new\) into rashomon.db; (\d+) stories", example).groups())
    assert items == new == len(sample)
    assert count >= len(stories)
    assert f"{len(sample)} articles in {len({r['language'] for r, _ in sample})} languages" \
        in " ".join(example.split())
    assert f"about {len(stories)}\nevents" in example or f"about {len(stories)} events" in example

    # `rashomon stories`: each row's title opens an article of one gold story, its
    # languages and article count are a part of that story (all of it when complete)
    rows = re.findall(r"^(\d+) +(.{60})  (\S+) +(\d+) +(\d+) ", example, re.M)
    assert len(rows) >= 5
    for _, title, languages, _, articles in rows:
        (story,) = {row["story"] for row, a in sample if a.title.startswith(title.rstrip())}
        members = stories[story]
        gold_languages = sorted({row["language"] for row, _ in members})
        assert set(languages.split(",")) <= set(gold_languages) and int(articles) <= len(members)
        if int(articles) == len(members):
            assert languages.split(",") == gold_languages, title

    # `rashomon story 1`: articles of one gold story with their real outlet, time, language
    # and title, the syndicated copy linked to its original; a member it lacks is the
    # one-article story the text explains as a known miss
    head = re.search(r"(\d+) articles from (\d+) independent sources", example)
    listed = re.findall(
        r"^(\d+) +(\w\w) +(\S+) +(\d{4}-\d\d-\d\d \d\d:\d\d) +(copy of \d+)? +(.+)$",
        example, re.M)
    (story,) = {row["story"] for row, a in sample for *_, title in listed if a.title == title}
    members = stories[story]
    assert len(listed) == int(head.group(1))
    ids = {}
    for article_id, language, source, published, _, title in listed:
        ((row, article),) = [(r, a) for r, a in members if a.title == title]
        assert (row["language"], row["source"], _utc(article.date_publish)) == (
            language, source, published)
        ids[article_id] = row
    assert int(head.group(2)) == sum(1 for row in ids.values() if not row["copy_of"])
    for article_id, *_, copy, _ in listed:
        original = ids[article_id]["copy_of"]
        assert bool(copy) == bool(original)
        if copy:
            assert ids[copy.split()[-1]]["file"] == original["file"]
    missed = [a.title for r, a in members if r not in ids.values()]
    for title in missed:
        assert any(title.startswith(t.rstrip()) and n == "1" for _, t, _, _, n in rows), title
        assert "known miss" in example
