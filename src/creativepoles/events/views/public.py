"""Public pages: the calendar, an event with its registration form, a registration with its QR code, feeds."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.core import links
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City
from creativepoles.core.permissions import ADD, CHANGE, can, could
from creativepoles.events import feeds
from creativepoles.events.forms import CalendarFilter, RegistrationForm
from creativepoles.events.models import (
    HOLDS_SEAT,
    Campaign,
    Event,
    EventType,
    FeedToken,
    Registration,
    RegistrationStatus,
)
from creativepoles.events.services import registrations as services
from creativepoles.events.services.tokens import revoke_feed_token, start_feed_token

PAGE_SIZE = 50


def calendar(request: HttpRequest) -> HttpResponse:
    """Public calendar of events, filtered by city, type and date; a page holds 50 events."""
    events = Event.objects.for_user(request.user).select_related("city")
    form = CalendarFilter(request.GET or None)
    chosen: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    if chosen.get("city"):
        events = events.filter(city=chosen["city"])
    if chosen.get("kind"):
        events = events.filter(kind=chosen["kind"])
    # Days are the chosen city's days (else the site's zone): an evening event is not shown under the next day.
    zone = ZoneInfo(chosen["city"].time_zone) if chosen.get("city") else timezone.get_current_timezone()
    start = chosen.get("start") or (None if chosen.get("end") else timezone.localdate())
    if start:
        events = events.filter(starts_at__gte=dt.datetime.combine(start, dt.time.min, zone))
    if chosen.get("end"):
        events = events.filter(starts_at__lt=dt.datetime.combine(chosen["end"] + dt.timedelta(days=1), dt.time.min,
                                                                 zone))
    page = Paginator(events.order_by("starts_at", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "events/calendar.html", {
        "page": page, "form": form, "query": query.urlencode(), "can_add": could(request.user, ADD, Event),
        "cities": City.objects.order_by("name"), "kinds": EventType.choices,
    })


def local(event: Event, value: dt.datetime | None) -> dt.datetime | None:
    """A time shown in the event city's zone."""
    return value.astimezone(ZoneInfo(event.city.time_zone)) if value else None


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The event page: texts in the visitor's language, times in the city's zone, the registration form."""
    event = get_object_or_404(Event.objects.for_user(request.user).select_related("city", "campaign"), pk=pk)
    form = RegistrationForm(event=event, initial={"email": getattr(request.user, "email", "")})
    return _detail(request, event, form)


def _detail(request: HttpRequest, event: Event, form: RegistrationForm, status: int = 200) -> HttpResponse:
    seats = event.registrations.filter(status__in=HOLDS_SEAT).count()
    return render(request, "events/event_detail.html", {
        "event": event, "form": form, "open": services.registration_open(event),
        "starts": local(event, event.starts_at), "ends": local(event, event.ends_at),
        "closes": local(event, event.registration_closes), "free": max(event.capacity - seats, 0),
        "can_edit": can(request.user, CHANGE, event),
        "site": links.link("spaces.site", event.site_id, request.user) if event.site_id else None,
    }, status=status)


@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    """Register for an event; bad input and a closed or duplicate registration come back as form errors."""
    event = get_object_or_404(Event.objects.for_user(request.user).select_related("city"), pk=pk)
    form = RegistrationForm(request.POST, event=event)
    if form.is_valid():
        try:
            registration = services.register(request.user, event, form.cleaned_data["name"],
                                              form.cleaned_data["email"], form.answers())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return HttpResponseRedirect(registration.get_absolute_url())
    return _detail(request, event, form, status=400)


def qr_svg(code: str) -> str:
    """The registration's code as an inline SVG QR code (segno, pure Python)."""
    return str(segno.make(code, error="m").svg_inline(scale=6, border=4))


def _registration(code: str) -> Registration:
    # The code is the registrant's secret: whoever has the link (from their e-mail) sees their registration.
    registration = (Registration.objects.select_related("event__city").filter(code=code, anonymised_at__isnull=True)
                    .first())
    if registration is None:
        raise Http404
    return registration


def registration_page(request: HttpRequest, code: str) -> HttpResponse:
    """The registrant's confirmation: status, place in line and the QR code shown at the entrance."""
    registration = _registration(code)
    event = registration.event
    ahead = None
    if registration.status == RegistrationStatus.WAITING:
        ahead = event.registrations.filter(status=RegistrationStatus.WAITING, created_at__lt=registration.created_at
                                           ).count()
    return render(request, "events/registration.html", {
        "registration": registration, "event": event, "ahead": ahead,
        "qr": qr_svg(registration.code) if registration.status == RegistrationStatus.CONFIRMED else "",
        "starts": local(event, event.starts_at),
    })


@require_POST
def registration_cancel(request: HttpRequest, code: str) -> HttpResponse:
    """The registrant cancels with their secret link; the first in line moves up."""
    registration = _registration(code)
    try:
        services.cancel_registration(request.user, registration, by_code=True)
        messages.success(request, _("Your registration is cancelled."))
    except DomainError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(registration.get_absolute_url())


# --- feeds ------------------------------------------------------------------------------------------


def feed_all(request: HttpRequest) -> HttpResponse:
    """All public events as an iCalendar feed."""
    return feeds.feed_response(request, feeds.public_events(), "all", _("Creative Poles events"), "events")


def feed_city(request: HttpRequest, slug: str) -> HttpResponse:
    """A city's public events as an iCalendar feed."""
    city = get_object_or_404(City, slug=slug)
    return feeds.feed_response(request, feeds.public_events().filter(city=city), f"city{city.pk}",
                               _("Events in %(city)s") % {"city": city.name}, f"events-{city.slug}")


def feed_campaign(request: HttpRequest, pk: int) -> HttpResponse:
    """A campaign's public events as an iCalendar feed."""
    campaign = get_object_or_404(Campaign.objects.for_user(request.user), pk=pk)
    return feeds.feed_response(request, feeds.public_events().filter(campaign=campaign), f"campaign{campaign.pk}",
                               campaign.theme, f"campaign-{campaign.pk}")


def feed_personal(request: HttpRequest, token: str) -> HttpResponse:
    """A person's registrations as a feed, behind the secret token of their URL (revocable)."""
    feed = FeedToken.objects.filter(token=token, revoked_at__isnull=True).select_related("owner").first()
    if feed is None:
        raise Http404
    events = Event.objects.filter(registrations__owner=feed.owner,
                                  registrations__status__in=("confirmed", "pending", "waiting")).distinct()
    return feeds.feed_response(request, events, f"token{feed.pk}", _("My events"), "my-events")


@login_required
def my_feed(request: HttpRequest) -> HttpResponse:
    """The person's feed URL: make one, or revoke it (a new URL replaces it)."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            revoke_feed_token(request.user)
            messages.success(request, _("Your feed address no longer works."))
        else:
            start_feed_token(request.user)
            messages.success(request, _("Your new feed address is ready."))
        return HttpResponseRedirect(reverse("events:my-feed"))
    token = FeedToken.objects.for_user(request.user).filter(revoked_at__isnull=True).first()
    mine = Registration.objects.for_user(request.user).filter(owner_id=request.user.pk).select_related("event__city")
    return render(request, "events/my_feed.html", {
        "token": token, "registrations": mine.order_by("-event__starts_at")[:50],
        "feed_url": request.build_absolute_uri(reverse("events:feed-personal", args=[token.token])) if token else "",
    })
