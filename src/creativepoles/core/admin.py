"""Admin registrations for core models."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from creativepoles.core import services
from creativepoles.core.errors import DomainError
from creativepoles.core.models import AuditEntry, City, Membership, Organisation


@admin.register(City)
class CityAdmin(admin.ModelAdmin[City]):
    list_display = ["name", "name_en", "country", "nuts3", "population", "part_of", "is_partner"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "city", "is_public", "coordinates_network", "deleted_at"]
    list_filter = ["kind", "city"]
    search_fields = ["name", "name_en"]
    # The coordinating flag only moves (the action below); unticking it would end every network-wide right.
    readonly_fields = ["coordinates_network"]
    actions = ["hand_over_coordination"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The admin deletes for real and would take memberships with it; the site's soft delete refuses that.
        return False

    @admin.action(description=_("Hand coordination of the network to this organisation"))
    def hand_over_coordination(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one organisation."), messages.ERROR)
            return
        try:
            services.hand_over_coordination(request.user, queryset.get())
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(request, _("Coordination handed over."), messages.SUCCESS)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ["at", "actor", "verb", "model", "object_id", "summary"]
    list_filter = ["verb", "model"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
