"""Organisers' pages: add and edit events, cancel, the attendee list with approval, exports and the QR scanner."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.core.errors import DomainError
from creativepoles.core.exports import SheetSpec, csv_response, xlsx_response
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City
from creativepoles.core.permissions import ADD, CHANGE, could, get_object_for
from creativepoles.events.forms import EventForm
from creativepoles.events.models import Event, Registration
from creativepoles.events.services import events as services
from creativepoles.events.services import registrations as registration_services
from creativepoles.events.views.public import local


@login_required
def event_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add an event, or edit one the user organises."""
    event = get_object_for(request.user, CHANGE, Event.objects.select_related("city"), pk=pk) if pk else None
    if event is None and not could(request.user, ADD, Event):
        raise PermissionDenied
    cities = City.objects.editable_by(request.user, Event)
    form = EventForm(request.POST or None, instance=event, cities=cities)
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                event = services.create_event(request.user, **form.service_data())
            else:
                services.update_event(request.user, event, **form.service_data())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return HttpResponseRedirect(event.get_absolute_url())
    return render(request, "events/event_form.html", {"form": form, "event": event},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel the event and tell its registrants."""
    event = get_object_for(request.user, CHANGE, Event.objects.all(), pk=pk)
    try:
        services.cancel_event(request.user, event, request.POST.get("reason", "")[:1000])
        messages.success(request, _("The event is cancelled and the registrants are told."))
    except DomainError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(event.get_absolute_url())


def _stamp(value: Any) -> str:
    """A local time as the sheet shows it (the city's wall clock)."""
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def _attendees(event: Event) -> Any:
    return Registration.objects.filter(event=event).order_by("status", "created_at", "pk")


@login_required
def attendees(request: HttpRequest, pk: int) -> HttpResponse:
    """The attendee list: who holds a seat, who waits, who checked in; approve and check in from here."""
    event = get_object_for(request.user, CHANGE, Event.objects.select_related("city"), pk=pk)
    if request.method == "POST":
        registration = Registration.objects.filter(event=event, pk=request.POST.get("registration") or 0).first() \
            if str(request.POST.get("registration", "")).isdigit() else None
        if registration is None:
            messages.error(request, _("No such registration."))
        else:
            try:
                if request.POST.get("action") == "approve":
                    registration_services.approve_registration(request.user, registration)
                elif request.POST.get("action") == "cancel":
                    registration_services.cancel_registration(request.user, registration)
                else:
                    registration_services.check_in(request.user, event, registration.code)
                messages.success(request, _("Saved."))
            except DomainError as error:
                messages.error(request, error.message)
        return HttpResponseRedirect(reverse("events:attendees", args=[event.pk]))
    return render(request, "events/attendees.html", {
        "event": event, "registrations": _attendees(event), "starts": local(event, event.starts_at),
    })


@login_required
def attendees_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The attendee list as CSV or XLSX (formula-safe), for the event's organisers only."""
    event = get_object_for(request.user, CHANGE, Event.objects.select_related("city"), pk=pk)
    keys = [q["key"] for q in event.questions]
    header = [_("Name"), _("E-mail address"), _("Status"), _("Registered at"), _("Checked in at"),
              *[q["label"] for q in event.questions]]
    rows = [[r.name, r.email, r.get_status_display(), _stamp(local(event, r.created_at)),
             _stamp(local(event, r.checked_in_at)), *[r.answers.get(k, "") for k in keys]] for r in _attendees(event)]
    name = f"attendees-{event.pk}"
    if fmt == "csv":
        return csv_response(f"{name}.csv", [str(h) for h in header], rows)
    if fmt == "xlsx":
        sheet: SheetSpec = (str(_("Attendees")), [str(h) for h in header], rows)
        return xlsx_response(f"{name}.xlsx", [sheet])
    raise Http404


@login_required
def check_in_scanner(request: HttpRequest, pk: int) -> HttpResponse:
    """The QR scanner page (a phone's camera; jsQR decodes in the browser) and the check-in it posts."""
    event = get_object_for(request.user, CHANGE, Event.objects.select_related("city"), pk=pk)
    if request.method == "POST":
        try:
            registration = registration_services.check_in(request.user, event, request.POST.get("code", ""))
        except DomainError as error:
            return JsonResponse({"ok": False, "message": error.message}, status=400)
        return JsonResponse({"ok": True, "message": _("Checked in: %(name)s") % {"name": registration.name}})
    return render(request, "events/check_in.html", {"event": event, "starts": local(event, event.starts_at)})
