"""Events API routes, mounted at /api/events/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from creativepoles.events.api import views

router = DefaultRouter()
router.register("events", views.EventViewSet, basename="events-event")
router.register("campaigns", views.CampaignViewSet, basename="events-campaign")
router.register("registrations", views.RegistrationViewSet, basename="events-registration")
urlpatterns = router.urls
