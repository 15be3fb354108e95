"""Academy pages."""

from django.urls import path

from creativepoles.academy import views

app_name = "academy"
urlpatterns = [
    path("academy/", views.edition_list, name="edition-list"),
    path("academy/new/", views.edition_create, name="edition-create"),
    path("academy/<int:pk>/", views.edition_detail, name="edition-detail"),
    path("academy/<int:pk>/edit/", views.edition_edit, name="edition-edit"),
    path("academy/<int:pk>/apply/", views.application_create, name="apply"),
    path("academy/<int:pk>/conflicts/", views.conflict_create, name="conflict-create"),
    path("academy/<int:pk>/manage/", views.edition_manage, name="edition-manage"),
    path("academy/<int:pk>/assign/", views.edition_assign, name="edition-assign"),
    path("academy/<int:pk>/selection/", views.edition_selection, name="edition-selection"),
    path("academy/<int:pk>/announce/", views.edition_announce, name="edition-announce"),
    path("academy/<int:pk>/teams/", views.edition_teams, name="edition-teams"),
    path("academy/teams/<int:pk>/", views.team_edit, name="team-edit"),
    path("academy/applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("academy/applications/<int:pk>/edit/", views.application_edit, name="application-edit"),
    path("academy/applications/<int:pk>/withdraw/", views.application_withdraw, name="application-withdraw"),
    path("academy/applications/<int:pk>/decline/", views.application_decline, name="application-decline"),
    path("academy/applications/<int:pk>/override/", views.application_override, name="application-override"),
    path("academy/applications/<int:pk>/file/", views.application_file, name="application-file"),
    path("academy/reviews/", views.review_list, name="review-list"),
    path("academy/reviews/<int:pk>/", views.review_form, name="review-form"),
]
