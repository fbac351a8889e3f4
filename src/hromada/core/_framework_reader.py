"""Reading a framework file: every key checked, every problem named by its line.

The reader never stops at the first problem: a value it cannot use is recorded and
replaced by an empty default, so one pass reports everything a person must fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from hromada.core._framework import (
    SOURCES,
    UNITS,
    Choice,
    Component,
    Criterion,
    Domain,
    Framework,
    FrameworkIndex,
    FrameworkIndexPart,
    Indicator,
    Item,
    Label,
    Question,
    Risk,
    Scale,
    ScaleRule,
)
from hromada.core._problems import Problem, ProblemsError, shorten, where
from hromada.core._yaml_nodes import Node, parse_nodes

T = TypeVar("T")

# Question, item and indicator codes become XML element names in the XLSForm and
# column names in exports: a letter, then letters, digits or underscores.
CODE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")
# Choice names: no spaces (select_multiple answers are space-separated), no "/" or
# "-" (group paths in export headers).
CHOICE = re.compile(r"[A-Za-z0-9_]{1,32}")
FRAMEWORK_CODE = re.compile(r"[a-z][a-z0-9-]{0,63}")
VERSION = re.compile(r"[0-9][0-9A-Za-z.]{0,31}")
# Names the import gives special meaning; a framework may not use them as codes.
RESERVED = frozenset({"uuid", "version", "submitted_at", "framework_version"})

TOP_REQUIRED = (
    "framework",
    "version",
    "title",
    "scale_rule",
    "scales",
    "components",
    "domains",
    "profile",
    "risk_perception",
    "risks",
    "form_groups",
)
FORM_GROUPS = ("interview", "profile", "risks", "open")
TOP_OPTIONAL = ("design", "open_questions", "indices")
ABSENT = Node(None, 0)


class Reader:
    """Typed access to the node tree; wrong values become problems and defaults."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.codes: dict[str, int] = {}

    def fail(
        self,
        node: Node,
        path: str,
        code: str,
        message: str,
        *,
        value: object = None,
        expected: str | None = None,
    ) -> None:
        line = node.line or None
        self.problems.append(
            Problem(
                code,
                where(line, path or None, line=True) + message,
                line,
                path or None,
                None if value is None else shorten(value),
                expected,
            )
        )

    def mapping(
        self,
        node: Node,
        path: str,
        required: Sequence[str],
        optional: Sequence[str] = (),
        *,
        open_keys: bool = False,
    ) -> dict[str, Node]:
        if node is ABSENT:
            return {}
        if not isinstance(node.value, dict):
            self.fail(node, path, "wrong_type", "expected keys and values")
            return {}
        for key in required:
            if key not in node.value:
                message = f"the key {key!r} is missing"
                self.fail(node, path, "missing_key", message, expected=key)
        for key, value in node.value.items():
            if not (open_keys or key in required or key in optional):
                inner = join(path, key)
                self.fail(value, inner, "unknown_key", f"unknown key {key!r}")
        return dict(node.value)

    def sequence(self, node: Node, path: str, *, minimum: int = 0) -> list[Node]:
        if node is ABSENT:
            return []
        if not isinstance(node.value, list):
            self.fail(node, path, "wrong_type", "expected a list")
            return []
        if len(node.value) < minimum:
            message = f"expected at least {minimum} entries"
            self.fail(node, path, "too_few", message, expected=str(minimum))
        return list(node.value)

    def text(self, node: Node, path: str) -> str:
        if node is ABSENT:
            return ""
        if not isinstance(node.value, str) or not node.value.strip():
            message = "expected text (put numbers and yes/no in quotes)"
            self.fail(node, path, "wrong_type", message, value=node.value)
            return ""
        return node.value.strip()

    def code(self, node: Node, path: str, pattern: re.Pattern[str] = CODE) -> str:
        text = self.text(node, path)
        if text and not pattern.fullmatch(text):
            message = f"{text!r} is not a valid code ({pattern.pattern})"
            self.fail(node, path, "bad_code", message, value=text)
        return text

    def new_code(self, node: Node, path: str, pattern: re.Pattern[str] = CODE) -> str:
        """A code that must be unique across the framework's codes."""
        code = self.code(node, path, pattern)
        if code in self.codes:
            message = f"the code {code!r} is already used on line {self.codes[code]}"
            self.fail(node, path, "duplicate_code", message, value=code)
        elif code.lower() in RESERVED:
            self.fail(node, path, "reserved_code", f"{code!r} is reserved", value=code)
        elif code:
            self.codes[code] = node.line
        return code

    def label(self, node: Node, path: str) -> Label:
        keys = self.mapping(node, path, ("uk", "en"))
        texts = []
        for language in ("uk", "en"):
            value = keys.get(language, ABSENT)
            if value is not ABSENT and not (
                isinstance(value.value, str) and value.value.strip()
            ):
                message = f"the {language} text is empty"
                self.fail(value, join(path, language), "missing_label", message)
                texts.append("")
            else:
                texts.append(self.text(value, join(path, language)))
        return Label(*texts)

    def number(self, node: Node, path: str, default: float = 0.0) -> float:
        if node is ABSENT:
            return default
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            message = "expected a number"
            self.fail(node, path, "wrong_type", message, value=node.value)
            return default
        return float(node.value)

    def whole(self, node: Node, path: str, low: int, high: int, default: int) -> int:
        value = self.number(node, path, float(default))
        if value != int(value) or not low <= value <= high:
            message = f"expected a whole number from {low} to {high}"
            self.fail(node, path, "out_of_range", message, value=node.value)
            return default
        return int(value)

    def flag(self, node: Node, path: str) -> bool:
        if node is ABSENT:
            return False
        if not isinstance(node.value, bool):
            message = "expected true or false"
            self.fail(node, path, "wrong_type", message, value=node.value)
            return False
        return node.value

    def one_of(self, node: Node, path: str, options: Iterable[str]) -> str:
        text = self.text(node, path)
        allowed = tuple(options)
        if text and text not in allowed:
            message = f"{text!r} is not one of {', '.join(allowed)}"
            self.fail(node, path, "unknown_value", message, value=text)
        return text

    def each(
        self,
        node: Node,
        path: str,
        read: Callable[[Node, str], T],
        *,
        minimum: int = 0,
    ) -> list[T]:
        return [
            read(entry, f"{path}[{index}]")
            for index, entry in enumerate(self.sequence(node, path, minimum=minimum))
        ]


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def parse_framework(text: str) -> Framework:
    """Read and check a framework file.

    Parameters
    ----------
    text : str
        The YAML text of one framework version, in the format of the shipped
        ``hromada/frameworks/hromada-default-2026.1.yaml``.

    Returns
    -------
    Framework

    Raises
    ------
    ProblemsError
        Every problem found, each with its line and key path (``row`` is the
        line, ``column`` the path): YAML syntax (``yaml_syntax``), duplicate
        keys, missing, unknown or mistyped keys, codes that are not XML names
        (``bad_code``), duplicate codes (``duplicate_code``), labels missing a
        language (``missing_label``) or repeated (``duplicate_label``), unknown
        scales, components, units and indicators (``unknown_scale``,
        ``unknown_component``, ``unknown_value``, ``unknown_indicator``), survey
        indicators with fewer items than the scale rule asks
        (``too_few_items``).
    """
    problems: list[Problem] = []
    root = parse_nodes(text, problems)
    framework = None if root is None else read_framework(Reader(problems), root)
    if problems or framework is None:
        raise ProblemsError(problems)
    return framework


