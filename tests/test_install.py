"""A plain ``pip install rashomon`` brings everything the runtime imports.

Every third-party module imported under ``src/`` must come from a distribution declared in
``pyproject.toml``: a module-level import from a runtime dependency, a lazy import (inside a
function) from a runtime dependency or an optional extra. A dev-only package never satisfies
a runtime import (``httpx`` once lived only in ``[dev]``, so ``make demo`` died at serve).
The fresh-venv install itself is exercised by ``.ci/fresh_install.sh`` in CI.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(requirements: list[str]) -> set[str]:
    return {_norm(re.split(r"[\s\[<>=!~;]", req, maxsplit=1)[0]) for req in requirements}


def _imports() -> list[tuple[str, str, bool]]:
    """(top-level module, file, imported at module level) for every absolute import."""
    found = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lazy = {
            id(node)
            for fn in ast.walk(tree)
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(fn)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top == "rashomon" or top == "__future__":
                    continue
                found.append((top, str(path.relative_to(ROOT)), id(node) not in lazy))
    return found


def test_every_runtime_import_is_a_declared_dependency() -> None:
    runtime = _names(PYPROJECT["project"]["dependencies"])
    extras = {
        _norm(name)
        for extra, reqs in PYPROJECT["project"]["optional-dependencies"].items()
        if extra != "dev"
        for name in _names(reqs)
    }
    dists = packages_distributions()
    problems = []
    for module, path, module_level in _imports():
        owners = {_norm(d) for d in dists.get(module, [])}
        if not owners:
            problems.append(f"{path}: imports {module}, which no installed package provides")
        elif not owners & runtime and (module_level or not owners & extras):
            where = "runtime dependencies" if module_level else "runtime dependencies or an extra"
            problems.append(f"{path}: imports {module} ({', '.join(sorted(owners))}), "
                            f"not in the {where}")
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_scan_sees_the_imports_that_once_broke_the_install() -> None:
    modules = {module for module, _, _ in _imports()}
    assert {"httpx", "trafilatura", "fastapi", "uvicorn"} <= modules
