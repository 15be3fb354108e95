"""Claims built from control certificates, payments received and passed on to partners, procurements, rates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from creativepoles.core.permissions import (
    CONTROLLERS,
    EDITORS,
    CityMember,
    Everyone,
    Network,
    OrgMember,
    Policy,
    ScopedQuerySet,
)
from creativepoles.programme.models.project import CURRENCIES, Partner, Project
from creativepoles.programme.models.reports import PartnerReport

POSITIVE = [MinValueValidator(Decimal("0.01"))]


class ClaimQuerySet(ScopedQuerySet[Any]):
    """Claims and payments are seen by every partner city and made by the lead partner's managers."""

    policy = Policy(view=CityMember("project__partners__organisation__city") | Network(),
                    add=Network(), change=Network(), delete=Network())


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Claim(models.Model):
    """A project report (payment claim) the lead partner assembles from chosen control certificates."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="claims")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="claim_number_unique")]

    def __str__(self) -> str:
        return f"{self.project.acronym} · {_('Claim')} {self.number}"


class ClaimCertificate(models.Model):
    """One control certificate included in a claim, with its amounts as they were included."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="certificates")
    # One-to-one: the database itself refuses to include a certificate in a second claim.
    report = models.OneToOneField(PartnerReport, on_delete=models.PROTECT, related_name="claim_entry")
    certified = models.DecimalField(_("certified"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES)
    certified_eur = models.DecimalField(_("certified (EUR)"), max_digits=14, decimal_places=2)
    fund_name = models.CharField(_("fund"), max_length=100)
    fund = models.DecimalField(_("fund share"), max_digits=14, decimal_places=2)
    fund_eur = models.DecimalField(_("fund share (EUR)"), max_digits=14, decimal_places=2)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "report__partner__number", "report__period__number"]
        verbose_name = _("certificate in a claim")
        verbose_name_plural = _("certificates in claims")

    def __str__(self) -> str:
        return f"{self.claim} · {self.report}"

    @property
    def project(self) -> Project:
        return self.claim.project


class PaymentKind(models.TextChoices):
    ADVANCE = "advance", _("Advance payment")
    FUND = "fund", _("Payment received for a claim")


class PaymentQuerySet(ScopedQuerySet[Any]):
    """Payments to the project: seen by the partner cities, recorded by the lead partner's managers."""

    policy = Policy(view=CityMember("project__partners__organisation__city") | Network(),
                    add=Network(), change=Network())


class Payment(models.Model):
    """Money the lead partner received from the programme: an advance, or the fund's payment for a claim (EUR)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(_("kind"), max_length=10, choices=PaymentKind.choices)
    claim = models.OneToOneField(Claim, null=True, blank=True, on_delete=models.PROTECT, related_name="payment",
                                 verbose_name=_("claim"))
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2, validators=POSITIVE)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["project", "received_on", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="fund") & models.Q(claim__isnull=False))
                | (models.Q(kind="advance") & models.Q(claim__isnull=True)),
                name="payment_claim_only_for_fund_payments",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%Y-%m-%d} {self.amount} EUR"


class InstalmentQuerySet(ScopedQuerySet[Any]):
    """An instalment belongs to its partner: the partner's members see it, its editors confirm it."""

    policy = Policy(view=OrgMember("partner__organisation") | Network(),
                    add=Network(), change=OrgMember("partner__organisation", EDITORS))


class Instalment(models.Model):
    """The lead partner passing part of a payment on to one partner (EUR), confirmed by that partner."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="instalments")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="instalments")
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    objects = InstalmentQuerySet.as_manager()

    class Meta:
        ordering = ["payment", "partner__number"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        constraints = [models.UniqueConstraint(fields=["payment", "partner"], name="instalment_once_per_partner")]

    def __str__(self) -> str:
        return f"{self.partner} · {self.amount} EUR"


class Procedure(models.TextChoices):
    OPEN = "open", _("Open procedure")
    RESTRICTED = "restricted", _("Restricted procedure")
    NEGOTIATED = "negotiated", _("Negotiated procedure")
    LOW_VALUE = "low_value", _("Low-value procurement")
    DIRECT = "direct", _("Direct award")


class ProcurementQuerySet(ScopedQuerySet[Any]):
    """A partner's procurements belong to the partner organisation, like its expenditure."""

    policy = Policy(
        view=OrgMember("partner__organisation") | Network(),
        add=OrgMember("partner__organisation", EDITORS) | Network(),
        change=OrgMember("partner__organisation", EDITORS) | Network(),
        control=OrgMember("partner__organisation", CONTROLLERS),
    )


class Procurement(models.Model):
    """A contract a partner awarded; the expenditure items it covers point to it."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="procurements")
    contract = models.CharField(_("contract"), max_length=200)
    supplier = models.CharField(_("supplier"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=POSITIVE)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES)
    procedure = models.CharField(_("procedure"), max_length=12, choices=Procedure.choices)
    awarded_on = models.DateField(_("awarded on"))
    subcontractors = models.TextField(_("subcontractors"), blank=True)

    objects = ProcurementQuerySet.as_manager()

    class Meta:
        ordering = ["partner", "awarded_on", "pk"]
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")

    def __str__(self) -> str:
        return f"{self.contract} · {self.supplier}"


class RateQuerySet(ScopedQuerySet[Any]):
    policy = Policy(view=Everyone(), add=Network(), change=Network(), delete=Network())


class ExchangeRate(models.Model):
    """The monthly rate the programme uses for a currency without a fixed rate (units per 1 EUR)."""

    currency = models.CharField(_("currency"), max_length=3)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    rate = models.DecimalField(_("rate per EUR"), max_digits=12, decimal_places=6,
                               validators=[MinValueValidator(Decimal("0.000001"))])

    objects = RateQuerySet.as_manager()

    class Meta:
        ordering = ["currency", "-month"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [models.UniqueConstraint(fields=["currency", "month"], name="exchange_rate_once_a_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.currency} {self.rate}"
