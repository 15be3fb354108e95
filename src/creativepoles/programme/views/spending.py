"""Expenditure items: scoped list with filters and exports, add, edit, delete, import."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView

from creativepoles.analysis.money import convert, to_cents
from creativepoles.core.errors import DomainError
from creativepoles.core.exports import csv_response, xlsx_response
from creativepoles.core.forms import add_domain_error
from creativepoles.core.mixins import HtmxPartialMixin
from creativepoles.core.params import query_int
from creativepoles.core.permissions import ADD, CHANGE, DELETE, could, get_object_for
from creativepoles.programme import exports, imports
from creativepoles.programme.forms import ExpenditureForm, ImportForm, editable_partners
from creativepoles.programme.models import CostCategory, Expenditure, Project
from creativepoles.programme.services import spending
from creativepoles.programme.views.base import ProjectMixin


def scoped_items(request: HttpRequest, project: Project) -> Any:
    """The user's visible, live items of a project, filtered by the query string."""
    items = (Expenditure.objects.for_user(request.user).filter(partner__project=project, deleted_at__isnull=True)
             .select_related("partner__organisation__city", "period"))
    partner = query_int(request, "partner")
    period = query_int(request, "period")
    category = request.GET.get("category", "")
    if partner is not None:
        items = items.filter(partner_id=partner)
    if period is not None:
        items = items.filter(period__number=period)
    if category in CostCategory.values:
        items = items.filter(category=category)
    return items


def selection_totals(items: Any) -> dict[str, Any]:
    """Totals of the whole filtered selection (not just the page): per currency, and all of it in EUR."""
    per_currency = [(row["currency"], to_cents(row["total"]), convert(row["total"], row["currency"], "EUR"))
                    for row in items.order_by().values("currency").annotate(total=Sum("amount")).order_by("currency")]
    return {"per_currency": per_currency, "eur": sum((eur for _c, _a, eur in per_currency), Decimal("0.00"))}


class ExpenditureListView(LoginRequiredMixin, ProjectMixin, HtmxPartialMixin, ListView[Expenditure]):
    """Items the user may see, with filters; CSV and XLSX export of the same selection."""

    template_name = "programme/expenditure_list.html"
    partial_template_name = "programme/partials/expenditure_rows.html"
    context_object_name = "items"
    paginate_by = 100

    def get_queryset(self) -> Any:
        return scoped_items(self.request, self.project)

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        export = self.request.GET.get("export")
        if export in ("csv", "xlsx"):
            header, rows = exports.expenditures_rows(self.object_list)
            name = f"{self.project.acronym}-expenditure"
            if export == "csv":
                return csv_response(f"{name}.csv", header, rows)
            # The totals go on their own sheet so the item sheet can be imported back as it is.
            return xlsx_response(f"{name}.xlsx", [(_("Expenditure"), header, rows),
                                                  (_("Totals"), *exports.expenditure_totals(rows))])
        return super().render_to_response(context, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        for item in context["items"]:
            item.amount_eur = convert(item.amount, item.currency, "EUR")
        context.update(
            partners=self.project.partners.select_related("organisation"),
            periods=self.project.periods.all(),
            categories=CostCategory.choices,
            selected={k: self.request.GET.get(k, "") for k in ("partner", "period", "category")},
            can_add=editable_partners(self.request.user, self.project).exists(),
            query=self.request.GET.urlencode(),
            totals=selection_totals(self.object_list),
        )
        return context


class ExpenditureFormView(LoginRequiredMixin, ProjectMixin, FormView[ExpenditureForm]):
    """Add an item, or edit one of the user's partner items (others are a 404)."""

    template_name = "programme/expenditure_form.html"
    form_class = ExpenditureForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.item = None
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)  # the login redirect
        if "pk" in kwargs:
            self.item = get_object_for(request.user, CHANGE, Expenditure.objects.filter(deleted_at__isnull=True),
                                       pk=kwargs["pk"], partner__project__acronym=kwargs["acronym"])
        elif not could(request.user, ADD, Expenditure):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(user=self.request.user, project=self.project, instance=self.item)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        if self.item is not None:
            context["history"] = self.item.history.select_related("history_user")[:20]
        return context

    def form_valid(self, form: ExpenditureForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        partner = data.pop("partner")
        if not data.get("attachment"):
            data.pop("attachment", None)
        try:
            if self.item is None:
                spending.add_expenditure(self.request.user, partner, **data)
            else:
                spending.update_expenditure(self.request.user, Expenditure.objects.get(pk=self.item.pk), **data)
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Expenditure item saved."))
        return HttpResponseRedirect(reverse("programme:expenditure-list", args=[self.project.acronym]))


@login_required
@require_POST
def expenditure_delete(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """Soft-delete an item of an open period."""
    item = get_object_for(request.user, DELETE, Expenditure.objects.filter(deleted_at__isnull=True),
                          pk=pk, partner__project__acronym=acronym)
    try:
        spending.delete_expenditure(request.user, item)
        messages.success(request, _("Expenditure item deleted."))
    except DomainError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(reverse("programme:expenditure-list", args=[acronym]))


@login_required
def expenditure_import(request: HttpRequest, acronym: str) -> HttpResponse:
    """Import a file of items: all rows or none, with every bad row reported."""
    project = get_object_or_404(Project.objects.for_user(request.user), acronym=acronym)
    if not could(request.user, ADD, Expenditure):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user, project=project)
    errors: list[Any] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.import_expenditures(request.user, form.cleaned_data["partner"], upload.name,
                                                 upload.read())
        except imports.ImportFailed as failure:
            errors = failure.errors
            status = 400
        else:
            messages.success(request, ngettext("%(count)s item imported.", "%(count)s items imported.",
                                               result.created) % {"count": result.created})
            return HttpResponseRedirect(reverse("programme:expenditure-list", args=[acronym]))
    elif request.method == "POST":
        status = 400
    return render(request, "programme/expenditure_import.html",
                  {"project": project, "form": form, "errors": errors}, status=status)
