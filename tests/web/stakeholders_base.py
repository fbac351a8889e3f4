"""A small stakeholder map in the cast's community, built through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import translation

from hromada.web.communities.models import Community
from hromada.web.stakeholders import services
from hromada.web.stakeholders.models import (
    Stakeholder,
    StakeholderRelation,
    WorkingGroup,
    WorkingGroupMember,
)
from tests.web.base import HromadaTestCase

CONTACT = "Черговий: 0 800 000 000"
PERSON = "Оксана Литвин"


class MapTestCase(HromadaTestCase):
    """``community`` has police — council — CSO cooperating, the youth council in
    conflict with the police, and a working group (the council, and a person);
    ``foreign`` is a stakeholder of ``other_community``."""

    police: Stakeholder
    council: Stakeholder
    youth: Stakeholder
    cso: Stakeholder
    foreign: Stakeholder
    cooperation: StakeholderRelation
    conflict: StakeholderRelation
    group: WorkingGroup
    chair: WorkingGroupMember
    person: WorkingGroupMember

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.police = cls.add("Поліція", "police", 4, 3, "Police", contact=CONTACT)
        cls.council = cls.add("Міська рада", "local_government", 5, 4, "City council")
        cls.youth = cls.add("Молодіжна рада", "youth", 1, 4, "Youth council")
        cls.cso = cls.add("ГО «Діалог»", "cso", 2, 5, "Dialogue")
        cls.foreign = services.stakeholder_create(
            community=cls.other_community,
            actor=None,
            name_uk="Ізюмська рада",
            type="local_government",
            influence=5,
            interest=5,
        )
        cls.cooperation = cls.relate(cls.police, cls.council, "cooperates", 3)
        cls.relate(cls.council, cls.cso, "cooperates", 2)
        cls.conflict = cls.relate(cls.police, cls.youth, "conflict", 2)
        cls.group = services.working_group_save(
            community=cls.community,
            actor=None,
            founding_document_title="Розпорядження «Про робочу групу»",
            founding_document_number="12-р",
            founding_document_date=dt.date(2025, 4, 14),
        )
        cls.chair = services.working_group_member_add(
            community=cls.community, actor=None, stakeholder=cls.council, role="chair"
        )
        cls.person = services.working_group_member_add(
            community=cls.community,
            actor=None,
            person_name=PERSON,
            position="фасилітаторка",
            role="secretary",
        )
        cls.council.refresh_from_db()

    @classmethod
    def add(
        cls,
        name: str,
        type_: str,
        influence: int,
        interest: int,
        name_en: str = "",
        **extra: Any,
    ) -> Stakeholder:
        return services.stakeholder_create(
            community=cls.community,
            actor=None,
            name_uk=name,
            name_en=name_en,
            type=type_,
            influence=influence,
            interest=interest,
            **extra,
        )

    @classmethod
    def relate(
        cls, a: Stakeholder, b: Stakeholder, kind: str, strength: int | None
    ) -> StakeholderRelation:
        return services.relation_create(
            community=cls.community,
            actor=None,
            source=a,
            target=b,
            kind=kind,
            strength=strength,
        )

    def url(self, name: str, *args: object, community: Community | None = None) -> str:
        """The route's path without a language prefix, whatever is active."""
        katotth = (community or self.community).katotth
        with translation.override("uk"):
            return reverse(f"stakeholders:{name}", args=[katotth, *args])
