"""Project URL map: pages, accounts, admin and the REST API with its OpenAPI schema."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from creativepoles.core import views as core_views

handler404 = "creativepoles.core.views.not_found"
handler500 = "creativepoles.core.views.server_error"

api_patterns = [
    path("", include("creativepoles.core.api.urls")),
    path("programme/", include("creativepoles.programme.api.urls")),
    path("spaces/", include("creativepoles.spaces.api.urls")),
    path("academy/", include("creativepoles.academy.api.urls")),
    path("advisory/", include("creativepoles.advisory.api.urls")),
    path("atlas/", include("creativepoles.atlas.api.urls")),
    path("learning/", include("creativepoles.learning.api.urls")),
    path("events/", include("creativepoles.events.api.urls")),
    path("clusters/", include("creativepoles.clusters.api.urls")),
]

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    path("", include("creativepoles.core.urls")),
    path("", include("creativepoles.programme.urls")),
    path("", include("creativepoles.spaces.urls")),
    path("", include("creativepoles.academy.urls")),
    path("", include("creativepoles.advisory.urls")),
    path("", include("creativepoles.atlas.urls")),
    path("", include("creativepoles.learning.urls")),
    path("", include("creativepoles.events.urls")),
    path("", include("creativepoles.clusters.urls")),
    path("", include("creativepoles.replication.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include(api_patterns)),
]

if settings.DEBUG:
    # Development only: in production the web server serves MEDIA_ROOT (see README).
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
