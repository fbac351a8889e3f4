"""A seeded generator of realistic survey rounds, and Kobo-style exports of them.

For the demo network, the benchmark and tests: answers come from a small latent
model, so items of one indicator correlate (alpha about 0.55–0.8, lower where
yes/no items mix with five-point ones), indicators
share a general factor, groups differ the way field reports say they do, and
people sometimes say "hard to say". Nothing here claims to describe a real
hromada.

Model, per respondent i and survey indicator k: z_ik = μ_k + Σ effects(i, k) +
0.45 g_i + 0.8 e_ik with g, e ~ N(0, 1); item j of k answers
x = cut(1.1 z_ik + 0.9 ε_ij) on the L5/F5 thresholds (−1.6, −0.55, 0.45, 1.4)
(reversed for reverse-coded items), or yes with probability logistic(1.7 (1.1
z_ik + 0.9 ε_ij)) for YN items; "hard to say" with probability 4 % (L5, F5; 9 % at 60+),
"prefer not to say" 2 % (YN). Group effects (in units of z): internally displaced
−0.7 on C6 (inclusion) and −0.35 on C1 and C2; a person with a disability in the
household −0.5 on C6; women −0.45 on S1 (after dark: S1b only); 60+ −0.3 on C5,
+0.3 on C7; 14–29 −0.3 on C4 and C7; front-line hromadas +0.8 on S6 and −0.4 on
S4.
"""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from hromada.core._framework import Framework
from hromada.core._xlsform import VERSION_FIELD, Settlement, group_name

THRESHOLDS = np.array([-1.6, -0.55, 0.45, 1.4])
SEX = {"female": 0.54, "male": 0.44, "other": 0.02}
AGE = {"14_17": 0.05, "18_29": 0.15, "30_44": 0.26, "45_59": 0.26, "60plus": 0.28}
YEARS = {"lt1": 0.08, "1_5": 0.17, "gt5": 0.75}
TEXTS = (
    "Більше освітлення на вулицях",
    "Відремонтувати укриття біля школи",
    "Частіше патрулювання ввечері",
    "Розмінування полів біля села",
    "Більше інформації від ради",
    "Пішохідний перехід біля ринку",
)


@dataclass(frozen=True, slots=True)
class SurveySimulation:
    """How a simulated round looks.

    ``idp_share``, ``veteran_share`` and ``disability_share`` are the shares of
    respondents answering yes to D3–D5; ``front_line`` shifts war exposure;
    ``clusters`` is the number of interviewer routes (PSU); ``risk_weights``
    raises the chance of naming a risk in R1 (code → weight, default 1);
    ``open_share`` the share who write an answer to the open question.
    """

    n: int
    seed: int
    settlements: tuple[Settlement, ...] = ()
    idp_share: float = 0.18
    veteran_share: float = 0.15
    disability_share: float = 0.14
    front_line: bool = False
    clusters: int = 12
    risk_weights: Mapping[str, float] = field(default_factory=dict)
    open_share: float = 0.25
    start: dt.date = dt.date(2025, 10, 6)
    days: int = 21


def simulate_survey(framework: Framework, spec: SurveySimulation) -> pd.DataFrame:
    """Simulated answers of one survey round, as the form records them.

    Parameters
    ----------
    framework : Framework
    spec : SurveySimulation

    Returns
    -------
    DataFrame, one row per respondent
        ``uuid`` (str), ``submitted_at`` (datetime), ``PSU`` (str), the
        profile codes (choice names), every survey item (choice names: ``1``–
        ``5``, ``dk``, ``yes``, ``no``, ``pna``), ``R1`` (space-separated risk
        codes) and the open questions (text or empty). Seeded: the same
        framework and spec give the same frame.
    """
    rng = np.random.default_rng(spec.seed)
    n = spec.n
    frame = pd.DataFrame(index=pd.RangeIndex(n))
    frame["uuid"] = [str(uuid.UUID(bytes=raw, version=4)) for raw in _chunks(rng, n)]
    seconds = rng.integers(8 * 3600, 20 * 3600, n)
    days = rng.integers(0, spec.days, n)
    frame["submitted_at"] = [
        dt.datetime.combine(spec.start + dt.timedelta(days=int(d)), dt.time())
        + dt.timedelta(seconds=int(s))
        for d, s in zip(days, seconds, strict=True)
    ]
    frame["PSU"] = (rng.integers(1, spec.clusters + 1, n)).astype(str)
    _profile(frame, framework, spec, rng)
    _items(frame, framework, spec, rng)
    frame[framework.risk_perception.code] = _risks(framework, spec, rng, n)
    for question in framework.open_questions:
        said = rng.random(n) < spec.open_share
        frame[question.code] = np.where(said, rng.choice(TEXTS, n), "")
    return frame


