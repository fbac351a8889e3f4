"""The map: the stakeholders, their scores and the influence–interest grid."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from hromada.web.form_saving import saved
from hromada.web.stakeholders import network, services
from hromada.web.stakeholders.forms import (
    StakeholderForm,
)
from hromada.web.stakeholders.models import (
    Stakeholder,
    StakeholderRelation,
)
from hromada.web.stakeholders.views._common import community_for, page, record_for, url


@login_required
def stakeholder_map(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = community_for(request, katotth)
    stakeholders = network.ordered(Stakeholder.objects.of(community))
    rows = [(s, network.quadrant(s.influence, s.interest)) for s in stakeholders]
    return page(
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
    community, can_edit = community_for(request, katotth, write=True)
    form = StakeholderForm(
        request.POST or None, instance=Stakeholder(community=community)
    )
    if request.method == "POST" and saved(
        form,
        lambda data: services.stakeholder_create(
            community=community, actor=request.user, **data
        ),
    ):
        messages.success(request, _("The stakeholder is added to the map."))
        return redirect(url("map", community))
    return page(request, community, can_edit, "stakeholder_form.html", "map", form=form)


@login_required
def stakeholder_edit(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = community_for(request, katotth, write=True)
    stakeholder = record_for(
        request.user, Stakeholder.objects.of(community), pk, write=True
    )
    form = StakeholderForm(request.POST or None, instance=stakeholder)
    if request.method == "POST" and saved(
        form,
        lambda data: services.stakeholder_update(
            stakeholder=Stakeholder.objects.get(pk=stakeholder.pk),
            actor=request.user,
            **data,
        ),
    ):
        messages.success(request, _("The stakeholder is saved."))
        return redirect(url("map", community))
    return page(
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
    community, can_edit = community_for(request, katotth, write=True)
    stakeholder = record_for(
        request.user, Stakeholder.objects.of(community), pk, write=True
    )
    if request.method == "POST":
        services.stakeholder_delete(stakeholder=stakeholder, actor=request.user)
        messages.success(
            request,
            _("“%(name)s” is deleted from the map.") % {"name": stakeholder.name},
        )
        return redirect(url("map", community))
    relations = StakeholderRelation.objects.filter(
        source=stakeholder
    ) | StakeholderRelation.objects.filter(target=stakeholder)
    return page(
        request,
        community,
        can_edit,
        "stakeholder_delete.html",
        "map",
        stakeholder=stakeholder,
        relations=relations.count(),
    )