def read_framework(r: Reader, root: Node) -> Framework | None:
    top = r.mapping(root, "", TOP_REQUIRED, TOP_OPTIONAL)
    code = r.code(top.get("framework", ABSENT), "framework", FRAMEWORK_CODE)
    version = r.code(top.get("version", ABSENT), "version", VERSION)
    title = r.label(top.get("title", ABSENT), "title")
    rule = _scale_rule(r, top.get("scale_rule", ABSENT))
    scales = _scales(r, top.get("scales", ABSENT))
    components = r.each(top.get("components", ABSENT), "components", _component(r))
    reader = _Domains(r, scales, {c.code for c in components}, rule)
    domains = r.each(top.get("domains", ABSENT), "domains", reader.domain, minimum=1)
    design = r.each(top.get("design", ABSENT), "design", _question(r, "design"))
    profile = r.each(top.get("profile", ABSENT), "profile", _question(r, "profile"))
    indicators = reader.indicators
    risks = r.each(top.get("risks", ABSENT), "risks", _risk(r, indicators), minimum=1)
    perception = _risk_perception(r, top.get("risk_perception", ABSENT), risks)
    open_questions = r.each(
        top.get("open_questions", ABSENT), "open_questions", _question(r, "open")
    )
    known = {c.code for c in components}
    indices = r.each(
        top.get("indices", ABSENT), "indices", _index(r, indicators, known)
    )
    groups = r.mapping(top.get("form_groups", ABSENT), "form_groups", FORM_GROUPS)
    form_groups = {
        name: r.label(groups.get(name, ABSENT), join("form_groups", name))
        for name in FORM_GROUPS
    }
    _check_labels(r, [*reader.items.values(), *design, *profile, perception])
    if r.problems:
        return None
    return Framework(
        code=code,
        version=version,
        title=title,
        scale_rule=rule,
        scales={scale.code: scale for scale in scales},
        components=tuple(components),
        domains=tuple(domains),
        indicators=indicators,
        items=reader.items,
        profile=tuple(profile),
        design=tuple(design),
        risk_perception=perception,
        open_questions=tuple(open_questions),
        risks=tuple(risks),
        indices=tuple(indices),
        form_groups=form_groups,
    )


