from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.web.accounts import services
from hromada.web.accounts.access import communities_for, is_coordinator
from hromada.web.accounts.forms import TokenForm
from hromada.web.accounts.models import ApiToken, User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        assert isinstance(user, User)
        services.login_record(user=user, via="web")
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        username = form.data.get("username", "")
        if username:
            services.login_failure_record(username=str(username), via="web")
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.logout_record(user=request.user)
        return super().post(request, *args, **kwargs)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    new_secret = request.session.pop("new_token", None)
    context = {
        "memberships": user.memberships.select_related("organisation"),
        "community_roles": user.community_roles.select_related("community"),
        "coordinator": is_coordinator(user),
        "communities": communities_for(user).count(),
        "tokens": user.api_tokens.filter(revoked_at=None),
        "form": TokenForm(),
        "new_secret": new_secret,
    }
    return render(request, "accounts/account.html", context)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        _token, secret = services.token_create(
            user=_user(request), name=form.cleaned_data["name"]
        )
        # Shown once, on the next page, and never stored in clear.
        request.session["new_token"] = secret
    return redirect("accounts:account")


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=_user(request), revoked_at=None)
    services.token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token is revoked."))
    return redirect("accounts:account")
