"""OpenStreetMap imports started from the browser: store the upload, queue it, run it in the tasks worker.

The run writes its progress on its ImportRun row while the file is read (outside the import's
transaction, see ``osm_import``), so the page polling it sees it move. Running a run's task again
does nothing once it has started, and importing the same file again changes nothing
(``import_osm`` is idempotent), so a retried task or a second upload is safe.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, record_audit
from creativepoles.core.permissions import ADD, require
from creativepoles.spaces.models import ImportRun, ImportStatus
from creativepoles.spaces.services.accessibility import compute_accessibility
from creativepoles.spaces.services.osm_import import import_osm

__all__ = ["execute_import", "start_import"]

logger = logging.getLogger(__name__)


def start_import(actor: Any, city: City, upload: UploadedFile) -> ImportRun:
    """Store an uploaded extract for a city and queue its import in the tasks worker."""
    if not upload:
        raise DomainError(_("Choose an .osm.pbf or .osm file."), "file")
    run = ImportRun(city=city, file=upload, file_name=str(upload.name or "")[:200],
                    created_by=actor if getattr(actor, "is_authenticated", False) else None)
    require(actor, ADD, run, _("You cannot import OpenStreetMap data into this city."), "city")
    try:
        run.full_clean()
    except ValidationError as error:
        messages = error.message_dict.get("file") or error.messages
        raise DomainError(" ".join(messages), "file") from error
    with transaction.atomic():
        run.save()
        record_audit(actor, "start_import", run, {"city": city.slug, "file": run.file_name})
    # Imported here: the task module imports this one.
    from creativepoles.spaces.tasks import run_osm_import

    # Queued once the row and its file are saved, so the worker always finds them. With the immediate
    # backend (development, tests) the import runs here and the page shows it finished.
    run_osm_import.enqueue(run.pk)
    run.refresh_from_db()
    return run


def _progress(run_id: int) -> Any:
    """A progress callback that writes the counts on the run's row (each write commits on its own)."""

    def report(seen: int, found: int) -> None:
        ImportRun.objects.filter(pk=run_id).update(objects_read=seen, features_found=found)

    return report


def execute_import(run_id: int) -> str:
    """Run a queued import and store its outcome on the run; return the final status."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update(of=("self",)).select_related("city", "created_by").filter(pk=run_id).first()
        if run is None or run.status != ImportStatus.QUEUED:
            # Already run (a retried task) or deleted: nothing to do.
            return run.status if run is not None else ""
        run.status, run.started_at = ImportStatus.RUNNING, timezone.now()
        run.save(update_fields=["status", "started_at"])
    actor = run.created_by
    outcome: dict[str, Any] = {"status": ImportStatus.FAILED, "finished_at": None}
    try:
        if actor is None:
            raise DomainError(_("The account that started this import no longer exists."), "file")
        # Rights are checked again by import_osm: the starter may have lost them while the run waited.
        summary = import_osm(actor, run.file.path, run.city, progress=_progress(run.pk))
        count = compute_accessibility(run.city)
        outcome.update(status=ImportStatus.SUCCEEDED, summary={**summary.as_dict(), "accessibility": count},
                       objects_read=summary.examined, features_found=summary.features)
    except DomainError as error:
        outcome["error"] = error.message
    except Exception as error:  # noqa: BLE001 - the run must end as failed whatever went wrong
        logger.exception("OpenStreetMap import %s failed", run.pk)
        outcome["error"] = _("The import failed unexpectedly: %(error)s") % {"error": type(error).__name__}
    outcome["finished_at"] = timezone.now()
    with transaction.atomic():
        ImportRun.objects.filter(pk=run.pk).update(**outcome)
        record_audit(actor, "finish_import", run, {"status": outcome["status"], "error": outcome.get("error", "")})
    # The extract is working data: once imported (or refused) it is no longer needed.
    run.file.delete(save=False)
    ImportRun.objects.filter(pk=run.pk).update(file="")
    return str(outcome["status"])
