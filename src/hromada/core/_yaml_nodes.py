"""YAML text → a tree of values that remember their line, for messages that name it.

PyYAML's composer keeps a mark on every node; plain ``safe_load`` drops them and
silently keeps the last of two equal keys. Here a duplicate key is a problem, an
alias cycle or an alias bomb is refused, and every value knows its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from hromada.core._problems import Problem, where

# An honest framework file has a few thousand nodes; aliases could expand a small
# file into billions, so conversion stops well before that.
MAX_NODES = 200_000


@dataclass(frozen=True, slots=True)
class Node:
    """A YAML value and its 1-based line.

    ``value`` is a ``dict[str, Node]`` for a mapping, a ``list[Node]`` for a
    sequence, else the scalar (str, int, float, bool, None, date).
    """

    value: Any
    line: int


class _TooLarge(Exception):
    pass


class _Converter:
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.constructor = yaml.SafeLoader("")
        self.count = 0
        self.stack: set[int] = set()

    def convert(self, node: yaml.Node, path: str) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        line = node.start_mark.line + 1
        if id(node) in self.stack:
            self._problem("recursive_alias", line, path, "an alias refers to itself")
            return Node(None, line)
        self.stack.add(id(node))
        try:
            return Node(self._value(node, path, line), line)
        finally:
            self.stack.discard(id(node))

    def _value(self, node: yaml.Node, path: str, line: int) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.convert(item, f"{path}[{index}]")
                for index, item in enumerate(node.value)
            ]
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
            message = f"the value cannot be read ({type(error).__name__})"
            self._problem("bad_value", line, path, message)
            return None

    def _mapping(self, node: yaml.MappingNode, path: str) -> dict[str, Node]:
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = str(self.convert(key_node, path).value)
            inner = f"{path}.{key}" if path else key
            if key in out:
                line = key_node.start_mark.line + 1
                self._problem("duplicate_key", line, inner, "the key appears twice")
            out[key] = self.convert(value_node, inner)
        return out

    def _problem(self, code: str, line: int, path: str, message: str) -> None:
        self.problems.append(
            Problem(code, where(line, path or None, line=True) + message, line, path)
        )


def parse_nodes(text: str, problems: list[Problem]) -> Node | None:
    """The document's root node, or None with the problem appended."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if root is None:
            problems.append(Problem("empty", "the file is empty"))
            return None
        return _Converter(problems).convert(root, "")
    except RecursionError:
        problems.append(Problem("too_deep", "the file nests too deeply"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        reason = getattr(error, "problem", None) or "not valid YAML"
        problems.append(
            Problem("yaml_syntax", where(line, None, line=True) + str(reason), line)
        )
    except _TooLarge:
        message = f"the file expands to more than {MAX_NODES} values (aliases)"
        problems.append(Problem("too_large", message))
    return None
