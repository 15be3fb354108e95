"""The mayors' charter: versions of its text, signatories and commitments."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from creativepoles.core.models import City, Organisation
from creativepoles.core.permissions import EDITORS, CityMember, Everyone, Network, Policy, ScopedQuerySet
from creativepoles.core.storage import PrivateFileField, upload_validator
from creativepoles.programme.models.project import Project


class PublicProgrammeQuerySet(ScopedQuerySet[Any]):
    """Public programme records, changed by programme managers."""

    policy = Policy(view=Everyone(), add=Network(), change=Network(), delete=Network())


class CharterVersion(models.Model):
    """One version of the charter text."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="charter_versions")
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)

    objects = PublicProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["project", "-version"]
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        constraints = [models.UniqueConstraint(fields=["project", "version"], name="charter_unique_version")]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class SignatoryQuerySet(ScopedQuerySet[Any]):
    """Signatures are public; a city's editors record their own mayor's signature."""

    # Who signed is public (a mayor signs in public office); the signed document is evidence.
    policy = Policy(
        view=Everyone(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
        evidence=CityMember("city") | Network(),
    )


class Signatory(models.Model):
    """A person who signed a charter version for an organisation and city."""

    charter = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="signatories")
    person = models.CharField(_("person"), max_length=200)
    title = models.CharField(pgettext_lazy("job", "title"), max_length=200, help_text=_("e.g. Mayor"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("signed on"))
    evidence = PrivateFileField(
        _("evidence"), blank=True, download_view="programme:file-signatory",
        validators=[upload_validator("pdf", "png", "jpg", "jpeg")],
    )
    is_mayor = models.BooleanField(_("mayor or head of the city"), default=True)

    objects = SignatoryQuerySet.as_manager()

    class Meta:
        ordering = ["signed_on", "city__name_en"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return f"{self.person} ({self.title}, {self.city})"


class CommitmentStatus(models.TextChoices):
    """Progress of a charter commitment."""

    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Commitment(models.Model):
    """Something the charter commits its signatories to, with an owner and a due date."""

    charter = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="commitments")
    text = models.CharField(_("commitment"), max_length=300)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=CommitmentStatus.choices,
                              default=CommitmentStatus.OPEN)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.text
