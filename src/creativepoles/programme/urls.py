"""Programme pages."""

from django.urls import path

from creativepoles.programme.views import dashboard, files, history, plan, records, reports, spending

app_name = "programme"

urlpatterns = [
    path("programme/", dashboard.index, name="index"),
    path("programme/files/expenditure/<int:pk>/", files.download, {"kind": "expenditure"},
         name="file-expenditure"),
    path("programme/files/indicator-value/<int:pk>/", files.download, {"kind": "indicator-value"},
         name="file-indicator-value"),
    path("programme/files/signatory/<int:pk>/", files.download, {"kind": "signatory"}, name="file-signatory"),
    path("programme/files/pilot/<int:pk>/", files.download, {"kind": "pilot"}, name="file-pilot"),
    path("programme/<slug:acronym>/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("programme/<slug:acronym>/partners/<int:pk>/", records.partner_detail, name="partner-detail"),
    path("programme/<slug:acronym>/partners/<int:pk>/budget/", plan.budget_edit, name="budget-edit"),
    path("programme/<slug:acronym>/timeline/", plan.timeline_edit, name="timeline-edit"),
    path("programme/<slug:acronym>/expenditure/", spending.ExpenditureListView.as_view(), name="expenditure-list"),
    path("programme/<slug:acronym>/expenditure/new/", spending.ExpenditureFormView.as_view(),
         name="expenditure-create"),
    path("programme/<slug:acronym>/expenditure/import/", spending.expenditure_import, name="expenditure-import"),
    path("programme/<slug:acronym>/expenditure/<int:pk>/", spending.ExpenditureFormView.as_view(),
         name="expenditure-edit"),
    path("programme/<slug:acronym>/expenditure/<int:pk>/delete/", spending.expenditure_delete,
         name="expenditure-delete"),
    path("programme/<slug:acronym>/reports/", reports.report_list, name="report-list"),
    path("programme/<slug:acronym>/reports/partner/<int:pk>/", reports.partner_report_detail,
         name="partner-report"),
    path("programme/<slug:acronym>/reports/partner/<int:pk>/<slug:action>/", reports.partner_report_action,
         name="partner-report-action"),
    path("programme/<slug:acronym>/reports/project/<int:pk>/", reports.project_report_detail,
         name="project-report"),
    path("programme/<slug:acronym>/reports/<slug:kind>/<int:pk>/export.<slug:fmt>", reports.report_export,
         name="report-export"),
    path("programme/<slug:acronym>/indicators/", records.indicators, name="indicators"),
    path("programme/<slug:acronym>/indicators/<int:pk>/record/", records.indicator_value_add,
         name="indicator-value-add"),
    path("programme/<slug:acronym>/charter/", records.charter, name="charter"),
    path("programme/<slug:acronym>/pilots/", records.pilots, name="pilots"),
    path("programme/<slug:acronym>/history/", history.history, name="history"),
]
