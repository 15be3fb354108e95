"""The good-practice library: cases from the partner cities, with the platform records they cite."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City, Organisation
from creativepoles.core.permissions import EDITORS, CityMember, Everyone, Network, Policy, ScopedQuerySet


class CaseKind(models.TextChoices):
    """What a case describes."""

    BUILDING = "building", _("A converted building")
    PILOT = "pilot", _("A pilot project")
    CAMPAIGN = "campaign", _("A campaign")
    CLUSTER = "cluster", _("A cluster")


class CaseQuerySet(ScopedQuerySet["Case"]):
    """Published cases are public; the city's editors write their city's cases."""

    policy = Policy(
        view=Everyone(is_published=True) | CityMember("city") | Network(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )


class Case(models.Model):
    """A case study: context, method, cost, results, and the organisation to contact (through a form)."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    kind = models.CharField(_("kind"), max_length=10, choices=CaseKind.choices)
    title = models.CharField(_("title"), max_length=200)
    context = models.TextField(_("context"))
    method = models.TextField(_("method"))
    cost = models.DecimalField(_("cost"), max_digits=14, decimal_places=2, null=True, blank=True,
                               validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    results = models.TextField(_("results"))
    # Platform records the case cites, as [{"kind": "spaces.site", "id": 3}], resolved through core.links.
    cites = models.JSONField(_("cited records"), default=list, blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("good-practice case")
        verbose_name_plural = _("good-practice cases")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:case-detail", args=[self.pk])


class CaseMessage(models.Model):
    """A message sent through a case's contact form; the organisation's members are notified."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    name = models.CharField(_("your name"), max_length=200)
    reply_to = models.EmailField(_("your e-mail address"))
    text = models.TextField(_("message"), max_length=4000)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.case_id}: {self.name}"
