"""Demo step: dialogues in the home community (Sloviansk).

- A community dialogue whose statements and votes are the real London youth
  policing conversation (Pol.is, 2022, CC BY 4.0), imported through the real
  Pol.is import, with the statements translated into Ukrainian.
- A police–community dialogue recorded on paper: attendance by group, tallies
  from the printed sheet, agreements and action items.
- A restorative circle of the demo facilitator (pseudonyms only).
- A risk-ranking dialogue with agreed priorities (``demo_ranking.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from hromada.web.demo import Demo
from hromada.web.dialogues import demo_ranking, services
from hromada.web.dialogues.models import (
    ActionItem,
    CircleParty,
    DialogueSession,
    PopulationShare,
    RestorativeCircle,
)

DATA = Path(__file__).parent / "data" / "london_youth_policing"
ATTRIBUTION = (
    "Data was gathered using the Polis software (compdemocracy.org/polis) and is "
    "sub-licensed under CC BY 4.0 with Attribution to The Computational Democracy "
    "Project.\n"
    "Source: github.com/compdemocracy/openData, london.youth.policing "
    "(https://pol.is/9xxwa9jpkm). Statements translated into Ukrainian by Hromada."
)
LONDON_TITLE = (
    "Як найкраще залучити молодь до місцевого громадського контролю за роботою "
    "поліції? (демо: реальна розмова Pol.is, Лондон, 2022)"
)
POLICE_TITLE = "Поліція і громада: безпека дорогою до школи (демо)"
DEMO_SOURCE = "демо: орієнтовні значення, не офіційні дані"
CIRCLE_PLACE = "Центр надання соціальних послуг (демо)"

POPULATION = {
    ("sex", "female"): 0.54,
    ("sex", "male"): 0.46,
    ("age_group", "under_18"): 0.17,
    ("age_group", "18_29"): 0.12,
    ("age_group", "30_44"): 0.23,
    ("age_group", "45_59"): 0.21,
    ("age_group", "60_plus"): 0.27,
}
POLICE_STATEMENTS = (
    "Дорогою до школи мої діти почуваються в безпеці.",
    "Біля шкіл потрібні пішохідні переходи з освітленням.",
    "Поліцейський офіцер громади має щомісяця зустрічатися з батьками.",
    "Після сигналу тривоги діти знають, куди йти.",
)
# agree, disagree, pass per statement, from the printed tally sheet.
POLICE_TALLIES = ((9, 13, 2), (22, 1, 1), (17, 3, 4), (11, 8, 5))
POLICE_COUNTS = {
    ("sex", "female"): 15,
    ("sex", "male"): 9,
    ("age_group", "18_29"): 3,
    ("age_group", "30_44"): 12,
    ("age_group", "45_59"): 6,
    ("age_group", "60_plus"): 3,
    ("idp", "yes"): 5,
    ("veteran", "yes"): 0,
    ("disability", "yes"): 1,
    ("stakeholder_type", "resident"): 17,
    ("stakeholder_type", "community_police_officer"): 2,
    ("stakeholder_type", "education"): 3,
    ("stakeholder_type", "local_government"): 2,
}


def load(demo: Demo) -> None:
    facilitator = demo.users["facilitator"]
    services.population_shares_set(
        community=demo.home, shares=POPULATION, source=DEMO_SOURCE
    )
    demo.extra["london_dialogue"] = _london(demo)
    demo.extra["police_dialogue"] = _police(demo)
    demo.extra["ranking_dialogue"] = demo_ranking.load(demo)
    circle = services.circle_create(
        community=demo.home,
        facilitator=facilitator,
        date=dt.date(2025, 10, 14),
        place=CIRCLE_PLACE,
        purpose="Конфлікт між сусідами через пошкоджений паркан (демо).",
    )
    for pseudonym, role in (
        ("А", CircleParty.Role.HARMED),
        ("Б", CircleParty.Role.RESPONSIBLE),
        ("В", CircleParty.Role.SUPPORTER),
    ):
        services.circle_party_add(circle=circle, pseudonym=pseudonym, role=role)
    services.circle_item_add(
        circle=circle,
        text="Полагодити паркан власним коштом.",
        owner="Б",
        deadline=dt.date(2025, 11, 15),
    )
    services.circle_follow_up_add(
        circle=circle,
        date=dt.date(2025, 11, 20),
        note="Паркан полагоджено; сторони вітаються.",
    )


def _london(demo: Demo) -> DialogueSession:
    session = services.session_create(
        community=demo.home,
        kind=DialogueSession.Kind.COMMUNITY_DIALOGUE,
        title=LONDON_TITLE,
        date=dt.date(2022, 7, 27),
        place="Онлайн (Pol.is)",
        facilitator=demo.users["facilitator"],
        purpose=(
            "Демонстрація на реальних даних: як молодь бачить громадський контроль "
            "за роботою поліції. Розмова відбулася в Лондоні 2022 року на Pol.is."
        ),
    )
    services.polis_import(
        session=session,
        actor=None,
        votes=(DATA / "votes.csv").read_bytes(),
        comments=(DATA / "comments.csv").read_bytes(),
        language="en",
        meta=range(15),
        attribution=ATTRIBUTION,
    )
    translations = _translations()
    for statement in session.statements.all():
        services.statement_update(
            statement=statement,
            text_uk=translations[statement.number],
            text_en=statement.text_en,
            is_meta=statement.is_meta,
        )
    services.attendance_record(session=session, attendees=26, counts={})
    return session


def _translations() -> dict[int, str]:
    text = (DATA / "statements_uk.csv").read_text(encoding="utf-8")
    return {
        int(row["comment-id"]): row["text_uk"]
        for row in csv.DictReader(io.StringIO(text))
    }


def _police(demo: Demo) -> DialogueSession:
    session = services.session_create(
        community=demo.home,
        kind=DialogueSession.Kind.POLICE_COMMUNITY,
        title=POLICE_TITLE,
        date=dt.date(2025, 9, 18),
        place="Ліцей № 5, актова зала",
        facilitator=demo.users["facilitator"],
        purpose="Обговорити безпеку дітей дорогою до школи з поліцією та батьками.",
        agenda=(
            "1. Результати опитування.\n2. Голосування за твердження.\n3. Домовленості."
        ),
        minutes="Голосували руками; лічильники — двоє членів робочої групи.",
    )
    services.attendance_record(session=session, attendees=24, counts=POLICE_COUNTS)
    statements = services.statements_add(
        session=session, texts=POLICE_STATEMENTS, language="uk"
    )
    services.tallies_record(
        session=session,
        actor=None,
        tallies={
            s.number: tally for s, tally in zip(statements, POLICE_TALLIES, strict=True)
        },
    )
    agreement = services.agreement_create(
        session=session,
        text="Облаштувати освітлені пішохідні переходи біля ліцею № 5 і школи № 12.",
    )
    services.action_item_create(
        session=session,
        agreement=agreement,
        text="Подати звернення до управління ЖКГ щодо освітлення переходів.",
        owner="Робоча група з безпеки",
        due_date=dt.date(2025, 10, 15),
        status=ActionItem.Status.DONE,
    )
    services.action_item_create(
        session=session,
        agreement=agreement,
        text="Провести урок безпеки дорожнього руху для 1–4 класів.",
        owner="Поліцейський офіцер громади",
        due_date=dt.date(2025, 12, 1),
        status=ActionItem.Status.IN_PROGRESS,
    )
    return session


def reset(demo: Demo) -> None:
    demo_ranking.reset(demo)
    for session in DialogueSession.objects.filter(
        title__in=[LONDON_TITLE, POLICE_TITLE]
    ):
        services.session_delete(session=session, actor=None)
    for circle in RestorativeCircle.objects.filter(place=CIRCLE_PLACE):
        services.circle_delete(circle=circle)
    for share in PopulationShare.objects.filter(source=DEMO_SOURCE, session=None):
        services.population_shares_set(
            community=share.community, shares={(share.dimension, share.category): None}
        )
