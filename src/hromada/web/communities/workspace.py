"""The community workspace's tabs, one per phase of the methodology.

A later app fills a tab by setting its ``url_name`` to the app's own view (and
mounting that view at ``communities/<katotth>/<slug>/``); until then the tab
shows its ``placeholder``, saying what will be there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hromada.web.accounts.access import (
    Action,
    AnyUser,
    Area,
    Role,
    column_of,
    right,
    role_in,
)
from hromada.web.communities.models import Community, Phase


@dataclass(frozen=True, slots=True)
class Tab:
    slug: str
    label: str | Promise
    areas: tuple[Area, ...]  # shown to whoever may read any of them
    phases: tuple[Phase, ...]
    placeholder: str | Promise = ""
    url_name: str | None = None

    def url(self, community: Community) -> str:
        if self.url_name is None:
            return reverse(f"communities:tab-{self.slug}", args=[community.katotth])
        return reverse(self.url_name, args=[community.katotth])

    def visible_to(self, column: Role) -> bool:
        """Whether the tab shows in this rights-table column (see ``column_of``)."""
        return any(right(column, area, Action.READ) for area in self.areas)


TABS: tuple[Tab, ...] = (
    Tab(
        "overview",
        _("Overview"),
        (Area.REGISTRY,),
        (Phase.ENTRY,),
        url_name="communities:workspace",
    ),
    Tab(
        "stakeholders",
        _("Stakeholders"),
        (Area.STAKEHOLDERS,),
        (Phase.PREPARATION,),
        _(
            "The stakeholder map: who has a mandate or resources for safety, their "
            "influence and interest, how they relate, and the working group."
        ),
        url_name="stakeholders:map",
    ),
    Tab(
        "evidence",
        _("Evidence"),
        (Area.SURVEY_DATA, Area.RESULTS, Area.INTERNAL_GEODATA),
        (Phase.EVIDENCE,),
        url_name="surveys:evidence",
    ),
    Tab(
        "analysis",
        _("Analysis"),
        (Area.RESULTS,),
        (Phase.ANALYSIS,),
        _(
            "Estimates with confidence intervals, indices, gaps between groups and "
            "the security passport."
        ),
        url_name="analysis:tab",
    ),
    Tab(
        "risks",
        _("Risks"),
        (Area.RISKS,),
        (Phase.ANALYSIS,),
        _("The risk register: likelihood, impact, perception, equity and evidence."),
        url_name="risks:register",
    ),
    Tab(
        "dialogue",
        _("Dialogue"),
        (Area.DIALOGUES,),
        (Phase.DIALOGUE,),
        _(
            "Dialogue sessions, statements and votes, risk ranking, agreements and "
            "action items."
        ),
        url_name="dialogues:index",
    ),
    Tab(
        "programme",
        _("Programme"),
        (Area.PROGRAMME,),
        (Phase.DRAFTING, Phase.APPROVAL),
        _(
            "The local security programme: goals, tasks, measures, budgets, "
            "indicators and the council's decision."
        ),
    ),
    Tab(
        "monitoring",
        _("Monitoring"),
        (Area.PROGRAMME,),
        (Phase.IMPLEMENTATION, Phase.MONITORING),
        _(
            "Quarterly reports on measures, indicator values against targets and "
            "the repeat assessment."
        ),
    ),
)


def tab(slug: str) -> Tab:
    return next(t for t in TABS if t.slug == slug)


def visible_tabs(user: AnyUser, community: Community) -> list[Tab]:
    column = column_of(user, community)
    return [t for t in TABS if t.visible_to(column)]


def workspace_context(
    user: AnyUser, community: Community, slug: str
) -> dict[str, object]:
    """What ``communities/workspace.html`` needs around a tab's own content.

    A filled tab's template extends it and fills ``{% block tab %}``.
    """
    return {
        "community": community,
        "role": role_in(user, community),
        "tabs": [(t, t.url(community)) for t in visible_tabs(user, community)],
        "active": tab(slug),
        "phases": list(Phase),
    }
