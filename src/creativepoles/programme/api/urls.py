"""Programme API routes, mounted at /api/programme/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from creativepoles.programme.api import views

router = DefaultRouter()
router.register("projects", views.ProjectViewSet, basename="programme-project")
router.register("periods", views.PeriodViewSet, basename="programme-period")
router.register("partners", views.PartnerViewSet, basename="programme-partner")
router.register("budget-lines", views.BudgetLineViewSet, basename="programme-budget-line")
router.register("expenditures", views.ExpenditureViewSet, basename="programme-expenditure")
router.register("partner-reports", views.PartnerReportViewSet, basename="programme-partner-report")
router.register("project-reports", views.ProjectReportViewSet, basename="programme-project-report")
router.register("indicators", views.IndicatorViewSet, basename="programme-indicator")
router.register("indicator-values", views.IndicatorValueViewSet, basename="programme-indicator-value")
router.register("charter", views.CharterViewSet, basename="programme-charter")
router.register("pilots", views.PilotViewSet, basename="programme-pilot")
router.register("item-verifications", views.ItemVerificationViewSet, basename="programme-item-verification")
router.register("claims", views.ClaimViewSet, basename="programme-claim")
urlpatterns = router.urls
