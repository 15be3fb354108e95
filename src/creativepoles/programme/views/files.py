"""Downloads of private programme files, each through its record's evidence rule (outside it: 404)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from creativepoles.core.permissions import EVIDENCE
from creativepoles.programme.models import Expenditure, IndicatorValue, PilotProject, Signatory

# kind → (the records whose evidence the user may open, file field). Evidence is private even when its record
# is public (a charter signature, a pilot, an indicator value): the policies' `evidence` rule decides, and
# anything outside it is a 404, for anonymous visitors too.
SOURCES: dict[str, tuple[Any, str]] = {
    "expenditure": (lambda user: Expenditure.objects.for_user(user, EVIDENCE).filter(deleted_at__isnull=True),
                    "attachment"),
    "indicator-value": (lambda user: IndicatorValue.objects.for_user(user, EVIDENCE), "evidence"),
    "signatory": (lambda user: Signatory.objects.for_user(user, EVIDENCE), "evidence"),
    "pilot": (lambda user: PilotProject.objects.for_user(user, EVIDENCE), "evidence"),
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
