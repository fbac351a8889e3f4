"""The seeded survey generator and the Kobo-style exports made from it."""

from __future__ import annotations

import pandas as pd

from hromada import core
from hromada.frameworks import framework_text

FRAMEWORK = core.parse_framework(framework_text("default"))
PLACES = (core.Settlement("s01", core.Label("Лиман", "Lyman")),)


def simulate(**options: object) -> pd.DataFrame:
    spec = core.SurveySimulation(**{"n": 1500, "seed": 4, **options})  # type: ignore[arg-type]
    return core.simulate_survey(FRAMEWORK, spec)


def scores(frame: pd.DataFrame, indicator: str) -> pd.Series:
    read = core.read_kobo_export(
        core.export_csv(core.kobo_export_table(frame, FRAMEWORK)).encode(), FRAMEWORK
    )
    assert read.frame is not None
    return core.scale_scores(read.frame, FRAMEWORK.scale_items(indicator))


def test_the_same_seed_gives_the_same_round() -> None:
    first = simulate(n=50)
    pd.testing.assert_frame_equal(first, simulate(n=50))
    assert not first.equals(simulate(n=50, seed=5))


def test_answers_look_like_a_survey() -> None:
    frame = simulate()
    assert frame["uuid"].is_unique
    assert set(frame["S1a"]) <= {"1", "2", "3", "4", "5", "dk"}
    assert 0.02 < (frame["S1a"] == "dk").mean() < 0.12
    assert set(frame["S2a"]) <= {"yes", "no", "pna"}
    assert (frame["D6"] == "other").all()
    chosen = frame["R1"].map(lambda text: len(str(text).split()))
    assert chosen.between(1, 3).all()
    assert 0.15 < (frame["O1"] != "").mean() < 0.35
    idp = frame["D3"] == "yes"
    assert 0.13 < idp.mean() < 0.23
    assert (frame.loc[idp, "D7"] != "gt5").all()


def test_items_of_an_indicator_hang_together() -> None:
    read = core.read_kobo_export(
        core.export_csv(core.kobo_export_table(simulate(), FRAMEWORK)).encode(),
        FRAMEWORK,
    )
    assert read.frame is not None
    for indicator in ("S1", "C1", "C7"):
        units = core.unit_scores(read.frame, FRAMEWORK.scale_items(indicator))
        assert core.cronbach_alpha(units) > 0.65


def test_displaced_people_report_less_inclusion() -> None:
    frame = simulate()
    c6 = scores(frame, "C6")
    idp = (frame["D3"] == "yes").to_numpy()
    assert c6[idp].mean() < c6[~idp].mean() - 0.5


def test_front_line_communities_worry_more_about_war() -> None:
    calm = scores(simulate(seed=8), "S6").mean()
    front = scores(simulate(seed=8, front_line=True), "S6").mean()
    assert front > calm + 0.5


def test_the_export_has_kobos_layout_in_names_or_labels() -> None:
    frame = simulate(n=20, settlements=PLACES, risk_weights={"RK09": 50.0})
    xml = core.kobo_export_table(frame, FRAMEWORK, settlements=PLACES, first_id=101)
    assert list(xml.columns[:3]) == ["start", "end", "framework_version"]
    assert "profile/D1" in xml.columns and "risks/R1/RK09" in xml.columns
    assert xml["_id"].iloc[0] == "101"
    assert xml["meta/rootUuid"].iloc[0] == "uuid:" + frame["uuid"].iloc[0]
    assert (xml["risks/R1/RK09"] == "1").mean() > 0.8
    labels = core.kobo_export_table(frame, FRAMEWORK, labels="en", settlements=PLACES)
    assert "profile/Your sex" in labels.columns
    assert set(labels["profile/Your settlement or starosta district"]) <= {
        "Lyman",
        "Another settlement of the hromada",
    }
    text = core.export_csv(xml)
    assert text.startswith('"start";"end";"framework_version"')


def test_a_framework_without_another_settlement_uses_the_list_alone() -> None:
    text = framework_text("default").replace(
        '    other: {name: other, label: {uk: "Інший населений пункт громади", '
        'en: "Another settlement of the hromada"}}\n',
        "",
    )
    framework = core.parse_framework(text)
    spec = core.SurveySimulation(n=30, seed=2, settlements=PLACES)
    frame = core.simulate_survey(framework, spec)
    assert set(frame["D6"]) == {"s01"}
    export = core.kobo_export_table(frame, framework, labels="uk", settlements=PLACES)
    assert set(export["profile/Ваш населений пункт або старостинський округ"]) == {
        "Лиман"
    }
