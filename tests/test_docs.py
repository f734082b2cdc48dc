"""The docs are checked by tests: every CLI command and every setting is in the README."""

from __future__ import annotations

import argparse
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
