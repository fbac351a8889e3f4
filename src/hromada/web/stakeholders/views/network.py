"""The cooperation network: the graph, its findings and measures, the relations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.web.communities.models import Community
from hromada.web.form_saving import saved
from hromada.web.stakeholders import network, services
from hromada.web.stakeholders.findings import percent
from hromada.web.stakeholders.forms import (
    RelationForm,
)
from hromada.web.stakeholders.models import (
    Stakeholder,
    StakeholderRelation,
)
from hromada.web.stakeholders.views._common import community_for, page, record_for, url


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
    return page(request, community, can_edit, "network.html", "network", **context)


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
    community, can_edit = community_for(request, katotth)
    return _network_page(request, community, can_edit)


@login_required
@require_POST
def relation_add(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = community_for(request, katotth, write=True)
    form = RelationForm(
        request.POST,
        community=community,
        instance=StakeholderRelation(community=community),
    )
    if saved(
        form,
        lambda data: services.relation_create(
            community=community, actor=request.user, **data
        ),
    ):
        messages.success(request, _("The relation is added."))
        return redirect(url("network", community, "#relations"))
    return _network_page(request, community, can_edit, form)


@login_required
def relation_edit(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = community_for(request, katotth, write=True)
    relation = record_for(
        request.user, StakeholderRelation.objects.of(community), pk, write=True
    )
    form = RelationForm(request.POST or None, community=community, instance=relation)
    if request.method == "POST" and saved(
        form,
        lambda data: services.relation_update(
            relation=StakeholderRelation.objects.get(pk=relation.pk),
            actor=request.user,
            **data,
        ),
    ):
        messages.success(request, _("The relation is saved."))
        return redirect(url("network", community, "#relations"))
    return page(
        request, community, can_edit, "relation_form.html", "network", form=form
    )


@login_required
@require_POST
def relation_delete(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, _can_edit = community_for(request, katotth, write=True)
    relation = record_for(
        request.user, StakeholderRelation.objects.of(community), pk, write=True
    )
    services.relation_delete(relation=relation, actor=request.user)
    messages.success(request, _("The relation is deleted."))
    return redirect(url("network", community, "#relations"))
