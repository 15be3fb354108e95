"""The signed-in user's notifications: list them and mark them read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.core import notifications

PAGE_SIZE = 50


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first, unread ones marked."""
    page = Paginator(notifications.for_recipient(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/notification_list.html", {
        "page": page, "unread": notifications.unread_count(request.user),
    })


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (`id` in the form) or all of them read, then go back to the list."""
    raw = request.POST.get("id", "")
    # Another user's id or garbage changes nothing: mark_read only ever touches the user's own rows.
    pk = int(raw) if raw.isdigit() and len(raw) < 19 else None
    if raw and pk is None:
        return HttpResponseBadRequest(_("This is not a notification."))
    notifications.mark_read(request.user, pk)
    return HttpResponseRedirect(reverse("core:notification-list"))
