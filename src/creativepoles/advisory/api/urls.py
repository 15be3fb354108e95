"""Advisory API routes, mounted at /api/advisory/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from creativepoles.advisory.api import views

router = DefaultRouter()
router.register("plans", views.PlanViewSet, basename="advisory-plan")
router.register("sessions", views.SessionViewSet, basename="advisory-session")
urlpatterns = router.urls
