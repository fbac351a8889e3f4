"""Reading a KoboToolbox or ODK Central export of the resident survey.

``read_kobo_export`` takes the file's bytes and the framework version of the
assessment and returns either a frame of submissions, with every answer turned
into the framework's codes and scores, or every problem found (row and column
named), never both. It writes nothing and raises nothing on bad input, so the
caller can import all or nothing.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from hromada.core._framework import Choice, Framework, Question
from hromada.core._kobo_columns import ColumnMap, Matcher, map_columns, normalise
from hromada.core._problems import Problem, shorten, where
from hromada.core._tables import (
    ObjectArray,
    Table,
    cell_number,
    cell_text,
    read_table,
)
from hromada.core._xlsform import Settlement

MAX_PROBLEMS = 100
TEXT_LIMIT = 2000
# Written by exports for a question that was not relevant (legacy KoboCAT).
NOT_APPLICABLE = "n/a"
_TRUE = {"1", "true"}
_FALSE = {"0", "false"}
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class KoboExport:
    """What ``read_kobo_export`` found: a frame, or problems.

    Attributes
    ----------
    frame : DataFrame or None
        One row per submission, in file order (None when there are problems):

        - ``row`` (int): the spreadsheet row (the header is row 1);
        - ``uuid`` (str): the submission id (``_uuid``, or the instance id
          without its ``uuid:`` prefix);
        - ``version`` (str): the form version the submission records;
        - ``submitted_at`` (str or NaN): as written in the export;
        - one float column per survey item, in framework order: the choice's
          score (L5, F5: 1–5; YN: 0–1), NaN for "hard to say", "prefer not to
          say" or no answer;
        - one str column per profile question (D1–D7): the choice name, NaN
          for "prefer not to say" or no answer;
        - ``R1/RK01`` … one float column per option of the select_multiple
          question: 1 chosen, 0 not chosen, NaN where it was not answered;
        - the free-text questions the framework keeps (``keep_text``) and the
          design columns ``PSU``, ``STRATUM`` (str, NaN when empty or absent)
          and ``W`` (float, NaN when empty or absent).
    problems : tuple of Problem
        In row order, at most ``max_problems``.
    total_problems : int
        All problems found, including those past the cap.
    rows : int
        Data rows in the file (0 when it could not be read).
    format : str or None
        ``xlsx``, ``xls`` or ``csv``.
    versions : tuple of str
        The distinct form versions of the submissions.
    ignored : tuple of str
        Headers that are not framework questions (metadata, other forms'
        questions, "other, specify" text): never kept.
    columns : mapping of str to str
        Framework code (or ``R1/RK01``) → the header it was read from.
    """

    frame: pd.DataFrame | None
    problems: tuple[Problem, ...] = ()
    total_problems: int = 0
    rows: int = 0
    format: str | None = None
    versions: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)


class _Collector:
    """Problems in (row, column) order, capped, with an exact total."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.found: list[tuple[int, int, Problem]] = []
        self.total = 0

    def add(
        self,
        rows: npt.NDArray[np.int64],
        position: int,
        make: Callable[[int], Problem],
    ) -> None:
        self.total += len(rows)
        for row in rows[: self.cap]:
            self.found.append((int(row), position, make(int(row))))

    def structural(self, problem: Problem, position: int = -1) -> None:
        self.total += 1
        self.found.append((problem.row or 0, position, problem))

    def problems(self) -> tuple[Problem, ...]:
        ordered = sorted(self.found, key=lambda entry: (entry[0], entry[1]))
        return tuple(problem for _, _, problem in ordered[: self.cap])


