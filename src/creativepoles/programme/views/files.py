"""Downloads of private programme files, each through its record's scope (outside it: 404)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from creativepoles.programme.models import Expenditure, IndicatorValue, PilotProject, Signatory

# kind → (scoped queryset factory, file field)
SOURCES: dict[str, tuple[Any, str]] = {
    "expenditure": (lambda user: Expenditure.objects.for_user(user).filter(deleted_at__isnull=True), "attachment"),
    "indicator-value": (lambda user: IndicatorValue.objects.for_user(user), "evidence"),
    "signatory": (lambda user: Signatory.objects.for_user(user), "evidence"),
    "pilot": (lambda user: PilotProject.objects.for_user(user), "evidence"),
}


def download(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    """Stream the file of a record the user may see."""
    if kind not in SOURCES:
        raise Http404
    queryset, field = SOURCES[kind]
    record = get_object_or_404(queryset(request.user), pk=pk)
    file = getattr(record, field)
    if not file:
        raise Http404
    return FileResponse(file.open("rb"), as_attachment=True, filename=(file.name or "").rsplit("/", 1)[-1])
