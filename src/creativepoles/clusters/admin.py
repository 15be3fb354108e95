"""Admin for the clusters module (superusers' repairs; every normal write goes through the services)."""

from __future__ import annotations

from django.contrib import admin

from creativepoles.clusters import models as m


@admin.register(m.Profile)
class ProfileAdmin(admin.ModelAdmin[m.Profile]):
    list_display = ["firm_name", "city", "group", "visibility", "updated_at"]
    list_filter = ["city", "group", "visibility"]
    search_fields = ["firm_name"]


@admin.register(m.BrokerageEvent)
class BrokerageEventAdmin(admin.ModelAdmin[m.BrokerageEvent]):
    list_display = ["title", "city", "starts_at", "slots", "tables", "scheduled_at"]
    list_filter = ["city"]


@admin.register(m.MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin[m.MeetingRequest]):
    list_display = ["event", "requester", "invitee", "status", "slot", "table"]
    list_filter = ["status"]


class MemberInline(admin.TabularInline[m.ClusterMember, m.Cluster]):
    model = m.ClusterMember
    extra = 0


@admin.register(m.Cluster)
class ClusterAdmin(admin.ModelAdmin[m.Cluster]):
    list_display = ["name", "city", "cooperation", "status", "established_on"]
    list_filter = ["status", "cooperation"]
    inlines = [MemberInline]
