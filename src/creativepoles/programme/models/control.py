"""First-level control of partner reports: item verification, error typology, checklists and comments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from creativepoles.core.permissions import CONTROLLERS, Everyone, Network, OrgMember, Policy, ScopedQuerySet
from creativepoles.programme.models.money import Expenditure
from creativepoles.programme.models.reports import PartnerReport


class TypologyQuerySet(ScopedQuerySet[Any]):
    """The error typology and checklist templates are programme rules: public, kept by the managers."""

    policy = Policy(view=Everyone(), add=Network(), change=Network(), delete=Network())


class ErrorType(models.Model):
    """A type of error a controller names when deducting (ineligible cost, missing evidence, procurement...)."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    active = models.BooleanField(_("active"), default=True)

    objects = TypologyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("error type")
        verbose_name_plural = _("error types")

    def __str__(self) -> str:
        return self.name


class Outcome(models.TextChoices):
    """What the controller found for one expenditure item."""

    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    DEDUCTED = "deducted", _("Deducted")
    PARKED = "parked", _("Parked for a later report")


class ReportPartQuerySet(ScopedQuerySet[Any]):
    """What belongs to a partner report: seen by the partner and its controller, written by the controller."""

    policy = Policy(
        view=OrgMember("report__partner__organisation") | Network(),
        change=OrgMember("report__partner__organisation", CONTROLLERS),
    )


class ItemVerification(models.Model):
    """The controller's finding on one expenditure item of a report (amounts in the partner's currency)."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="verifications")
    expenditure = models.ForeignKey(Expenditure, on_delete=models.PROTECT, related_name="verifications")
    in_sample = models.BooleanField(_("in the sample"), default=False)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.ACCEPTED)
    declared = models.DecimalField(_("declared"), max_digits=14, decimal_places=2)
    deduction = models.DecimalField(_("deduction"), max_digits=14, decimal_places=2, default=Decimal("0.00"),
                                    validators=[MinValueValidator(Decimal("0"))])
    error_type = models.ForeignKey(ErrorType, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="verifications", verbose_name=_("error type"))
    comment = models.TextField(_("comment"), blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    verified_at = models.DateTimeField(auto_now=True)

    objects = ReportPartQuerySet.as_manager()

    class Meta:
        ordering = ["expenditure__date", "expenditure__pk"]
        verbose_name = _("item verification")
        verbose_name_plural = _("item verifications")
        constraints = [
            models.UniqueConstraint(fields=["report", "expenditure"], name="verification_once_per_item"),
            models.CheckConstraint(condition=models.Q(deduction__lte=models.F("declared")),
                                   name="verification_deduction_within_declared"),
        ]

    def __str__(self) -> str:
        return f"{self.expenditure} · {self.get_outcome_display()}"

    @property
    def verified(self) -> Decimal:
        """The amount that counts toward the certified total (nothing while parked)."""
        if self.outcome == Outcome.PARKED:
            return Decimal("0.00")
        return self.declared - self.deduction


class ChecklistTemplate(models.Model):
    """A configurable control checklist; the active one is answered for each report in control."""

    name = models.CharField(_("name"), max_length=200)
    active = models.BooleanField(_("active"), default=True)

    objects = TypologyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")

    def __str__(self) -> str:
        return self.name


class ChecklistQuestion(models.Model):
    """One question of a checklist template."""

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)

    objects = TypologyQuerySet.as_manager()

    class Meta:
        ordering = ["template", "order", "pk"]
        verbose_name = _("checklist question")
        verbose_name_plural = _("checklist questions")

    def __str__(self) -> str:
        return self.text


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_APPLICABLE = "na", _("Not applicable")


class ChecklistAnswer(models.Model):
    """The controller's answer to one checklist question for one report; locked once the report is certified."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="checklist_answers")
    question = models.ForeignKey(ChecklistQuestion, on_delete=models.PROTECT, related_name="answers")
    answer = models.CharField(_("answer"), max_length=3, choices=Answer.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    objects = ReportPartQuerySet.as_manager()

    class Meta:
        ordering = ["question__order", "question__pk"]
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        constraints = [models.UniqueConstraint(fields=["report", "question"], name="checklist_answer_once")]

    def __str__(self) -> str:
        return f"{self.question}: {self.get_answer_display()}"


class CommentQuerySet(ScopedQuerySet[Any]):
    """Comments on a report are read and written by the partner and its controller."""

    policy = Policy(
        view=OrgMember("report__partner__organisation") | Network(),
        add=OrgMember("report__partner__organisation") | Network(),
    )


class ReportComment(models.Model):
    """A comment on a partner report, or on one of its items."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="comments")
    expenditure = models.ForeignKey(Expenditure, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="comments", verbose_name=_("item"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report comment")
        verbose_name_plural = _("report comments")

    def __str__(self) -> str:
        return self.text[:60]
