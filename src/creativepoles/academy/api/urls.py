"""Academy API routes, mounted at /api/academy/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from creativepoles.academy.api import views

router = DefaultRouter()
router.register("editions", views.EditionViewSet, basename="academy-edition")
router.register("applications", views.ApplicationViewSet, basename="academy-application")
router.register("reviews", views.ReviewViewSet, basename="academy-review")
urlpatterns = router.urls
