"""Budgets by cost category and period, co-financing, and expenditure items."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creativepoles.analysis.money import Split, split
from creativepoles.core.permissions import CONTROLLERS, EDITORS, Everyone, Network, OrgMember, Policy, ScopedQuerySet
from creativepoles.core.storage import PrivateFileField, upload_validator
from creativepoles.programme.models.project import CURRENCIES, Partner, Period


class CostCategory(models.TextChoices):
    """Interreg cost categories as in Jems."""

    STAFF = "staff", _("Staff")
    OFFICE = "office", _("Office and administration")
    TRAVEL = "travel", _("Travel and accommodation")
    EXTERNAL = "external", _("External expertise and services")
    EQUIPMENT = "equipment", _("Equipment")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure and works")


def localised_categories(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Snapshot rows by cost category with the label in the reader's language (snapshots store English)."""
    known = dict(CostCategory.choices)
    return [{**row, "label": known.get(str(row.get("category", "")), row.get("label", ""))} for row in rows]


class PartnerMoneyQuerySet(ScopedQuerySet[Any]):
    """Budgets and co-financing of a funded project are public facts; programme managers change them."""

    policy = Policy(view=Everyone(), add=Network(), change=Network(), delete=Network())


class ExpenditureQuerySet(ScopedQuerySet[Any]):
    """Expenditure belongs to the partner organisation: its members see it, its editors enter it."""

    # A partner's spending belongs to the partner organisation, not to everyone in its city.
    policy = Policy(
        view=OrgMember("partner__organisation") | Network(),
        add=OrgMember("partner__organisation", EDITORS) | Network(),
        change=OrgMember("partner__organisation", EDITORS) | Network(),
        delete=OrgMember("partner__organisation", EDITORS) | Network(),
        control=OrgMember("partner__organisation", CONTROLLERS) | Network(),
        evidence=OrgMember("partner__organisation") | Network(),
    )

    def alive(self) -> ExpenditureQuerySet:
        """Items not soft-deleted."""
        return self.filter(deleted_at__isnull=True)


class BudgetLine(models.Model):
    """Planned amount of a partner for one cost category, in one period or for the whole project."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory.choices)
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.PROTECT, related_name="budget_lines")
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])
    history = HistoricalRecords()

    objects = PartnerMoneyQuerySet.as_manager()

    class Meta:
        ordering = ["partner", "period__number", "category"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(fields=["partner", "category", "period"], name="budget_line_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} · {self.get_category_display()} · {self.amount} {self.partner.currency}"


class CoFinancing(models.Model):
    """How a partner's budget is financed: a fund's rate and the partner's own contribution."""

    partner = models.OneToOneField(Partner, on_delete=models.CASCADE, related_name="cofinancing")
    fund_name = models.CharField(_("fund"), max_length=100, default="ERDF")
    fund_rate = models.DecimalField(
        _("fund rate"), max_digits=5, decimal_places=4, default=Decimal("0.85"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    quantum = models.DecimalField(
        _("fund share rounded to"), max_digits=6, decimal_places=2, default=Decimal("0.01"),
        help_text=_("0.01 rounds to the cent; 1 rounds to whole currency units."),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    rounding = models.CharField(
        _("rounding"), max_length=10, default="half_up",
        choices=[("half_up", _("half up")), ("down", _("down"))],
    )
    history = HistoricalRecords()

    objects = PartnerMoneyQuerySet.as_manager()

    class Meta:
        verbose_name = _("co-financing")
        verbose_name_plural = _("co-financing")

    def __str__(self) -> str:
        return f"{self.partner}: {self.fund_name} {self.fund_rate:%}"

    def split(self, total: Decimal) -> Split:
        """Split a total by this co-financing's rate and rounding."""
        return split(total, self.fund_rate, self.quantum, self.rounding)

    @property
    def own_rate(self) -> Decimal:
        return Decimal("1") - self.fund_rate


class Expenditure(models.Model):
    """One expenditure item a partner declares for a period."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="expenditures")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="expenditures")
    date = models.DateField(_("date"))
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory.choices)
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES)
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    invoice_number = models.CharField(_("invoice number"), max_length=60, blank=True)
    vat = models.DecimalField(_("VAT included"), max_digits=14, decimal_places=2, default=Decimal("0.00"),
                              validators=[MinValueValidator(Decimal("0"))])
    vat_recoverable = models.BooleanField(
        _("VAT recoverable"), default=False,
        help_text=_("Recoverable VAT is not eligible: control deducts it."))
    payment_date = models.DateField(_("payment date"), null=True, blank=True)
    exchange_rate = models.DecimalField(
        _("exchange rate (per EUR)"), max_digits=12, decimal_places=6, null=True, blank=True,
        help_text=_("Only for a currency without a fixed rate; empty takes the month's rate from the table."))
    procurement = models.ForeignKey("programme.Procurement", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="expenditures", verbose_name=_("procurement"))
    attachment = PrivateFileField(
        _("attachment"), blank=True, download_view="programme:file-expenditure",
        validators=[upload_validator("pdf", "png", "jpg", "jpeg", "xlsx", "csv", "odt", "docx")],
    )
    # Empty once the account is deleted (the audit entry keeps the name), so the record stays editable.
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = ExpenditureQuerySet.as_manager()

    class Meta:
        ordering = ["partner", "period__number", "date", "pk"]
        verbose_name = _("expenditure item")
        verbose_name_plural = _("expenditure items")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.description} {self.amount} {self.currency}"

