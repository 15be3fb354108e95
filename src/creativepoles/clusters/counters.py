"""The clusters indicator and the links clusters offers on a city's pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from creativepoles.core import links
from creativepoles.core.links import CityLink
from creativepoles.programme import registry
from creativepoles.programme.registry import Window


def counted_clusters(city_ids: Sequence[int], end: Any = None) -> dict[int, set[int]]:
    """Clusters that count, each with the partner cities its firms come from: established or active, with firms
    from at least three of `city_ids`, and (given `end`) established by then."""
    from creativepoles.clusters.models import COUNTED, MIN_CITIES, Cluster, ClusterMember

    clusters = Cluster.objects.filter(status__in=COUNTED)
    if end is not None:
        clusters = clusters.filter(established_on__lte=end)
    cities: dict[int, set[int]] = {}
    rows = ClusterMember.objects.filter(cluster__in=clusters, city_id__in=list(city_ids)).values_list(
        "cluster_id", "city_id")
    for cluster_id, city_id in rows:
        cities.setdefault(cluster_id, set()).add(city_id)
    return {cluster_id: covered for cluster_id, covered in cities.items() if len(covered) >= MIN_CITIES}


def count_clusters(window: Window) -> Mapping[int | None, Decimal]:
    """Per city the counted clusters it takes part in; for the project (under None) each cluster once."""
    counted = counted_clusters(window.city_ids, window.end)
    out: dict[int | None, Decimal] = {}
    for covered in counted.values():
        for city_id in covered:
            out[city_id] = out.get(city_id, Decimal(0)) + 1
    out[None] = Decimal(len(counted))
    return out


def cluster_links(ids: list[int], user: Any) -> dict[int, tuple[str, str]]:
    """Names and pages of the clusters the user may see, by id."""
    from creativepoles.clusters.models import Cluster

    return {c.pk: (c.name, c.get_absolute_url()) for c in Cluster.objects.for_user(user).filter(pk__in=ids)}


def city_links(cities: Sequence[Any], user: Any, full: bool) -> dict[int, list[CityLink]]:
    """On a city's page: its partner profiles and the clusters it takes part in (no headline link)."""
    from creativepoles.clusters.models import Cluster

    if not full:
        return {}  # the home page's headline links stay those of the vacant sites
    section = _("Partners and clusters")
    result = {city.pk: [CityLink(section, _("Partner profiles of the city"),
                                 reverse("clusters:profile-list") + "?city=" + city.slug)]
              for city in cities}
    shown = (Cluster.objects.for_user(user).filter(members__city__in=[c.pk for c in cities])
             .values_list("members__city_id", "pk", "name").distinct().order_by("members__city_id", "name"))
    for city_id, pk, name in shown:
        result[city_id].append(CityLink(section, name, reverse("clusters:cluster-detail", args=[pk])))
    return result


def register() -> None:
    """Register the clusters indicator and the cluster links."""
    links.register("clusters.cluster", cluster_links)
    registry.register(
        "clusters.clusters", gettext_lazy("Multilateral clusters (firms from at least three partner cities)"),
        "clusters", count_clusters, additive=False,
        not_additive_reason=gettext_lazy("A cluster joins firms of several cities: each city counts the clusters "
                                         "it takes part in, and the network counts every cluster once."))
