"""The stakeholders tab: the map, the cooperation network and the working group.

Facilitators of the community's partner edit; the coordinator, working-group
members and council viewers read; anyone else gets 404. A reader who posts a
change gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.web.accounts.access import (
    AnyUser,
    Area,
    get_community_for_user,
    get_for_user,
)
from hromada.web.communities.models import Community
from hromada.web.communities.workspace import workspace_context
from hromada.web.stakeholders import network, services
from hromada.web.stakeholders.findings import percent
from hromada.web.stakeholders.forms import (
    MemberForm,
    RelationForm,
    StakeholderForm,
    WorkingGroupForm,
)
from hromada.web.stakeholders.models import (
    Stakeholder,
    StakeholderRelation,
    WorkingGroup,
    WorkingGroupMember,
)


def _community(
    request: HttpRequest, katotth: str, *, write: bool = False
) -> tuple[Community, bool]:
    community, can_edit = get_community_for_user(
        request.user, katotth, Area.STAKEHOLDERS
    )
    if write and not can_edit:
        raise PermissionDenied
    return community, can_edit


def _record(user: AnyUser, queryset: QuerySet[Any], pk: int, *, write: bool) -> Any:
    """A record of the community (404 if it is not), 403 to a reader who writes."""
    record, can_edit = get_for_user(user, queryset, area=Area.STAKEHOLDERS, pk=pk)
    if write and not can_edit:
        raise PermissionDenied
    return record


def _page(
    request: HttpRequest,
    community: Community,
    can_edit: bool,
    template: str,
    section: str,
    **context: object,
) -> HttpResponse:
    return render(
        request,
        f"stakeholders/{template}",
        workspace_context(request.user, community, "stakeholders")
        | {"can_edit": can_edit, "section": section, **context},
    )


def _saved(form: forms.BaseForm, save: Callable[[dict[str, Any]], object]) -> bool:
    """Run ``save`` on a valid form; a service's refusal lands on the form."""
    if not form.is_valid():
        return False
    try:
        save(dict(form.cleaned_data))
    except ValidationError as error:
        for field, errors in error.update_error_dict({}).items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True


def _url(name: str, community: Community, anchor: str = "") -> str:
    return reverse(f"stakeholders:{name}", args=[community.katotth]) + anchor


# The map ---------------------------------------------------------------------


