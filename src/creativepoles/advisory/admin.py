"""Admin views of the advisory module (read mostly: writes belong to the services)."""

from __future__ import annotations

from django.contrib import admin

from creativepoles.advisory.models import BusinessPlan, ConsultationSession


@admin.register(BusinessPlan)
class BusinessPlanAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Plans by status and city."""

    list_display = ["title", "city", "status", "version", "updated_at"]
    list_filter = ["status", "city"]
    search_fields = ["title", "firm_name"]
    raw_id_fields = ["owner", "adviser", "centre"]


@admin.register(ConsultationSession)
class ConsultationSessionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Sessions by city and date."""

    list_display = ["date", "topic", "city", "duration_hours", "mode"]
    list_filter = ["city", "mode"]
    raw_id_fields = ["adviser", "centre", "clients"]
