"""Method package pages (included by replication/urls.py under the replication namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from creativepoles.replication import views_package

urlpatterns: list[URLPattern] = [
    path("replication/package/export/", views_package.package_export, name="package-export"),
    path("replication/package/import/", views_package.package_import, name="package-import"),
]
