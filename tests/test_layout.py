"""The tree's layout rules that a reviewer would otherwise check by hand."""

from pathlib import Path

import rashomon

PACKAGE = Path(rashomon.__file__).resolve().parent

#: "Modules under ~500 lines" (the project's standards): past that a module holds more
#: than one concern. Counted as physical lines, docstrings and comments included.
MAX_LINES = 500


def test_no_module_over_the_size_limit():
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert len(sizes) > 50  # the walk found the package
    over = {name: n for name, n in sorted(sizes.items()) if n > MAX_LINES}
    assert not over, f"modules over {MAX_LINES} lines: {over}"


def test_no_helper_modules_at_the_package_root():
    """Every module at the root is an entry point or one concern named for it; stage
    code lives in its stage's package (``ingest``, ``text``, ``extract``, ...)."""
    root = sorted(p.stem for p in PACKAGE.glob("*.py"))
    grab_bags = [n for n in root if n.startswith(("util", "helper", "misc", "common"))
                 or n.endswith("_web")]
    assert not grab_bags, grab_bags