def _scale_rule(r: Reader, node: Node) -> ScaleRule:
    keys = r.mapping(node, "scale_rule", ("min_items", "min_valid", "range"))
    min_items = r.whole(keys.get("min_items", ABSENT), "scale_rule.min_items", 1, 99, 3)
    min_valid = r.whole(
        keys.get("min_valid", ABSENT), "scale_rule.min_valid", 1, min_items, 1
    )
    low, high = _range(r, keys.get("range", ABSENT), "scale_rule.range")
    return ScaleRule(min_items, min_valid, low, high)


def _range(r: Reader, node: Node, path: str) -> tuple[float, float]:
    bounds = r.sequence(node, path)
    numbers = [r.number(bound, f"{path}[{i}]") for i, bound in enumerate(bounds)]
    listed = isinstance(node.value, list)
    if listed and (len(numbers) != 2 or numbers[0] >= numbers[1]):
        message = "expected [low, high] with low < high"
        r.fail(node, path, "bad_range", message)
        return 0.0, 1.0
    return (numbers[0], numbers[1]) if len(numbers) == 2 else (0.0, 1.0)


def _scales(r: Reader, node: Node) -> list[Scale]:
    keys = r.mapping(node, "scales", (), open_keys=True)
    out = []
    for code, value in keys.items():
        path = join("scales", code)
        if not CODE.fullmatch(code):
            message = f"{code!r} is not a valid code ({CODE.pattern})"
            r.fail(value, path, "bad_code", message, value=code)
        fields = r.mapping(value, path, ("label", "range", "choices"))
        low, high = _range(r, fields.get("range", ABSENT), join(path, "range"))
        listed = fields.get("choices", ABSENT)
        choices = _choices(r, listed, join(path, "choices"))
        entries = listed.value if isinstance(listed.value, list) else []
        for index, (entry, choice) in enumerate(zip(entries, choices, strict=True)):
            _check_score(r, entry, f"{path}.choices[{index}]", choice, low, high)
        label = r.label(fields.get("label", ABSENT), join(path, "label"))
        out.append(Scale(code, label, low, high, tuple(choices)))
    return out


def _check_score(
    r: Reader, node: Node, path: str, choice: Choice, low: float, high: float
) -> None:
    if choice.missing == (choice.value is not None):
        message = "a choice has a value, or is missing (hard to say), not both"
        r.fail(node, path, "bad_choice", message)
    elif choice.value is not None and not low <= choice.value <= high:
        message = f"the value is outside the scale's range {low:g}–{high:g}"
        r.fail(node, path, "out_of_range", message, value=choice.value)


def _choices(r: Reader, node: Node, path: str, *, minimum: int = 2) -> list[Choice]:
    choices = r.each(node, path, _choice(r), minimum=minimum)
    seen: set[str] = set()
    for index, choice in enumerate(choices):
        if choice.name in seen:
            entry = r.sequence(node, path)[index]
            message = f"the choice {choice.name!r} appears twice"
            r.fail(entry, f"{path}[{index}]", "duplicate_code", message)
        seen.add(choice.name)
    _unique_labels(r, node, path, [c.label for c in choices])
    return choices


