"""Restorative circles: every page answers 404 to all but the assigned facilitator."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.web.dialogues import services
from hromada.web.dialogues.access import get_circle_for_user, get_circles_area_for_user
from hromada.web.dialogues.errors import Refused
from hromada.web.dialogues.forms import (
    CircleFollowUpForm,
    CircleForm,
    CircleItemForm,
    CircleItemStatusForm,
    CircleNewForm,
    CirclePartyForm,
    HandOverForm,
)
from hromada.web.dialogues.models import CircleAgreementItem, RestorativeCircle
from hromada.web.dialogues.views.common import render_tab, user_of


@login_required
def circles(request: HttpRequest, katotth: str) -> HttpResponse:
    community = get_circles_area_for_user(request.user, katotth)
    mine = RestorativeCircle.objects.filter(community=community).assigned_to(
        request.user.pk
    )
    return render_tab(
        request,
        community,
        "dialogues/circles.html",
        {"circles": mine},
        section="circles",
    )


@login_required
def circle_new(request: HttpRequest, katotth: str) -> HttpResponse:
    community = get_circles_area_for_user(request.user, katotth)
    form = CircleNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        circle = services.circle_create(
            community=community, facilitator=user_of(request), **form.cleaned_data
        )
        return redirect(circle)
    return render_tab(
        request,
        community,
        "dialogues/circle_new.html",
        {"form": form},
        section="circles",
    )


def _page(
    request: HttpRequest, circle: RestorativeCircle, status: int = 200, **forms: Any
) -> HttpResponse:
    context = {
        "circle": circle,
        "form": forms.get("form") or CircleForm(instance=circle),
        "party_form": forms.get("party_form") or CirclePartyForm(),
        "item_form": forms.get("item_form") or CircleItemForm(),
        "follow_up_form": forms.get("follow_up_form") or CircleFollowUpForm(),
        "hand_over_form": HandOverForm(
            community=circle.community, current=user_of(request)
        ),
        "status_choices": CircleAgreementItem.Status.choices,
    }
    return render_tab(
        request,
        circle.community,
        "dialogues/circle.html",
        context,
        section="circles",
        status=status,
    )


@login_required
def circle(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    found = get_circle_for_user(request.user, katotth, pk)
    if request.method != "POST":
        return _page(request, found)
    form = CircleForm(request.POST, instance=RestorativeCircle.objects.get(pk=pk))
    if not form.is_valid():
        return _page(request, found, 400, form=form)
    services.circle_update(circle=found, **form.cleaned_data)
    messages.success(request, _("The record is saved."))
    return redirect(found)


@login_required
@require_POST
def circle_party_add(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    found = get_circle_for_user(request.user, katotth, pk)
    form = CirclePartyForm(request.POST)
    if form.is_valid():
        try:
            services.circle_party_add(circle=found, **form.cleaned_data)
        except Refused as refusal:
            form.add_error("pseudonym", refusal.message)
        else:
            return redirect(found)
    return _page(request, found, 400, party_form=form)


@login_required
@require_POST
def circle_party_remove(
    request: HttpRequest, katotth: str, pk: int, item: int
) -> HttpResponse:
    found = get_circle_for_user(request.user, katotth, pk)
    party = found.parties.filter(pk=item).first()
    if party is None:
        raise Http404
    services.circle_party_remove(party=party)
    return redirect(found)


@login_required
@require_POST
def circle_item_add(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    found = get_circle_for_user(request.user, katotth, pk)
    form = CircleItemForm(request.POST)
    if not form.is_valid():
        return _page(request, found, 400, item_form=form)
    services.circle_item_add(circle=found, **form.cleaned_data)
    return redirect(found)


@login_required
@require_POST
def circle_item_status(
    request: HttpRequest, katotth: str, pk: int, item: int
) -> HttpResponse:
    found = get_circle_for_user(request.user, katotth, pk)
    agreement_item = found.items.filter(pk=item).first()
    form = CircleItemStatusForm(request.POST)
    if agreement_item is None:
        raise Http404
    if not form.is_valid():
        return HttpResponse(status=400)
    services.circle_item_status(item=agreement_item, status=form.cleaned_data["status"])
    return redirect(found)


@login_required
@require_POST
def circle_follow_up_add(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    found = get_circle_for_user(request.user, katotth, pk)
    form = CircleFollowUpForm(request.POST)
    if not form.is_valid():
        return _page(request, found, 400, follow_up_form=form)
    services.circle_follow_up_add(circle=found, **form.cleaned_data)
    return redirect(found)


@login_required
@require_POST
def circle_hand_over(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    found = get_circle_for_user(request.user, katotth, pk)
    form = HandOverForm(
        request.POST, community=found.community, current=user_of(request)
    )
    if not form.is_valid():
        return HttpResponse(status=400)
    services.circle_hand_over(circle=found, to=form.cleaned_data["facilitator"])
    messages.success(request, _("The record is handed over; you no longer see it."))
    return redirect("dialogues:circles", katotth)


@login_required
@require_POST
def circle_delete(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    found = get_circle_for_user(request.user, katotth, pk)
    services.circle_delete(circle=found)
    messages.success(request, _("The record is deleted."))
    return redirect("dialogues:circles", katotth)
