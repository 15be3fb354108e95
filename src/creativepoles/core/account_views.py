"""The signed-in user's account page (security links, memberships, asking for a role) and role-request decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.core import services
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import RoleRequestForm, add_domain_error
from creativepoles.core.models import Membership, RoleRequest, RoleRequestStatus
from creativepoles.core.permissions import CHANGE, get_object_for


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """Links to two-factor setup, password and e-mail; the user's roles and role requests; a form to ask."""
    form = RoleRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_role(request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your request was sent. You will be told of the decision."))
            return HttpResponseRedirect(reverse("core:account"))
    me: Any = request.user  # signed in (login_required), so a real account
    return render(request, "core/account.html", {
        "form": form,
        "memberships": Membership.objects.for_user(request.user).filter(user=me)
        .select_related("organisation__city"),
        "requests": RoleRequest.objects.filter(user=me).select_related("organisation")[:20],
        "can_decide": RoleRequest.objects.for_user(request.user, CHANGE).exists(),
    }, status=400 if request.method == "POST" else 200)


@login_required
def role_request_list(request: HttpRequest) -> HttpResponse:
    """Role requests the user decides on: pending first, then the latest decisions."""
    requests = (RoleRequest.objects.for_user(request.user, CHANGE)
                .select_related("organisation__city", "user", "decided_by"))
    return render(request, "core/role_request_list.html", {
        "pending": requests.filter(status=RoleRequestStatus.PENDING),
        "decided": requests.exclude(status=RoleRequestStatus.PENDING)[:50],
    })


@login_required
@require_POST
def role_request_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Approve or decline one role request; refusals come back as messages."""
    if action not in ("approve", "decline"):
        raise Http404
    role_request = get_object_for(request.user, CHANGE, RoleRequest.objects.all(), pk=pk)
    try:
        services.decide_role_request(request.user, role_request, approve=action == "approve")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Request approved.") if action == "approve" else _("Request declined."))
    return HttpResponseRedirect(reverse("core:role-request-list"))
