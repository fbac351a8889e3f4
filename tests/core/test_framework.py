"""The framework file: the shipped default reads, broken files name their lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada import core
from hromada.core._yaml_nodes import MAX_NODES
from hromada.frameworks import SHIPPED, default_name, framework_text, shipped_text

DEFAULT = framework_text("default")
FIXTURE = Path(__file__).parent / "fixtures" / "formpack-framework.yaml"


def problems(text: str) -> list[core.Problem]:
    with pytest.raises(core.ProblemsError) as caught:
        core.parse_framework(text)
    assert caught.value.total == len(caught.value.problems)
    return list(caught.value.problems)


def codes(text: str) -> set[str]:
    return {problem.code for problem in problems(text)}


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_shipped_framework_holds_the_design() -> None:
    framework = core.parse_framework(DEFAULT)
    assert (framework.code, framework.version) == ("hromada-default", "2026.1")
    assert framework.form_version == "hromada-default-2026.1"
    assert framework.form_id == "hromada_default"
    assert [d.code for d in framework.domains] == ["S", "C"]
    survey = [i.code for i in framework.survey_indicators()]
    assert survey == [f"S{i}" for i in range(1, 7)] + [f"C{i}" for i in range(1, 9)]
    assert [i.code for i in framework.indicators_of("statistics")] == [
        f"T{i}" for i in range(1, 11)
    ]
    experts = framework.indicators_of("expert") + framework.indicators_of("audit")
    assert sorted(i.code for i in experts) == ["E1", "E2", "E3", "E4"]
    assert len(framework.items) == 44
    assert len(framework.risks) == 20
    assert framework.risk_perception.max_choices == 3
    assert [q.code for q in framework.profile] == [f"D{i}" for i in range(1, 8)]
    assert framework.indicators["S2"].polarity == -1
    assert framework.indicators["T10"].polarity == 0
    assert framework.indicators["T6"].unit == "per_100"
    assert [c.code for c in framework.indicators["E1"].checklist][:2] == [
        "programme",
        "budget",
    ]
    rk13 = next(r for r in framework.risks if r.code == "RK13")
    assert rk13.evidence == ("C2", "C6")
    assert [i.code for i in framework.indices] == ["PSI", "SPI", "CPI"]
    assert framework.indices[2].parts[0].flip
    assert framework.question("O1").keep_text
    assert not framework.question("W").asked
    with pytest.raises(KeyError):
        framework.question("nope")


def test_every_label_has_both_languages_and_items_keep_their_coding() -> None:
    framework = core.parse_framework(DEFAULT)
    labels = [i.label for i in framework.items.values()]
    labels += [q.label for q in framework.questions()]
    labels += [c.label for s in framework.scales.values() for c in s.choices]
    assert all(label.uk and label.en and label.uk != label.en for label in labels)
    assert framework.items["S3c"].reverse and framework.items["C6a"].reverse
    items = framework.scale_items("C6")
    assert [(i.code, i.low, i.high, i.reverse) for i in items] == [
        ("C6a", 0.0, 1.0, True),
        ("C6b", 1.0, 5.0, False),
        ("C6c", 1.0, 5.0, False),
    ]
    assert framework.title.text("en").startswith("Community safety")
    assert framework.title.text("uk") == framework.title.text("de")


def test_the_shipped_files_are_listed_and_found() -> None:
    assert default_name() == SHIPPED[-1] == "hromada-default-2026.1"
    assert shipped_text(default_name()) == DEFAULT
    assert framework_text(default_name()) == DEFAULT
    assert framework_text(str(FIXTURE)).startswith("# A framework shaped")
    with pytest.raises(KeyError):
        shipped_text("hromada-default-1999.1")


@pytest.mark.parametrize(
    ("change", "code", "needle"),
    [
        (("S1b, scale: L5", "S1b, scale: L9"), "unknown_scale", "S1b, scale: L9"),
        (
            ("{code: S1c,", "{code: S1b,"),
            "duplicate_code",
            '{code: S1b, scale: L5, label: {uk: "Я почуваюся в безпеці у своєму',
        ),
        (('version: "2026.1"', "version: 2026.1"), "wrong_type", "version: 2026.1"),
        (
            (
                "component: road_safety\n        items",
                "component: roads\n        items",
            ),
            "unknown_component",
            "component: roads",
        ),
        (("evidence: [C4]", "evidence: [C44]"), "unknown_indicator", "evidence: [C44]"),
        (
            (
                "polarity: -1\n        source: survey\n        component: war",
                "polarity: 5\n        source: survey\n        component: war",
            ),
            "out_of_range",
            "polarity: 5",
        ),
        (
            (
                "source: expert\n        component: communication",
                "source: rumour\n        component: communication",
            ),
            "unknown_value",
            "source: rumour",
        ),
        (("unit: minutes", "unit: hours"), "unknown_value", "unit: hours"),
        (("{code: C1a,", "{code: C1-a,"), "bad_code", "C1-a"),
        (("{code: RK20,", "{code: uuid,"), "reserved_code", "{code: uuid,"),
        (
            ('en: "Youth at risk"', 'en: "Corruption and abuse of office"'),
            "duplicate_label",
            None,
        ),
        (('en: "Perceived personal safety"}', 'en: ""}'), "missing_label", 'en: ""}'),
        (
            (
                '  - {name: "2", value: 2, label: {uk: "Рідко"',
                '  - {name: "1", value: 2, label: {uk: "Рідко"',
            ),
            "duplicate_code",
            None,
        ),
        (
            (
                '{name: dk, missing: true, label: {uk: "Важко сказати", en: "Hard'
                ' to say"}}\n  YN',
                '{name: dk, value: 3, missing: true, label: {uk: "Важко сказати", en:'
                ' "Hard to say"}}\n  YN',
            ),
            "bad_choice",
            None,
        ),
        (
            (
                '{name: "5", value: 5, label: {uk: "Дуже часто"',
                '{name: "5", value: 9, label: {uk: "Дуже часто"',
            ),
            "out_of_range",
            None,
        ),
        (
            (
                'range: [1, 5]\n    choices:\n      - {name: "1", value: 1, label: '
                '{uk: "Зовсім',
                'range: [5, 1]\n    choices:\n      - {name: "1", value: 1, label: '
                '{uk: "Зовсім',
            ),
            "bad_range",
            None,
        ),
        (
            (
                "scale_rule:\n  min_items: 3",
                "scale_rule:\n  min_items: 3\n  colour: red",
            ),
            "unknown_key",
            "colour: red",
        ),
        (("  max_choices: 3\n", ""), "missing_key", None),
        (
            (
                'reverse: true, label: {uk: "На моїй',
                'reverse: maybe, label: {uk: "На моїй',
            ),
            "wrong_type",
            "reverse: maybe",
        ),
        (
            (
                "unit: per_100\n",
                "unit: per_100\n        items: [{code: T6a, scale: L5, "
                "label: {uk: а, en: a}}]\n",
            ),
            "unexpected_key",
            None,
        ),
        (("        unit: minutes\n", ""), "missing_key", None),
        (
            ("    method: arithmetic", "    method: magic"),
            "unknown_value",
            "method: magic",
        ),
        (
            (
                "{component: leadership, indicators: [C5]}",
                "{component: lead, indicators: [C5]}",
            ),
            "unknown_component",
            None,
        ),
    ],
)
def test_a_broken_file_names_the_problem_and_its_line(
    change: tuple[str, str], code: str, needle: str | None
) -> None:
    old, new = change
    assert old in DEFAULT
    text = DEFAULT.replace(old, new, 1)
    found = problems(text)
    assert code in {p.code for p in found}, [p.message for p in found]
    if needle is not None:
        hit = next(p for p in found if p.code == code)
        assert hit.row == line_of(text, needle)
        assert hit.message.startswith(f"line {hit.row}")


def test_an_indicator_with_two_items_is_refused() -> None:
    text = re.sub(r"\n +- \{code: S1c,[^\n]*", "", DEFAULT, count=1)
    [problem] = problems(text)
    assert problem.code == "too_few_items"
    assert (problem.value, problem.expected) == ("2", "3")
    assert problem.column == "domains[0].indicators[0].items"
    assert problem.row == line_of(text, "{code: S1a")


def test_yaml_syntax_and_shape_problems() -> None:
    [syntax] = problems("framework: [unclosed\n")
    assert syntax.code == "yaml_syntax" and syntax.row == 2
    assert codes("") == {"empty"}
    assert codes("a: 1\n---\nb: 2\n") == {"yaml_syntax"}
    listed = problems("- a\n- b\n")
    assert {p.code for p in listed} == {"wrong_type"}
    missing = problems("framework: x\n")
    assert {p.expected for p in missing if p.code == "missing_key"} >= {
        "version",
        "domains",
        "risks",
    }
    assert "duplicate_key" in codes("framework: a\nframework: b\n")
    assert "recursive_alias" in codes("framework: &a [*a]\n")
    assert "bad_value" in codes("framework: !!int nope\n")
    assert codes("[" * 5000) == {"too_deep"}


def test_an_alias_bomb_is_refused_without_expanding_it() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefg":
        previous = chr(ord(level) - 1)
        text += f"{level}: &{level} [*{previous}, *{previous}, *{previous}, " * 1
        text += f"*{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
    assert 10 * 8**6 > MAX_NODES
    assert codes(text) == {"too_large"}


def test_wrong_types_everywhere_are_each_reported() -> None:
    text = (
        "framework: Hromada Default\nversion: '1'\ntitle: plain\n"
        "scale_rule: {min_items: 0, min_valid: 1, range: 5}\n"
        "scales: {L5: {label: {uk: a, en: b}, range: [1, x], choices: [{name: a b, "
        "label: {uk: a}}]}, bad-code: []}\n"
        "components: [{code: c, kind: other, label: {uk: c, en: c}}]\n"
        "domains: [{code: S, kind: risk, label: {uk: s, en: s}, indicators: 7}]\n"
        "profile: [{code: D1, type: text, label: {uk: d, en: d}}]\n"
        "risk_perception: {code: R1, max_choices: 0, constraint_message: "
        "{uk: m, en: m}, label: {uk: r, en: r}}\n"
        "risks: []\nform_groups: {interview: {uk: i, en: i}}\n"
        "indices: [{code: I, label: {uk: i, en: i}, method: arithmetic, parts: "
        "[{indicators: [S9], dimension: x-y}]}]\n"
        "design: [{code: W, type: weight, asked: 1, label: {uk: w, en: w}}]\n"
    )
    found = codes(text)
    assert found >= {
        "bad_code",
        "wrong_type",
        "out_of_range",
        "bad_range",
        "missing_key",
        "unknown_value",
        "too_few",
        "unknown_indicator",
    }


def test_a_coordinator_can_write_a_smaller_framework() -> None:
    framework = core.parse_framework(FIXTURE.read_text(encoding="utf-8"))
    assert framework.form_version == "formpack-fixture-1"
    assert framework.scale_rule.min_items == 1
    assert framework.design == ()
    assert framework.open_questions == ()
    assert framework.indices == ()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads_or_yields_problems_never_raises(text: str) -> None:
    try:
        core.parse_framework(text)
    except core.ProblemsError as error:
        assert error.problems and all(isinstance(p.code, str) for p in error.problems)


LINES = DEFAULT.splitlines(keepends=True)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(LINES) - 1), st.sampled_from(["", "x: [", "  - 1\n", "é"]))
def test_a_damaged_shipped_file_yields_problems_never_raises(
    index: int, junk: str
) -> None:
    text = "".join(LINES[:index] + [junk] + LINES[index + 1 :])
    try:
        framework = core.parse_framework(text)
    except core.ProblemsError as error:
        assert all(p.row is None or p.row >= 1 for p in error.problems)
    else:
        assert framework.code == "hromada-default"


def test_entries_without_codes_and_questions_sharing_a_label() -> None:
    text = DEFAULT.replace("      - code: S2\n", "      - colour: S2\n", 1)
    assert {"missing_key", "unknown_key"} <= codes(text)
    text = DEFAULT.replace("{code: S1a, scale: L5,", "{scale: L5,", 1)
    assert "missing_key" in codes(text)
    same = DEFAULT.replace(
        'en: "I feel safe in my home"',
        'en: "I feel safe walking in my neighbourhood during the day"',
        1,
    )
    [problem] = problems(same)
    assert (problem.code, problem.column) == ("duplicate_label", "S1c")
    assert problem.row == line_of(same, "{code: S1c")
