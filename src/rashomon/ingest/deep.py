"""Pages nested deeper than the HTML parser goes (hostile or broken templates).

libxml2, under lxml and trafilatura, stops building the tree at a few hundred levels, so
a page whose text sits inside 100,000 nested <div>s came out with no text at all (E101).
When extraction finds nothing and the markup is that deep, the wrapper tags (which carry
no text of their own) are dropped and the page is read again: paragraphs, headings and
the text stay.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "param", "source", "track", "wbr"}
#: Depth past which libxml2 gives up (its default limit is 256 levels; 200 leaves room
#: for the page's own <html><body> and the wrappers trafilatura keeps).
DEEP = 200
_WRAPPERS = re.compile(r"</?(?:div|span|section|article|main|aside|font|center|blockquote|"
                       r"table|tbody|thead|tr|td|th|ul|ol|li|dl|dt|dd|b|i|u|em|strong|"
                       r"small|big|nav|header|footer|form|label)\b[^>]*>", re.I)


def too_deep(text: str) -> bool:
    """Does the markup open more than ``DEEP`` elements without closing them?"""
    depth = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.groups()
        if name.lower() in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > DEEP:
            return True
    return False


def flattened(text: str) -> str:
    """The page without its wrapper tags (a space in their place)."""
    return _WRAPPERS.sub(" ", text)
