"""Registry of stage implementations: built-in parts register exactly like plug-ins.

Each stage kind ("embedder", "langid", "store", "clusterer") maps names to factories.
Built-ins register on import of their module; a third-party package registers through the
``rashomon.plugins`` entry-point group with a callable that receives this registry.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from rashomon.errors import ConfigError

_FACTORIES: dict[str, dict[str, Callable[..., Any]]] = {}

#: Modules whose import registers the built-in parts.
_BUILTINS = (
    "rashomon.embed",
    "rashomon.text.langid",
    "rashomon.store",
    "rashomon.cluster",
    "rashomon.extract.components",
)
_loaded = False


def register(kind: str, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: make ``factory`` available as ``create(kind, name)``."""

    def decorate(factory: Callable[..., Any]) -> Callable[..., Any]:
        _FACTORIES.setdefault(kind, {})[name] = factory
        return factory

    return decorate


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in _BUILTINS:
        import_module(module)
    for ep in entry_points(group="rashomon.plugins"):
        ep.load()(register)


def available(kind: str | None = None) -> dict[str, list[str]]:
    """Registered names per kind (``rashomon plugins`` prints this)."""
    _load()
    kinds = [kind] if kind else sorted(_FACTORIES)
    return {k: sorted(_FACTORIES.get(k, {})) for k in kinds}


def create(kind: str, name: str, **kwargs: Any) -> Any:
    """Build the implementation registered as ``name`` for stage ``kind``."""
    _load()
    try:
        factory = _FACTORIES[kind][name]
    except KeyError:
        names = ", ".join(sorted(_FACTORIES.get(kind, {}))) or "none"
        raise ConfigError(
            f"no {kind} named {name!r}", hint=f"choose one of: {names}"
        ) from None
    return factory(**kwargs)
