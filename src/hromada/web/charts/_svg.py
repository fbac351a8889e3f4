"""A small SVG writer on ElementTree: escaping is the library's, never ours."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
Attribute = str | int | float | None


def element(tag: str, /, **attributes: Attribute) -> ET.Element:
    """An element; ``stroke_width`` becomes ``stroke-width``, ``class_`` ``class``.

    ``None`` drops the attribute, so callers can pass optional ones as they come.
    """
    node = ET.Element(tag)
    for name, value in attributes.items():
        if value is not None:
            node.set(name.rstrip("_").replace("_", "-"), _format(value))
    return node


def child(parent: ET.Element, tag: str, /, **attributes: Attribute) -> ET.Element:
    node = element(tag, **attributes)
    parent.append(node)
    return node


def text(parent: ET.Element, content: str, /, **attributes: Attribute) -> ET.Element:
    node = child(parent, "text", **attributes)
    node.text = content
    return node


def titled(
    parent: ET.Element, tag: str, title: str, /, **attributes: Attribute
) -> ET.Element:
    """An element carrying a ``<title>``: the tooltip and the screen reader's name."""
    node = child(parent, tag, **attributes)
    if title:
        child(node, "title").text = title
    return node


def points(coordinates: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{_format(x)},{_format(y)}" for x, y in coordinates)


def markup(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


def _format(value: str | int | float) -> str:
    if isinstance(value, float):
        # Two decimals are finer than a pixel and keep the markup short and stable.
        formatted = f"{value:.2f}".rstrip("0").rstrip(".")
        return "0" if formatted == "-0" else formatted
    return str(value)
