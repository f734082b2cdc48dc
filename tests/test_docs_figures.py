"""The README's figures are the committed results: every table row of its "Benchmarks"
section that names a source (`` `results-file: dotted.key` ``, several joined by " / ") states
in its "now" cell (or its "now, ..." cells, left to right) the values of those keys in
``bench/results/<results-file>.json`` at the precision it prints, and in its "gate floor"
cell the floors ``bench/floors.json`` holds for them. A figure that moves without the README
moving with it fails here, and so does a gated figure whose floor the README hides."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))["benchmarks"]
SOURCE = re.compile(r"`([\w.-]+): ([\w.:-]+)`")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _section() -> str:
    return README.split("\n## Benchmarks\n", 1)[1].split("\n## ", 1)[0]


def _rows() -> list[tuple[str, dict[str, str]]]:
    """(first cell, {column header: cell}) of every table row that names a source."""
    rows, header = [], None
    for line in _section().splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not set("".join(cells)) <= set("-: ") and SOURCE.search(cells[-1]):
            rows.append((cells[0], dict(zip(header, cells, strict=True))))
    return rows


def _lookup(node: object, dotted: str) -> float | None:
    """The number at ``dotted`` in a result document; a key may itself hold dots
    ("same.all"), so the longest key that prefixes the rest is taken first."""
    if not dotted:
        return float(node) if isinstance(node, int | float) and not isinstance(node, bool) else None
    if not isinstance(node, dict):
        return None
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        key = ".".join(parts[:cut])
        if key in node:
            found = _lookup(node[key], ".".join(parts[cut:]))
            if found is not None:
                return found
    return None


def _numbers(cell: str) -> list[str]:
    return NUMBER.findall(cell.replace("—", ""))


def _same(printed: str, value: float) -> bool:
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return round(value, decimals) == float(printed.replace(",", ""))


ROWS = _rows()


def test_the_benchmark_section_states_its_figures_with_sources() -> None:
    assert len(ROWS) >= 20, "the README's figure tables lost their sources"
    assert "docs/benchmarks.md" in _section()
    assert (ROOT / "docs" / "benchmarks.md").is_file()


IDS = [f"{i}-{r[0][:40]}" for i, r in enumerate(ROWS)]


@pytest.mark.parametrize(("figure", "row"), ROWS, ids=IDS)
def test_each_figure_is_the_committed_result(figure: str, row: dict[str, str]) -> None:
    sources = SOURCE.findall(row["source"])
    # a table may show its figures side by side ("now, SQLite", "now, PostgreSQL"): the
    # values of every "now" column in order, against the sources in order
    printed = [n for column, cell in row.items() if column.startswith("now")
               for n in _numbers(cell)]
    assert len(printed) == len(sources), f"{figure}: {len(sources)} sources, {len(printed)} values"
    for (name, key), shown in zip(sources, printed, strict=True):
        path = ROOT / "bench" / "results" / f"{name}.json"
        document = json.loads(path.read_text(encoding="utf-8"))
        value = _lookup(document, key)
        assert value is not None, f"{figure}: bench/results/{name}.json has no {key}"
        assert _same(shown, value), f"{figure}: README says {shown}, {name}.json {key} = {value}"


@pytest.mark.parametrize(("figure", "row"), [r for r in ROWS if "gate floor" in r[1]],
                         ids=lambda r: r[:40] if isinstance(r, str) else "")
def test_each_gate_floor_is_the_one_in_floors_json(figure: str, row: dict[str, str]) -> None:
    sources = SOURCE.findall(row["source"])
    gated = [FLOORS.get(name, {}).get(key) for name, key in sources]
    shown = _numbers(row["gate floor"])
    if "machine" in row["gate floor"]:  # a speed floor, scaled by the machine (bench/machine.py)
        shown = shown[:1]
    if not any(floor is not None for floor in gated):
        assert not shown, f"{figure}: the README shows a floor the gate does not hold"
        return
    held = [floor for floor in gated if floor is not None]
    assert [float(s) for s in shown] == held, f"{figure}: README {shown}, floors.json {gated}"
