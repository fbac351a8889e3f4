"""Demo step: official statistics, expert ratings and safety-walk hotspots.

Figures are invented but plausible (seeded per community), rates computed from
each community's real population; ratings go to the round the survey step made.
"""

from __future__ import annotations

import zlib

import numpy as np

from hromada.web.communities.models import Community
from hromada.web.demo import Demo
from hromada.web.evidence import services
from hromada.web.evidence.models import ExpertRating, Hotspot, StatisticValue
from hromada.web.surveys.demo import demo_katotths
from hromada.web.surveys.frameworks import framework_of
from hromada.web.surveys.models import Assessment

YEARS = (2023, 2024, 2025)
# Typical rate per the indicator's unit, and the source the figure comes from.
TYPICAL = {
    "T1": (120.0, "Головне управління Національної поліції в області"),
    "T2": (25.0, "Головне управління Національної поліції в області"),
    "T3": (8.0, "Департамент патрульної поліції"),
    "T4": (18.0, "Головне управління ДСНС в області"),
    "T5": (14.0, "Центр екстреної медичної допомоги"),
    "T6": (35.0, "Виконавчий комітет ради"),
    "T7": (1.2, "Головне управління Національної поліції в області"),
    "T8": (0.6, "Виконавчий комітет ради"),
    "T9": (0.8, "Головне управління ДСНС в області"),
    "T10": (14.0, "Управління соціального захисту населення"),
}
HOTSPOTS = (
    (0.004, 0.006, "lighting", "night", "Темний прохід між будинками біля зупинки"),
    (-0.006, 0.002, "abandoned", "evening", "Покинута будівля, збираються підлітки"),
    (0.002, -0.008, "traffic", "day", "Нерегульований перехід біля школи"),
    (-0.011, -0.012, "uxo", "any", "Поле з позначками про можливі міни"),
    (0.009, -0.003, "shelter", "any", "Укриття зачинене вночі"),
)
RATERS = ("Поліцейський офіцер громади", "Представник ДСНС")


def load(demo: Demo) -> None:
    for assessment in demo.extra.get("assessments", []):
        community = assessment.community
        rng = np.random.default_rng(zlib.crc32(community.katotth.encode()))
        _statistics(community, rng)
        _ratings(assessment, rng, demo)
    home = demo.home
    for north, east, category, time, description in HOTSPOTS:
        services.hotspot_create(
            community=home,
            latitude=round(home.latitude + north, 6),
            longitude=round(home.longitude + east, 6),
            category=category,
            time_of_day=time,
            description=description,
            actor=demo.users["facilitator"],
        )


def _statistics(community: Community, rng: np.random.Generator) -> None:
    framework = services.statistics_framework()
    for indicator in framework.indicators_of("statistics"):
        typical, source = TYPICAL[indicator.code]
        unit = indicator.unit or "minutes"
        per = {"per_10000": 10_000, "per_1000": 1_000, "per_100": 100, "percent": 100}
        for year in YEARS:
            rate = typical * float(rng.lognormal(0.0, 0.25))
            value = (
                round(rate, 1)
                if unit == "minutes"
                else float(round(rate * community.population / per[unit]))
            )
            services.statistic_set(
                community=community,
                indicator=indicator.code,
                period=year,
                value=value,
                source=source,
                actor=None,
            )


def _ratings(assessment: Assessment, rng: np.random.Generator, demo: Demo) -> None:
    framework = framework_of(assessment.framework)
    experts = [*framework.indicators_of("expert"), *framework.indicators_of("audit")]
    for indicator in experts:
        for rater in RATERS:
            criteria = {
                c.code: int(rng.choice([0, 1, 2], p=[0.25, 0.4, 0.35]))
                for c in indicator.checklist
            }
            services.expert_rating_add(
                assessment=assessment,
                indicator=indicator.code,
                rater=rater,
                criteria=criteria,
                actor=None,
            )


def reset(demo: Demo) -> None:
    katotths = demo_katotths()
    for statistic in StatisticValue.objects.filter(community__katotth__in=katotths):
        services.statistic_delete(statistic=statistic, actor=None)
    for rating in ExpertRating.objects.filter(community__katotth__in=katotths):
        services.expert_rating_delete(rating=rating, actor=None)
    for hotspot in Hotspot.objects.filter(community__katotth__in=katotths):
        services.hotspot_delete(hotspot=hotspot, actor=None)
