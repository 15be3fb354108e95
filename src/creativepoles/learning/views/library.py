"""The good-practice library: search, a case with the records it cites, and its contact form."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from creativepoles.core import links
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City
from creativepoles.learning.forms import ContactForm
from creativepoles.learning.models import Case, CaseKind
from creativepoles.learning.services import library as services


def case_list(request: HttpRequest) -> HttpResponse:
    """Cases the user may see, searchable by words, kind and city."""
    cases = Case.objects.for_user(request.user).select_related("city", "organisation")
    q = request.GET.get("q", "").strip()[:200].replace("\x00", "")
    kind = request.GET.get("kind", "")
    city = request.GET.get("city", "")
    if q:
        cases = cases.filter(Q(title__icontains=q) | Q(context__icontains=q) | Q(method__icontains=q)
                             | Q(results__icontains=q))
    if kind in CaseKind.values:
        cases = cases.filter(kind=kind)
    if city:
        cases = cases.filter(city__slug=city)
    return render(request, "learning/case_list.html", {
        "cases": cases[:200], "q": q, "kinds": CaseKind.choices, "cities": City.objects.all(),
        "selected": {"kind": kind, "city": city}})


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A case: context, method, cost, results, the records it cites and the contact form."""
    case = get_object_or_404(Case.objects.for_user(request.user).select_related("city", "organisation"), pk=pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_case(case, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your message was passed on to the organisation."))
            return HttpResponseRedirect(case.get_absolute_url())
    cited = []
    for entry in case.cites if isinstance(case.cites, list) else []:
        found = links.link(str(entry.get("kind", "")), entry.get("id"), request.user)
        if found is not None:
            cited.append(found)
    lessons = case.lessons.select_related("module__course").filter(module__course__is_published=True)
    return render(request, "learning/case_detail.html", {"case": case, "form": form, "cited": cited,
                                                         "lessons": lessons},
                  status=400 if request.method == "POST" else 200)
