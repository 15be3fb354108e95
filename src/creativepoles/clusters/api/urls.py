"""Clusters API routes, mounted at /api/clusters/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from creativepoles.clusters.api import views

router = DefaultRouter()
router.register("profiles", views.ProfileViewSet, basename="clusters-profile")
router.register("events", views.EventViewSet, basename="clusters-event")
router.register("meetings", views.MeetingViewSet, basename="clusters-meeting")
router.register("clusters", views.ClusterViewSet, basename="clusters-cluster")
urlpatterns = router.urls
