"""Kobo and ODK Central exports → the framework's codes and scores, or problems."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hromada import core
from hromada.frameworks import framework_text
from hromada.xlsx import workbook_bytes
from tests.core.test_tables import sample

FRAMEWORK = core.parse_framework(framework_text("default"))
FORMPACK = core.parse_framework(
    (Path(__file__).parent / "fixtures" / "formpack-framework.yaml").read_text("utf-8")
)
PLACES = (
    core.Settlement("s01", core.Label("Лиман", "Lyman")),
    core.Settlement("s02", core.Label("Зарічне", "Zarichne")),
)
SPEC = core.SurveySimulation(n=24, seed=11, settlements=PLACES)
RESPONSES = core.simulate_survey(FRAMEWORK, SPEC)


def table(labels: str | None = None) -> pd.DataFrame:
    return core.kobo_export_table(
        RESPONSES, FRAMEWORK, labels=labels, settlements=PLACES
    )


def as_csv(frame: pd.DataFrame) -> bytes:
    return core.export_csv(frame).encode("utf-8")


def read(blob: bytes, **options: object) -> core.KoboExport:
    return core.read_kobo_export(blob, FRAMEWORK, settlements=PLACES, **options)  # type: ignore[arg-type]


def refused(
    change: Callable[[pd.DataFrame], pd.DataFrame], **options: object
) -> list[core.Problem]:
    found = read(as_csv(change(table())), **options)
    assert found.frame is None
    assert found.total_problems >= len(found.problems) > 0
    return list(found.problems)


def good() -> pd.DataFrame:
    found = read(as_csv(table()))
    assert found.frame is not None, found.problems
    return found.frame


# -- the real samples -----------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "kobo_export_grouped_translated_xml.csv",
        "kobo_export_grouped_translated_xml.xlsx",
        "kobo_export_grouped_translated_labels.csv",
        "kobo_export_grouped_translated_labels.xlsx",
    ],
)
def test_real_kobo_exports_read_the_same_whatever_their_layout(name: str) -> None:
    found = core.read_kobo_export(
        sample(name), FORMPACK, form_version="grouped_translated_v1"
    )
    assert found.frame is not None, found.problems
    frame = found.frame
    assert list(frame["row"]) == [2, 3, 4]
    assert frame["uuid"].iloc[1] == "d314118a-17c2-4ba4-aac3-634930535ad6"
    fluids = frame["Do_you_have_body_flu_intracellular_space"].tolist()
    assert fluids == ["yes__and_some_", "yes", "no___unsure"]
    descend = frame["Do_you_descend_from_unicellular_organism"]
    assert descend.iloc[:2].tolist() == [0.0, 0.0] and np.isnan(descend.iloc[2])
    symmetry = frame[
        [
            f"What_kind_of_symmetry_do_you_have/{o}"
            for o in ("spherical", "radial", "bilateral")
        ]
    ].to_numpy()
    assert symmetry[:2].tolist() == [[1, 1, 1], [0, 0, 1]]
    assert np.isnan(symmetry[2]).all()
    assert found.versions == ("grouped_translated_v1",)
    assert "start" in found.ignored
    assert found.format == name.rsplit(".", 1)[1]


def test_a_real_export_of_another_form_version_is_refused_row_by_row() -> None:
    found = core.read_kobo_export(
        sample("kobo_export_grouped_translated_xml.csv"), FORMPACK
    )
    assert [(p.code, p.row, p.column) for p in found.problems] == [
        ("wrong_version", row, "__version__") for row in (2, 3, 4)
    ]
    assert found.problems[0].expected == "formpack-fixture-1"


@pytest.mark.parametrize(
    "name",
    [
        "kobo_export_hxl_grouped_repeatable_xml.csv",
        "kobo_export_hxl_grouped_repeatable_labels.xlsx",
        "transportation_export.csv",
        "transportation_export.xlsx",
        "tutorial_w_repeats_export.csv",
    ],
)
def test_exports_of_other_forms_are_refused_naming_the_missing_questions(
    name: str,
) -> None:
    found = core.read_kobo_export(sample(name), FORMPACK)
    assert found.frame is None
    missing = {p.expected for p in found.problems if p.code == "missing_column"}
    assert "Do_you_descend_from_unicellular_organism" in missing
    assert all(p.row == 1 for p in found.problems)


# -- our own form, every layout -------------------------------------------------


def test_xml_and_labels_in_both_languages_give_the_same_frame() -> None:
    expected = good()
    for labels in ("uk", "en"):
        for blob in (as_csv(table(labels)), workbook_bytes({"x": table(labels)})):
            found = read(blob)
            assert found.frame is not None, (labels, found.problems[:3])
            pd.testing.assert_frame_equal(found.frame, expected)


def test_answers_become_codes_and_scores() -> None:
    frame = good()
    first = RESPONSES.iloc[0]
    for code in ("S1a", "S2a", "C6a", "S3c"):
        raw = first[code]
        value = frame[code].iloc[0]
        if raw in ("dk", "pna"):
            assert np.isnan(value)
        elif raw in ("yes", "no"):
            assert value == (1.0 if raw == "yes" else 0.0)
        else:
            assert value == float(raw)
    assert frame["D6"].iloc[0] == first["D6"]
    chosen = set(first["R1"].split())
    options = {c[3:] for c in frame.columns if c.startswith("R1/") and frame[c].iloc[0]}
    assert options == chosen
    assert frame["version"].unique().tolist() == ["hromada-default-2026.1"]
    assert frame["O1"].isna().sum() + (frame["O1"].notna().sum()) == len(frame)
    assert frame["W"].isna().all() and frame["STRATUM"].isna().all()
    assert frame["PSU"].notna().all()


def test_odk_central_csv_with_dash_paths_key_and_a_summary_column() -> None:
    central = table().drop(
        columns=["_uuid", "framework_version", "_index", "meta/rootUuid"]
        + [c for c in table().columns if c.startswith("risks/R1/")]
    )
    central = central.rename(columns=lambda c: c.replace("/", "-"))
    central["KEY"] = ["uuid:" + u for u in RESPONSES["uuid"]]
    central["FormVersion"] = FRAMEWORK.form_version
    central = central.drop(columns=["__version__"])
    found = read(central.to_csv(index=False).encode("utf-8"))
    assert found.frame is not None, found.problems[:3]
    expected = good()
    pd.testing.assert_frame_equal(
        found.frame.drop(columns=["submitted_at"]),
        expected.drop(columns=["submitted_at"]),
    )


def test_a_labels_summary_column_alone_is_read_label_by_label() -> None:
    labelled = table("uk")
    summary = f"risks/{FRAMEWORK.risk_perception.label.uk}"
    options = [c for c in labelled.columns if c.startswith(summary + "/")]
    assert len(options) == 20
    found = read(as_csv(labelled.drop(columns=options)))
    assert found.frame is not None, found.problems[:3]
    pd.testing.assert_frame_equal(found.frame, good())


def test_the_framework_version_column_wins_over_a_server_version() -> None:
    found = read(as_csv(table()))
    assert found.versions == ("hromada-default-2026.1",)
    only_kobo = table().drop(columns=["framework_version"])
    problems = read(as_csv(only_kobo)).problems
    assert {p.code for p in problems} == {"wrong_version"}
    assert problems[0].value == "vHromadaDemo7kQx2bWm9Tz"
    assert len(problems) == 24
    own = read(as_csv(only_kobo), form_version="vHromadaDemo7kQx2bWm9Tz")
    assert own.frame is not None


# -- problems ------------------------------------------------------------------------


def set_cell(
    column: str, row: int, value: str
) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row, column] = value
        return frame

    return change


@pytest.mark.parametrize(
    ("change", "code", "row", "column"),
    [
        (set_cell("safety/S1a", 2, "7"), "unknown_choice", 4, "safety/S1a"),
        (set_cell("profile/D2", 0, "old"), "unknown_choice", 2, "profile/D2"),
        (set_cell("profile/D6", 5, "s09"), "unknown_choice", 7, "profile/D6"),
        (set_cell("risks/R1/RK04", 3, "maybe"), "not_binary", 5, "risks/R1/RK04"),
        (set_cell("_uuid", 4, ""), "missing_value", 6, "_uuid"),
        (
            set_cell("framework_version", 1, "hromada-default-2025.1"),
            "wrong_version",
            3,
            "framework_version",
        ),
        (set_cell("open/O1", 0, "x" * 2001), "too_long", 2, "open/O1"),
        (set_cell("profile/D1", 9, "=1+1"), "formula", 11, "profile/D1"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column(
    change: Callable[[pd.DataFrame], pd.DataFrame], code: str, row: int, column: str
) -> None:
    [problem] = refused(change)
    assert (problem.code, problem.row, problem.column) == (code, row, column)
    assert problem.message.startswith(f"row {row}, column '{column}': ")


def test_a_repeated_submission_id_names_its_first_row() -> None:
    def repeat(frame: pd.DataFrame) -> pd.DataFrame:
        ids = frame["_uuid"].tolist()
        ids[7] = ids[2]
        frame["_uuid"] = ids
        return frame

    [problem] = refused(repeat)
    assert (problem.code, problem.row) == ("duplicate_uuid", 9)
    assert "first on row 4" in problem.message


def test_a_submission_without_a_version_is_refused() -> None:
    def strip(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[0, "framework_version"] = ""
        frame.loc[0, "__version__"] = ""
        return frame

    [problem] = refused(strip)
    assert (problem.code, problem.row, problem.column) == (
        "missing_version",
        2,
        "framework_version",
    )


def test_too_many_choices_and_weights() -> None:
    def crowd(frame: pd.DataFrame) -> pd.DataFrame:
        for option in ("RK01", "RK02", "RK03", "RK04"):
            frame.loc[0, f"risks/R1/{option}"] = "1"
        frame["W"] = "1,5"
        frame.loc[1, "W"] = "heavy"
        frame.loc[2, "W"] = "-2"
        frame.loc[3, "W"] = ""
        return frame

    problems = refused(crowd)
    assert [(p.code, p.row) for p in problems] == [
        ("too_many_choices", 2),
        ("not_a_number", 3),
        ("not_positive", 4),
    ]
    weighted = read(as_csv(table().assign(W="1,5", STRATUM="north")))
    assert weighted.frame is not None
    assert weighted.frame["W"].tolist() == [1.5] * 24
    assert weighted.frame["STRATUM"].iloc[0] == "north"


@pytest.mark.parametrize(
    ("drop", "expected"),
    [
        (["_uuid", "meta/rootUuid"], "_uuid"),
        (["__version__", "framework_version"], "__version__"),
        (["safety/S2b"], "S2b"),
        (["profile/D6"], "D6"),
        (["risks/R1/RK07"], "R1/RK07"),
    ],
)
def test_a_missing_column_is_named(drop: list[str], expected: str) -> None:
    [problem] = refused(lambda frame: frame.drop(columns=drop))
    assert (problem.code, problem.expected, problem.row) == (
        "missing_column",
        expected,
        1,
    )


def test_without_the_select_multiple_at_all() -> None:
    options = [c for c in table().columns if c.startswith("risks/")]
    [problem] = refused(lambda frame: frame.drop(columns=options))
    assert problem.expected == "R1"


def test_a_second_column_for_one_question_is_refused() -> None:
    def twice(frame: pd.DataFrame) -> pd.DataFrame:
        frame["S1a"] = frame["safety/S1a"]
        frame["R1/RK01"] = frame["risks/R1/RK01"]
        return frame

    problems = refused(twice)
    assert [(p.code, p.value) for p in problems] == [
        ("duplicate_column", "S1a"),
        ("duplicate_column", "R1/RK01"),
    ]


def test_a_bad_summary_token_is_named() -> None:
    options = [c for c in table().columns if c.startswith("risks/R1/")]
    [problem] = refused(
        lambda frame: set_cell("risks/R1", 0, "RK01 RK99")(frame.drop(columns=options))
    )
    assert (problem.code, problem.value) == ("unknown_choice", "rk99")


def test_problems_are_capped_in_row_order_with_an_exact_total() -> None:
    found = read(
        as_csv(table().assign(**{"safety/S1a": "x", "community/C1a": "y"})),
        max_problems=5,
    )
    assert found.total_problems == 48
    assert [p.row for p in found.problems] == [2, 2, 3, 3, 4]
    assert [p.column for p in found.problems][:2] == ["safety/S1a", "community/C1a"]


def test_limits_and_unreadable_files() -> None:
    assert read(as_csv(table()), max_rows=10).problems[0].code == "too_many_rows"
    assert read(b"x" * 100, max_bytes=10).problems[0].code == "too_large"
    found = read(b"")
    assert (found.frame, found.total_problems, found.rows) == (None, 1, 0)


# -- pseudonyms -------------------------------------------------------------------


def test_pseudonyms_are_keyed_stable_and_ignore_case() -> None:
    ids = [
        "6D1B903A-6d50-4504-bd7b-76c1a5098ed9",
        "6d1b903a-6d50-4504-bd7b-76c1a5098ed9",
    ]
    first, second = core.respondent_pseudonyms(ids, b"key one")
    assert first == second and len(first) == 32
    assert int(first, 16) >= 0
    [other] = core.respondent_pseudonyms(ids[:1], b"key two")
    assert other != first
    assert ids[0].lower() not in first


# -- never raises -----------------------------------------------------------------

VALID = table()


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(VALID) - 1),
            st.integers(0, len(VALID.columns) - 1),
            st.one_of(
                # Spreadsheets cannot hold control characters at all.
                st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
                st.sampled_from(["", "1", "dk", "yes", "RK01 RK02", "n/a", "7", "=1"]),
            ),
        ),
        max_size=6,
    ),
    st.booleans(),
)
def test_any_damage_to_an_export_reads_or_yields_problems_never_raises(
    edits: list[tuple[int, int, str]], as_xlsx: bool
) -> None:
    damaged = VALID.copy()
    for row, column, value in edits:
        damaged.iat[row, column] = value
    blob = workbook_bytes({"x": damaged}) if as_xlsx else as_csv(damaged)
    found = read(blob)
    assert (found.frame is None) == bool(found.problems)
    if found.frame is not None:
        assert len(found.frame) == found.rows


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_read_or_yield_problems_never_raise(blob: bytes) -> None:
    result = core.read_kobo_export(blob, FRAMEWORK)
    assert (result.frame is None) == bool(result.problems)


def test_the_samples_folder_is_found() -> None:
    assert sample("kobo_export_grouped_translated_xml.csv").startswith(b'"start"')
    assert io.BytesIO(sample("transportation_export.xlsx")).read(2) == b"PK"


def test_a_blank_summary_cell_means_the_question_was_not_answered() -> None:
    options = [c for c in table().columns if c.startswith("risks/R1/")]
    found = read(as_csv(set_cell("risks/R1", 0, "")(table().drop(columns=options))))
    assert found.frame is not None
    assert found.frame.filter(like="R1/").iloc[0].isna().all()
    assert found.frame.filter(like="R1/").iloc[1].notna().all()
