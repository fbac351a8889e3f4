from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from hromada.web.accounts.access import Scope, audit_scope
from hromada.web.accounts.models import User
from hromada.web.audit.models import AuditEvent


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Coordinators read the whole log; a facilitator reads her own actions only."""
    reach = audit_scope(request.user)
    if reach is None:
        raise Http404
    events = AuditEvent.objects.all().select_related("community")
    if reach is Scope.OWN_ACTIONS:
        assert isinstance(request.user, User)
        events = events.by(request.user.pk)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"page": page, "own_only": reach is Scope.OWN_ACTIONS},
    )
