"""Charter versions, signatures and commitments: managers adopt versions and commitments, city editors sign."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City, Organisation
from creativepoles.core.permissions import ADD, CHANGE, could, get_object_for, targets
from creativepoles.programme.forms import CharterVersionForm, CommitmentForm, SignatoryForm
from creativepoles.programme.models import CharterVersion, Commitment, Signatory
from creativepoles.programme.services import records
from creativepoles.programme.views.pilots import _changes, _form_page, _project


def _back(acronym: str) -> str:
    return reverse("programme:charter", args=[acronym])


@login_required
def version_edit(request: HttpRequest, acronym: str, pk: int | None = None) -> HttpResponse:
    """Adopt a new charter version (the next number), or correct one."""
    project = _project(request, acronym)
    version = None
    if pk is not None:
        version = get_object_for(request.user, CHANGE, CharterVersion.objects.filter(project=project), pk=pk)
    elif not could(request.user, ADD, CharterVersion):
        raise PermissionDenied
    form = CharterVersionForm(request.POST or None,
                              instance=CharterVersion.objects.get(pk=version.pk) if version else None)
    if request.method == "POST" and form.is_valid():
        try:
            if version is None:
                records.add_charter_version(request.user, project, **form.cleaned_data)
            else:
                records.update_charter_version(request.user, version, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Charter version saved."))
            return HttpResponseRedirect(_back(acronym))
    heading = _("New charter version") if version is None else _("Edit charter version")
    return _form_page(request, project, form, heading, _back(acronym))


@login_required
def signatory_edit(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """Correct a signature or attach the signed document (the city's editors, the managers)."""
    project = _project(request, acronym)
    signatory = get_object_for(request.user, CHANGE, Signatory.objects.filter(charter__project=project), pk=pk)
    cities = targets(request.user, CHANGE, Signatory, "city",
                     City.objects.filter(organisations__partnerships__project=project).distinct())
    form = SignatoryForm(request.POST or None, request.FILES or None, instance=Signatory.objects.get(pk=signatory.pk))
    form.fields["city"].queryset = cities  # type: ignore[attr-defined]
    form.fields["organisation"].queryset = Organisation.objects.alive().filter(  # type: ignore[attr-defined]
        city__in=cities)
    if request.method == "POST" and form.is_valid():
        try:
            records.update_signatory(request.user, signatory, **_changes(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Signature saved."))
            return HttpResponseRedirect(_back(acronym))
    return _form_page(request, project, form, _("Edit signature"), _back(acronym))


@login_required
def commitment_edit(request: HttpRequest, acronym: str, pk: int, commitment: int | None = None) -> HttpResponse:
    """Add a commitment to a charter version, or change one (its progress above all)."""
    project = _project(request, acronym)
    version = get_object_for(request.user, CHANGE, CharterVersion.objects.filter(project=project), pk=pk)
    instance = get_object_or_404(Commitment, pk=commitment, charter=version) if commitment is not None else None
    form = CommitmentForm(request.POST or None,
                          instance=Commitment.objects.get(pk=instance.pk) if instance else None)
    form.fields["owner"].queryset = Organisation.objects.alive().filter(  # type: ignore[attr-defined]
        partnerships__project=project)
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                records.add_commitment(request.user, version, **form.cleaned_data)
            else:
                records.update_commitment(request.user, instance, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Commitment saved."))
            return HttpResponseRedirect(_back(acronym))
    heading = _("New commitment") if instance is None else _("Edit commitment")
    return _form_page(request, project, form, heading, _back(acronym))