def _choice(r: Reader) -> Callable[[Node, str], Choice]:
    def read(node: Node, path: str) -> Choice:
        keys = r.mapping(node, path, ("name", "label"), ("value", "missing"))
        name = r.code(keys.get("name", ABSENT), join(path, "name"), CHOICE)
        value = keys.get("value", ABSENT)
        score = None if value is ABSENT else r.number(value, join(path, "value"))
        missing = r.flag(keys.get("missing", ABSENT), join(path, "missing"))
        return Choice(
            name,
            r.label(keys.get("label", ABSENT), join(path, "label")),
            score,
            missing,
        )

    return read


def _unique_labels(r: Reader, node: Node, path: str, labels: Sequence[Label]) -> None:
    for language in ("uk", "en"):
        texts = [label.text(language).casefold() for label in labels]
        for text in {t for t in texts if t and texts.count(t) > 1}:
            message = f"two choices have the {language} label {text!r}"
            r.fail(node, path, "duplicate_label", message, value=text)


def _component(r: Reader) -> Callable[[Node, str], Component]:
    def read(node: Node, path: str) -> Component:
        keys = r.mapping(node, path, ("code", "kind", "label"))
        code = r.new_code(keys.get("code", ABSENT), join(path, "code"))
        kind = r.one_of(
            keys.get("kind", ABSENT), join(path, "kind"), ("social", "traditional")
        )
        return Component(
            code, kind, r.label(keys.get("label", ABSENT), path + ".label")
        )

    return read


