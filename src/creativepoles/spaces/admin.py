"""Admin for the spaces inventory's reference records."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from creativepoles.spaces import models as m


@admin.register(m.Site)
class SiteAdmin(SimpleHistoryAdmin):
    list_display = ["name", "city", "status", "condition", "is_published", "source", "outline_cut"]
    list_filter = ["city", "status", "source", "outline_cut"]
    search_fields = ["name", "address"]


@admin.register(m.PointOfInterest)
class PointOfInterestAdmin(admin.ModelAdmin[m.PointOfInterest]):
    list_display = ["name", "city", "category", "kind", "source", "outline_cut"]
    list_filter = ["city", "category", "outline_cut"]


@admin.register(m.ImportRun)
class ImportRunAdmin(admin.ModelAdmin[m.ImportRun]):
    list_display = ["file_name", "city", "status", "objects_read", "created_by", "created_at", "finished_at"]
    list_filter = ["city", "status"]

    # A record of what happened: runs are started from the spaces pages, so the admin only shows them.
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class CriterionInline(admin.TabularInline[m.Criterion, m.Method]):
    model = m.Criterion
    extra = 0


@admin.register(m.Method)
class MethodAdmin(SimpleHistoryAdmin):
    list_display = ["name", "version", "city", "aggregation", "normalisation", "weight_source", "locked"]
    inlines = [CriterionInline]


@admin.register(m.PreInvestmentParameters)
class PreInvestmentParametersAdmin(SimpleHistoryAdmin):
    list_display = ["city", "currency", "public_share_pct", "discount_rate_pct"]