def _chunks(rng: np.random.Generator, n: int) -> list[bytes]:
    raw = rng.bytes(16 * n)
    return [raw[16 * i : 16 * (i + 1)] for i in range(n)]


def _pick(rng: np.random.Generator, shares: Mapping[str, float], n: int) -> np.ndarray:
    names = list(shares)
    weights = np.array([shares[name] for name in names])
    return rng.choice(np.array(names, dtype=object), n, p=weights / weights.sum())


def _yes_no(rng: np.random.Generator, share: float, n: int) -> np.ndarray:
    return _pick(rng, {"yes": share, "no": 0.98 - share, "pna": 0.02}, n)


def _profile(
    frame: pd.DataFrame,
    framework: Framework,
    spec: SurveySimulation,
    rng: np.random.Generator,
) -> None:
    n = spec.n
    frame["D1"] = _pick(rng, SEX, n)
    frame["D2"] = _pick(rng, AGE, n)
    frame["D3"] = _yes_no(rng, spec.idp_share, n)
    frame["D4"] = _yes_no(rng, spec.veteran_share, n)
    frame["D5"] = _yes_no(rng, spec.disability_share, n)
    codes = [s.code for s in spec.settlements]
    other = next(q.other for q in framework.profile if q.kind == "settlement")
    places = {code: 0.95 / max(len(codes), 1) for code in codes}
    if other is not None:
        places[other.name] = 0.05 if codes else 1.0
    frame["D6"] = _pick(rng, places, n)
    years = _pick(rng, YEARS, n)
    # Most displaced people arrived after 2022.
    idp = frame["D3"].to_numpy() == "yes"
    years[idp] = _pick(rng, {"lt1": 0.3, "1_5": 0.7}, int(idp.sum()))
    frame["D7"] = years


def _effects(frame: pd.DataFrame, spec: SurveySimulation) -> dict[str, np.ndarray]:
    n = spec.n
    idp = (frame["D3"] == "yes").to_numpy(dtype=float)
    disability = (frame["D5"] == "yes").to_numpy(dtype=float)
    old = (frame["D2"] == "60plus").to_numpy(dtype=float)
    young = frame["D2"].isin(["14_17", "18_29"]).to_numpy(dtype=float)
    front = 1.0 if spec.front_line else 0.0
    zero = np.zeros(n)
    return {
        "C6": -0.7 * idp - 0.5 * disability,
        "C1": -0.35 * idp,
        "C2": -0.35 * idp,
        "C5": -0.3 * old,
        "C7": 0.3 * old - 0.3 * young,
        "C4": -0.3 * young,
        "S6": zero + 0.8 * front,
        "S4": zero - 0.4 * front,
    }


def _items(
    frame: pd.DataFrame,
    framework: Framework,
    spec: SurveySimulation,
    rng: np.random.Generator,
) -> None:
    n = spec.n
    general = rng.normal(size=n)
    effects = _effects(frame, spec)
    women = (frame["D1"] == "female").to_numpy(dtype=float)
    old = (frame["D2"] == "60plus").to_numpy()
    for indicator in framework.survey_indicators():
        centre = rng.normal(0.0, 0.35)
        latent = (
            centre
            + effects.get(indicator.code, 0.0)
            + 0.45 * general
            + 0.8 * rng.normal(size=n)
        )
        for code in indicator.items:
            item = framework.items[code]
            shift = -0.45 * women if code == "S1b" else 0.0
            signal = 1.1 * (latent + shift) + 0.9 * rng.normal(size=n)
            if item.scale == "YN":
                yes = rng.random(n) < 1.0 / (1.0 + np.exp(-1.7 * signal))
                yes = ~yes if item.reverse else yes
                answers = np.where(yes, "yes", "no").astype(object)
                answers[rng.random(n) < 0.02] = "pna"
            else:
                level = np.searchsorted(THRESHOLDS, signal) + 1
                level = 6 - level if item.reverse else level
                answers = level.astype(str).astype(object)
                unsure = rng.random(n) < np.where(old, 0.09, 0.04)
                answers[unsure] = "dk"
            frame[code] = answers


def _risks(
    framework: Framework,
    spec: SurveySimulation,
    rng: np.random.Generator,
    n: int,
) -> list[str]:
    question = framework.risk_perception
    codes = [choice.name for choice in question.choices]
    weights = np.array([spec.risk_weights.get(code, 1.0) for code in codes])
    weights = weights / weights.sum()
    most = question.max_choices or len(codes)
    counts = rng.integers(1, most + 1, n)
    out = []
    for count in counts:
        picked = rng.choice(len(codes), size=int(count), replace=False, p=weights)
        out.append(" ".join(codes[i] for i in sorted(picked)))
    return out


KPI_VERSION = "vHromadaDemo7kQx2bWm9Tz"
SYSTEM = (
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "meta/rootUuid",
    "_index",
)


