"""Register imports started from the browser: store the files, queue the run, run it in the tasks worker.

The run writes its progress (rows read of rows) on its row outside the import's transaction, so the
page polling it sees the bar move. A run's task does nothing once the run has started.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.atlas.models import ImportStatus, RegisterImport
from creativepoles.atlas.services.register import LAYOUTS, import_register
from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, record_audit
from creativepoles.core.permissions import ADD, require

__all__ = ["execute_import", "start_import"]

logger = logging.getLogger(__name__)


def start_import(actor: Any, city: City, upload: UploadedFile, layout: str = "generic",
                 activity: UploadedFile | None = None) -> RegisterImport:
    """Store an uploaded register (and activity file) for a city and queue its import."""
    if not upload:
        raise DomainError(_("Choose a CSV or XLSX file."), "file")
    if layout not in LAYOUTS:
        raise DomainError(_("Unknown layout."), "layout")
    run = RegisterImport(city=city, file=upload, activity_file=activity or "", layout=layout,
                         file_name=str(upload.name or "")[:200],
                         created_by=actor if getattr(actor, "is_authenticated", False) else None)
    require(actor, ADD, run, _("You cannot import a register into this city."), "city")
    try:
        run.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(" ".join(messages), field) from error
    with transaction.atomic():
        run.save()
        record_audit(actor, "start_register_import", run, {"file": run.file_name, "layout": layout})
    from creativepoles.atlas.tasks import run_register_import

    run_register_import.enqueue(run.pk)
    run.refresh_from_db()
    return run


def execute_import(run_id: int) -> str:
    """Run a queued import and store its outcome; return the final status."""
    with transaction.atomic():
        run = (RegisterImport.objects.select_for_update(of=("self",)).select_related("city", "created_by")
               .filter(pk=run_id).first())
        if run is None or run.status != ImportStatus.QUEUED:
            return run.status if run is not None else ""
        run.status = ImportStatus.RUNNING
        run.save(update_fields=["status"])

    def progress(done: int, total: int) -> None:
        RegisterImport.objects.filter(pk=run_id).update(rows_done=done, rows_total=total)

    outcome: dict[str, Any] = {"status": ImportStatus.FAILED}
    try:
        if run.created_by is None:
            raise DomainError(_("The account that started this import no longer exists."), "file")
        report = import_register(run.created_by, run.city, run.file.path, run.layout,
                                 run.activity_file.path if run.activity_file else None, progress=progress)
        outcome["summary"] = report.as_dict()
        if report.ok:
            outcome["status"] = ImportStatus.SUCCEEDED
        else:
            outcome["error"] = _("Nothing was imported: %(count)d rows have errors.") % {"count": len(report.errors)}
    except DomainError as error:
        outcome["error"] = error.message
    except Exception as error:  # noqa: BLE001 - the run must end as failed whatever went wrong
        logger.exception("Register import %s failed", run_id)
        outcome["error"] = _("The import failed unexpectedly: %(error)s") % {"error": type(error).__name__}
    outcome["finished_at"] = timezone.now()
    with transaction.atomic():
        RegisterImport.objects.filter(pk=run_id).update(**outcome)
        record_audit(run.created_by, "finish_register_import", run, {"status": outcome["status"]})
    for field in (run.file, run.activity_file):
        if field:
            field.delete(save=False)
    RegisterImport.objects.filter(pk=run_id).update(file="", activity_file="")
    return str(outcome["status"])
