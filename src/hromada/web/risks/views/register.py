"""The register, a risk's page with its evidence trail, the forms, suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hromada.web.form_saving import saved
from hromada.web.risks import catalogue, register, services
from hromada.web.risks.evidence import trail
from hromada.web.risks.forms import RiskForm
from hromada.web.risks.models import Risk
from hromada.web.risks.readings import read_round
from hromada.web.risks.views._common import (
    community_for,
    page,
    risk_for,
    sees_location,
    url,
)


@login_required
def risk_register(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = community_for(request, katotth)
    risks = Risk.objects.of(community)
    latest = catalogue.latest_assessment(community)
    suggested = list(
        risks.filter(status=Risk.Status.SUGGESTED).select_related(
            "assessment__framework"
        )
    )
    reasons = register.suggestion_reasons(suggested)
    return page(
        request,
        community,
        can_edit,
        "register.html",
        "register",
        rows=register.rows(risks.in_register()),
        suggestions=[
            (row, reasons.get(row.risk.pk, [])) for row in register.rows(suggested)
        ],
        dismissed=risks.filter(status=Risk.Status.DISMISSED).count(),
        latest=latest,
        analysed=latest is not None and read_round(latest).has_results,
    )


def _form_page(
    request: HttpRequest, katotth: str, pk: int | None = None
) -> HttpResponse:
    community, can_edit = community_for(request, katotth, write=True)
    risk = risk_for(request, community, pk, write=True) if pk else None
    show_location = sees_location(request, community)
    items = None
    if risk is None:
        held = set(
            Risk.objects.of(community)
            .exclude(status__in=[Risk.Status.SUGGESTED, Risk.Status.DISMISSED])
            .values_list("code", flat=True)
        )
        framework = catalogue.framework_for(community)
        items = [i for i in framework.risks if i.code not in held]
    initial = {}
    if risk is not None:
        initial = {
            name: getattr(risk, name)
            for name in ("title", "title_en", "description", "location")
        } | {
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "status": Risk.Status.OPEN
            if risk.status == Risk.Status.SUGGESTED
            else risk.status,
        }
    form = RiskForm(
        request.POST or None,
        initial=initial,
        catalogue=items,
        show_location=show_location,
    )

    def save(data: dict[str, object]) -> Risk:
        if risk is None:
            return services.risk_create(community=community, actor=request.user, **data)  # type: ignore[arg-type]
        return services.risk_update(risk=risk, actor=request.user, **data)

    if request.method == "POST" and saved(form, save):
        messages.success(request, _("The risk is saved."))
        return redirect(url("register", community))
    return page(
        request, community, can_edit, "risk_form.html", "register", form=form, risk=risk
    )


@login_required
def risk_add(request: HttpRequest, katotth: str) -> HttpResponse:
    return _form_page(request, katotth)


@login_required
def risk_edit(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    return _form_page(request, katotth, pk)


@login_required
def risk_detail(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = community_for(request, katotth)
    risk = risk_for(request, community, pk, write=False)
    show_location = sees_location(request, community)
    links = [
        (e.kind, e.reference, e.note)
        for e in risk.evidence.all()
        # Hotspots are internal geodata, like the location.
        if show_location or e.kind != "hotspot"
    ]
    return page(
        request,
        community,
        can_edit,
        "risk_detail.html",
        "register",
        risk=risk,
        row=register.RiskRow(risk),
        trail=trail(community, links),
        show_location=show_location,
    )


@login_required
@require_POST
def suggestion_accept(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, _can_edit = community_for(request, katotth, write=True)
    risk = risk_for(request, community, pk, write=True)
    if risk.status == Risk.Status.SUGGESTED:
        services.risk_suggestion_accept(risk=risk, actor=request.user)
        messages.success(
            request,
            _("“%(name)s” is in the register: score its likelihood and impact.")
            % {"name": risk.name},
        )
    return redirect(url("edit", community, risk.pk))


@login_required
@require_POST
def suggestion_dismiss(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, _can_edit = community_for(request, katotth, write=True)
    risk = risk_for(request, community, pk, write=True)
    if risk.status == Risk.Status.SUGGESTED:
        services.risk_suggestion_dismiss(risk=risk, actor=request.user)
        messages.success(
            request,
            _("“%(name)s” is dismissed and will not be suggested again.")
            % {"name": risk.name},
        )
    return redirect(url("register", community))


@login_required
@require_POST
def register_refresh(request: HttpRequest, katotth: str) -> HttpResponse:
    community, _can_edit = community_for(request, katotth, write=True)
    latest = catalogue.latest_assessment(community)
    if latest is None:
        messages.error(request, _("There is no assessment round to read yet."))
    else:
        suggested = services.risk_register_refresh(assessment=latest)
        count = len(suggested)
        messages.success(
            request,
            ngettext(
                "The register is updated from round %(round)s; "
                "%(count)s new suggestion.",
                "The register is updated from round %(round)s; "
                "%(count)s new suggestions.",
                count,
            )
            % {"round": latest.round, "count": count},
        )
    return redirect(url("register", community))