@login_required
def stakeholder_map(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = _community(request, katotth)
    stakeholders = network.ordered(Stakeholder.objects.of(community))
    rows = [(s, network.quadrant(s.influence, s.interest)) for s in stakeholders]
    return _page(
        request,
        community,
        can_edit,
        "map.html",
        "map",
        rows=rows,
        chart=network.grid_chart(stakeholders) if stakeholders else None,
    )


@login_required
def stakeholder_add(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = _community(request, katotth, write=True)
    form = StakeholderForm(
        request.POST or None, instance=Stakeholder(community=community)
    )
    if request.method == "POST" and _saved(
        form,
        lambda data: services.stakeholder_create(
            community=community, actor=request.user, **data
        ),
    ):
        messages.success(request, _("The stakeholder is added to the map."))
        return redirect(_url("map", community))
    return _page(
        request, community, can_edit, "stakeholder_form.html", "map", form=form
    )


@login_required
def stakeholder_edit(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = _community(request, katotth, write=True)
    stakeholder = _record(
        request.user, Stakeholder.objects.of(community), pk, write=True
    )
    form = StakeholderForm(request.POST or None, instance=stakeholder)
    if request.method == "POST" and _saved(
        form,
        lambda data: services.stakeholder_update(
            stakeholder=Stakeholder.objects.get(pk=stakeholder.pk),
            actor=request.user,
            **data,
        ),
    ):
        messages.success(request, _("The stakeholder is saved."))
        return redirect(_url("map", community))
    return _page(
        request,
        community,
        can_edit,
        "stakeholder_form.html",
        "map",
        form=form,
        stakeholder=stakeholder,
    )


@login_required
def stakeholder_delete(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = _community(request, katotth, write=True)
    stakeholder = _record(
        request.user, Stakeholder.objects.of(community), pk, write=True
    )
    if request.method == "POST":
        services.stakeholder_delete(stakeholder=stakeholder, actor=request.user)
        messages.success(
            request,
            _("“%(name)s” is deleted from the map.") % {"name": stakeholder.name},
        )
        return redirect(_url("map", community))
    relations = StakeholderRelation.objects.filter(
        source=stakeholder
    ) | StakeholderRelation.objects.filter(target=stakeholder)
    return _page(
        request,
        community,
        can_edit,
        "stakeholder_delete.html",
        "map",
        stakeholder=stakeholder,
        relations=relations.count(),
    )


# The network -----------------------------------------------------------------


def _network_page(
    request: HttpRequest,
    community: Community,
    can_edit: bool,
    form: RelationForm | None = None,
) -> HttpResponse:
    stakeholders = list(Stakeholder.objects.of(community).order_by("pk"))
    relations = list(
        StakeholderRelation.objects.of(community)
        .select_related("source", "target")
        .order_by("pk")
    )
    place = {s.pk: n for n, s in enumerate(network.ordered(stakeholders))}
    context: dict[str, object] = {
        "relations": sorted(
            relations, key=lambda r: (place[r.source_id], place[r.target_id])
        ),
        "stakeholders": stakeholders,
    }
    if stakeholders:
        analysis = network.analyse(stakeholders, relations)
        context |= {
            "analysis": analysis,
            "chart": network.graph_chart(analysis),
            "metrics": network.metric_rows(analysis),
            "summary": _summary(analysis),
            "concerns": [f for f in analysis.findings if f.code != "broker"],
            "brokers": [f for f in analysis.findings if f.code == "broker"],
        }
    if can_edit and len(stakeholders) >= 2:
        context["form"] = form or RelationForm(community=community)
    return _page(request, community, can_edit, "network.html", "network", **context)


def _summary(analysis: network.MapAnalysis) -> dict[str, object]:
    table = analysis.network.stakeholders
    groups = analysis.network.components
    return {
        "density": percent(analysis.network.density),
        "ties": analysis.network.graph.number_of_edges(),
        "groups": int((groups["size"] >= 2).sum()),
        "isolates": int(table["isolate"].sum()),
    }


@login_required
def cooperation_network(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = _community(request, katotth)
    return _network_page(request, community, can_edit)


@login_required
@require_POST
def relation_add(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = _community(request, katotth, write=True)
    form = RelationForm(
        request.POST,
        community=community,
        instance=StakeholderRelation(community=community),
    )
    if _saved(
        form,
        lambda data: services.relation_create(
            community=community, actor=request.user, **data
        ),
    ):
        messages.success(request, _("The relation is added."))
        return redirect(_url("network", community, "#relations"))
    return _network_page(request, community, can_edit, form)


@login_required
def relation_edit(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = _community(request, katotth, write=True)
    relation = _record(
        request.user, StakeholderRelation.objects.of(community), pk, write=True
    )
    form = RelationForm(request.POST or None, community=community, instance=relation)
    if request.method == "POST" and _saved(
        form,
        lambda data: services.relation_update(
            relation=StakeholderRelation.objects.get(pk=relation.pk),
            actor=request.user,
            **data,
        ),
    ):
        messages.success(request, _("The relation is saved."))
        return redirect(_url("network", community, "#relations"))
    return _page(
        request, community, can_edit, "relation_form.html", "network", form=form
    )


@login_required
@require_POST
def relation_delete(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, _can_edit = _community(request, katotth, write=True)
    relation = _record(
        request.user, StakeholderRelation.objects.of(community), pk, write=True
    )
    services.relation_delete(relation=relation, actor=request.user)
    messages.success(request, _("The relation is deleted."))
    return redirect(_url("network", community, "#relations"))


# The working group -------------------------------------------------------------


def _group_page(
    request: HttpRequest,
    community: Community,
    can_edit: bool,
    *,
    group_form: WorkingGroupForm | None = None,
    member_form: MemberForm | None = None,
) -> HttpResponse:
    group = WorkingGroup.objects.filter(community=community).first()
    members = (
        list(group.members.select_related("stakeholder")) if group is not None else []
    )
    context: dict[str, object] = {"group": group, "members": members}
    if can_edit:
        context["group_form"] = group_form or WorkingGroupForm(instance=group)
        context["member_form"] = member_form or MemberForm(community=community)
    return _page(request, community, can_edit, "working_group.html", "group", **context)


@login_required
def working_group(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = _community(request, katotth)
    return _group_page(request, community, can_edit)


@login_required
@require_POST
def working_group_edit(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = _community(request, katotth, write=True)
    group = WorkingGroup.objects.filter(community=community).first()
    form = WorkingGroupForm(
        request.POST, instance=group or WorkingGroup(community=community)
    )
    if _saved(
        form,
        lambda data: services.working_group_save(
            community=community, actor=request.user, **data
        ),
    ):
        messages.success(request, _("The founding document is saved."))
        return redirect(_url("working-group", community))
    return _group_page(request, community, can_edit, group_form=form)


def _new_member(community: Community) -> WorkingGroupMember:
    group = WorkingGroup.objects.filter(community=community).first()
    return WorkingGroupMember(community=community, working_group=group)


@login_required
@require_POST
def member_add(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = _community(request, katotth, write=True)
    form = MemberForm(
        request.POST, community=community, instance=_new_member(community)
    )
    if _saved(
        form,
        lambda data: services.working_group_member_add(
            community=community, actor=request.user, **data
        ),
    ):
        messages.success(request, _("The member is added to the working group."))
        return redirect(_url("working-group", community, "#roster"))
    return _group_page(request, community, can_edit, member_form=form)


@login_required
def member_edit(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = _community(request, katotth, write=True)
    member = _record(
        request.user,
        WorkingGroupMember.objects.filter(community=community),
        pk,
        write=True,
    )
    form = MemberForm(request.POST or None, community=community, instance=member)
    if request.method == "POST" and _saved(
        form,
        lambda data: services.working_group_member_update(
            member=WorkingGroupMember.objects.get(pk=member.pk),
            actor=request.user,
            **data,
        ),
    ):
        messages.success(request, _("The member is saved."))
        return redirect(_url("working-group", community, "#roster"))
    return _page(request, community, can_edit, "member_form.html", "group", form=form)


@login_required
@require_POST
def member_delete(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, _can_edit = _community(request, katotth, write=True)
    member = _record(
        request.user,
        WorkingGroupMember.objects.filter(community=community),
        pk,
        write=True,
    )
    services.working_group_member_remove(member=member, actor=request.user)
    messages.success(request, _("The member is removed from the working group."))
    return redirect(_url("working-group", community, "#roster"))
