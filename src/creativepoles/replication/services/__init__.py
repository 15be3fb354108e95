"""Replication's services: onboarding a city step by step (other apps reach replication only through here)."""

from creativepoles.replication.services.onboarding import (
    MethodSource,
    PartnerMethod,
    adopt_method,
    continue_onboarding,
    import_extract,
    import_register_file,
    method_source,
    parse_bbox,
    partner_method,
    publish_city,
    rank_first,
    register_method_source,
    skip_step,
    start_onboarding,
)
from creativepoles.replication.services.package_source import PackageMethod

register_method_source("package", PackageMethod)

__all__ = ["MethodSource", "PackageMethod", "PartnerMethod", "adopt_method", "continue_onboarding", "import_extract",
           "import_register_file", "method_source", "parse_bbox", "partner_method", "publish_city", "rank_first",
           "register_method_source", "skip_step", "start_onboarding"]
