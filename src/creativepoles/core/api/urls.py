"""Core API routes."""

from rest_framework.routers import DefaultRouter

from creativepoles.core.api.views import CityViewSet, OrganisationViewSet

router = DefaultRouter()
router.register("cities", CityViewSet, basename="city")
router.register("organisations", OrganisationViewSet, basename="organisation")
urlpatterns = router.urls
