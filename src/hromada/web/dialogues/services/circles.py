"""Restorative circles: written only by the facilitator assigned to each.

Deliberately no audit events: the audit log is the coordinator's to read, and a
circle must not show up, even as a count, below the network level.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hromada.web.accounts.models import User
from hromada.web.communities.models import Community
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.models import (
    CircleAgreementItem,
    CircleFollowUp,
    CircleParty,
    RestorativeCircle,
)


def circle_create(
    *,
    community: Community,
    facilitator: User,
    date: dt.date,
    place: str = "",
    purpose: str = "",
) -> RestorativeCircle:
    circle = RestorativeCircle(
        community=community,
        facilitator=facilitator,
        date=date,
        place=place,
        purpose=purpose,
    )
    circle.full_clean()
    circle.save()
    return circle


def circle_update(
    *,
    circle: RestorativeCircle,
    date: dt.date,
    place: str,
    purpose: str,
    notes: str,
    status: str,
) -> None:
    circle.date, circle.place, circle.purpose = date, place, purpose
    circle.notes, circle.status = notes, status
    circle.full_clean()
    circle.save()


def circle_hand_over(*, circle: RestorativeCircle, to: User) -> None:
    """Assign another facilitator (of the community's partner) to the circle."""
    circle.facilitator = to
    circle.save(update_fields=["facilitator"])


def circle_delete(*, circle: RestorativeCircle) -> None:
    circle.delete()


def circle_party_add(
    *, circle: RestorativeCircle, pseudonym: str, role: str
) -> CircleParty:
    party = CircleParty(circle=circle, pseudonym=pseudonym.strip(), role=role)
    party.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            party.save()
    except IntegrityError as error:
        raise Refused(
            "duplicate_pseudonym",
            _("“%(pseudonym)s” is already a party.") % {"pseudonym": party.pseudonym},
        ) from error
    return party


def circle_party_remove(*, party: CircleParty) -> None:
    party.delete()


def circle_item_add(
    *,
    circle: RestorativeCircle,
    text: str,
    owner: str,
    deadline: dt.date | None = None,
) -> CircleAgreementItem:
    item = CircleAgreementItem(
        circle=circle, text=text.strip(), owner=owner.strip(), deadline=deadline
    )
    item.full_clean()
    item.save()
    return item


def circle_item_status(*, item: CircleAgreementItem, status: str) -> None:
    item.status = status
    item.full_clean()
    item.save(update_fields=["status"])


def circle_follow_up_add(
    *, circle: RestorativeCircle, date: dt.date, note: str
) -> CircleFollowUp:
    follow_up = CircleFollowUp(circle=circle, date=date, note=note.strip())
    follow_up.full_clean()
    follow_up.save()
    return follow_up
