"""Admin for the programme's reference records; money keeps its history (simple-history admin)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from creativepoles.programme import models as m


class PartnerInline(admin.TabularInline[m.Partner, m.Project]):
    model = m.Partner
    extra = 0


@admin.register(m.Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "number", "start_date", "total_amount", "total_currency"]
    inlines = [PartnerInline]


@admin.register(m.CoFinancing)
class CoFinancingAdmin(SimpleHistoryAdmin):
    list_display = ["partner", "fund_name", "fund_rate", "quantum", "rounding"]


@admin.register(m.BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["partner", "category", "period", "amount"]
    list_filter = ["category", "partner"]


@admin.register(m.Indicator)
class IndicatorAdmin(admin.ModelAdmin[m.Indicator]):
    list_display = ["code", "name", "unit", "baseline", "target", "provider"]


class SignatoryInline(admin.TabularInline[m.Signatory, m.CharterVersion]):
    model = m.Signatory
    extra = 0


class CommitmentInline(admin.TabularInline[m.Commitment, m.CharterVersion]):
    model = m.Commitment
    extra = 0


@admin.register(m.CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin[m.CharterVersion]):
    list_display = ["title", "version", "adopted_on"]
    inlines = [SignatoryInline, CommitmentInline]


class MilestoneInline(admin.TabularInline[m.Milestone, m.PilotProject]):
    model = m.Milestone
    extra = 0


@admin.register(m.PilotProject)
class PilotProjectAdmin(SimpleHistoryAdmin):
    list_display = ["title", "city", "status", "budget", "currency"]
    inlines = [MilestoneInline]


@admin.register(m.PartnerReport)
class PartnerReportAdmin(SimpleHistoryAdmin):
    """Reports are read here; their life cycle runs through the report pages and services."""

    list_display = ["partner", "period", "status", "submitted_at", "certified_amount"]
    list_filter = ["status"]
    readonly_fields = ["partner", "period", "status", "summary", "submitted_at", "submitted_by", "certified_amount"]

    def has_add_permission(self, request: object) -> bool:
        return False


# The control typology, checklists and the monthly rate table are programme rules the managers keep here.
@admin.register(m.ErrorType)
class ErrorTypeAdmin(admin.ModelAdmin[m.ErrorType]):
    list_display = ["code", "name", "active"]


class ChecklistQuestionInline(admin.TabularInline[m.ChecklistQuestion, m.ChecklistTemplate]):
    model = m.ChecklistQuestion
    extra = 1


@admin.register(m.ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin[m.ChecklistTemplate]):
    list_display = ["name", "active"]
    inlines = [ChecklistQuestionInline]


@admin.register(m.ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin[m.ExchangeRate]):
    list_display = ["currency", "month", "rate"]
    list_filter = ["currency"]


@admin.register(m.Procurement)
class ProcurementAdmin(admin.ModelAdmin[m.Procurement]):
    list_display = ["partner", "contract", "supplier", "amount", "currency", "procedure", "awarded_on"]


@admin.register(m.Period)
class PeriodAdmin(admin.ModelAdmin[m.Period]):
    list_display = ["project", "number", "start", "end", "deadline", "deadline_kind"]
    list_editable = ["deadline", "deadline_kind"]
    list_filter = ["project"]
