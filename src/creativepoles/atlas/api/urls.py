"""Atlas API routes, mounted at /api/atlas/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from creativepoles.atlas.api import views

router = DefaultRouter()
router.register("firms", views.FirmViewSet, basename="atlas-firm")
router.register("denominators", views.DenominatorViewSet, basename="atlas-denominator")
router.register("indicators", views.IndicatorViewSet, basename="atlas-indicators")
urlpatterns = router.urls
