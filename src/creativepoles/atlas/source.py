"""The atlas as the enterprise directory's source (core.enterprises): what other modules may read of the register."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django.db.models import Q
from django.urls import reverse

from creativepoles.atlas.classification import label
from creativepoles.atlas.models import Firm
from creativepoles.core.enterprises import EnterpriseRef, FirmPoint

REF_FIELDS = ("pk", "city_id", "name", "nace", "group", "employees", "sole_trader")


def _ref(row: dict[str, object]) -> EnterpriseRef:
    pk = int(row["pk"])  # type: ignore[call-overload]
    return EnterpriseRef(id=pk, city_id=int(row["city_id"]), name=str(row["name"]),  # type: ignore[call-overload]
                         nace=str(row["nace"]), group=str(row["group"]), group_label=label(str(row["group"])),
                         employees=row["employees"],  # type: ignore[arg-type]
                         sole_trader=bool(row["sole_trader"]), url=reverse("atlas:firm-detail", args=[pk]))


class AtlasSource:
    """Answers core.enterprises from the atlas's firms; never a sole trader's address or contact."""

    name = "atlas"

    def lookup(self, ids: Iterable[int]) -> Mapping[int, EnterpriseRef]:
        return {int(row["pk"]): _ref(row) for row in Firm.objects.filter(pk__in=list(ids)).values(*REF_FIELDS)}

    def search(self, city_id: int | None, text: str, limit: int) -> Sequence[EnterpriseRef]:
        rows = Firm.objects.filter(Q(name__icontains=text) | Q(registry_id=text))
        if city_id is not None:
            rows = rows.filter(city_id=city_id)
        return [_ref(row) for row in rows.order_by("name", "pk").values(*REF_FIELDS)[:limit]]

    def has_register(self, city_id: int) -> bool:
        return Firm.objects.filter(city_id=city_id).exists()

    def creative_points(self, city_id: int) -> Sequence[FirmPoint]:
        rows = (Firm.objects.filter(city_id=city_id, closed__isnull=True, latitude__isnull=False,
                                    longitude__isnull=False).exclude(group="")
                .values_list("longitude", "latitude", "group"))
        return [FirmPoint(float(lon or 0.0), float(lat or 0.0), str(group)) for lon, lat, group in rows]
