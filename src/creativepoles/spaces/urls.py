"""Spaces pages."""

from django.urls import include, path

from creativepoles.spaces.views import imports, methods, parameters, sites

app_name = "spaces"
urlpatterns = [
    path("spaces/", sites.site_list, name="site-list"),
    path("spaces/sites/new/", sites.site_form, name="site-create"),
    path("spaces/address-search/", sites.address_search, name="address-search"),
    path("spaces/sites/<int:pk>/", sites.site_detail, name="site-detail"),
    path("spaces/sites/<int:pk>/edit/", sites.site_form, name="site-edit"),
    path("spaces/sites/<int:pk>/status/", sites.site_status, name="site-status"),
    path("spaces/sites/<int:pk>/delete/", sites.site_delete, name="site-delete"),
    path("spaces/sites/<int:pk>/upload/<slug:kind>/", sites.site_upload, name="site-upload"),
    path("spaces/sites/<int:pk>/documents/<int:document_pk>/", sites.site_document, name="site-document"),
    path("spaces/methods/", methods.method_list, name="method-list"),
    path("spaces/methods/new/", methods.method_create, name="method-create"),
    path("spaces/methods/<int:pk>/", methods.method_detail, name="method-detail"),
    path("spaces/methods/<int:pk>/run/", methods.method_run, name="method-run"),
    path("spaces/runs/<int:pk>/", methods.run_detail, name="run-detail"),
    path("spaces/runs/<int:pk>/compare/", methods.run_compare, name="run-compare"),
    path("spaces/imports/", imports.import_list, name="import-list"),
    path("spaces/imports/<int:pk>/", imports.import_detail, name="import-detail"),
    path("spaces/parameters/<slug:slug>/", parameters.city_parameters, name="parameters"),
    path("spaces/", include("creativepoles.spaces.urls_dossier")),
]
