"""Demo: a risk-ranking dialogue in the home community (part of the dialogue step).

Ballots from several stakeholder groups (residents and police online, youth and
the council on paper dot sheets, the last two under 10 and so suppressed), the
working group's agreed priorities with a rationale, and an agreement linked to
the first priority. The ballot ranks the home community's register, which the
risks step (earlier in ``web.demo.STEPS``) has filled.
"""

from __future__ import annotations

import datetime as dt

from hromada.web.demo import Demo
from hromada.web.dialogues import services
from hromada.web.dialogues.models import Ballot, DialogueSession
from hromada.web.dialogues.services.ballots import MIN_PRIORITIES, register_risks
from hromada.web.risks.services import risk_dialogue_ranks_set

TITLE = "Які ризики громада вирішує першими: голосування крапками (демо)"
# Online ballots per group, and each group's favourite risks (by catalogue code).
ONLINE = {"resident": 14, "police": 10}
PAPER = {"youth": 6, "local_government": 4}
# The home register comes from the risks step, which runs first (web/demo.py).
FAVOURITES = {
    "resident": ("RK07", "RK11", "RK12", "RK09"),
    "police": ("RK10", "RK09", "RK13", "RK07"),
    "youth": ("RK07", "RK13", "RK11", "RK12"),
    "local_government": ("RK12", "RK09", "RK07", "RK10"),
}
AGREED = ("RK07", "RK09", "RK10", "RK11", "RK12")
RATIONALE = (
    "Освітлення — перше, бо його хочуть і мешканці, і молодь, а рішення в силах "
    "громади вже цього року; обстріли й міни громада сама не усуне, але готує "
    "укриття, оповіщення та уроки мінної безпеки."
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
    wanted = [by_code[c] for c in AGREED if c in by_code]
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
