from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.web.accounts.access import (
    column_of,
    communities_for,
    get_community_for_user,
    is_coordinator,
)
from hromada.web.communities import services
from hromada.web.communities.forms import CommunityRegistryForm, RegistryFilterForm
from hromada.web.communities.models import (
    Community,
    CommunityQuerySet,
    Organisation,
    Phase,
)
from hromada.web.communities.workspace import tab, workspace_context

PAGE_SIZE = 50


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {
        "mine": communities_for(request.user).select_related("partner")
    }
    if is_coordinator(request.user):
        network = Community.objects.exclude(partner=None)
        by_phase = dict(network.values_list("phase").annotate(n=Count("pk")))
        context |= {
            "coordinator": True,
            "network_total": network.count(),
            "by_phase": [(phase, by_phase.get(phase.value, 0)) for phase in Phase],
            "by_partner": Organisation.objects.filter(kind=Organisation.Kind.PARTNER)
            .annotate(n=Count("communities"))
            .order_by("-n", "name_uk"),
        }
    return render(request, "communities/dashboard.html", context)


@login_required
def registry(request: HttpRequest) -> HttpResponse:
    form = RegistryFilterForm(request.GET or None)
    communities = Community.objects.all().select_related("partner")
    if form.is_bound:
        communities = _filtered(form, communities)
    page = Paginator(communities, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    workspaces = set(
        communities_for(request.user)
        .filter(pk__in=[c.pk for c in page])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "communities/registry.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "workspaces": workspaces,
        },
    )


def _filtered(
    form: RegistryFilterForm, communities: CommunityQuerySet
) -> CommunityQuerySet:
    if not form.is_valid():
        return communities.none()
    data = form.cleaned_data
    if data["q"]:
        communities = communities.search(data["q"])
    if data["oblast"]:
        communities = communities.in_oblast(data["oblast"])
    if data["type"]:
        communities = communities.filter(type=data["type"])
    if data["partner"] is not None:
        communities = communities.of_partner(data["partner"].pk)
    if data["phase"] not in (None, ""):
        communities = communities.filter(phase=data["phase"])
    return communities


@login_required
def workspace(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = get_community_for_user(request.user, katotth)
    form = CommunityRegistryForm(instance=community) if can_edit else None
    return _render_tab(request, community, "overview", {"form": form})


@login_required
def placeholder_tab(request: HttpRequest, katotth: str, slug: str) -> HttpResponse:
    community, _can_edit = get_community_for_user(request.user, katotth)
    if not tab(slug).visible_to(column_of(request.user, community)):
        raise Http404
    return _render_tab(request, community, slug, {})


def _render_tab(
    request: HttpRequest, community: Community, slug: str, extra: dict[str, object]
) -> HttpResponse:
    context = workspace_context(request.user, community, slug) | extra
    return render(request, "communities/workspace.html", context)


@login_required
@require_POST
def edit(request: HttpRequest, katotth: str) -> HttpResponse:
    community, can_edit = get_community_for_user(request.user, katotth)
    if not can_edit:
        raise PermissionDenied
    form = CommunityRegistryForm(
        request.POST, instance=Community.objects.get(pk=community.pk)
    )
    if not form.is_valid():
        return _render_tab(request, community, "overview", {"form": form})
    changed = services.community_update(
        community=community, actor=request.user, **form.cleaned_data
    )
    if changed:
        messages.success(request, _("The community record is saved."))
    return redirect(community)
