"""The method package: a replicating network's methods, parameters, classification, templates and course in one file.

`export_package(actor, source_city) -> bytes` and `import_package(actor, data, receiving_city) -> PackageReport`
are the interface; the parts are each app's `services.*_exchange` functions.
"""

from __future__ import annotations

from creativepoles.replication.package.report import PackageReport, ReportLine
from creativepoles.replication.package.service import export_package, import_package, may_exchange

__all__ = ["PackageReport", "ReportLine", "export_package", "import_package", "may_exchange"]
