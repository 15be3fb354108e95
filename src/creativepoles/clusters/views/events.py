"""Brokerage events: list, detail with the schedule, meeting requests and answers, personal agendas."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.clusters.forms import EventForm, MeetingRequestForm
from creativepoles.clusters.models import BrokerageEvent, MeetingRequest, MeetingStatus, Profile
from creativepoles.clusters.services import events as services
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.permissions import ADD, CHANGE, VIEW, can, could, get_object_for


def event_list(request: HttpRequest) -> HttpResponse:
    """Brokerage events the user may see."""
    return render(request, "clusters/event_list.html", {
        "events": BrokerageEvent.objects.for_user(request.user).select_related("city"),
        "can_add": could(request.user, ADD, BrokerageEvent),
    })


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An event: facts, the schedule for its organisers, a meeting request form for firms."""
    event = get_object_for(request.user, VIEW, BrokerageEvent.objects.select_related("city"), pk=pk)
    can_edit = can(request.user, CHANGE, event)
    meetings = MeetingRequest.objects.for_user(request.user).filter(event=event).select_related(
        "requester__city", "invitee__city")
    invitee = request.GET.get("invitee", "")
    form = MeetingRequestForm(user=request.user, initial={"invitee": invitee if invitee.isdigit() else None})
    accepted = [m for m in meetings if m.status == MeetingStatus.ACCEPTED]
    return render(request, "clusters/event_detail.html", {
        "event": event, "can_edit": can_edit, "meetings": meetings if can_edit else [],
        "form": form, "has_profile": request.user.is_authenticated and Profile.objects.filter(
            owner=request.user).exists(),
        "accepted": len(accepted), "placed": sum(1 for m in accepted if m.slot is not None),
    })


@login_required
def event_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add an event in a city the user edits, or edit one."""
    event = None
    if pk is not None:
        event = get_object_for(request.user, CHANGE, BrokerageEvent.objects.all(), pk=pk)
    elif not could(request.user, ADD, BrokerageEvent):
        raise PermissionDenied
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if event is None:
                event = services.create_event(request.user, **data)
            else:
                event = services.update_event(request.user, BrokerageEvent.objects.get(pk=event.pk), **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Event saved."))
            return HttpResponseRedirect(event.get_absolute_url())
    return render(request, "clusters/event_form.html", {"form": form, "event": event},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def event_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """Run the scheduler over the accepted meetings."""
    event = get_object_for(request.user, CHANGE, BrokerageEvent.objects.all(), pk=pk)
    result = services.schedule_event(request.user, event)
    messages.success(request, _("%(held)s of %(total)s accepted meetings placed (at most %(bound)s possible).") % {
        "held": result.held, "total": result.held + len(result.unplaced), "bound": result.bound})
    return HttpResponseRedirect(event.get_absolute_url())


@require_POST
def meeting_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask a firm for a meeting at the event, from one's own profile (anonymous visitors have none to ask from)."""
    event = get_object_for(request.user, VIEW, BrokerageEvent.objects.all(), pk=pk)
    form = MeetingRequestForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.request_meeting(request.user, event, form.cleaned_data["requester"],
                                     form.cleaned_data["invitee"], form.cleaned_data["message"])
        except DomainError as error:
            add_domain_error(form, error)
    if form.errors:
        return render(request, "clusters/meeting_form.html", {"form": form, "event": event}, status=400)
    messages.success(request, _("Meeting requested. The firm is notified."))
    return HttpResponseRedirect(reverse("clusters:agenda", args=[event.pk]))


@login_required
@require_POST
def meeting_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or decline a request (the invitee), or withdraw it (the requester)."""
    meeting = get_object_for(request.user, CHANGE, MeetingRequest.objects.select_related("event"), pk=pk)
    try:
        services.answer_meeting(request.user, meeting, request.POST.get("answer") == "accept")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Answer saved."))
    return HttpResponseRedirect(reverse("clusters:agenda", args=[meeting.event_id]))


def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """One's own meetings at an event: requests to answer, accepted ones with their slot and table (anonymous
    visitors are asked to sign in)."""
    event = get_object_for(request.user, VIEW, BrokerageEvent.objects.all(), pk=pk)
    meetings = services.agenda(request.user, event)
    rows = [{"meeting": m, "invited": m.invitee.owner_id == request.user.pk,
             "other": m.requester if m.invitee.owner_id == request.user.pk else m.invitee} for m in meetings]
    return render(request, "clusters/agenda.html", {"event": event, "rows": rows})


def agenda_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One's own scheduled meetings at an event as an iCalendar file."""
    event = get_object_for(request.user, VIEW, BrokerageEvent.objects.all(), pk=pk)
    response = HttpResponse(services.agenda_ical(request.user, event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{event.pk}.ics"'
    return response
