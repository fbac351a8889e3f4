"""The indicator framework as data: domains → indicators → items, scales, the
respondent profile, the risk catalogue and the indices (indicator-framework.md).

``parse_framework`` (in ``_framework_reader``) builds these from YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hromada.core._scales import ScaleItem

SOURCES = ("survey", "statistics", "expert", "audit")
# Rates per number of residents; minutes are kept as they are.
UNITS: Mapping[str, float | None] = {
    "per_10000": 10_000.0,
    "per_1000": 1_000.0,
    "per_100": 100.0,
    "percent": 100.0,
    "minutes": None,
}


@dataclass(frozen=True, slots=True)
class Label:
    """A text in Ukrainian (primary) and English."""

    uk: str
    en: str

    def text(self, language: str) -> str:
        """The text in ``language`` (``"uk"`` or ``"en"``; anything else is uk)."""
        return self.en if language == "en" else self.uk


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer of a choice list.

    ``name`` is the XLSForm choice name (the XML value in exports); ``value`` the
    score it counts as on a scale (None for nominal lists); ``missing`` marks
    "hard to say" and "prefer not to say", which count as no answer.
    """

    name: str
    label: Label
    value: float | None = None
    missing: bool = False


@dataclass(frozen=True, slots=True)
class Scale:
    """A response scale (L5, F5, YN): its range and its choices."""

    code: str
    label: Label
    low: float
    high: float
    choices: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """A survey item of an indicator; ``reverse`` marks reverse coding."""

    code: str
    indicator: str
    label: Label
    scale: str
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion of an expert or audit checklist."""

    code: str
    label: Label


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator of a domain.

    ``polarity`` is +1 (higher is better), −1 (higher is worse) or 0 (context);
    ``source`` one of ``SOURCES``. Survey indicators list their ``items``;
    statistics have a ``unit`` (a key of ``UNITS``) and say what value to
    enter (``value_label``); expert and audit indicators have a ``checklist``.
    """

    code: str
    domain: str
    label: Label
    polarity: int
    source: str
    component: str | None = None
    unit: str | None = None
    value_label: Label | None = None
    items: tuple[str, ...] = ()
    checklist: tuple[Criterion, ...] = ()


@dataclass(frozen=True, slots=True)
class Component:
    """A component indicators belong to: one of the social components of
    security potential, or a traditional security domain."""

    code: str
    kind: str
    label: Label


@dataclass(frozen=True, slots=True)
class Domain:
    code: str
    kind: str
    label: Label
    indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Question:
    """A question of the form that is not a scale item.

    ``kind``: ``select_one`` (the profile), ``settlement`` (D6: choices from the
    community's list, plus ``other``), ``select_multiple`` (R1, over the risk
    catalogue, at most ``max_choices``), ``text`` (free text, kept only with
    ``keep_text``), ``weight`` (a positive number from the sampling plan).
    ``asked`` is False for design columns that come with the export but are not
    questions of the form.
    """

    code: str
    kind: str
    label: Label
    choices: tuple[Choice, ...] = ()
    other: Choice | None = None
    max_choices: int | None = None
    keep_text: bool = False
    asked: bool = True
    constraint_message: Label | None = None


@dataclass(frozen=True, slots=True)
class Risk:
    """A risk of the catalogue and the indicators that evidence it."""

    code: str
    label: Label
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FrameworkIndexPart:
    """A part of an index: a component, a dimension, or plain indicators."""

    indicators: tuple[str, ...]
    component: str | None = None
    dimension: str | None = None
    flip: bool = False
    label: Label | None = None


@dataclass(frozen=True, slots=True)
class FrameworkIndex:
    code: str
    label: Label
    method: str
    parts: tuple[FrameworkIndexPart, ...]


@dataclass(frozen=True, slots=True)
class ScaleRule:
    """The SCORE convention: ``min_items`` per survey indicator, ``min_valid``
    valid items for a respondent's score, scores in ``[low, high]``."""

    min_items: int
    min_valid: int
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Framework:
    """One version of an indicator framework.

    Attributes
    ----------
    code, version : str
        ``hromada-default``, ``2026.1``; together they name the version.
    scales, indicators, items : mapping by code
    domains, components, profile, design, open_questions, risks, indices : tuple
        In file order.
    form_groups : mapping
        Labels of the form's groups that are not domains: ``interview``,
        ``profile``, ``risks``, ``open``.
    risk_perception : Question
        The select_multiple item over the risk catalogue (R1).
    """

    code: str
    version: str
    title: Label
    scale_rule: ScaleRule
    scales: Mapping[str, Scale]
    components: tuple[Component, ...]
    domains: tuple[Domain, ...]
    indicators: Mapping[str, Indicator]
    items: Mapping[str, Item]
    profile: tuple[Question, ...]
    design: tuple[Question, ...]
    risk_perception: Question
    open_questions: tuple[Question, ...]
    risks: tuple[Risk, ...]
    indices: tuple[FrameworkIndex, ...] = ()
    form_groups: Mapping[str, Label] = field(default_factory=dict)

    @property
    def form_id(self) -> str:
        """The XLSForm ``form_id``: the framework code as an XML name."""
        return self.code.replace("-", "_").replace(".", "_")

    @property
    def form_version(self) -> str:
        """The XLSForm ``version``, recorded in every submission: code and version."""
        return f"{self.code}-{self.version}"

    def questions(self) -> tuple[Question, ...]:
        """Every non-item question in form order: design, profile, R1, open."""
        return (
            *self.design,
            *self.profile,
            self.risk_perception,
            *self.open_questions,
        )

    def question(self, code: str) -> Question:
        """The question ``code`` (KeyError if there is none)."""
        for question in self.questions():
            if question.code == code:
                return question
        raise KeyError(code)

    def scale_items(self, indicator: str) -> tuple[ScaleItem, ...]:
        """The indicator's items as ``ScaleItem`` for ``scale_scores``."""
        out = []
        for code in self.indicators[indicator].items:
            item = self.items[code]
            scale = self.scales[item.scale]
            out.append(ScaleItem(code, scale.low, scale.high, item.reverse))
        return tuple(out)

    def survey_indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators.values() if i.source == "survey")

    def indicators_of(self, source: str) -> tuple[Indicator, ...]:
        """Indicators of one source (``statistics``, ``expert``, ...), in order."""
        return tuple(i for i in self.indicators.values() if i.source == source)
