"""The workspace's evidence tab and its survey pages.

The tab shows each section to whoever may read it: the survey (area
``survey_data``: facilitators and the coordinator), statistics and expert ratings
(``results``), hotspots (``internal_geodata``). What a person may not read
answers 404; a reader who tries to change something answers 403.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hromada import core
from hromada.web.accounts.access import (
    Action,
    Area,
    column_of,
    get_community_for_user,
    is_coordinator,
    right,
    role_in,
    roles_of,
)
from hromada.web.communities.models import Community, Phase
from hromada.web.communities.workspace import tab, visible_tabs
from hromada.web.surveys import services
from hromada.web.surveys.forms import (
    AssessmentForm,
    DesignForm,
    FrameworkUploadForm,
    SettlementsForm,
    UploadForm,
)
from hromada.web.surveys.frameworks import default_version
from hromada.web.surveys.models import (
    Assessment,
    FrameworkVersion,
    Settlement,
    SurveyImport,
)
from hromada.web.surveys.problems import describe, describe_all, from_error
from hromada.web.surveys.xlsform import xlsform_bytes, xlsform_filename

SECTIONS = (
    ("survey", Area.SURVEY_DATA),
    ("statistics", Area.RESULTS),
    ("ratings", Area.RESULTS),
    ("hotspots", Area.INTERNAL_GEODATA),
)


def readable_sections(request: HttpRequest, community: Community) -> list[str]:
    """The evidence sections this person may read in the community."""
    column = column_of(request.user, community)
    return [
        name for name, area in SECTIONS if right(column, area, Action.READ) is not None
    ]


def render_evidence(
    request: HttpRequest,
    community: Community,
    template: str,
    section: str,
    context: dict[str, object],
    *,
    status: int = 200,
) -> HttpResponse:
    """A page of the evidence tab, inside the community workspace."""
    sections = readable_sections(request, community)
    if section not in sections:
        raise Http404
    full = {
        "community": community,
        "role": role_in(request.user, community),
        "tabs": [(t, t.url(community)) for t in visible_tabs(request.user, community)],
        "active": tab("evidence"),
        "phases": list(Phase),
        "sections": sections,
        "section": section,
        **context,
    }
    return render(request, template, full, status=status)


@login_required
def evidence(request: HttpRequest, katotth: str) -> HttpResponse:
    community, _edit = get_community_for_user(request.user, katotth)
    sections = readable_sections(request, community)
    if not sections:
        raise Http404
    if sections[0] != "survey":
        return redirect(f"evidence:{sections[0]}", katotth)
    return _survey_page(request, community)


def _survey_page(
    request: HttpRequest,
    community: Community,
    *,
    form: AssessmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    _community, can_edit = get_community_for_user(
        request.user, community.katotth, area=Area.SURVEY_DATA
    )
    if can_edit and form is None:
        form = AssessmentForm(
            community=community, initial={"framework": default_version()}
        )
    settlements = Settlement.objects.filter(community=community)
    return render_evidence(
        request,
        community,
        "surveys/evidence.html",
        "survey",
        {
            "can_edit": can_edit,
            "assessments": Assessment.objects.of(community)
            .with_counts()
            .select_related("framework"),
            "form": form if can_edit else None,
            "settlements": settlements,
            "settlements_form": SettlementsForm(
                initial={
                    "names": "\n".join(
                        f"{s.name_uk} | {s.name_en}" if s.name_en else s.name_uk
                        for s in settlements
                    )
                }
            )
            if can_edit
            else None,
            "default_framework": default_version(),
        },
        status=status,
    )


def _editable(request: HttpRequest, katotth: str) -> Community:
    community, can_edit = get_community_for_user(
        request.user, katotth, area=Area.SURVEY_DATA
    )
    if not can_edit:
        raise PermissionDenied
    return community


@login_required
@require_POST
def assessment_create(request: HttpRequest, katotth: str) -> HttpResponse:
    community = _editable(request, katotth)
    form = AssessmentForm(request.POST, community=community)
    if not form.is_valid():
        return _survey_page(request, community, form=form, status=400)
    assessment = services.assessment_create(
        community=community, actor=request.user, **form.cleaned_data
    )
    messages.success(
        request, _("Round %(round)s is created.") % {"round": assessment.round}
    )
    return redirect("surveys:assessment", katotth, assessment.round)


@login_required
@require_POST
def settlements(request: HttpRequest, katotth: str) -> HttpResponse:
    community = _editable(request, katotth)
    form = SettlementsForm(request.POST)
    if form.is_valid():
        services.settlements_set(
            community=community, names=form.pairs(), actor=request.user
        )
        messages.success(request, _("The settlement list is saved."))
    return redirect("surveys:evidence", katotth)


@login_required
def xlsform(request: HttpRequest, katotth: str) -> HttpResponse:
    community, _edit = get_community_for_user(
        request.user, katotth, area=Area.SURVEY_DATA
    )
    round_ = request.GET.get("round")
    version = default_version()
    if round_:
        version = get_object_or_404(
            Assessment, community=community, round=round_
        ).framework
    blob = xlsform_bytes(community, version)
    response = HttpResponse(
        blob,
        content_type="application/vnd.openxmlformats-officedocument"
        ".spreadsheetml.sheet",
    )
    name = xlsform_filename(community, version)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def get_assessment_for_user(
    request: HttpRequest, katotth: str, round_: str
) -> tuple[Assessment, bool]:
    community, can_edit = get_community_for_user(
        request.user, katotth, area=Area.SURVEY_DATA
    )
    assessment = get_object_or_404(
        Assessment.objects.select_related("framework", "community"),
        community=community,
        round=round_,
    )
    return assessment, can_edit


@login_required
def assessment(request: HttpRequest, katotth: str, round: str) -> HttpResponse:
    found, can_edit = get_assessment_for_user(request, katotth, round)
    return _assessment_page(request, found, can_edit)


def _assessment_page(
    request: HttpRequest,
    found: Assessment,
    can_edit: bool,
    *,
    upload: UploadForm | None = None,
    design: DesignForm | None = None,
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    return render_evidence(
        request,
        found.community,
        "surveys/assessment.html",
        "survey",
        {
            "assessment": found,
            "can_edit": can_edit,
            "responses": found.responses.count(),
            "imports": found.imports.select_related("imported_by"),
            "upload": upload or (UploadForm() if can_edit else None),
            "design": design
            or (DesignForm.for_assessment(found) if can_edit else None),
            "problems": problems or [],
            "max_megabytes": settings.HROMADA_IMPORT_MAX_BYTES // 1_000_000,
        },
        status=status,
    )


@login_required
@require_POST
def survey_import(request: HttpRequest, katotth: str, round: str) -> HttpResponse:
    found, can_edit = get_assessment_for_user(request, katotth, round)
    if not can_edit:
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _assessment_page(request, found, can_edit, upload=form, status=400)
    upload = form.cleaned_data["file"]
    if upload.size > settings.HROMADA_IMPORT_MAX_BYTES:
        problem = core.Problem(
            "too_large",
            "too large",
            expected=str(settings.HROMADA_IMPORT_MAX_BYTES // 1_000_000),
        )
        return _assessment_page(
            request,
            found,
            can_edit,
            upload=form,
            problems=[describe(problem)],
            status=400,
        )
    outcome = services.survey_import_create(
        assessment=found,
        blob=upload.read(),
        file_name=upload.name or "export",
        actor=request.user,
        via=SurveyImport.Via.WEB,
    )
    if outcome.refused:
        problems = describe_all(outcome.problems, outcome.total_problems)
        return _assessment_page(
            request, found, can_edit, upload=form, problems=problems, status=400
        )
    record = outcome.survey_import
    assert record is not None
    messages.success(request, _imported_message(record))
    return redirect("surveys:assessment", katotth, round)


def _imported_message(record: SurveyImport) -> str:
    text = ngettext(
        "%(rows)s row read: %(new)s new response imported",
        "%(rows)s rows read: %(new)s new responses imported",
        record.rows,
    ) % {"rows": record.rows, "new": record.imported}
    if record.duplicates:
        text += ngettext(
            ", %(count)s was already imported.",
            ", %(count)s were already imported.",
            record.duplicates,
        ) % {"count": record.duplicates}
    else:
        text += "."
    return text


@login_required
@require_POST
def design(request: HttpRequest, katotth: str, round: str) -> HttpResponse:
    found, can_edit = get_assessment_for_user(request, katotth, round)
    if not can_edit:
        raise PermissionDenied
    form = DesignForm(request.POST)
    if not form.is_valid():
        return _assessment_page(request, found, can_edit, design=form, status=400)
    try:
        services.assessment_design_set(
            assessment=found,
            actor=request.user,
            weight_column=form.cleaned_data["weight_column"],
            strata_column=form.cleaned_data["strata_column"],
            psu_column=form.cleaned_data["psu_column"],
            margins=form.margins(),
        )
    except core.InputError as error:
        return _assessment_page(
            request,
            found,
            can_edit,
            design=form,
            problems=[_design_problem(error)],
            status=400,
        )
    messages.success(
        request, _("The sampling design is saved and the weights are recomputed.")
    )
    return redirect("surveys:assessment", katotth, round)


def _design_problem(error: core.InputError) -> str:
    known = {
        "missing_weight": _(
            "%(count)s responses have no weight in column W: choose no weights "
            "or import an export with W."
        ),
        "missing_psu": _(
            "%(count)s responses have no cluster (PSU): choose no PSU or import "
            "an export with PSU."
        ),
        "missing_margin": _("A group in the data has no population total."),
        "empty_cell": _(
            "A group has a population total but no respondents: enter 0 for it."
        ),
        "margin_totals_differ": _(
            "The totals by sex and by age group describe different populations: "
            "check the figures."
        ),
        "bad_margin": _("Enter the population totals (0 or more)."),
    }
    if error.code in known:
        return known[error.code] % {"count": error.row}
    return describe(from_error(error))


@login_required
@require_POST
def import_delete(
    request: HttpRequest, katotth: str, round: str, pk: int
) -> HttpResponse:
    found, can_edit = get_assessment_for_user(request, katotth, round)
    record = get_object_or_404(SurveyImport, assessment=found, pk=pk)
    if not can_edit:
        raise PermissionDenied
    services.survey_import_delete(survey_import=record, actor=request.user)
    messages.success(request, _("The import and its responses are removed."))
    return redirect("surveys:assessment", katotth, round)


@login_required
def frameworks(request: HttpRequest) -> HttpResponse:
    """The framework versions; the network coordinator adds new ones."""
    coordinator = is_coordinator(request.user)
    if not coordinator and not role_holder(request):
        raise Http404
    form = FrameworkUploadForm() if coordinator else None
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        if not coordinator:
            raise PermissionDenied
        form = FrameworkUploadForm(request.POST, request.FILES)
        if form.is_valid():
            problems = _add_framework(request, form)
            if not problems:
                return redirect("surveys:frameworks")
        status = 400
    return render(
        request,
        "surveys/frameworks.html",
        {
            "versions": FrameworkVersion.objects.all(),
            "form": form,
            "problems": problems,
        },
        status=status,
    )


def role_holder(request: HttpRequest) -> bool:
    return bool(roles_of(request.user))


def _add_framework(request: HttpRequest, form: FrameworkUploadForm) -> list[str]:
    upload = form.cleaned_data["file"]
    try:
        text = upload.read(2_000_001).decode("utf-8")
    except UnicodeDecodeError:
        return [_("The file is not UTF-8 text.")]
    try:
        version = services.framework_version_add(text=text, actor=request.user)
    except core.ProblemsError as error:
        return describe_all(error.problems, error.total, lines=True)
    messages.success(
        request, _("Framework version %(name)s is added.") % {"name": str(version)}
    )
    return []
