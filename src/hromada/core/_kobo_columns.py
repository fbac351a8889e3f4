"""Which column of an export holds which question of the framework.

KoboToolbox names columns by XML name or by label, with or without group paths
(``safety/S1a``, ``Безпека/Я почуваюся…``); a select_multiple question has a
summary column and one 0/1 column per option (``R1/RK01``). ODK Central joins
group paths with ``-`` (``safety-S1a``). Labels are matched in Ukrainian and
English, ignoring case, spacing and the shape of apostrophes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hromada.core._framework import Framework, Label
from hromada.core._xlsform import VERSION_FIELD, Settlement

# Submission ids, most trusted first: Kobo's column, then the instance id that
# Kobo and ODK Central both carry (``uuid:`` prefixed).
UUID_COLUMNS = ("_uuid", "meta/instanceID", "meta-instanceID", "KEY", "instanceID")
VERSION_COLUMNS = ("__version__", "_version_", "FormVersion")
SUBMITTED_COLUMNS = ("_submission_time", "SubmissionDate")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


def normalise(text: str) -> str:
    """A label as compared: case-folded, single spaces, plain apostrophes."""
    return " ".join(text.translate(_APOSTROPHES).casefold().split())


@dataclass(frozen=True, slots=True)
class Target:
    """What a column holds: a question (``option`` None) or one option's 0/1."""

    code: str
    option: str | None = None


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """The export's columns matched to the framework.

    ``questions`` maps a question code to the column position of its answers;
    ``options`` maps (code, option) to the position of a 0/1 column; ``uuid``,
    ``version`` (``__version__`` and the like, in order of trust),
    ``framework_version`` and ``submitted`` locate the system columns;
    ``duplicates`` lists (header, target code) for a second column of one
    question; ``ignored`` the headers that mean nothing to the framework.
    """

    questions: dict[str, int]
    options: dict[tuple[str, str], int]
    uuid: int | None
    version: tuple[int, ...]
    framework_version: int | None
    submitted: int | None
    duplicates: tuple[tuple[int, str], ...]
    ignored: tuple[str, ...]


class Matcher:
    """Finds the framework question a header names."""

    def __init__(
        self, framework: Framework, settlements: Sequence[Settlement] = ()
    ) -> None:
        self.by_name: dict[str, Target] = {}
        self.by_label: dict[str, Target] = {}
        labels: list[tuple[str, Label]] = [
            (item.code, item.label) for item in framework.items.values()
        ]
        for question in framework.questions():
            labels.append((question.code, question.label))
        for code, label in labels:
            self.by_name[code] = Target(code)
            self._labels(label, Target(code))
        multiple = framework.risk_perception
        for choice in multiple.choices:
            target = Target(multiple.code, choice.name)
            self.by_name[f"{multiple.code}/{choice.name}"] = target
            for language in ("uk", "en"):
                key = f"{multiple.label.text(language)}/{choice.label.text(language)}"
                self.by_label[normalise(key)] = target

    def _labels(self, label: Label, target: Target) -> None:
        for language in ("uk", "en"):
            self.by_label.setdefault(normalise(label.text(language)), target)

    def match(self, header: str) -> Target | None:
        """The question or option a header names, or None."""
        parts = re.split(r"[/-]", header)
        for size in (2, 1):
            if len(parts) >= size:
                key = "/".join(parts[-size:])
                if key in self.by_name:
                    return self.by_name[key]
        segments = header.split("/")
        for start in range(len(segments)):
            key = normalise("/".join(segments[start:]))
            if key in self.by_label:
                return self.by_label[key]
        return None


def map_columns(header: Sequence[str], matcher: Matcher) -> ColumnMap:
    """Locate every question, option and system column of a header row."""
    questions: dict[str, int] = {}
    options: dict[tuple[str, str], int] = {}
    duplicates: list[tuple[int, str]] = []
    ignored: list[str] = []
    system = {name: header.index(name) for name in set(header) if _system(name)}
    for position, name in enumerate(header):
        if name in system or not name:
            continue
        target = matcher.match(name)
        if target is None:
            ignored.append(name)
        elif target.option is None:
            _place(questions, target.code, position, duplicates)
        else:
            _place(options, (target.code, target.option), position, duplicates)
    return ColumnMap(
        questions=questions,
        options=options,
        uuid=_first(system, UUID_COLUMNS),
        version=tuple(system[name] for name in VERSION_COLUMNS if name in system),
        framework_version=_framework_version(header),
        submitted=_first(system, SUBMITTED_COLUMNS),
        duplicates=tuple(duplicates),
        ignored=tuple(ignored),
    )


def _system(name: str) -> bool:
    known = (*UUID_COLUMNS, *VERSION_COLUMNS, *SUBMITTED_COLUMNS)
    return name in known or _is_version_field(name)


def _is_version_field(name: str) -> bool:
    return re.split(r"[/-]", name)[-1] == VERSION_FIELD


def _framework_version(header: Sequence[str]) -> int | None:
    return next((i for i, name in enumerate(header) if _is_version_field(name)), None)


def _first(system: dict[str, int], names: Sequence[str]) -> int | None:
    return next((system[name] for name in names if name in system), None)


def _place(
    found: dict[str, int] | dict[tuple[str, str], int],
    key: str | tuple[str, str],
    position: int,
    duplicates: list[tuple[int, str]],
) -> None:
    if key in found:
        duplicates.append((position, key if isinstance(key, str) else "/".join(key)))
    else:
        found[key] = position  # type: ignore[index]
