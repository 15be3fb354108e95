"""Dossier, export and public site pages (wired into spaces.urls)."""

from __future__ import annotations

from django.urls import path

from creativepoles.spaces.views import dossier

urlpatterns = [
    path("sites/<int:pk>/dossier/", dossier.site_dossier, name="site-dossier"),
    path("sites/<int:pk>/dossier.pdf", dossier.dossier_pdf, name="site-dossier-pdf"),
    path("sites/<int:pk>/map.png", dossier.dossier_map, name="site-dossier-map"),
    path("public/<slug:city_slug>/", dossier.public_sites, name="public-sites"),
    path("export/", dossier.site_export, name="site-export"),
]
