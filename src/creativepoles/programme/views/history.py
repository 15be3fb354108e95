"""The programme's history: a readable, filtered and paged timeline of every write (those who may audit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from creativepoles.core import history as readable_history
from creativepoles.core.models import AuditEntry
from creativepoles.core.people import person_name
from creativepoles.core.permissions import AUDIT, get_object_for
from creativepoles.programme import figures
from creativepoles.programme.models import Project

PER_PAGE = 50


class HistoryFilterForm(forms.Form):
    """Filters of the history page; choices are filled from the project and the entries present."""

    city = forms.ChoiceField(label=_("City"), required=False)
    partner = forms.ChoiceField(label=_("Partner"), required=False)
    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    person = forms.ChoiceField(label=_("Person"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data: Any, project: Project, entries: Any) -> None:
        super().__init__(data)
        everything = [("", _("All"))]
        self.cities = {str(c.pk): c for c in figures.project_cities(project)}
        self.fields["city"].choices = everything + [(k, c.name) for k, c in self.cities.items()]  # type: ignore[attr-defined]
        self.partners = {str(p.pk): p for p in project.partners.select_related("organisation").order_by("number")}
        self.fields["partner"].choices = everything + [(k, str(p)) for k, p in self.partners.items()]  # type: ignore[attr-defined]
        kinds = sorted({m for m in entries.order_by().values_list("model", flat=True).distinct()})
        self.fields["kind"].choices = everything + sorted(  # type: ignore[attr-defined]
            ((k, readable_history.kind_label(k)) for k in kinds), key=lambda c: str(c[1]))
        people = get_user_model().objects.filter(
            pk__in=entries.order_by().filter(actor__isnull=False).values("actor_id").distinct())
        self.fields["person"].choices = everything + sorted(  # type: ignore[attr-defined]
            ((str(u.pk), person_name(u)) for u in people), key=lambda c: c[1].lower())

    def apply(self, entries: Any) -> Any:
        """The entries matching the valid filters (an invalid filter is shown as a form error and ignored)."""
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data.get("city"):
            entries = entries.filter(Q(city_id=data["city"]) | Q(organisation__city_id=data["city"]))
        if data.get("partner"):
            entries = entries.filter(organisation_id=self.partners[data["partner"]].organisation_id)
        if data.get("kind"):
            entries = entries.filter(model=data["kind"])
        if data.get("person"):
            entries = entries.filter(actor_id=data["person"])
        if data.get("since"):
            entries = entries.filter(at__date__gte=data["since"])
        if data.get("until"):
            entries = entries.filter(at__date__lte=data["until"])
        return entries


@login_required
def history(request: HttpRequest, acronym: str) -> HttpResponse:
    """Every recorded write to the programme's records, newest first, readable, filtered and paged."""
    project = get_object_for(request.user, AUDIT, Project.objects, acronym=acronym)
    entries = AuditEntry.objects.for_user(request.user, AUDIT).filter(model__startswith="programme.")
    form = HistoryFilterForm(request.GET or None, project, entries)
    filtered = form.apply(entries).select_related("actor")
    page = Paginator(filtered, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "programme/history.html", {
        "project": project, "form": form, "page": page, "lines": readable_history.readable(page.object_list,
                                                                                           request.user),
        "query": query.urlencode(), "today": dt.date.today(),
    }, status=400 if form.is_bound and not form.is_valid() else 200)
