"""Sessions: the list (the workspace's dialogue tab), one session, attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.web.dialogues import services
from hromada.web.dialogues.access import (
    get_dialogues_for_user,
    get_session_for_user,
    get_session_to_edit,
)
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.forms import (
    AttendanceForm,
    AttendeeForm,
    PopulationSharesForm,
    SessionForm,
)
from hromada.web.dialogues.inclusion import inclusion_rows, survey_shares
from hromada.web.dialogues.models import DialogueSession
from hromada.web.dialogues.summary import headline
from hromada.web.dialogues.views.common import render_tab, user_of


@login_required
def index(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = get_dialogues_for_user(request.user, katotth)
    sessions = (
        DialogueSession.objects.of(community)
        .select_related("facilitator", "analysis")
        .prefetch_related("roster")
    )
    return render_tab(
        request,
        community,
        "dialogues/index.html",
        {"sessions": sessions, "can_edit": can_edit},
    )


@login_required
def session_new(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = get_dialogues_for_user(request.user, katotth)
    if not can_edit:
        raise PermissionDenied
    form = SessionForm(
        request.POST or None,
        community=community,
        initial={"facilitator": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        session = services.session_create(community=community, **form.cleaned_data)
        messages.success(request, _("The session is created."))
        return redirect(session)
    return render_tab(
        request, community, "dialogues/session_form.html", {"form": form, "new": True}
    )


@login_required
def session_detail(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session, can_edit = get_session_for_user(request.user, katotth, pk)
    analysis = services.analysis_refresh(session=session)
    context: dict[str, Any] = {
        "can_edit": can_edit,
        "analysis": analysis,
        "headline": headline(analysis),
        "inclusion": inclusion_rows(session, survey=survey_shares(session)),
        "head_count": session.head_count(),
        "pending": session.statements.pending().count(),
        "statements": session.statements.count(),
        "participants": session.participants.filter(votes__isnull=False)
        .distinct()
        .count(),
        "join_url": request.build_absolute_uri(reverse("dialogues:join")),
    }
    return render_tab(
        request,
        session.community,
        "dialogues/session.html",
        context,
        session=session,
        section="session",
    )


@login_required
def session_edit(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    form = SessionForm(
        request.POST or None, instance=session, community=session.community
    )
    if request.method == "POST" and form.is_valid():
        fresh = DialogueSession.objects.get(pk=session.pk)
        services.session_update(session=fresh, **form.cleaned_data)
        messages.success(request, _("The session is saved."))
        return redirect(session)
    return render_tab(
        request,
        session.community,
        "dialogues/session_form.html",
        {"form": form},
        session=session,
        section="session",
    )


@login_required
@require_POST
def session_delete(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    services.session_delete(session=session, actor=user_of(request))
    messages.success(request, _("The session is deleted."))
    return redirect("dialogues:index", katotth)


@login_required
@require_POST
def voting(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    if request.POST.get("action") == "open":
        services.voting_open(session=session)
        messages.success(
            request,
            _("Voting is open. Participants join with the code %(code)s.")
            % {"code": session.code_display},
        )
    else:
        services.voting_close(session=session)
        messages.success(request, _("Voting is closed."))
    return redirect(session)


@login_required
def attendance(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session, can_edit = get_session_for_user(request.user, katotth, pk)
    if not can_edit:
        raise PermissionDenied
    form = AttendanceForm(
        request.POST or None,
        initial=AttendanceForm.initial_for(
            session.attendees, services.attendance_counts(session)
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                session=session,
                attendees=form.cleaned_data["attendees"],
                counts=form.counts(),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The attendance is saved."))
            return redirect("dialogues:attendance", katotth, pk)
    return _attendance_page(request, session, form=form)


def _attendance_page(
    request: HttpRequest,
    session: DialogueSession,
    *,
    form: AttendanceForm | None = None,
    attendee_form: AttendeeForm | None = None,
    shares_form: PopulationSharesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    own = session.population_shares.exists()
    shares = services.population_shares(session.community, session)
    context = {
        "form": form
        or AttendanceForm(
            initial=AttendanceForm.initial_for(
                session.attendees, services.attendance_counts(session)
            )
        ),
        "attendee_form": attendee_form or AttendeeForm(),
        "shares_form": shares_form
        or PopulationSharesForm(
            initial=PopulationSharesForm.initial_for(shares)
            | {"scope": "session" if own else "community"}
        ),
        "roster": session.roster.all(),
        "inclusion": inclusion_rows(session, survey=survey_shares(session)),
    }
    return render_tab(
        request,
        session.community,
        "dialogues/attendance.html",
        context,
        session=session,
        section="attendance",
        status=status,
    )


@login_required
@require_POST
def attendee_add(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    form = AttendeeForm(request.POST)
    if form.is_valid():
        try:
            services.attendee_add(session=session, **form.cleaned_data)
        except Refused as refusal:
            form.add_error("pseudonym", refusal.message)
        else:
            return redirect("dialogues:attendance", katotth, pk)
    return _attendance_page(request, session, attendee_form=form, status=400)


@login_required
@require_POST
def attendee_remove(
    request: HttpRequest, katotth: str, pk: int, attendee: int
) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    found = session.roster.filter(pk=attendee).first()
    if found is None:
        raise Http404
    services.attendee_remove(attendee=found)
    return redirect("dialogues:attendance", katotth, pk)


@login_required
@require_POST
def population(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    session = get_session_to_edit(request.user, katotth, pk)
    form = PopulationSharesForm(request.POST)
    if form.is_valid():
        try:
            services.population_shares_save(
                session=session,
                shares=form.shares(),
                for_community=form.cleaned_data["scope"] == "community",
                source=form.cleaned_data["source"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The population shares are saved."))
            return redirect("dialogues:attendance", katotth, pk)
    return _attendance_page(request, session, shares_form=form, status=400)