def kobo_export_table(
    responses: pd.DataFrame,
    framework: Framework,
    *,
    labels: str | None = None,
    settlements: Sequence[Settlement] = (),
    first_id: int = 1,
) -> pd.DataFrame:
    """The layout of a KoboToolbox export (KPI defaults) of simulated answers.

    Parameters
    ----------
    responses : DataFrame
        As ``simulate_survey`` returns it.
    framework : Framework
    labels : ``"uk"``, ``"en"`` or None
        Headers and answers as labels in that language; None for XML names
        and values.
    settlements : sequence of Settlement
        The D6 choices, for their labels.
    first_id : int
        ``_id`` of the first submission.

    Returns
    -------
    DataFrame of str
        Columns ``start, end, framework_version``, then the questions with
        group paths (``profile/D1``, ``safety/S1a``), R1 as a summary column
        and one 0/1 column per option (``risks/R1/RK01``), the open questions,
        and Kobo's system columns (``_id``, ``_uuid``, ``_submission_time``,
        ``__version__`` as a KPI version id, ``_index``…).
    """
    rename = _Labels(framework, labels, settlements)
    out: dict[str, object] = {}
    times = pd.Series(responses["submitted_at"])
    out["start"] = [(t - dt.timedelta(minutes=25)).isoformat() for t in times]
    out["end"] = [t.isoformat() for t in times]
    out[VERSION_FIELD] = framework.form_version
    for question in framework.design:
        if question.asked and question.code in responses:
            out[f"interview/{rename.header(question.code)}"] = responses[question.code]
    for question in framework.profile:
        out[f"profile/{rename.header(question.code)}"] = [
            rename.value(question.code, v) for v in responses[question.code]
        ]
    for domain in framework.domains:
        for indicator in domain.indicators:
            for code in framework.indicators[indicator].items:
                header = f"{group_name(domain.code)}/{rename.header(code)}"
                out[header] = [rename.value(code, v) for v in responses[code]]
    _multiple(out, responses, framework, rename)
    for question in framework.open_questions:
        out[f"open/{rename.header(question.code)}"] = responses[question.code]
    ids = np.arange(first_id, first_id + len(responses))
    out.update(
        {
            "_id": ids.astype(str),
            "_uuid": responses["uuid"],
            "_submission_time": [t.isoformat() for t in times],
            "_validation_status": "",
            "_notes": "",
            "_status": "submitted_via_web",
            "_submitted_by": "",
            "__version__": KPI_VERSION,
            "_tags": "",
            "meta/rootUuid": ["uuid:" + u for u in responses["uuid"]],
            "_index": np.arange(1, len(responses) + 1).astype(str),
        }
    )
    return pd.DataFrame(out).astype(object).fillna("")


def _multiple(
    out: dict[str, object],
    responses: pd.DataFrame,
    framework: Framework,
    rename: _Labels,
) -> None:
    question = framework.risk_perception
    picked = [set(str(v).split()) for v in responses[question.code]]
    header = f"risks/{rename.header(question.code)}"
    out[header] = [
        " ".join(rename.value(question.code, c) for c in sorted(p)) for p in picked
    ]
    for choice in question.choices:
        option = rename.value(question.code, choice.name)
        out[f"{header}/{option}"] = ["1" if choice.name in p else "0" for p in picked]


class _Labels:
    """XML names, or labels in one language, for headers and answers."""

    def __init__(
        self,
        framework: Framework,
        language: str | None,
        settlements: Sequence[Settlement],
    ) -> None:
        self.language = language
        self.headers = {code: item.label for code, item in framework.items.items()}
        self.values: dict[str, dict[str, str]] = {}
        for code, item in framework.items.items():
            scale = framework.scales[item.scale]
            self.values[code] = {
                c.name: c.label.text(language or "uk") for c in scale.choices
            }
        for question in framework.questions():
            self.headers[question.code] = question.label
            choices = list(question.choices)
            if question.kind == "settlement":
                choices = [*(_choice(s) for s in settlements)]
                if question.other is not None:
                    choices.append(question.other)
            self.values[question.code] = {
                c.name: c.label.text(language or "uk") for c in choices
            }

    def header(self, code: str) -> str:
        return code if self.language is None else self.headers[code].text(self.language)

    def value(self, code: str, name: str) -> str:
        if self.language is None or not name:
            return name
        return self.values[code].get(name, name)


def _choice(settlement: Settlement):  # type: ignore[no-untyped-def]
    from hromada.core._framework import Choice

    return Choice(settlement.code, settlement.label)


def export_csv(table: pd.DataFrame) -> str:
    """A table as KoboToolbox writes CSV: ``;`` separated, every cell quoted."""
    return table.to_csv(
        sep=";", quoting=csv.QUOTE_ALL, index=False, lineterminator="\n"
    )
