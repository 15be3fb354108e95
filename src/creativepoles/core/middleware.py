"""Project middleware: the Content-Security-Policy header (Django 5.2 has none) and NUL rejection."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


class ContentSecurityPolicyMiddleware:
    """Send the CSP from settings unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


class RejectNullCharactersMiddleware:
    """Answer 400 to a query string or path holding a NUL character.

    No real input contains one, PostgreSQL cannot store or compare it (a DataError, i.e. a 500), and
    form and serializer fields already refuse it in bodies; this closes the last door, the URL.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "\x00" in query or "%00" in query.lower():
            message = _("NUL characters are not allowed in URLs.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": str(message)}, status=400)  # the API's error format
            return HttpResponseBadRequest(message, content_type="text/plain")
        return self.get_response(request)