class _Domains:
    """Reads domains and their indicators, collecting indicators and items."""

    INDICATOR_OPTIONAL = ("component", "unit", "value_label", "items", "checklist")

    def __init__(
        self, r: Reader, scales: list[Scale], components: set[str], rule: ScaleRule
    ) -> None:
        self.r = r
        self.scales = {scale.code: scale for scale in scales}
        self.components = components
        self.rule = rule
        self.indicators: dict[str, Indicator] = {}
        self.items: dict[str, Item] = {}

    def domain(self, node: Node, path: str) -> Domain:
        r = self.r
        keys = r.mapping(node, path, ("code", "kind", "label", "indicators"))
        code = r.new_code(keys.get("code", ABSENT), join(path, "code"))
        kind = r.one_of(
            keys.get("kind", ABSENT), join(path, "kind"), ("risk", "potential")
        )
        label = r.label(keys.get("label", ABSENT), join(path, "label"))
        read = self._indicator(code)
        found = r.each(keys.get("indicators", ABSENT), join(path, "indicators"), read)
        return Domain(code, kind, label, tuple(i.code for i in found))

    def _indicator(self, domain: str) -> Callable[[Node, str], Indicator]:
        def read(node: Node, path: str) -> Indicator:
            r = self.r
            required = ("code", "label", "polarity", "source")
            keys = r.mapping(node, path, required, self.INDICATOR_OPTIONAL)
            code = r.new_code(keys.get("code", ABSENT), join(path, "code"))
            source = r.one_of(keys.get("source", ABSENT), join(path, "source"), SOURCES)
            indicator = Indicator(
                code=code,
                domain=domain,
                label=r.label(keys.get("label", ABSENT), join(path, "label")),
                polarity=r.whole(
                    keys.get("polarity", ABSENT), join(path, "polarity"), -1, 1, 1
                ),
                source=source,
                component=self._component(keys.get("component", ABSENT), path),
                unit=self._unit(keys, path, source),
                value_label=self._value_label(keys, path, source),
                items=self._items(keys, path, code, source),
                checklist=self._checklist(keys, path, source),
            )
            if code:
                self.indicators[code] = indicator
            return indicator

        return read

    def _component(self, node: Node, path: str) -> str | None:
        if node is ABSENT:
            return None
        code = self.r.text(node, join(path, "component"))
        if code and code not in self.components:
            message = f"there is no component {code!r} under 'components'"
            self.r.fail(node, join(path, "component"), "unknown_component", message)
        return code or None

    def _only_for(
        self, keys: dict[str, Node], key: str, path: str, source: str, wanted: set[str]
    ) -> Node:
        node = keys.get(key, ABSENT)
        if source and source not in wanted and node is not ABSENT:
            message = f"{key!r} does not apply to a {source} indicator"
            self.r.fail(node, join(path, key), "unexpected_key", message)
            return ABSENT
        if source in wanted and node is ABSENT:
            message = f"a {source} indicator needs {key!r}"
            self.r.fail(Node(None, _line(keys)), path, "missing_key", message)
        return node

    def _unit(self, keys: dict[str, Node], path: str, source: str) -> str | None:
        node = self._only_for(keys, "unit", path, source, {"statistics"})
        if node is ABSENT:
            return None
        return self.r.one_of(node, join(path, "unit"), UNITS) or None

    def _value_label(
        self, keys: dict[str, Node], path: str, source: str
    ) -> Label | None:
        node = self._only_for(keys, "value_label", path, source, {"statistics"})
        return None if node is ABSENT else self.r.label(node, join(path, "value_label"))

    def _items(
        self, keys: dict[str, Node], path: str, indicator: str, source: str
    ) -> tuple[str, ...]:
        node = self._only_for(keys, "items", path, source, {"survey"})
        items = self.r.each(node, join(path, "items"), self._item(indicator))
        if node is not ABSENT and len(items) < self.rule.min_items:
            message = (
                f"a survey indicator needs at least {self.rule.min_items} items "
                f"(the scale rule), this one has {len(items)}"
            )
            self.r.fail(
                node,
                join(path, "items"),
                "too_few_items",
                message,
                value=len(items),
                expected=str(self.rule.min_items),
            )
        return tuple(item.code for item in items)

    def _item(self, indicator: str) -> Callable[[Node, str], Item]:
        def read(node: Node, path: str) -> Item:
            r = self.r
            keys = r.mapping(node, path, ("code", "scale", "label"), ("reverse",))
            code = r.new_code(keys.get("code", ABSENT), join(path, "code"))
            scale = r.text(keys.get("scale", ABSENT), join(path, "scale"))
            if scale and scale not in self.scales:
                message = f"there is no scale {scale!r} under 'scales'"
                r.fail(keys["scale"], join(path, "scale"), "unknown_scale", message)
            item = Item(
                code,
                indicator,
                r.label(keys.get("label", ABSENT), join(path, "label")),
                scale,
                r.flag(keys.get("reverse", ABSENT), join(path, "reverse")),
            )
            if code:
                self.items[code] = item
            return item

        return read

    def _checklist(
        self, keys: dict[str, Node], path: str, source: str
    ) -> tuple[Criterion, ...]:
        node = self._only_for(keys, "checklist", path, source, {"expert", "audit"})
        return tuple(
            self.r.each(node, join(path, "checklist"), self._criterion, minimum=1)
        )

    def _criterion(self, node: Node, path: str) -> Criterion:
        keys = self.r.mapping(node, path, ("code", "label"))
        code = self.r.code(keys.get("code", ABSENT), join(path, "code"), CHOICE)
        return Criterion(code, self.r.label(keys.get("label", ABSENT), path + ".label"))


def _line(keys: dict[str, Node]) -> int:
    return min((node.line for node in keys.values()), default=0)


def _question(r: Reader, section: str) -> Callable[[Node, str], Question]:
    kinds = {
        "design": ("text", "weight"),
        "profile": ("select_one", "settlement"),
        "open": ("text",),
    }[section]

    def read(node: Node, path: str) -> Question:
        optional = ("type", "choices", "other", "asked", "keep_text")
        keys = r.mapping(node, path, ("code", "label"), optional)
        code = r.new_code(keys.get("code", ABSENT), join(path, "code"))
        kind_node = keys.get("type", Node(kinds[0], 0))
        kind = r.one_of(kind_node, join(path, "type"), kinds)
        choices: list[Choice] = []
        if kind == "select_one":
            choices = _choices(r, keys.get("choices", ABSENT), join(path, "choices"))
        other = keys.get("other", ABSENT)
        asked = keys.get("asked", ABSENT)
        return Question(
            code=code,
            kind=kind,
            label=r.label(keys.get("label", ABSENT), join(path, "label")),
            choices=tuple(choices),
            other=None if other is ABSENT else _choice(r)(other, join(path, "other")),
            keep_text=r.flag(keys.get("keep_text", ABSENT), join(path, "keep_text")),
            asked=True if asked is ABSENT else r.flag(asked, join(path, "asked")),
        )

    return read


