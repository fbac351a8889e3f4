"""Statistics, expert ratings and hotspots: sections of the evidence tab."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.web.accounts.access import Area, get_community_for_user
from hromada.web.charts import Pin, pin_map
from hromada.web.communities.models import Community
from hromada.web.evidence import services
from hromada.web.evidence.forms import (
    HotspotForm,
    HotspotStatusForm,
    RatingForm,
    StatisticForm,
    StatisticsUploadForm,
)
from hromada.web.evidence.models import ExpertRating, Hotspot, StatisticValue
from hromada.web.surveys.frameworks import framework_of
from hromada.web.surveys.models import Assessment
from hromada.web.surveys.problems import describe_all
from hromada.web.surveys.views import render_evidence

STATUS_TONES = {"open": "vermillion", "in_progress": "orange", "resolved": "green"}


def _language() -> str:
    return "en" if get_language() == "en" else "uk"


# -- statistics ---------------------------------------------------------------


@login_required
def statistics(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = get_community_for_user(
        request.user, katotth, area=Area.RESULTS
    )
    framework = services.statistics_framework()
    form = StatisticForm(framework=framework, language=_language())
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = StatisticForm(request.POST, framework=framework, language=_language())
        if form.is_valid():
            services.statistic_set(
                community=community, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("The figure is saved."))
            return redirect("evidence:statistics", katotth)
        status = 400
    return _statistics_page(request, community, can_edit, form=form, status=status)


def _statistics_page(
    request: HttpRequest,
    community: Community,
    can_edit: bool,
    *,
    form: StatisticForm | None = None,
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    framework = services.statistics_framework()
    language = _language()
    indicators = {i.code: i for i in framework.indicators_of("statistics")}
    values = StatisticValue.objects.filter(community=community)
    rows = [
        {
            "value": v,
            "label": indicators[v.indicator].label.text(language)
            if v.indicator in indicators
            else v.indicator,
            "unit": indicators[v.indicator].unit if v.indicator in indicators else "",
        }
        for v in values
    ]
    return render_evidence(
        request,
        community,
        "evidence/statistics.html",
        "statistics",
        {
            "can_edit": can_edit,
            "rows": rows,
            "form": form if can_edit else None,
            "upload": StatisticsUploadForm() if can_edit else None,
            "problems": problems or [],
        },
        status=status,
    )


@login_required
@require_POST
def statistics_import(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = get_community_for_user(
        request.user, katotth, area=Area.RESULTS
    )
    if not can_edit:
        raise PermissionDenied
    form = StatisticsUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _statistics_page(request, community, can_edit, status=400)
    upload = form.cleaned_data["file"]
    outcome = services.statistics_import(
        community=community,
        blob=upload.read(),
        file_name=upload.name or "statistics",
        actor=request.user,
    )
    if outcome.problems:
        problems = describe_all(outcome.problems, outcome.total_problems)
        return _statistics_page(
            request, community, can_edit, problems=problems, status=400
        )
    messages.success(
        request, _("%(count)s figures are imported.") % {"count": outcome.saved}
    )
    return redirect("evidence:statistics", katotth)


@login_required
@require_POST
def statistic_delete(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = get_community_for_user(
        request.user, katotth, area=Area.RESULTS
    )
    statistic = get_object_or_404(StatisticValue, community=community, pk=pk)
    if not can_edit:
        raise PermissionDenied
    services.statistic_delete(statistic=statistic, actor=request.user)
    return redirect("evidence:statistics", katotth)


# -- expert ratings -------------------------------------------------------------


@login_required
def ratings(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = get_community_for_user(
        request.user, katotth, area=Area.RESULTS
    )
    assessments = Assessment.objects.of(community).select_related("framework")
    latest = assessments.first()
    framework = (
        framework_of(latest.framework)
        if latest is not None
        else services.statistics_framework()
    )
    experts = [
        *framework.indicators_of("expert"),
        *framework.indicators_of("audit"),
    ]
    experts.sort(key=lambda i: i.code)
    chosen = request.GET.get("indicator") or request.POST.get("indicator") or ""
    indicator = next((i for i in experts if i.code == chosen), experts[0])
    form = None
    status = 200
    if can_edit and latest is not None:
        form = RatingForm(
            request.POST if request.method == "POST" else None,
            indicator=indicator,
            assessments=assessments,
            language=_language(),
        )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form is not None and form.is_valid():
            services.expert_rating_add(
                assessment=form.cleaned_data["assessment"],
                indicator=indicator.code,
                rater=form.cleaned_data["rater"],
                criteria=form.criteria(),
                note=form.cleaned_data["note"],
                actor=request.user,
            )
            messages.success(request, _("The rating is saved."))
            return redirect("evidence:ratings", katotth)
        status = 400
    summary = (
        ExpertRating.objects.filter(community=community)
        .values("assessment__round", "indicator")
        .annotate(mean=Avg("score"), raters=Count("pk"))
        .order_by("-assessment__round", "indicator")
    )
    return render_evidence(
        request,
        community,
        "evidence/ratings.html",
        "ratings",
        {
            "can_edit": can_edit,
            "experts": [(i.code, i.label.text(_language())) for i in experts],
            "indicator": indicator,
            "indicator_label": indicator.label.text(_language()),
            "form": form,
            "no_assessment": latest is None,
            "summary": summary,
            "ratings": ExpertRating.objects.filter(community=community).select_related(
                "assessment"
            ),
        },
        status=status,
    )


@login_required
@require_POST
def rating_delete(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = get_community_for_user(
        request.user, katotth, area=Area.RESULTS
    )
    rating = get_object_or_404(ExpertRating, community=community, pk=pk)
    if not can_edit:
        raise PermissionDenied
    services.expert_rating_delete(rating=rating, actor=request.user)
    return redirect("evidence:ratings", katotth)


# -- hotspots -------------------------------------------------------------------


@login_required
def hotspots(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = get_community_for_user(
        request.user, katotth, area=Area.INTERNAL_GEODATA
    )
    form = HotspotForm(
        initial={"latitude": community.latitude, "longitude": community.longitude}
    )
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = HotspotForm(request.POST)
        if form.is_valid():
            services.hotspot_create(
                community=community, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("The hotspot is noted."))
            return redirect("evidence:hotspots", katotth)
        status = 400
    found = list(Hotspot.objects.of(community))
    svg = pin_map(
        [
            Pin(
                h.latitude,
                h.longitude,
                f"{h.get_category_display()} — {h.get_status_display()}",
                STATUS_TONES[h.status],
            )
            for h in found
        ],
        centre=(community.latitude, community.longitude),
        centre_label=community.centre_name,
        title=_("Hotspots around %(centre)s") % {"centre": community.centre_name},
        description=_(
            "%(count)s hotspots placed by their distance from the centre "
            "settlement; the table below lists them."
        )
        % {"count": len(found)},
    )
    return render_evidence(
        request,
        community,
        "evidence/hotspots.html",
        "hotspots",
        {
            "can_edit": can_edit,
            "hotspots": [
                (h, HotspotStatusForm(instance=h, auto_id=f"hotspot{h.pk}_%s"))
                for h in found
            ],
            "form": form if can_edit else None,
            "chart": svg,
        },
        status=status,
    )


@login_required
@require_POST
def hotspot_update(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = get_community_for_user(
        request.user, katotth, area=Area.INTERNAL_GEODATA
    )
    hotspot = get_object_or_404(Hotspot, community=community, pk=pk)
    if not can_edit:
        raise PermissionDenied
    form = HotspotStatusForm(request.POST, instance=Hotspot.objects.get(pk=pk))
    if form.is_valid():
        services.hotspot_update(
            hotspot=hotspot,
            status=form.cleaned_data["status"],
            description=form.cleaned_data["description"],
            actor=request.user,
        )
        messages.success(request, _("The hotspot is updated."))
    return redirect("evidence:hotspots", katotth)


@login_required
@require_POST
def hotspot_delete(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = get_community_for_user(
        request.user, katotth, area=Area.INTERNAL_GEODATA
    )
    hotspot = get_object_or_404(Hotspot, community=community, pk=pk)
    if not can_edit:
        raise PermissionDenied
    services.hotspot_delete(hotspot=hotspot, actor=request.user)
    return redirect("evidence:hotspots", katotth)


@login_required
def hotspots_export(request: HttpRequest, katotth: str) -> HttpResponse:
    community, _edit = get_community_for_user(
        request.user, katotth, area=Area.INTERNAL_GEODATA
    )
    text = services.hotspots_export(community=community, actor=request.user)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="hotspots-{community.katotth}-internal.csv"'
    )
    return response
