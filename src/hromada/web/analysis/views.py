"""The analysis tab: a round's results, its subgroups, and comparisons.

Whoever may read a community's ``results`` reads these pages; only those who
may edit them (the partner's facilitators) ask for a computation. Anyone
without a role in the community gets 404, a reader who posts 403.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from hromada.web.accounts.access import Action, Area, can, get_community_for_user
from hromada.web.accounts.models import User
from hromada.web.analysis import charts, findings, problems, tables
from hromada.web.analysis.models import AnalysisRun
from hromada.web.analysis.runs import PENDING, analysis_request, latest_run
from hromada.web.communities.models import Community
from hromada.web.communities.workspace import workspace_context
from hromada.web.risks import register
from hromada.web.risks.models import Risk
from hromada.web.surveys.models import Assessment


def _community(
    request: HttpRequest, katotth: str, *, write: bool = False
) -> tuple[Community, bool]:
    community, can_edit = get_community_for_user(request.user, katotth, Area.RESULTS)
    if write and not can_edit:
        raise PermissionDenied
    return community, can_edit


def _round(community: Community, request: HttpRequest) -> Assessment | None:
    wanted = request.GET.get("round") or None
    assessment = tables.chosen_round(community, wanted)
    if wanted and assessment is None:
        raise Http404
    return assessment


def _page(
    request: HttpRequest,
    community: Community,
    can_edit: bool,
    template: str,
    section: str,
    assessment: Assessment | None,
    **context: object,
) -> HttpResponse:
    return render(
        request,
        f"analysis/{template}",
        workspace_context(request.user, community, "analysis")
        | {
            "can_edit": can_edit,
            "section": section,
            "assessment": assessment,
            "rounds": tables.rounds(community),
            **context,
        },
    )


def problem_text(found: Mapping[str, Any]) -> str:
    """A run's problem in the reader's language; a stored ``message`` as it is."""
    if found.get("message"):
        return str(found["message"])
    return problems.describe(found)


def stage_text(stage: str) -> str:
    return problems.stage_label(stage)


def _url(name: str, community: Community, assessment: Assessment | None) -> str:
    url = reverse(f"analysis:{name}", args=[community.katotth])
    return f"{url}?round={assessment.round}" if assessment else url


@login_required
@require_GET
def tab(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = _community(request, katotth)
    assessment = _round(community, request)
    context: dict[str, object] = {}
    if assessment is not None:
        data = tables.overview(assessment)
        gaps = findings.overall_gaps(data)
        run = data.run
        context = {
            "data": data,
            "run": run,
            "pending": run is not None and run.status in PENDING,
            "failed": run is not None and run.status == AnalysisRun.Status.FAILED,
            "problems": [problem_text(p) for p in run.problems] if run else [],
            "stage": stage_text(run.stage) if run else "",
            "findings": findings.findings(data, gaps),
            "gap_chart": charts.significant_gaps_chart(data, gaps),
            "charts": charts.overview_charts(data),
            "status_url": reverse(
                "analysis:status", args=[community.katotth, assessment.round]
            ),
        }
        # The register reads this round's shares; only its readers see it here.
        if can(request.user, community, Area.RISKS, Action.READ):
            context["top_risks"] = register.highest(
                Risk.objects.of(community).in_register()
            )
    return _page(
        request, community, can_edit, "tab.html", "results", assessment, **context
    )


@login_required
@require_POST
def compute(request: HttpRequest, katotth: str, round: str) -> HttpResponse:
    community, _can_edit = _community(request, katotth, write=True)
    assessment = get_object_or_404(Assessment.objects.of(community), round=round)
    actor = request.user if isinstance(request.user, User) else None
    run = analysis_request(assessment=assessment, actor=actor)
    # Small rounds are computed inline, so the run may already have ended.
    if run.status == AnalysisRun.Status.DONE:
        messages.success(request, _("The round is computed."))
    elif run.status == AnalysisRun.Status.FAILED:
        messages.error(
            request, _("The computation failed: its problems are listed below.")
        )
    else:
        messages.success(
            request,
            _("The computation is queued; this page follows its progress."),
        )
    return redirect(_url("tab", community, assessment))


@never_cache
@login_required
@require_GET
def status(request: HttpRequest, katotth: str, round: str) -> JsonResponse:
    """The newest run of the round, for the page's progress bar."""
    community, _can_edit = _community(request, katotth)
    assessment = get_object_or_404(Assessment.objects.of(community), round=round)
    run = latest_run(assessment)
    if run is None:
        return JsonResponse(
            {"status": None, "progress": 0, "stage": "", "pending": False}
        )
    return JsonResponse(
        {
            "status": run.status,
            "progress": run.progress,
            "stage": stage_text(run.stage),
            "pending": run.status in PENDING,
        }
    )


@login_required
@require_GET
def subgroups(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = _community(request, katotth)
    assessment = _round(community, request)
    dimension = request.GET.get("dimension") or "sex"
    if dimension not in tables.DIMENSIONS:
        raise Http404
    context: dict[str, object] = {
        "dimension": dimension,
        "dimensions": [
            (code, findings.DIMENSION_NAMES[code]) for code in tables.DIMENSIONS
        ],
    }
    if assessment is not None:
        groups, rows = tables.subgroup_table(assessment, dimension)
        context |= {
            "groups": groups,
            "rows": rows,
            "chart": charts.gap_chart(dimension, groups, rows),
            "run": latest_run(assessment),
        }
    return _page(
        request,
        community,
        can_edit,
        "subgroups.html",
        "subgroups",
        assessment,
        **context,
    )


@login_required
@require_GET
def compare(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = _community(request, katotth)
    assessment = _round(community, request)
    rounds, history = tables.history(community)
    context: dict[str, object] = {
        "history_rounds": rounds,
        "history": history,
        "network_min": tables.NETWORK_MIN,
    }
    if assessment is not None:
        context["network"] = tables.network_comparison(assessment)
    return _page(
        request,
        community,
        can_edit,
        "compare.html",
        "compare",
        assessment,
        **context,
    )
