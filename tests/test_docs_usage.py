"""The README's usage examples say what the commands print: the example report's
headings and dispute labels are the ones the Markdown report writes (``rashomon report``
wording comes from ``compare/reader/en.json``), and the file types ``rashomon ingest``
reads are the readers' suffixes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rashomon.ingest import readers

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
WORDS = json.loads((ROOT / "src/rashomon/compare/reader/en.json").read_text(encoding="utf-8"))


def _report_example() -> list[str]:
    block = re.search(r"\$ rashomon report 1 .*?\n(.*?)```", README, re.S)
    assert block, "the README's example of `rashomon report 1` is gone"
    return block.group(1).splitlines()


def test_the_example_report_uses_the_reports_own_headings_and_labels():
    """The example showed "quantity: buildings" where the report writes "figure:
    buildings" (a kind's key, not its word)."""
    report = WORDS["report"]
    sections = {report[k] for k in ("contradictions", "variations", "implausible",
                                    "agreements", "only_in", "timeline", "sources")}
    lines = _report_example()
    headings = [line[3:].strip() for line in lines if line.startswith("## ")]
    assert headings and set(headings) <= sections, headings
    severities = "|".join(report["severity"].values())
    disputes = [m.groups() for line in lines
                if (m := re.match(rf"- ({severities}) +([\w ()]+): ", line))]
    assert disputes, "no dispute line in the example"
    assert {kind for _, kind in disputes} <= set(report["kinds"].values()), disputes


def test_the_readme_names_every_file_type_ingest_reads():
    said = README[README.index("`rashomon ingest` reads:"):]
    said = said[: said.index("\n\n")]
    for suffix in sorted(readers.SUPPORTED - {".gz"}):
        assert f"`{suffix}`" in said, suffix
