"""Partner profiles: the directory, one's own profile, and its suggestions with reasons."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.clusters.forms import ProfileForm
from creativepoles.clusters.models import BrokerageEvent, Cluster, Profile
from creativepoles.clusters.services import profiles as services
from creativepoles.clusters.taxonomy import GROUP_LABELS, GROUPS, TAG_LABELS
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City
from creativepoles.core.permissions import ADD, CHANGE, VIEW, can, could, get_object_for


def index(request: HttpRequest) -> HttpResponse:
    """The module's start: one's own profiles, upcoming events, clusters."""
    mine = Profile.objects.filter(owner=request.user).select_related("city") \
        if request.user.is_authenticated else Profile.objects.none()
    return render(request, "clusters/index.html", {
        "mine": mine,
        "events": BrokerageEvent.objects.for_user(request.user).select_related("city")
        .filter(starts_at__gte=timezone.now() - dt.timedelta(days=1)).order_by("starts_at")[:5],
        "clusters": Cluster.objects.for_user(request.user).select_related("city")[:10],
        "can_add_profile": could(request.user, ADD, Profile),
        "profiles_count": Profile.objects.for_user(request.user).count(),
    })


def profile_list(request: HttpRequest) -> HttpResponse:
    """Partner profiles the user may see, by city, creative group and keyword."""
    profiles = Profile.objects.for_user(request.user, VIEW).select_related("city")
    city, group, query = request.GET.get("city", ""), request.GET.get("group", ""), request.GET.get("q", "")[:100]
    if city:
        profiles = profiles.filter(city__slug=city)
    if group in GROUP_LABELS:
        profiles = profiles.filter(group=group)
    if query.strip() and "\x00" not in query:
        q = query.strip()
        profiles = profiles.filter(Q(firm_name__icontains=q) | Q(offers__icontains=q) | Q(seeks__icontains=q))
    return render(request, "clusters/profile_list.html", {
        "profiles": profiles[:300], "cities": City.objects.all(), "groups": GROUPS,
        "selected": {"city": city, "group": group, "q": query}, "can_add": could(request.user, ADD, Profile),
    })


def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One profile: offers, requests, tags; its owner's links to edit it and see suggestions."""
    profile = get_object_for(request.user, VIEW, Profile.objects.select_related("city"), pk=pk)
    return render(request, "clusters/profile_detail.html", {
        "profile": profile, "can_edit": can(request.user, CHANGE, profile),
        "offer_tags": [TAG_LABELS.get(t, t) for t in profile.offer_tags or []],
        "seek_tags": [TAG_LABELS.get(t, t) for t in profile.seek_tags or []],
        "group_label": GROUP_LABELS.get(profile.group, profile.group),
    })


@login_required
def profile_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add one's profile, or edit it (another's is a 404 or 403)."""
    profile = None
    if pk is not None:
        profile = get_object_for(request.user, CHANGE, Profile.objects.all(), pk=pk)
    elif not could(request.user, ADD, Profile):
        raise PermissionDenied
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if profile is None:
                profile = services.create_profile(request.user, **data)
            else:
                profile = services.update_profile(request.user, Profile.objects.get(pk=profile.pk), **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Profile saved."))
            return HttpResponseRedirect(profile.get_absolute_url() + "suggestions/")
    return render(request, "clusters/profile_form.html", {"form": form, "profile": profile},
                  status=400 if request.method == "POST" else 200)


@login_required
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """Ranked partners for one's own profile, mutual interest first, each with the reasons."""
    profile = get_object_for(request.user, CHANGE, Profile.objects.select_related("city"), pk=pk)
    found = services.suggestions_for(request.user, profile, top=10)
    events = BrokerageEvent.objects.for_user(request.user).filter(
        is_published=True, starts_at__gte=timezone.now() - dt.timedelta(days=1)).order_by("starts_at")
    rows = [{
        "profile": s.profile, "reasons": s.reasons, "group_label": GROUP_LABELS.get(s.profile.group, ""),
        "tags_offered": [TAG_LABELS.get(t, t) for t in s.reasons.tags_offered],
        "tags_sought": [TAG_LABELS.get(t, t) for t in s.reasons.tags_sought],
    } for s in found]
    return render(request, "clusters/suggestions.html", {"profile": profile, "rows": rows, "events": events})
