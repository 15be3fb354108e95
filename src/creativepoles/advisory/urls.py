"""Advisory pages."""

from django.urls import path

from creativepoles.advisory.views import plans, sessions

app_name = "advisory"
urlpatterns = [
    path("advisory/", sessions.index, name="index"),
    path("advisory/plans/", plans.plan_list, name="plan-list"),
    path("advisory/plans/new/", plans.plan_create, name="plan-create"),
    path("advisory/plans/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("advisory/plans/<int:pk>/edit/", plans.plan_edit, name="plan-edit"),
    path("advisory/plans/<int:pk>/sections/<slug:key>/", plans.plan_section, name="plan-section"),
    path("advisory/plans/<int:pk>/financials/", plans.plan_financials, name="plan-financials"),
    path("advisory/plans/<int:pk>/submit/", plans.plan_submit, name="plan-submit"),
    path("advisory/plans/<int:pk>/review/", plans.plan_review, name="plan-review"),
    path("advisory/plans/<int:pk>/delete/", plans.plan_delete, name="plan-delete"),
    path("advisory/plans/<int:pk>/versions/", plans.plan_versions, name="plan-versions"),
    path("advisory/plans/<int:pk>/plan.pdf", plans.plan_pdf, name="plan-pdf"),
    path("advisory/plans/<int:pk>/financials.xlsx", plans.plan_xlsx, name="plan-xlsx"),
    path("advisory/sessions/", sessions.session_list, name="session-list"),
    path("advisory/sessions/new/", sessions.session_form, name="session-create"),
    path("advisory/sessions/<int:pk>/", sessions.session_detail, name="session-detail"),
    path("advisory/sessions/<int:pk>/edit/", sessions.session_form, name="session-edit"),
    path("advisory/sessions/<int:pk>/delete/", sessions.session_delete, name="session-delete"),
    path("advisory/sessions/<int:pk>/evidence/", sessions.session_evidence, name="session-evidence"),
]
