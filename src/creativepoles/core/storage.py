"""Where uploads go: private files outside the web server's reach, under random names, size-checked."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files only the app serves, after a scope check; they have no public URL."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    # Read the setting on every use (not once at import) so a changed PRIVATE_MEDIA_ROOT applies.
    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through a scoped view.")


def private_storage() -> PrivateStorage:
    """The storage for invoices, evidence and private documents (a callable keeps migrations stable)."""
    return PrivateStorage()


def random_name(instance: Any, filename: str) -> str:
    """A folder per model and an unguessable name that keeps the extension."""
    return f"{instance._meta.model_name}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


def validate_upload_size(file: Any) -> None:
    """Refuse files larger than UPLOAD_MAX_BYTES."""
    limit = settings.UPLOAD_MAX_BYTES
    if file is not None and getattr(file, "size", 0) > limit:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)})
