"""Replication pages: the onboarding wizard."""

from django.urls import URLPattern, URLResolver, path

from creativepoles.replication import views

app_name = "replication"
urlpatterns: list[URLPattern | URLResolver] = []

# The method package's pages live in their own module so onboarding and the package grow apart.
from creativepoles.replication.urls_package import urlpatterns as _package_urls  # noqa: E402

urlpatterns += _package_urls
urlpatterns: list[URLPattern | URLResolver] = [
    path("replication/onboarding/", views.onboarding_list, name="onboarding-list"),
    path("replication/onboarding/<int:pk>/", views.onboarding_detail, name="onboarding-detail"),
    path("replication/onboarding/<int:pk>/<slug:step>/", views.onboarding_step, name="onboarding-step"),
]
