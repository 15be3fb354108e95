"""The method step's other source: a method package exported by another instance of the platform.

The package is imported into the new city whole (its methods as new versions, never overwriting; its parameters
where the city has none; templates, training packages and the course as the package import does), and the city's
working method is then derived from the package's first method exactly as from a partner city's: criteria that
no site of the city can feed are left out and reported, and the typed weights apply. The imported method stays
as the package carried it, so the city keeps the record of where its method came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import City
from creativepoles.replication.package import import_package
from creativepoles.spaces.services.replicate import copy_method, latest_methods


@dataclass
class PackageMethod:
    """A method package's bytes, and optionally the name of the packaged method to rank with."""

    data: bytes
    name: str = ""
    key: str = "package"

    def install(self, actor: Any, city: City, weights: dict[str, Any]) -> dict[str, Any]:
        """Import the package into the city, then make the city's working method from its first method."""
        before = {choice.pk for choice in latest_methods(city)}
        package = import_package(actor, self.data, city)
        imported = [m for m in latest_methods(city) if m.pk not in before
                    and (not self.name or m.label.rsplit(" v", 1)[0] == self.name)]
        if not imported:
            raise DomainError(_("The method package carries no assessment method to rank with."), "package")
        report = copy_method(actor, imported[0].pk, city, weights)
        report["package"] = {"source_city": package.source_city, "instance": package.instance,
                             "imported": package.imported, "kept": package.kept}
        return report
