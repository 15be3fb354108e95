"""Clusters pages."""

from django.urls import path

from creativepoles.clusters.views import clusters, events, profiles

app_name = "clusters"
urlpatterns = [
    path("clusters/", profiles.index, name="index"),
    path("clusters/profiles/", profiles.profile_list, name="profile-list"),
    path("clusters/profiles/new/", profiles.profile_form, name="profile-create"),
    path("clusters/profiles/<int:pk>/", profiles.profile_detail, name="profile-detail"),
    path("clusters/profiles/<int:pk>/edit/", profiles.profile_form, name="profile-edit"),
    path("clusters/profiles/<int:pk>/suggestions/", profiles.suggestions, name="suggestions"),
    path("clusters/events/", events.event_list, name="event-list"),
    path("clusters/events/new/", events.event_form, name="event-create"),
    path("clusters/events/<int:pk>/", events.event_detail, name="event-detail"),
    path("clusters/events/<int:pk>/edit/", events.event_form, name="event-edit"),
    path("clusters/events/<int:pk>/schedule/", events.event_schedule, name="event-schedule"),
    path("clusters/events/<int:pk>/request/", events.meeting_request, name="meeting-request"),
    path("clusters/events/<int:pk>/agenda/", events.agenda, name="agenda"),
    path("clusters/events/<int:pk>/agenda.ics", events.agenda_ics, name="agenda-ics"),
    path("clusters/meetings/<int:pk>/answer/", events.meeting_answer, name="meeting-answer"),
    path("clusters/groups/", clusters.cluster_list, name="cluster-list"),
    path("clusters/groups/new/", clusters.cluster_form, name="cluster-create"),
    path("clusters/groups/formation/", clusters.formation, name="formation"),
    path("clusters/groups/<int:pk>/", clusters.cluster_detail, name="cluster-detail"),
    path("clusters/groups/<int:pk>/edit/", clusters.cluster_form, name="cluster-edit"),
    path("clusters/groups/<int:pk>/files/agreement/", clusters.cluster_agreement, name="cluster-agreement"),
    path("clusters/groups/<int:pk>/status/", clusters.cluster_change, {"what": "status"}, name="cluster-status"),
    path("clusters/groups/<int:pk>/members/", clusters.cluster_change, {"what": "member"}, name="cluster-member"),
    path("clusters/groups/<int:pk>/members/remove/", clusters.cluster_change, {"what": "remove-member"},
         name="cluster-member-remove"),
    path("clusters/groups/<int:pk>/activities/", clusters.cluster_change, {"what": "activity"},
         name="cluster-activity"),
    path("clusters/groups/<int:pk>/agreement/", clusters.cluster_change, {"what": "agreement"},
         name="cluster-agreement-upload"),
]
