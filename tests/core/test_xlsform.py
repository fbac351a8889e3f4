"""The XLSForm sheets made from a framework, checked by pyxform itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyxform.xls2xform import convert

from hromada import core
from hromada.frameworks import framework_text

FRAMEWORK = core.parse_framework(framework_text("default"))
PLACES = (
    core.Settlement("s01", core.Label("Слов’янськ", "Sloviansk")),
    core.Settlement("s02", core.Label("Черевківка", "Cherevkivka")),
)


def as_pyxform(form: core.XLSForm) -> dict[str, list[dict[str, str]]]:
    return {
        name: [
            {str(k): str(v) for k, v in row.items() if v != ""}
            for row in table.to_dict("records")
        ]
        for name, table in form.sheets().items()
    }


def test_it_converts_with_pyxform_without_warnings() -> None:
    form = core.xlsform(FRAMEWORK, settlements=PLACES)
    warnings: list[str] = []
    xform = convert(as_pyxform(form), warnings=warnings).xform
    assert warnings == []
    assert 'version="hromada-default-2026.1"' in xform
    assert 'lang="Українська (uk)" default="true()"' in xform
    assert 'lang="English (en)"' in xform
    assert "Черевківка" in xform and "Sloviansk" in xform


def test_the_survey_sheet_has_groups_required_items_and_the_constraint() -> None:
    survey = core.xlsform(FRAMEWORK).survey
    assert list(survey.columns) == [
        "type",
        "name",
        "label::Українська (uk)",
        "label::English (en)",
        "required",
        "constraint",
        "constraint_message::Українська (uk)",
        "constraint_message::English (en)",
        "calculation",
    ]
    groups = survey.loc[survey["type"] == "begin_group", "name"].tolist()
    assert groups == ["interview", "profile", "safety", "community", "risks", "open"]
    rows = survey.set_index("name")
    assert rows.loc["S3c", "type"] == "select_one L5"
    assert rows.loc["S2a", "type"] == "select_one YN"
    assert rows.loc["D6", "type"] == "select_one D6"
    assert rows.loc["R1", "type"] == "select_multiple R1"
    assert rows.loc["R1", "constraint"] == "count-selected(.) <= 3"
    assert rows.loc["framework_version", "calculation"] == "'hromada-default-2026.1'"
    required = set(survey.loc[survey["required"] == "yes", "name"])
    assert required == {*FRAMEWORK.items, *(f"D{i}" for i in range(1, 8)), "R1"}
    assert rows.loc["O1", "type"] == "text" and rows.loc["PSU", "type"] == "text"
    assert "W" not in rows.index and "STRATUM" not in rows.index


def test_the_choices_and_settings_sheets() -> None:
    form = core.xlsform(FRAMEWORK, settlements=PLACES, languages=["en", "uk"])
    choices = form.choices
    lists = choices.groupby("list_name", sort=False)["name"].apply(list).to_dict()
    assert lists["L5"] == ["1", "2", "3", "4", "5", "dk"]
    assert lists["YN"] == ["yes", "no", "pna"]
    assert lists["D6"] == ["s01", "s02", "other"]
    assert lists["R1"] == [f"RK{i:02d}" for i in range(1, 21)]
    assert list(choices.columns)[2:] == [
        "label::English (en)",
        "label::Українська (uk)",
    ]
    settings = form.settings.iloc[0].to_dict()
    assert settings == {
        "form_title": "Community safety and security potential — default indicator "
        "framework",
        "form_id": "hromada_default",
        "version": "hromada-default-2026.1",
        "default_language": "English (en)",
    }
    titled = core.xlsform(FRAMEWORK, title="Слов’янська громада, 2026")
    assert titled.settings.loc[0, "form_title"] == "Слов’янська громада, 2026"


def test_one_language_only() -> None:
    form = core.xlsform(FRAMEWORK, languages=["uk"])
    assert [c for c in form.survey.columns if "English" in c] == []
    convert(as_pyxform(form))


@pytest.mark.parametrize("languages", [[], ["de"], ["uk", "uk"]])
def test_it_refuses_unknown_languages(languages: list[str]) -> None:
    with pytest.raises(core.InputError) as caught:
        core.xlsform(FRAMEWORK, languages=languages)
    assert caught.value.code == "unknown_language"


def test_it_refuses_bad_settlement_codes() -> None:
    for places in (
        (PLACES[0], PLACES[0]),
        (core.Settlement("s 1", core.Label("a", "a")),),
    ):
        with pytest.raises(core.InputError) as caught:
            core.xlsform(FRAMEWORK, settlements=places)
        assert caught.value.code == "bad_code"


def test_a_settlement_list_without_other_needs_settlements() -> None:
    text = framework_text("default").replace(
        '    other: {name: other, label: {uk: "Інший населений пункт громади", '
        'en: "Another settlement of the hromada"}}\n',
        "",
    )
    framework = core.parse_framework(text)
    with pytest.raises(core.InputError) as caught:
        core.xlsform(framework)
    assert caught.value.code == "no_settlements"
    form = core.xlsform(framework, settlements=PLACES)
    assert form.choices.loc[form.choices["list_name"] == "D6", "name"].tolist() == [
        "s01",
        "s02",
    ]


def test_groups_without_questions_are_left_out() -> None:
    fixture = Path(__file__).parent / "fixtures" / "formpack-framework.yaml"
    text = fixture.read_text("utf-8").replace(
        "profile:\n",
        "  - code: T\n    kind: risk\n    label: {uk: Статистика, en: Statistics}\n"
        "    indicators:\n      - code: T1\n        label: {uk: т, en: t}\n"
        "        polarity: -1\n        source: statistics\n        unit: per_1000\n"
        "        value_label: {uk: к, en: c}\n"
        "profile:\n",
    )
    framework = core.parse_framework(text)
    survey = core.xlsform(framework).survey
    groups = survey.loc[survey["type"] == "begin_group", "name"].tolist()
    assert groups == ["profile", "x", "risks"]
    convert(as_pyxform(core.xlsform(framework)))
