"""The docs are checked by tests: every CLI command and every setting is in the README."""

from __future__ import annotations

import argparse
import re
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
