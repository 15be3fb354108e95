"""Replication pages: the onboarding wizard."""

from django.urls import URLPattern, URLResolver, path

from creativepoles.replication import views

app_name = "replication"
urlpatterns: list[URLPattern | URLResolver] = [
    path("replication/onboarding/", views.onboarding_list, name="onboarding-list"),
    path("replication/onboarding/<int:pk>/", views.onboarding_detail, name="onboarding-detail"),
    path("replication/onboarding/<int:pk>/<slug:step>/", views.onboarding_step, name="onboarding-step"),
]
