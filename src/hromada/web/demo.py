"""``hromada demo``: the demo network, built step by step by the apps.

Each app that has demo data contributes a module with two functions,
``load(demo: Demo) -> None`` and ``reset(demo: Demo) -> None``, and is listed in
``STEPS``. Steps load in order and reset in reverse order, inside one
transaction, and write only through services. A later step finds what the
earlier ones made on the shared ``Demo`` (``demo.partner``, ``demo.home``,
``demo.users["facilitator"]``, ...) and may add its own attributes to ``extra``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.db import transaction

if TYPE_CHECKING:
    from hromada.web.accounts.models import User
    from hromada.web.communities.models import Community, Organisation

STEPS: tuple[str, ...] = (
    "hromada.web.communities.demo",
    "hromada.web.accounts.demo",
    "hromada.web.stakeholders.demo",
    "hromada.web.surveys.demo",
    "hromada.web.evidence.demo",
    "hromada.web.analysis.demo",
    "hromada.web.risks.demo",
    "hromada.web.dialogues.demo",
)
DEFAULT_PASSWORD = "hromada-demo"


@dataclass
class Demo:
    password: str
    organisations: dict[str, Organisation] = field(default_factory=dict)
    communities: list[Community] = field(default_factory=list)  # the demo partner's
    other_communities: list[Community] = field(default_factory=list)  # the other's
    users: dict[str, User] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def partner(self) -> Organisation:
        return self.organisations["partner"]

    @property
    def other_partner(self) -> Organisation:
        return self.organisations["other_partner"]

    @property
    def home(self) -> Community:
        """The community where the demo working-group member and council viewer sit."""
        return self.communities[0]


class Step(Protocol):
    def load(self, demo: Demo) -> None: ...

    def reset(self, demo: Demo) -> None: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    loaded: bool
    summary: str


def steps() -> list[Step]:
    return [importlib.import_module(name) for name in STEPS]


def is_loaded() -> bool:
    from hromada.web.communities.demo import is_loaded as network_loaded

    return network_loaded()


def database_is_new() -> bool:
    from hromada.web.accounts.models import User
    from hromada.web.communities.models import Organisation

    return not User.objects.exists() and not Organisation.objects.exists()


@transaction.atomic
def load(*, reset: bool = False, only_if_new: bool = False) -> Outcome:
    demo = Demo(password=settings.HROMADA_DEMO_PASSWORD)
    if only_if_new and not database_is_new():
        return Outcome(False, "The database is not new: the demo was not loaded.")
    if reset:
        for step in reversed(steps()):
            step.reset(demo)
    elif is_loaded():
        return Outcome(
            False, "The demo network is already loaded (--reset rebuilds it)."
        )
    for step in steps():
        step.load(demo)
    return Outcome(True, "The demo network is loaded.")


def login_table() -> str:
    from hromada.web.accounts.demo import LOGINS

    password = settings.HROMADA_DEMO_PASSWORD
    shown = password if password == DEFAULT_PASSWORD else "$HROMADA_DEMO_PASSWORD"
    lines = [f"Demo log-ins (password: {shown}):"]
    lines += [f"  {username:<12} {what}" for username, what in LOGINS]
    return "\n".join(lines)
