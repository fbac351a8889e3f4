"""The working group: its founding document and its roster."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.web.communities.models import Community
from hromada.web.form_saving import saved
from hromada.web.stakeholders import services
from hromada.web.stakeholders.forms import (
    MemberForm,
    WorkingGroupForm,
)
from hromada.web.stakeholders.models import (
    WorkingGroup,
    WorkingGroupMember,
)
from hromada.web.stakeholders.views._common import community_for, page, record_for, url


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
    return page(request, community, can_edit, "working_group.html", "group", **context)


@login_required
def working_group(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = community_for(request, katotth)
    return _group_page(request, community, can_edit)


@login_required
@require_POST
def working_group_edit(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = community_for(request, katotth, write=True)
    group = WorkingGroup.objects.filter(community=community).first()
    form = WorkingGroupForm(
        request.POST, instance=group or WorkingGroup(community=community)
    )
    if saved(
        form,
        lambda data: services.working_group_save(
            community=community, actor=request.user, **data
        ),
    ):
        messages.success(request, _("The founding document is saved."))
        return redirect(url("working-group", community))
    return _group_page(request, community, can_edit, group_form=form)


def _new_member(community: Community) -> WorkingGroupMember:
    group = WorkingGroup.objects.filter(community=community).first()
    return WorkingGroupMember(community=community, working_group=group)


@login_required
@require_POST
def member_add(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = community_for(request, katotth, write=True)
    form = MemberForm(
        request.POST, community=community, instance=_new_member(community)
    )
    if saved(
        form,
        lambda data: services.working_group_member_add(
            community=community, actor=request.user, **data
        ),
    ):
        messages.success(request, _("The member is added to the working group."))
        return redirect(url("working-group", community, "#roster"))
    return _group_page(request, community, can_edit, member_form=form)


@login_required
def member_edit(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, can_edit = community_for(request, katotth, write=True)
    member = record_for(
        request.user,
        WorkingGroupMember.objects.filter(community=community),
        pk,
        write=True,
    )
    form = MemberForm(request.POST or None, community=community, instance=member)
    if request.method == "POST" and saved(
        form,
        lambda data: services.working_group_member_update(
            member=WorkingGroupMember.objects.get(pk=member.pk),
            actor=request.user,
            **data,
        ),
    ):
        messages.success(request, _("The member is saved."))
        return redirect(url("working-group", community, "#roster"))
    return page(request, community, can_edit, "member_form.html", "group", form=form)


@login_required
@require_POST
def member_delete(request: HttpRequest, katotth: str, pk: int) -> HttpResponse:
    community, _can_edit = community_for(request, katotth, write=True)
    member = record_for(
        request.user,
        WorkingGroupMember.objects.filter(community=community),
        pk,
        write=True,
    )
    services.working_group_member_remove(member=member, actor=request.user)
    messages.success(request, _("The member is removed from the working group."))
    return redirect(url("working-group", community, "#roster"))
