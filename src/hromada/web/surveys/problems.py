"""Problems found in a file, worded for a person in Ukrainian or English.

The core gives a stable code and the place (row and column, or line and key);
this module turns them into sentences and caps the list with an "and N more"
line, so a facilitator sees what to fix first.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hromada import core

SHOWN = 20

MESSAGES: dict[str, Promise] = {
    # Reading the file.
    "too_large": gettext_lazy("The file is larger than %(expected)s MB."),
    "empty": gettext_lazy("The file is empty."),
    "unreadable": gettext_lazy(
        "The file cannot be read: it is damaged, truncated or not a spreadsheet. "
        "Export it again."
    ),
    "encoding": gettext_lazy(
        "The file is not in UTF-8 (it looks like %(value)s). Download the export "
        "again, or save it as “CSV UTF-8”."
    ),
    "ragged_row": gettext_lazy("The row has more cells than the header."),
    "formula": gettext_lazy(
        "The cell holds a spreadsheet formula; an export holds values only."
    ),
    "too_many_rows": gettext_lazy(
        "The file has %(value)s rows; at most %(expected)s are accepted."
    ),
    "no_rows": gettext_lazy("The file has a header but no rows."),
    # The survey export.
    "missing_column": gettext_lazy("The file has no column “%(expected)s”."),
    "duplicate_column": gettext_lazy("This is a second column for %(value)s."),
    "missing_value": gettext_lazy("The value is missing."),
    "duplicate_uuid": gettext_lazy("The submission id “%(value)s” is repeated."),
    "missing_version": gettext_lazy(
        "The submission does not record its form version (expected “%(expected)s”)."
    ),
    "wrong_version": gettext_lazy(
        "The submission comes from form version “%(value)s”, not “%(expected)s” "
        "of this assessment. Download the form from this assessment."
    ),
    "unknown_choice": gettext_lazy(
        "“%(value)s” is not one of the answers of this question."
    ),
    "not_binary": gettext_lazy("Expected 0 or 1, found “%(value)s”."),
    "too_many_choices": gettext_lazy("More than %(expected)s answers are chosen."),
    "not_a_number": gettext_lazy("“%(value)s” is not a number."),
    "not_positive": gettext_lazy("“%(value)s”: the number must be above 0."),
    "too_long": gettext_lazy("The text is longer than %(expected)s characters."),
    "imported_elsewhere": gettext_lazy(
        "This submission is already imported into round %(expected)s."
    ),
    # Official statistics.
    "unknown_indicator": gettext_lazy("“%(value)s” is not a known indicator."),
    "bad_period": gettext_lazy("“%(value)s” is not a year such as 2024."),
    "duplicate_row": gettext_lazy("%(value)s is given twice."),
    # Framework files.
    "yaml_syntax": gettext_lazy("The YAML is not valid here."),
    "duplicate_key": gettext_lazy("The key appears twice."),
    "wrong_type": gettext_lazy("The value has the wrong type (“%(value)s”)."),
    "missing_key": gettext_lazy("The key “%(expected)s” is missing."),
    "unknown_key": gettext_lazy("Unknown key."),
    "unexpected_key": gettext_lazy("This key does not apply to this indicator."),
    "bad_code": gettext_lazy("“%(value)s” is not a valid code."),
    "duplicate_code": gettext_lazy("The code “%(value)s” is already used."),
    "reserved_code": gettext_lazy("The code “%(value)s” is reserved."),
    "missing_label": gettext_lazy("The text is empty."),
    "duplicate_label": gettext_lazy("The label “%(value)s” is used twice."),
    "unknown_scale": gettext_lazy("There is no such scale."),
    "unknown_component": gettext_lazy("There is no such component."),
    "unknown_value": gettext_lazy("“%(value)s” is not an allowed value."),
    "too_few_items": gettext_lazy(
        "A survey indicator needs at least %(expected)s items; this one has %(value)s."
    ),
    "too_few": gettext_lazy("The list needs at least %(expected)s entries."),
    "bad_range": gettext_lazy("Expected [low, high] with low below high."),
    "bad_choice": gettext_lazy(
        "A choice has a value or is “hard to say”, not both and not neither."
    ),
    "out_of_range": gettext_lazy("“%(value)s” is out of range."),
    "bad_value": gettext_lazy("The value cannot be read."),
    "recursive_alias": gettext_lazy("An alias refers to itself."),
    "too_deep": gettext_lazy("The file nests too deeply."),
    "version_exists": gettext_lazy("Version %(value)s is already stored."),
}


def describe(problem: core.Problem, *, lines: bool = False) -> str:
    """One problem as a sentence, starting with where it is."""
    template = MESSAGES.get(problem.code)
    params = {
        "value": problem.value or "",
        "expected": problem.expected or "",
    }
    text = str(template) % params if template is not None else problem.message
    return _place(problem, lines) + text


def _place(problem: core.Problem, lines: bool) -> str:
    row, column = problem.row, problem.column
    if lines:
        if row is not None and column is not None:
            return _("Line %(row)s (%(column)s): ") % {"row": row, "column": column}
        return _("Line %(row)s: ") % {"row": row} if row is not None else ""
    if row is not None and column is not None:
        return _("Row %(row)s, column “%(column)s”: ") % {"row": row, "column": column}
    if row is not None:
        return _("Row %(row)s: ") % {"row": row}
    if column is not None:
        return _("Column “%(column)s”: ") % {"column": column}
    return ""


def describe_all(
    problems: Sequence[core.Problem], total: int, *, lines: bool = False
) -> list[str]:
    """The first problems as sentences, and a last line counting the rest."""
    shown = [describe(problem, lines=lines) for problem in problems[:SHOWN]]
    rest = total - len(shown)
    if rest > 0:
        shown.append(
            ngettext(
                "…and %(count)s more problem.", "…and %(count)s more problems.", rest
            )
            % {"count": rest}
        )
    return shown


def from_error(error: core.InputError) -> core.Problem:
    """A core refusal raised as an exception, as a problem to word."""
    return core.Problem(error.code, error.message, error.row, error.column)
