"""The resident survey as an XLSForm, made from a framework version.

The sheets are DataFrames; writing them to an .xlsx file is the caller's job.
Question names are the framework's codes, so an export of the form carries them
as its column names, and every submission records the framework version twice:
in the form's ``version`` (Kobo's ``__version__``, ODK Central's ``FormVersion``)
and in the ``framework_version`` calculate, read first, since a server may record
its own deployment id as the version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from hromada.core._errors import InputError
from hromada.core._framework import Choice, Framework, Label, Question
from hromada.core._framework_reader import CHOICE

LANGUAGES = {"uk": "Українська (uk)", "en": "English (en)"}
VERSION_FIELD = "framework_version"
# Group names are paths in export headers (``safety/S1a``): short and fixed.
GROUP_NAMES = {"S": "safety", "C": "community"}


@dataclass(frozen=True, slots=True)
class Settlement:
    """A settlement or starosta district of the community (a D6 choice)."""

    code: str
    label: Label


@dataclass(frozen=True, slots=True)
class XLSForm:
    """The three sheets of an XLSForm.

    Attributes
    ----------
    survey : DataFrame
        ``type, name, label::<language>…, required, constraint,
        constraint_message::<language>…, calculation``; one row per question,
        group boundary or metadata field, in form order.
    choices : DataFrame
        ``list_name, name, label::<language>…``.
    settings : DataFrame
        One row: ``form_title, form_id, version, default_language``.
    """

    survey: pd.DataFrame
    choices: pd.DataFrame
    settings: pd.DataFrame

    def sheets(self) -> dict[str, pd.DataFrame]:
        """Sheet name → table, in XLSForm order."""
        return {
            "survey": self.survey,
            "choices": self.choices,
            "settings": self.settings,
        }


def group_name(domain: str) -> str:
    """The XLSForm group of a domain's items."""
    return GROUP_NAMES.get(domain, domain.lower())


class _Builder:
    def __init__(self, framework: Framework, languages: Sequence[str]) -> None:
        self.framework = framework
        self.languages = tuple(languages)
        self.survey: list[dict[str, str]] = []
        self.choices: list[dict[str, str]] = []
        self.lists: set[str] = set()

    def labels(self, label: Label, prefix: str = "label") -> dict[str, str]:
        return {
            f"{prefix}::{LANGUAGES[code]}": label.text(code) for code in self.languages
        }

    def row(
        self, kind: str, name: str = "", label: Label | None = None, **extra: str
    ) -> None:
        labels = self.labels(label) if label else {}
        self.survey.append({"type": kind, "name": name, **labels, **extra})

    def choice_list(self, name: str, choices: Sequence[Choice]) -> str:
        if name not in self.lists:
            self.lists.add(name)
            for choice in choices:
                self.choices.append(
                    {
                        "list_name": name,
                        "name": choice.name,
                        **self.labels(choice.label),
                    }
                )
        return name

    def group(self, name: str, label: Label, questions: Sequence[Question]) -> None:
        if not questions:
            return
        self.row("begin_group", name, label)
        for question in questions:
            self.question(question)
        self.row("end_group")

    def question(self, question: Question) -> None:
        if question.kind == "text":
            self.row("text", question.code, question.label)
            return
        required = {"required": "yes"}
        if question.kind == "select_multiple":
            assert question.constraint_message is not None
            listed = self.choice_list(question.code, question.choices)
            self.row(
                f"select_multiple {listed}",
                question.code,
                question.label,
                constraint=f"count-selected(.) <= {question.max_choices}",
                **self.labels(question.constraint_message, "constraint_message"),
                **required,
            )
            return
        listed = self.choice_list(question.code, question.choices)
        self.row(f"select_one {listed}", question.code, question.label, **required)


