"""Replication pages."""

from django.urls import URLPattern, URLResolver

app_name = "replication"
urlpatterns: list[URLPattern | URLResolver] = []

# The method package's pages live in their own module so onboarding and the package grow apart.
from creativepoles.replication.urls_package import urlpatterns as _package_urls  # noqa: E402

urlpatterns += _package_urls
