"""The risk matrix and the security potential (capacities and their summary)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from hromada.web.form_saving import saved
from hromada.web.risks import potential, register, services
from hromada.web.risks.forms import CapacityForm
from hromada.web.risks.models import Capacity, Risk
from hromada.web.risks.views._common import community_for, page, url
from hromada.web.stakeholders import network
from hromada.web.stakeholders.models import Stakeholder


@login_required
def risk_matrix(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = community_for(request, katotth)
    risks = list(Risk.objects.of(community).in_register())
    scored = [r for r in register.ordered(risks) if r.score]
    return page(
        request,
        community,
        can_edit,
        "matrix.html",
        "matrix",
        chart=register.matrix_chart(scored) if scored else None,
        scored=scored,
        unscored=[r for r in register.ordered(risks) if not r.score],
    )


@login_required
def security_potential(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = community_for(request, katotth)
    capacities = Capacity.objects.filter(community=community).select_related(
        "stakeholder"
    )
    table: dict[Stakeholder | None, dict[str, int]] = {None: {}}
    for c in capacities:
        table.setdefault(c.stakeholder, {})[c.dimension] = c.score
    stakeholders = network.ordered(Stakeholder.objects.of(community))
    rows = [
        (None, [table[None].get(d) for d in Capacity.Dimension.values]),
        *[
            (s, [table.get(s, {}).get(d) for d in Capacity.Dimension.values])
            for s in stakeholders
        ],
    ]
    return page(
        request,
        community,
        can_edit,
        "potential.html",
        "potential",
        summary=potential.summary(community),
        dimensions=list(Capacity.Dimension),
        rows=rows,
    )


def _capacity_page(
    request: HttpRequest, katotth: str, stakeholder_pk: int | None
) -> HttpResponse:
    community, can_edit = community_for(request, katotth, write=True)
    stakeholder = None
    if stakeholder_pk is not None:
        stakeholder = (
            Stakeholder.objects.of(community).filter(pk=stakeholder_pk).first()
        )
        if stakeholder is None:
            raise Http404
    current = {
        c.dimension: c.score
        for c in Capacity.objects.filter(community=community, stakeholder=stakeholder)
    }
    form = CapacityForm(request.POST or None, initial=current)
    if request.method == "POST" and saved(
        form,
        lambda data: services.capacity_set(
            community=community,
            actor=request.user,
            stakeholder=stakeholder,
            scores=form.scores(),
        ),
    ):
        messages.success(request, _("The capacity scores are saved."))
        return redirect(url("potential", community))
    return page(
        request,
        community,
        can_edit,
        "capacity_form.html",
        "potential",
        form=form,
        stakeholder=stakeholder,
    )


@login_required
def capacity_edit(request: HttpRequest, katotth: str) -> HttpResponse:
    return _capacity_page(request, katotth, None)


@login_required
def stakeholder_capacity_edit(
    request: HttpRequest, katotth: str, pk: int
) -> HttpResponse:
    return _capacity_page(request, katotth, pk)