def xlsform(
    framework: Framework,
    *,
    languages: Sequence[str] = ("uk", "en"),
    settlements: Sequence[Settlement] = (),
    title: str | None = None,
) -> XLSForm:
    """The resident survey of a framework version as XLSForm sheets.

    Parameters
    ----------
    framework : Framework
    languages : sequence of ``"uk"``, ``"en"``
        Label columns, in order; the first is the form's default language.
    settlements : sequence of Settlement
        The community's settlements for D6, in order; an ``other`` choice
        follows them when the framework names one.
    title : str, optional
        ``form_title``; defaults to the framework's title in the first language.

    Returns
    -------
    XLSForm
        Groups: ``interview`` (the asked design columns, such as PSU),
        ``profile`` (D1–D7), one per domain with survey items (``safety``,
        ``community``), ``risks`` (R1, select_multiple with at most
        ``max_choices``) and ``open`` (free text). Items and the profile are
        required; "hard to say" and "prefer not to say" are choices.

    Raises
    ------
    InputError
        ``unknown_language`` for a language other than uk and en, or none;
        ``duplicate_code`` for two settlements with one code.
    """
    _check_languages(languages)
    _check_settlements(framework, settlements)
    build = _Builder(framework, languages)
    build.row("start", "start")
    build.row("end", "end")
    build.row("calculate", VERSION_FIELD, calculation=f"'{framework.form_version}'")
    groups = framework.form_groups
    asked = [q for q in framework.design if q.asked]
    build.group("interview", groups["interview"], asked)
    build.group("profile", groups["profile"], _profile(framework, settlements))
    for domain in framework.domains:
        _domain_group(build, framework, domain.code)
    build.group("risks", groups["risks"], [framework.risk_perception])
    build.group("open", groups["open"], framework.open_questions)
    first = languages[0]
    settings = {
        "form_title": title or framework.title.text(first),
        "form_id": framework.form_id,
        "version": framework.form_version,
        "default_language": LANGUAGES[first],
    }
    return XLSForm(
        _frame(build.survey), _frame(build.choices), pd.DataFrame([settings])
    )


def _check_languages(languages: Sequence[str]) -> None:
    if not languages:
        raise InputError("unknown_language", "name at least one language (uk, en)")
    for code in languages:
        if code not in LANGUAGES or list(languages).count(code) > 1:
            raise InputError(
                "unknown_language",
                f"{code!r} is not a form language or is repeated (uk, en)",
                column=code,
            )


def _check_settlements(framework: Framework, settlements: Sequence[Settlement]) -> None:
    codes = [settlement.code for settlement in settlements]
    for code in codes:
        if not CHOICE.fullmatch(code) or codes.count(code) > 1:
            raise InputError(
                "bad_code",
                f"the settlement code {code!r} is repeated or not a choice name",
                column=code,
            )
    lists = [q for q in framework.profile if q.kind == "settlement"]
    if any(q.other is None for q in lists) and not settlements:
        raise InputError(
            "no_settlements", "the form needs the community's settlements for D6"
        )


def _profile(framework: Framework, settlements: Sequence[Settlement]) -> list[Question]:
    out = []
    for question in framework.profile:
        if question.kind == "settlement":
            choices = [Choice(s.code, s.label) for s in settlements]
            if question.other is not None:
                choices.append(question.other)
            question = Question(
                question.code, "select_one", question.label, tuple(choices)
            )
        out.append(question)
    return out


def _domain_group(build: _Builder, framework: Framework, domain: str) -> None:
    found = next(d for d in framework.domains if d.code == domain)
    items = [
        framework.items[code]
        for indicator in found.indicators
        for code in framework.indicators[indicator].items
    ]
    if not items:
        return
    build.row("begin_group", group_name(domain), found.label)
    for item in items:
        scale = framework.scales[item.scale]
        listed = build.choice_list(scale.code, scale.choices)
        build.row(f"select_one {listed}", item.code, item.label, required="yes")
    build.row("end_group")


def _frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    present = dict.fromkeys(key for row in rows for key in row)
    columns = sorted(present, key=_column_order)
    return pd.DataFrame(rows, columns=columns).fillna("").astype(str)


def _column_order(column: str) -> tuple[int, str]:
    """XLSForm columns in the usual order; languages keep the order asked."""
    if column.startswith("constraint_message::"):
        return (6, "")
    if column.startswith("label::"):
        return (3, "")
    fixed = {"list_name": 0, "type": 1, "name": 2, "required": 4, "constraint": 5}
    return (fixed.get(column, 7), column)
