"""Admin registrations for core models."""

from django.contrib import admin

from creativepoles.core.models import AuditEntry, City, Membership, Organisation


@admin.register(City)
class CityAdmin(admin.ModelAdmin[City]):
    list_display = ["name", "name_en", "country", "nuts3", "population", "is_partner"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "city", "is_public", "deleted_at"]
    list_filter = ["kind", "city"]
    search_fields = ["name", "name_en"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ["at", "actor", "verb", "model", "object_id", "summary"]
    list_filter = ["verb", "model"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
