"""Demo: a risk-ranking dialogue in the home community (part of the dialogue step).

Ballots from several stakeholder groups (residents and police online, youth and
the council on paper dot sheets, the last two under 10 and so suppressed), the
working group's agreed priorities with a rationale, and an agreement linked to
the first priority. The ballot ranks the home community's register; when the
risks step has not filled it (it loads earlier once merged), a handful of
catalogue risks are created here and removed again on reset.
"""

from __future__ import annotations

import datetime as dt

from hromada.web.communities.models import Community
from hromada.web.demo import Demo
from hromada.web.dialogues import services
from hromada.web.dialogues.models import Ballot, DialogueSession
from hromada.web.dialogues.services.ballots import MIN_PRIORITIES, register_risks
from hromada.web.risks.models import Risk
from hromada.web.risks.services import risk_dialogue_ranks_set

TITLE = "Які ризики громада вирішує першими: голосування крапками (демо)"
DEMO_RISK_NOTE = "Демо-ризик діалогу (створено, бо реєстр був порожній)."
# Catalogue code, title, English title, likelihood, impact, perception share.
RISKS = (
    ("RK01", "Крадіжки та шахрайство", "Burglary and theft", 4, 3, 0.41),
    ("RK04", "Алкоголь і наркотики", "Alcohol and drugs", 3, 4, 0.33),
    ("RK05", "Небезпека на дорогах", "Road traffic danger", 4, 4, 0.38),
    ("RK07", "Погане вуличне освітлення", "Poor street lighting", 5, 3, 0.52),
    ("RK10", "Міни та нерозірвані боєприпаси", "Mines and UXO", 2, 5, 0.29),
    ("RK13", "Напруга між мешканцями та ВПО", "Residents–IDP tension", 3, 3, 0.18),
    ("RK20", "Молодь у зоні ризику", "Youth at risk", 3, 4, 0.24),
)
# Online ballots per group, and each group's favourite risks (by catalogue code).
ONLINE = {"resident": 14, "police": 10}
PAPER = {"youth": 6, "local_government": 4}
FAVOURITES = {
    "resident": ("RK07", "RK05", "RK01", "RK04"),
    "police": ("RK04", "RK01", "RK05", "RK20"),
    "youth": ("RK20", "RK07", "RK13", "RK04"),
    "local_government": ("RK05", "RK07", "RK10", "RK01"),
}
RATIONALE = (
    "Освітлення — перше, бо його хочуть і мешканці, і молодь, а рішення в силах "
    "громади вже цього року; міни лишаються в реєстрі, але розмінування веде ДСНС."
)


def _ensure_risks(home: Community) -> None:
    if Risk.objects.of(home).exists():
        return
    # The risks app has no create service on this branch; the risks step
    # replaces this once it runs first.
    for code, title, title_en, likelihood, impact, share in RISKS:
        Risk.objects.create(
            community=home,
            code=code,
            title=title,
            title_en=title_en,
            likelihood=likelihood,
            impact=impact,
            score=likelihood * impact,
            perception_share=share,
            description=DEMO_RISK_NOTE,
        )


def _choices(ballot: Ballot, group: str, voter: int) -> dict[int, int]:
    """A voter's dots: the group's favourites first, varied between voters."""
    by_code = {item.risk.code: item.risk.pk for item in ballot.items.all()}
    liked = [by_code[c] for c in FAVOURITES[group] if c in by_code]
    liked += [pk for pk in by_code.values() if pk not in liked]
    dots: dict[int, int] = {}
    for n in range(ballot.budget):
        # Most voters share the group's top three; every fourth spreads wider.
        index = n if voter % 4 == 0 else (voter + n) % 3
        pk = liked[index % len(liked)]
        dots[pk] = dots.get(pk, 0) + 1
    return dots


def load(demo: Demo) -> DialogueSession:
    _ensure_risks(demo.home)
    session = services.session_create(
        community=demo.home,
        kind=DialogueSession.Kind.COMMUNITY_DIALOGUE,
        title=TITLE,
        date=dt.date(2025, 10, 9),
        place="Палац культури, мала зала",
        facilitator=demo.users["facilitator"],
        purpose="Проранжувати ризики реєстру разом із мешканцями, поліцією, "
        "молоддю та радою, і узгодити пріоритети програми безпеки.",
    )
    services.attendance_record(session=session, attendees=40, counts={})
    ballot = services.ballot_setup(
        session=session, method=Ballot.Method.DOTS, risks=register_risks(session)
    )
    services.voting_open(session=session)
    for group, count in ONLINE.items():
        for voter in range(count):
            participant, _key = services.participant_create(session=session)
            services.ballot_cast(
                session=session,
                participant=participant,
                group=group,
                marks=_choices(ballot, group, voter),
            )
    for group, voters in PAPER.items():
        sheet: dict[int, int] = {}
        for voter in range(voters):
            for pk, n in _choices(ballot, group, voter).items():
                sheet[pk] = sheet.get(pk, 0) + n
        services.ballot_paper_record(
            session=session, actor=None, group=group, voters=voters, dots=sheet
        )
    _agree(session)
    return session


def _agree(session: DialogueSession) -> None:
    risks = register_risks(session)
    if len(risks) < MIN_PRIORITIES:
        return
    by_code = {r.code: r for r in risks}
    wanted = [
        by_code[c] for c in ("RK07", "RK05", "RK01", "RK04", "RK20") if c in by_code
    ]
    ordered = wanted if len(wanted) == MIN_PRIORITIES else risks[:MIN_PRIORITIES]
    services.priorities_record(
        session=session, actor=None, ordered=ordered, rationale=RATIONALE
    )
    services.agreement_create(
        session=session,
        text=f"Першим пріоритетом програми безпеки визнати «{ordered[0].title}»; "
        "робоча група готує заходи до наступної зустрічі.",
        risks=[ordered[0]],
    )


def reset(demo: Demo) -> None:
    for session in DialogueSession.objects.filter(title=TITLE):
        if hasattr(session, "priorities"):
            risk_dialogue_ranks_set(community=session.community, ordered=[])
        services.session_delete(session=session, actor=None)
    Risk.objects.filter(description=DEMO_RISK_NOTE).delete()