def read_kobo_export(
    blob: bytes,
    framework: Framework,
    *,
    settlements: Sequence[Settlement] = (),
    max_rows: int | None = None,
    max_bytes: int | None = None,
    max_problems: int = MAX_PROBLEMS,
    form_version: str | None = None,
) -> KoboExport:
    """Read a Kobo or ODK Central export of the framework's resident survey.

    Parameters
    ----------
    blob : bytes
        The export file: XLSX (or XLS) or CSV (``;`` or ``,`` separated,
        quoted or not, UTF-8), with XML values or labels (Ukrainian or
        English), with or without group paths (``group/q``, ODK Central's
        ``group-q``), select_multiple as a summary column and/or ``q/option``
        0/1 columns, an optional HXL hashtag row, and the system columns.
    framework : Framework
        The assessment's framework version: every submission must record it
        (``framework_version``, else ``__version__``/``FormVersion``).
    settlements : sequence of Settlement
        The community's D6 choices, as in its form.
    max_rows, max_bytes : int, optional
        Limits checked before the rows are read.
    max_problems : int
        Problems kept (the total is counted in full).
    form_version : str, optional
        The version every submission must record; default the framework's
        ``form_version`` (``hromada-default-2026.1``).

    Returns
    -------
    KoboExport
        ``frame`` or ``problems``. Problem codes: those of ``read_table``;
        ``missing_column`` (a question, the submission id or the form version
        is not in the file), ``duplicate_column``, ``missing_value`` (no
        submission id), ``duplicate_uuid``, ``missing_version``,
        ``wrong_version`` (``expected`` is the framework's form version),
        ``unknown_choice``, ``not_binary`` (an option column that is not 0/1),
        ``too_many_choices``, ``not_a_number``, ``not_positive`` (weights),
        ``too_long`` (free text over 2,000 characters).
    """
    read = read_table(blob, max_rows=max_rows, max_bytes=max_bytes)
    if read.table is None:
        return KoboExport(None, read.problems, len(read.problems))
    table = read.table
    found = _Collector(max_problems)
    columns = map_columns(table.header, Matcher(framework, settlements))
    _check_structure(found, table, columns, framework)
    if found.total:
        return _refused(found, table, columns)
    expected = framework.form_version if form_version is None else form_version
    reader = _Rows(table, framework, settlements, found, expected)
    frame = reader.frame(columns)
    if found.total:
        return _refused(found, table, columns)
    versions = tuple(sorted(set(frame["version"])))
    return KoboExport(
        frame,
        rows=len(table),
        format=table.format,
        versions=versions,
        ignored=columns.ignored,
        columns=_used(table, columns),
    )


def _refused(found: _Collector, table: Table, columns: ColumnMap) -> KoboExport:
    return KoboExport(
        None,
        found.problems(),
        found.total,
        rows=len(table),
        format=table.format,
        ignored=columns.ignored,
        columns=_used(table, columns),
    )


def _used(table: Table, columns: ColumnMap) -> dict[str, str]:
    used = {code: table.header[i] for code, i in columns.questions.items()}
    for (code, option), position in columns.options.items():
        used[f"{code}/{option}"] = table.header[position]
    return used


def _check_structure(
    found: _Collector, table: Table, columns: ColumnMap, framework: Framework
) -> None:
    def missing(name: str, what: str) -> None:
        message = f"{where(1, name)}the file has no column for {what}"
        found.structural(Problem("missing_column", message, 1, name, expected=name))

    if columns.uuid is None:
        missing("_uuid", "the submission id (_uuid, meta/instanceID or KEY)")
    if not columns.version and columns.framework_version is None:
        missing("__version__", "the form version (__version__ or FormVersion)")
    for code in _required(framework):
        if code not in columns.questions:
            missing(code, f"question {code}")
    multiple = framework.risk_perception
    present = [
        c.name for c in multiple.choices if (multiple.code, c.name) in columns.options
    ]
    if present:
        for choice in multiple.choices:
            if choice.name not in present:
                missing(f"{multiple.code}/{choice.name}", f"option {choice.name}")
    elif multiple.code not in columns.questions:
        missing(multiple.code, f"question {multiple.code}")
    for position, code in columns.duplicates:
        header = table.header[position]
        message = f"{where(1, header)}a second column for {code}"
        found.structural(
            Problem("duplicate_column", message, 1, header, code), position
        )


def _required(framework: Framework) -> list[str]:
    return [*framework.items, *(q.code for q in framework.profile)]


