"""Learning API routes, mounted at /api/learning/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from creativepoles.learning.api import views

router = DefaultRouter()
router.register("packages", views.PackageViewSet, basename="learning-package")
router.register("sessions", views.SessionViewSet, basename="learning-session")
router.register("participants", views.ParticipantViewSet, basename="learning-participant")
router.register("courses", views.CourseViewSet, basename="learning-course")
router.register("enrolments", views.EnrolmentViewSet, basename="learning-enrolment")
router.register("cases", views.CaseViewSet, basename="learning-case")
urlpatterns = router.urls
