"""Replication pages: the onboarding wizard and the method package."""

from django.urls import URLPattern, URLResolver, path

from creativepoles.replication import views
from creativepoles.replication.urls_package import urlpatterns as package_urls

app_name = "replication"
urlpatterns: list[URLPattern | URLResolver] = [
    path("replication/onboarding/", views.onboarding_list, name="onboarding-list"),
    path("replication/onboarding/<int:pk>/", views.onboarding_detail, name="onboarding-detail"),
    path("replication/onboarding/<int:pk>/<slug:step>/", views.onboarding_step, name="onboarding-step"),
    # The method package's pages live in their own module so onboarding and the package grow apart.
    *package_urls,
]
