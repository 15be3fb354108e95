"""The advisory start page (plans, clients, workload) and consultation sessions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from creativepoles.advisory.forms import SessionForm
from creativepoles.advisory.models import BusinessPlan, ConsultationSession, PlanStatus
from creativepoles.advisory.services import sessions as services
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.people import person_name
from creativepoles.core.permissions import ADD, CHANGE, DELETE, EVIDENCE, VIEW, could, get_object_for

SESSIONS = ConsultationSession.objects.select_related("city", "centre", "adviser")


def index(request: HttpRequest) -> HttpResponse:
    """What advisory centres offer; the user's own plans; a consultant's clients with their workload."""
    user = request.user
    context: dict[str, Any] = {"statuses": PlanStatus}
    if user.is_authenticated:
        plans = BusinessPlan.objects.for_user(user, VIEW).select_related("city", "owner", "adviser")
        context["own"] = plans.filter(owner=user)[:100]
        clients = plans.filter(adviser=user).exclude(owner=user)
        context["client_plans"] = clients[:200]
        year_start = dt.date(dt.date.today().year, 1, 1)
        hours = (SESSIONS.for_user(user, VIEW).filter(adviser=user, date__gte=year_start)
                 .aggregate(h=Sum("duration_hours"))["h"]) or Decimal(0)
        workload = clients.aggregate(total=Count("pk"), waiting=Count("pk", filter=Q(status=PlanStatus.SUBMITTED)))
        rows: dict[int, dict[str, Any]] = {}
        for plan in context["client_plans"]:
            row = rows.setdefault(plan.owner_id, {"name": person_name(plan.owner), "plans": 0, "waiting": 0})
            row["plans"] += 1
            row["waiting"] += plan.status == PlanStatus.SUBMITTED
        context.update(clients=sorted(rows.values(), key=lambda r: r["name"]), hours_this_year=hours,
                       workload=workload, can_record=could(user, ADD, ConsultationSession))
    return render(request, "advisory/index.html", context)


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    """Sessions the user may see, newest first, with the hours per city."""
    sessions = SESSIONS.for_user(request.user, VIEW)
    city = request.GET.get("city", "")
    if city:
        sessions = sessions.filter(city__slug=city)
    per_city = (sessions.values("city__name_en").annotate(hours=Sum("duration_hours"), n=Count("pk"))
                .order_by("city__name_en"))
    return render(request, "advisory/session_list.html", {
        "sessions": sessions.prefetch_related("clients")[:300], "per_city": per_city,
        "total": sessions.aggregate(h=Sum("duration_hours"))["h"] or Decimal(0),
        "can_record": could(request.user, ADD, ConsultationSession)})


@login_required
def session_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Record a session, or correct one the user gave."""
    session = get_object_for(request.user, CHANGE, SESSIONS, pk=pk) if pk is not None else None
    if session is None and not could(request.user, ADD, ConsultationSession):
        raise PermissionDenied
    form = SessionForm(request.POST or None, request.FILES or None, instance=session, user=request.user)
    if session is not None:
        form.initial["clients"] = list(session.clients.values_list("pk", flat=True))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "clients"}
        try:
            if session is None:
                session = services.record_session(request.user, clients=form.cleaned_data["clients"], **data)
            else:
                services.update_session(request.user, session, clients=form.cleaned_data["clients"], **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return HttpResponseRedirect(session.get_absolute_url())
    return render(request, "advisory/session_form.html", {"form": form, "session": session},
                  status=400 if form.errors else 200)


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One session."""
    session = get_object_for(request.user, VIEW, SESSIONS, pk=pk)
    return render(request, "advisory/session_detail.html", {
        "session": session, "clients": [person_name(c) for c in session.clients.all()]})


@login_required
@require_POST
def session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a session recorded by mistake."""
    session = get_object_for(request.user, DELETE, SESSIONS, pk=pk)
    services.delete_session(request.user, session)
    return HttpResponseRedirect(reverse("advisory:session-list"))


def session_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The session's evidence (attendance list), for those who may open it."""
    session = get_object_or_404(ConsultationSession.objects.for_user(request.user, EVIDENCE), pk=pk)
    if not session.evidence:
        raise Http404
    return FileResponse(session.evidence.open("rb"), as_attachment=True,
                        filename=(session.evidence.name or "").rsplit("/", 1)[-1])
