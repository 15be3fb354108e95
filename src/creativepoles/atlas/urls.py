"""Atlas pages."""

from django.urls import path

from creativepoles.atlas.views import public, work

app_name = "atlas"
urlpatterns = [
    path("atlas/", public.index, name="index"),
    path("atlas/compare/", public.comparison, name="compare"),
    path("atlas/imports/", work.import_list, name="import-list"),
    path("atlas/imports/<int:pk>/", work.import_detail, name="import-detail"),
    path("atlas/correspondence/", work.correspondence, name="correspondence"),
    path("atlas/firms/<int:pk>/", work.firm_detail, name="firm-detail"),
    path("atlas/firms/<int:pk>/edit/", work.firm_edit, name="firm-edit"),
    path("atlas/<slug:slug>/", public.city_statistics, name="city"),
    path("atlas/<slug:slug>/map/", public.city_map, name="map"),
    path("atlas/<slug:slug>/export.<str:fmt>", public.export, name="export"),
    path("atlas/<slug:slug>/firms/", work.firm_list, name="firm-list"),
    path("atlas/<slug:slug>/denominators/", work.denominators, name="denominators"),
]