def _risk(r: Reader, indicators: dict[str, Indicator]) -> Callable[[Node, str], Risk]:
    def read(node: Node, path: str) -> Risk:
        keys = r.mapping(node, path, ("code", "label", "evidence"))
        code = r.new_code(keys.get("code", ABSENT), join(path, "code"))
        evidence = _indicator_codes(
            r, keys.get("evidence", ABSENT), join(path, "evidence"), indicators
        )
        label = r.label(keys.get("label", ABSENT), join(path, "label"))
        return Risk(code, label, evidence)

    return read


def _indicator_codes(
    r: Reader, node: Node, path: str, indicators: dict[str, Indicator]
) -> tuple[str, ...]:
    codes = []
    for index, entry in enumerate(r.sequence(node, path, minimum=1)):
        code = r.text(entry, f"{path}[{index}]")
        if code and code not in indicators:
            message = f"there is no indicator {code!r}"
            r.fail(entry, f"{path}[{index}]", "unknown_indicator", message, value=code)
        codes.append(code)
    return tuple(codes)


def _risk_perception(r: Reader, node: Node, risks: list[Risk]) -> Question:
    path = "risk_perception"
    required = ("code", "label", "max_choices", "constraint_message")
    keys = r.mapping(node, path, required)
    code = r.new_code(keys.get("code", ABSENT), join(path, "code"))
    label = r.label(keys.get("label", ABSENT), join(path, "label"))
    most = r.whole(
        keys.get("max_choices", ABSENT),
        join(path, "max_choices"),
        1,
        max(len(risks), 1),
        1,
    )
    choices = tuple(Choice(risk.code, risk.label) for risk in risks)
    _unique_labels(r, Node(None, 0), "risks", [risk.label for risk in risks])
    message = r.label(
        keys.get("constraint_message", ABSENT), join(path, "constraint_message")
    )
    return Question(
        code,
        "select_multiple",
        label,
        choices,
        max_choices=most,
        constraint_message=message,
    )


def _index(
    r: Reader, indicators: dict[str, Indicator], components: set[str]
) -> Callable[[Node, str], FrameworkIndex]:
    def part(node: Node, path: str) -> FrameworkIndexPart:
        optional = ("component", "dimension", "flip", "label")
        keys = r.mapping(node, path, ("indicators",), optional)
        component = keys.get("component", ABSENT)
        name = r.text(component, join(path, "component")) or None
        if name is not None and name not in components:
            message = f"there is no component {name!r} under 'components'"
            r.fail(component, join(path, "component"), "unknown_component", message)
        dimension = keys.get("dimension", ABSENT)
        label = keys.get("label", ABSENT)
        return FrameworkIndexPart(
            indicators=_indicator_codes(
                r, keys.get("indicators", ABSENT), join(path, "indicators"), indicators
            ),
            component=name,
            dimension=None
            if dimension is ABSENT
            else r.code(dimension, join(path, "dimension"), CHOICE),
            flip=r.flag(keys.get("flip", ABSENT), join(path, "flip")),
            label=None if label is ABSENT else r.label(label, join(path, "label")),
        )

    def read(node: Node, path: str) -> FrameworkIndex:
        keys = r.mapping(node, path, ("code", "label", "method", "parts"))
        code = r.new_code(keys.get("code", ABSENT), join(path, "code"))
        method = r.one_of(
            keys.get("method", ABSENT),
            join(path, "method"),
            ("arithmetic", "mean_of_component_means", "inform_geometric"),
        )
        parts = r.each(keys.get("parts", ABSENT), join(path, "parts"), part, minimum=1)
        label = r.label(keys.get("label", ABSENT), join(path, "label"))
        return FrameworkIndex(code, label, method, tuple(parts))

    return read


def _check_labels(r: Reader, labelled: Sequence[Item | Question]) -> None:
    """Labels identify questions in a labels export: two questions may not share one."""
    for language in ("uk", "en"):
        seen: dict[str, str] = {}
        for entry in labelled:
            text = entry.label.text(language).casefold()
            if text and text in seen:
                message = f"{entry.code} has the same {language} label as {seen[text]}"
                line = Node(None, r.codes.get(entry.code, 0))
                r.fail(line, entry.code, "duplicate_label", message, value=text)
            seen.setdefault(text, entry.code)
