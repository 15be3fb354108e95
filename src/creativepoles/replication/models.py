"""Replication records: a city's onboarding run and the state of each of its steps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City
from creativepoles.core.permissions import Network, Policy, ScopedQuerySet


class Step(models.TextChoices):
    """The onboarding steps, in the order they run."""

    FACTS = "facts", _("City facts")
    EXTRACT = "extract", _("OpenStreetMap extract")
    REGISTER = "register", _("Business register")
    METHOD = "method", _("Assessment method and parameters")
    RANKING = "ranking", _("First ranking")
    PUBLISH = "publish", _("Public pages")


STEP_ORDER = [step.value for step in Step]
OPTIONAL_STEPS = frozenset({Step.REGISTER.value})


class StepStatus(models.TextChoices):
    """Where a step stands; failed and interrupted (running) steps may be run again, done ones are not redone."""

    PENDING = "pending", _("to do")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("skipped")


class OnboardingQuerySet(ScopedQuerySet["Onboarding"]):
    """Onboarding a city into the platform is the network's work: only its programme managers see and do it."""

    policy = Policy(view=Network(), add=Network(), change=Network())


class Onboarding(models.Model):
    """One city's onboarding run: its facts, who started it, the step it is at, and each step's state."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="onboardings")
    facts = models.JSONField(_("city facts"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    current_step = models.CharField(_("current step"), max_length=10, choices=Step.choices, default=Step.EXTRACT)

    objects = OnboardingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("onboarding")
        verbose_name_plural = _("onboardings")

    def __str__(self) -> str:
        return str(self.city)

    def get_absolute_url(self) -> str:
        return reverse("replication:onboarding-detail", args=[self.pk])


class StepQuerySet(ScopedQuerySet["OnboardingStep"]):
    """A step is seen and run by whoever sees and runs its onboarding."""

    policy = Policy(view=Network(), change=Network())


class OnboardingStep(models.Model):
    """One step of an onboarding: status, progress, times, its options and its report."""

    onboarding = models.ForeignKey(Onboarding, on_delete=models.CASCADE, related_name="steps")
    key = models.CharField(_("step"), max_length=10, choices=Step.choices)
    status = models.CharField(_("status"), max_length=8, choices=StepStatus.choices, default=StepStatus.PENDING)
    progress_done = models.PositiveBigIntegerField(default=0)
    progress_total = models.PositiveBigIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    options = models.JSONField(default=dict, blank=True)

    objects = StepQuerySet.as_manager()

    class Meta:
        ordering = ["onboarding", "pk"]
        verbose_name = _("onboarding step")
        verbose_name_plural = _("onboarding steps")
        constraints = [models.UniqueConstraint(fields=["onboarding", "key"], name="onboarding_step_once")]

    def __str__(self) -> str:
        return f"{self.onboarding}: {self.get_key_display()}"

    @property
    def finished(self) -> bool:
        """Whether the step has ended (the page stops polling then)."""
        return self.status in (StepStatus.DONE, StepStatus.FAILED, StepStatus.SKIPPED)

    @property
    def percent(self) -> int | None:
        """Progress in per cent when the total is known."""
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))
