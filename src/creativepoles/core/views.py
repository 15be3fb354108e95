"""Home, city and organisation pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template import loader
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView
from rest_framework.exceptions import NotFound

from creativepoles.core import links, mywork, pagecache, services, story
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import OrganisationForm, add_domain_error
from creativepoles.core.mixins import HtmxPartialMixin, ScopedQuerysetMixin
from creativepoles.core.models import City, Organisation, OrganisationKind, counted_population
from creativepoles.core.permissions import ADD, CHANGE, DELETE, can, could, get_object_for, scope_for


def city_map_data(cities: Any) -> list[dict[str, Any]]:
    """Plain data for the Leaflet map of cities."""
    return [
        {
            "name": city.name_en,
            "local": city.name,
            "lat": float(city.latitude),
            "lon": float(city.longitude),
            "url": city.get_absolute_url(),
            "population": city.population,
        }
        for city in cities
    ]


class HomeView(TemplateView):
    """Map of the partner cities and the network's key figures."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        cities = list(City.objects.filter(is_partner=True).annotate(
            org_count=Count("organisations", filter=Q(organisations__deleted_at__isnull=True))
        ))
        figures = {
            "cities": len(cities),
            "countries": len({c.country for c in cities}),
            "population": counted_population(cities),
            "organisations": Organisation.objects.for_user(self.request.user).alive().count(),
        }
        headlines = links.city_links(cities, self.request.user, full=False)
        for city in cities:
            city.headline_links = headlines.get(city.pk, [])  # type: ignore[attr-defined]
        pieces = {"cities": cities, "map_data": city_map_data(cities), "figures": figures}
        context.update(pieces)
        if self.request.user.is_authenticated:
            # Signed-in people first see what needs doing; visitors keep the public home alone.
            context["my_work"] = mywork.sections(self.request.user)
            context["is_member"] = scope_for(self.request.user).is_member
        context["body"] = pagecache.anonymous_fragment(
            self.request, "core/partials/home_body.html", pieces, "home", figures,
            [(c.slug, c.name, c.country, getattr(c, "org_count", None), c.population,
              [tuple(link) for link in headlines.get(c.pk, [])]) for c in cities],
            pieces["map_data"])
        return context


class CityListView(ListView[City]):
    """All cities of the network."""

    model = City
    template_name = "core/city_list.html"
    context_object_name = "cities"

    def get_queryset(self) -> Any:
        return City.objects.annotate(
            org_count=Count("organisations", filter=Q(organisations__deleted_at__isnull=True))
        ).order_by("name_en")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["map_data"] = city_map_data(context["cities"])
        # Over the listed rows, not an SQL sum: a city inside a listed region is counted with the region.
        context["total_population"] = counted_population(context["cities"])
        return context


class CityDetailView(DetailView[City]):
    """One city: facts and its organisations."""

    model = City
    template_name = "core/city_detail.html"
    context_object_name = "city"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        city = context["city"]
        context["organisations"] = Organisation.objects.for_user(self.request.user).alive().filter(city=city)
        context["map_data"] = city_map_data([city])
        # Other modules' links (sites, partners, pilots, charter) come through the registry: core imports none.
        context["link_sections"] = links.city_sections(links.city_links([city], self.request.user)[city.pk])
        return context


class CityStoryView(DetailView[City]):
    """A city's chain from evidence to outcome, each count a link to exactly the records it counts."""

    model = City
    template_name = "core/city_story.html"
    context_object_name = "city"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # The steps come from the modules through the registry, counted with this viewer's rights.
        context["steps"] = story.story(context["city"], self.request.user)
        return context


class OrganisationListView(HtmxPartialMixin, ScopedQuerysetMixin, ListView[Organisation]):
    """Organisations the user may see, filterable by city and kind."""

    model = Organisation
    template_name = "core/organisation_list.html"
    partial_template_name = "core/partials/organisation_rows.html"
    context_object_name = "organisations"
    paginate_by = 50

    def get_queryset(self) -> Any:
        queryset = super().get_queryset().filter(deleted_at__isnull=True).select_related("city")
        city = self.request.GET.get("city", "")
        kind = self.request.GET.get("kind", "")
        query = self.request.GET.get("q", "").strip()
        if city:
            queryset = queryset.filter(city__slug=city)
        if kind:
            queryset = queryset.filter(kind=kind)
        if query:
            queryset = queryset.filter(Q(name__icontains=query) | Q(name_en__icontains=query))
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            cities=City.objects.all(),
            kinds=OrganisationKind.choices,
            selected={k: self.request.GET.get(k, "") for k in ("city", "kind", "q")},
            can_add=could(self.request.user, ADD, Organisation),
        )
        return context


class OrganisationDetailView(ScopedQuerysetMixin, DetailView[Organisation]):
    """One organisation."""

    model = Organisation
    template_name = "core/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self) -> Any:
        return super().get_queryset().filter(deleted_at__isnull=True).select_related("city")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_edit"] = can(self.request.user, CHANGE, self.object)
        context["can_delete"] = can(self.request.user, DELETE, self.object)
        return context


class _OrganisationFormMixin(LoginRequiredMixin):
    """Shared form handling: the form's user and domain errors shown on their fields."""

    request: HttpRequest

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["user"] = self.request.user
        return kwargs

    def save(self, form: BaseForm) -> Organisation:
        raise NotImplementedError

    def form_valid(self, form: BaseForm) -> HttpResponse:
        try:
            organisation = self.save(form)
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)  # type: ignore[attr-defined,no-any-return]
        messages.success(self.request, _("Organisation saved."))
        return HttpResponseRedirect(organisation.get_absolute_url())


class OrganisationCreateView(_OrganisationFormMixin, CreateView[Organisation, OrganisationForm]):
    """Add an organisation to a city the user edits."""

    model = Organisation
    form_class = OrganisationForm
    template_name = "core/organisation_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not could(request.user, ADD, Organisation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save(self, form: BaseForm) -> Organisation:
        return services.create_organisation(self.request.user, **form.cleaned_data)


class OrganisationUpdateView(_OrganisationFormMixin, ScopedQuerysetMixin, UpdateView[Organisation, OrganisationForm]):
    """Edit an organisation of the user's city; any other is a 404."""

    model = Organisation
    form_class = OrganisationForm
    template_name = "core/organisation_form.html"

    scope_action = CHANGE

    def get_queryset(self) -> Any:
        return super().get_queryset().filter(deleted_at__isnull=True)

    def save(self, form: BaseForm) -> Organisation:
        fresh = Organisation.objects.get(pk=self.object.pk)
        return services.update_organisation(self.request.user, fresh, **form.cleaned_data)


@require_POST
def organisation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Soft-delete an organisation of the user's city."""
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('account_login')}?next={request.path}")
    organisation = get_object_for(request.user, DELETE, Organisation.objects.alive(), pk=pk)
    try:
        services.delete_organisation(request.user, organisation)
    except DomainError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(organisation.get_absolute_url())
    messages.success(request, _("Organisation deleted."))
    return HttpResponseRedirect(reverse_lazy("core:organisation-list"))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Friendly 404 page; under /api/ the API's error format, since API clients parse the answer."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Friendly 500 page; rendered without the request context, which could fail again."""
    return HttpResponse(loader.get_template("500.html").render({}), status=500)
