"""Core pages."""

from django.urls import path

from creativepoles.core import account_views, notification_views, views

app_name = "core"

urlpatterns = [
    path("cities/", views.CityListView.as_view(), name="city-list"),
    path("cities/<slug:slug>/", views.CityDetailView.as_view(), name="city-detail"),
    path("cities/<slug:slug>/story/", views.CityStoryView.as_view(), name="city-story"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/new/", views.OrganisationCreateView.as_view(), name="organisation-create"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("organisations/<int:pk>/edit/", views.OrganisationUpdateView.as_view(), name="organisation-edit"),
    path("organisations/<int:pk>/delete/", views.organisation_delete, name="organisation-delete"),
    path("account/", account_views.account, name="account"),
    path("account/role-requests/", account_views.role_request_list, name="role-request-list"),
    path("account/role-requests/<int:pk>/<slug:action>/", account_views.role_request_decide,
         name="role-request-decide"),
    path("notifications/", notification_views.notification_list, name="notification-list"),
    path("notifications/read/", notification_views.notification_read, name="notification-read"),
]