class _Rows:
    """Checks and converts the cells of the mapped columns."""

    def __init__(
        self,
        table: Table,
        framework: Framework,
        settlements: Sequence[Settlement],
        found: _Collector,
        expected: str,
    ) -> None:
        self.expected = expected
        self.table = table
        self.framework = framework
        self.settlements = settlements
        self.found = found

    def frame(self, columns: ColumnMap) -> pd.DataFrame:
        table = self.table
        assert columns.uuid is not None
        data: dict[str, npt.NDArray[np.generic]] = {"row": table.rows}
        data["uuid"] = self._uuids(columns.uuid)
        data["version"] = self._versions(columns)
        submitted = columns.submitted
        data["submitted_at"] = self._texts(submitted, "submitted_at", limit=None)
        for code, item in self.framework.items.items():
            scale = self.framework.scales[item.scale]
            data[code] = self._choices(
                columns.questions[code], code, scale.choices, True
            )
        for question in self.framework.profile:
            choices = self._profile_choices(question)
            position = columns.questions[question.code]
            data[question.code] = self._choices(position, question.code, choices, False)
        data.update(self._multiple(columns))
        kept = [q for q in self.framework.open_questions if q.keep_text]
        for question in (*kept, *self.framework.design):
            found = columns.questions.get(question.code)
            if question.kind == "weight":
                data[question.code] = self._weights(found)
            else:
                data[question.code] = self._texts(found, question.code)
        return pd.DataFrame({name: _series(v) for name, v in data.items()})

    # -- cells ---------------------------------------------------------------

    def _column(self, position: int) -> ObjectArray:
        return self.table.columns[position]

    def _problem(
        self,
        rows: npt.NDArray[np.int64],
        position: int,
        code: str,
        message: str,
        value: object = None,
        expected: str | None = None,
    ) -> None:
        header = self.table.header[position]
        shown = None if value is None else shorten(value)

        def make(row: int) -> Problem:
            return Problem(
                code, where(row, header) + message, row, header, shown, expected
            )

        self.found.add(rows, position, make)

    def _rows_where(self, mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
        return self.table.rows[mask]

    def _uuids(self, position: int) -> ObjectArray:
        keys = np.array([_uuid(cell) for cell in self._column(position)], dtype=object)
        empty = np.array([key is None for key in keys], dtype=bool)
        if empty.any():
            self._problem(
                self._rows_where(empty),
                position,
                "missing_value",
                "the submission has no id",
            )
        seen = pd.Series(keys, dtype=object)
        repeated = (seen.duplicated(keep="first") & ~empty).to_numpy(dtype=bool)
        if repeated.any():
            first = dict(zip(keys[::-1], self.table.rows[::-1], strict=True))
            for index in np.flatnonzero(repeated):
                self._problem(
                    self.table.rows[index : index + 1],
                    position,
                    "duplicate_uuid",
                    f"the submission id is repeated (first on row "
                    f"{first[keys[index]]})",
                    keys[index],
                )
        return keys

    def _versions(self, columns: ColumnMap) -> ObjectArray:
        expected = self.expected
        count = len(self.table)
        versions = np.full(count, None, dtype=object)
        sources = np.full(count, -1, dtype=np.int64)
        order = [columns.framework_version, *columns.version]
        for position in (p for p in order if p is not None):
            keys = np.array(
                [cell_text(cell) for cell in self._column(position)], dtype=object
            )
            fill = np.array([v is None for v in versions]) & np.array(
                [k is not None for k in keys]
            )
            versions[fill] = keys[fill]
            sources[fill] = position
        fallback = order[0] if order[0] is not None else columns.version[0]
        absent = sources < 0
        if absent.any():
            self._problem(
                self._rows_where(absent),
                fallback,
                "missing_version",
                "the submission does not record its form version",
                expected=expected,
            )
        wrong = ~absent & (versions != expected)
        for position in np.unique(sources[wrong]):
            at = wrong & (sources == position)
            for value in pd.unique(versions[at]):
                self._problem(
                    self._rows_where(at & (versions == value)),
                    int(position),
                    "wrong_version",
                    f"the submission comes from form version {value!r}, "
                    f"not {expected!r} of this assessment",
                    value,
                    expected,
                )
        return versions

    def _choices(
        self, position: int, code: str, choices: Sequence[Choice], scored: bool
    ) -> npt.NDArray[np.float64] | ObjectArray:
        lookup = _choice_lookup(choices)
        codes, uniques = pd.factorize(self._column(position), use_na_sentinel=True)
        results: list[object] = []
        missing: object = np.nan if scored else None
        for index, cell in enumerate(uniques):
            key = cell_text(cell)
            choice = None if key is None else _find(lookup, key)
            if key is not None and choice is None:
                self._problem(
                    self._rows_where(codes == index),
                    position,
                    "unknown_choice",
                    f"{shorten(key)!r} is not an answer of {code}",
                    key,
                )
            results.append(_answer(choice, scored, missing))
        results.append(missing)
        codes = np.where(codes < 0, len(results) - 1, codes)
        out = np.array(results, dtype=np.float64 if scored else object)
        return out[codes]

    def _profile_choices(self, question: Question) -> tuple[Choice, ...]:
        if question.kind != "settlement":
            return question.choices
        listed = tuple(Choice(s.code, s.label) for s in self.settlements)
        return listed + ((question.other,) if question.other is not None else ())

    def _multiple(self, columns: ColumnMap) -> dict[str, FloatArray]:
        question = self.framework.risk_perception
        names = [choice.name for choice in question.choices]
        count = len(self.table)
        if (question.code, names[0]) in columns.options:
            matrix = np.column_stack(
                [self._binary(columns.options[(question.code, n)]) for n in names]
            )
            anchor = columns.options[(question.code, names[0])]
        else:
            anchor = columns.questions[question.code]
            matrix = self._summary(anchor, question)
        answered = np.asarray(~np.isnan(matrix).all(axis=1), dtype=bool)
        matrix = np.where(answered[:, None], np.nan_to_num(matrix), np.nan)
        chosen = np.nansum(matrix, axis=1)
        most = question.max_choices or len(names)
        over = chosen > most
        if over.any():
            self._problem(
                self._rows_where(over),
                anchor,
                "too_many_choices",
                f"more than {most} answers are chosen",
                expected=str(most),
            )
        assert matrix.shape == (count, len(names))
        return {
            f"{question.code}/{name}": matrix[:, index]
            for index, name in enumerate(names)
        }

    def _binary(self, position: int) -> FloatArray:
        codes, uniques = pd.factorize(self._column(position), use_na_sentinel=True)
        results = []
        for index, cell in enumerate(uniques):
            key = cell_text(cell)
            folded = None if key is None else key.casefold()
            if folded is None or folded == NOT_APPLICABLE:
                results.append(np.nan)
            elif folded in _TRUE or folded in _FALSE:
                results.append(1.0 if folded in _TRUE else 0.0)
            else:
                self._problem(
                    self._rows_where(codes == index),
                    position,
                    "not_binary",
                    "expected 0 or 1",
                    key,
                )
                results.append(np.nan)
        results.append(np.nan)
        codes = np.where(codes < 0, len(results) - 1, codes)
        return np.array(results, dtype=np.float64)[codes]

    def _summary(self, position: int, question: Question) -> FloatArray:
        names = [choice.name for choice in question.choices]
        lookup = _choice_lookup(question.choices)
        matrix = np.full((len(self.table), len(names)), np.nan)
        codes, uniques = pd.factorize(self._column(position), use_na_sentinel=True)
        for index, cell in enumerate(uniques):
            key = cell_text(cell)
            if key is None:
                continue
            picked, unknown = _split_choices(key, lookup)
            if unknown is not None:
                self._problem(
                    self._rows_where(codes == index),
                    position,
                    "unknown_choice",
                    f"{shorten(unknown)!r} is not an answer of {question.code}",
                    unknown,
                )
                continue
            row = np.array([1.0 if name in picked else 0.0 for name in names])
            matrix[codes == index] = row
        return matrix

    def _texts(
        self, position: int | None, code: str, *, limit: int | None = TEXT_LIMIT
    ) -> ObjectArray:
        if position is None:
            return np.full(len(self.table), None, dtype=object)
        keys = np.array(
            [cell_text(cell) for cell in self._column(position)], dtype=object
        )
        if limit is not None:
            long = np.array(
                [k is not None and len(k) > limit for k in keys], dtype=bool
            )
            if long.any():
                self._problem(
                    self._rows_where(long),
                    position,
                    "too_long",
                    f"the text is longer than {limit} characters",
                    expected=str(limit),
                )
        return keys

    def _weights(self, position: int | None) -> FloatArray:
        count = len(self.table)
        if position is None:
            return np.full(count, np.nan)
        out = np.full(count, np.nan)
        for index, cell in enumerate(self._column(position)):
            key = cell_text(cell)
            if key is None:
                continue
            number = cell_number(cell, key)
            rows = self.table.rows[index : index + 1]
            if number is None:
                self._problem(rows, position, "not_a_number", "expected a number", key)
            elif number <= 0:
                self._problem(
                    rows, position, "not_positive", "a weight must be above 0", key
                )
            else:
                out[index] = number
        return out


def _series(values: npt.NDArray[np.generic]) -> object:
    """Numbers stay numpy; text becomes pandas' string dtype (missing = NaN)."""
    if values.dtype.kind in "fi":
        return values
    return pd.Series(values, dtype="str")


def _uuid(cell: object) -> str | None:
    key = cell_text(cell)
    if key is None:
        return None
    return key[5:].strip() or None if key.lower().startswith("uuid:") else key


def _choice_lookup(choices: Sequence[Choice]) -> dict[str, Choice]:
    lookup: dict[str, Choice] = {}
    for choice in choices:
        for language in ("uk", "en"):
            lookup.setdefault(normalise(choice.label.text(language)), choice)
    # Names win over labels: a label equal to another choice's name is rare.
    lookup.update({choice.name: choice for choice in choices})
    return lookup


def _find(lookup: dict[str, Choice], key: str) -> Choice | None:
    if key in lookup:
        return lookup[key]
    return lookup.get(normalise(key))


def _answer(choice: Choice | None, scored: bool, missing: object) -> object:
    if choice is None or choice.missing:
        return missing
    return choice.value if scored else choice.name


def _split_choices(text: str, lookup: dict[str, Choice]) -> tuple[set[str], str | None]:
    """The names in a select_multiple summary: space-separated names, or labels
    joined by spaces (Kobo's labels export), matched longest first."""
    tokens = text.split()
    if all(token in lookup for token in tokens):
        return {lookup[token].name for token in tokens}, None
    rest = normalise(text)
    lookup = {**{normalise(key): choice for key, choice in lookup.items()}, **lookup}
    labels = sorted(lookup, key=len, reverse=True)
    picked: set[str] = set()
    while rest:
        match = next((k for k in labels if rest == k or rest.startswith(k + " ")), None)
        if match is None:
            return picked, rest
        picked.add(lookup[match].name)
        rest = rest[len(match) :].strip()
    return picked, None


def respondent_pseudonyms(uuids: Sequence[str] | pd.Series, key: bytes) -> list[str]:
    """Pseudonymous respondent ids: HMAC-SHA256 of each submission id.

    Parameters
    ----------
    uuids : sequence of str
        Submission ids as ``read_kobo_export`` gives them (no ``uuid:``).
    key : bytes
        The installation's secret pseudonym key; the same id and key always
        give the same pseudonym, so a re-import is recognised, and the id
        cannot be recovered without the key.

    Returns
    -------
    list of str
        32 hex characters each, in the order given.
    """
    return [
        hmac.new(key, str(uuid).lower().encode("utf-8"), hashlib.sha256).hexdigest()[
            :32
        ]
        for uuid in uuids
    ]
