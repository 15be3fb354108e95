"""Spaces API routes, mounted at /api/spaces/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from creativepoles.spaces.api import views

router = DefaultRouter()
router.register("sites", views.SiteViewSet, basename="spaces-site")
router.register("points-of-interest", views.PointOfInterestViewSet, basename="spaces-poi")
router.register("methods", views.MethodViewSet, basename="spaces-method")
router.register("runs", views.AssessmentRunViewSet, basename="spaces-run")
urlpatterns = router.urls
