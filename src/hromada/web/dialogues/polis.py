"""Reading a Pol.is export (``votes.csv`` and ``comments.csv``) through the core.

Nothing here touches the database: ``parse_export`` either returns the
statements and the latest vote of each participant on each statement, or
refuses with a translated message naming the file, row and column.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hromada import core
from hromada.web.dialogues.errors import Refused

VOTE_COLUMNS = ("voter-id", "comment-id", "vote", "timestamp")
COMMENT_COLUMNS = ("comment-id", "comment-body")

_PROBLEMS = {
    "empty_votes": gettext_lazy("%(file)s holds no votes."),
    "missing_value": gettext_lazy("%(file)s, row %(row)s: “%(column)s” is empty."),
    "not_a_number": gettext_lazy(
        "%(file)s, row %(row)s: “%(column)s” must be a number."
    ),
    "not_an_id": gettext_lazy(
        "%(file)s, row %(row)s: “%(column)s” must be a whole number, 0 or more."
    ),
    "unknown_vote": gettext_lazy(
        "%(file)s, row %(row)s: “%(column)s” must be 1 (agree), -1 (disagree) or "
        "0 (pass)."
    ),
    "duplicate_statement": gettext_lazy(
        "%(file)s, row %(row)s: this “%(column)s” is listed twice."
    ),
    "unknown_moderation": gettext_lazy(
        "%(file)s, row %(row)s: “%(column)s” must be 1, 0 or -1."
    ),
    "not_a_boolean": gettext_lazy(
        "%(file)s, row %(row)s: “%(column)s” must be true or false."
    ),
}


@dataclass(frozen=True, slots=True)
class ParsedExport:
    """``statements``: statement, moderation, is_meta, text (input order);
    ``votes``: participant, statement, vote, time — the latest per pair."""

    statements: pd.DataFrame
    votes: pd.DataFrame
    sha256: dict[str, str]


def parse_export(
    votes: bytes,
    comments: bytes,
    *,
    votes_name: str = "votes.csv",
    comments_name: str = "comments.csv",
) -> ParsedExport:
    comment_records = _read(comments, comments_name, COMMENT_COLUMNS)
    statements = _parsed(core.parse_polis_statements, comment_records, comments_name)
    statements["text"] = _texts(comment_records, comments_name)
    vote_records = _read(votes, votes_name, VOTE_COLUMNS)
    parsed = _parsed(core.parse_polis_votes, vote_records, votes_name)
    _check_known(parsed, statements, votes_name)
    return ParsedExport(
        statements=statements,
        votes=latest_votes(parsed),
        sha256={
            votes_name: hashlib.sha256(votes).hexdigest(),
            comments_name: hashlib.sha256(comments).hexdigest(),
        },
    )


def latest_votes(votes: pd.DataFrame) -> pd.DataFrame:
    """One row per (participant, statement): the largest time, then the later row."""
    ordered = votes.reset_index(drop=True)
    ordered = ordered.iloc[np.lexsort((np.arange(len(ordered)), ordered["time"]))]
    latest = ordered.drop_duplicates(["participant", "statement"], keep="last")
    return latest.sort_index().reset_index(drop=True)


def _read(data: bytes, name: str, required: tuple[str, ...]) -> pd.DataFrame:
    try:
        text = data.decode("utf-8-sig")
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except UnicodeDecodeError as error:
        raise Refused(
            "not_utf8", _("%(file)s is not UTF-8 text.") % {"file": name}
        ) from error
    except (
        pd.errors.ParserError,
        pd.errors.EmptyDataError,
        csv.Error,
        ValueError,
    ) as e:
        raise Refused(
            "not_csv", _("%(file)s is not a readable CSV file.") % {"file": name}
        ) from e
    frame.columns = [str(c).strip() for c in frame.columns]
    for column in required:
        if column not in frame.columns:
            raise Refused(
                "missing_column",
                _("%(file)s: the column “%(column)s” is missing.")
                % {"file": name, "column": column},
            )
    return frame


def _parsed(
    parse: Callable[[pd.DataFrame], pd.DataFrame], records: pd.DataFrame, name: str
) -> pd.DataFrame:
    try:
        frame = parse(records)
    except core.InputError as error:
        raise refused(error, name) from error
    return frame


def refused(error: core.InputError, name: str) -> Refused:
    template = _PROBLEMS.get(error.code)
    if template is None:
        message = _("%(file)s: %(problem)s") % {"file": name, "problem": error.message}
    else:
        message = str(template) % {
            "file": name,
            "row": error.row,
            "column": error.column,
        }
    return Refused(error.code, message)


def _texts(records: pd.DataFrame, name: str) -> list[str]:
    texts = [" ".join(str(t).split()) for t in records["comment-body"]]
    for row, text in enumerate(texts, start=1):
        if not text:
            raise Refused(
                "missing_value",
                str(_PROBLEMS["missing_value"])
                % {"file": name, "row": row, "column": "comment-body"},
            )
    return texts


def _check_known(votes: pd.DataFrame, statements: pd.DataFrame, name: str) -> None:
    unknown = np.flatnonzero(~votes["statement"].isin(statements["statement"]))
    if len(unknown):
        row = int(unknown[0])
        raise Refused(
            "unknown_statement",
            _(
                "%(file)s, row %(row)s: statement %(statement)s is not in the "
                "statements file."
            )
            % {
                "file": name,
                "row": row + 1,
                "statement": int(votes["statement"].iloc[row]),
            },
        )
