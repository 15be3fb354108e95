"""The clusters part of a city's story: the city's firms that are members of clusters."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.clusters.models import Cluster, ClusterMember
from creativepoles.core.story import StoryItem, StoryStep


def story_steps(city: Any, user: Any) -> list[StoryStep]:
    """Member firms of the city in the clusters the user may see, and those clusters as items."""
    members = list(ClusterMember.objects.filter(city=city, cluster__in=Cluster.objects.for_user(user))
                   .values_list("cluster_id", "cluster__name"))
    clusters = dict(members)
    items = tuple(StoryItem(name, reverse("clusters:cluster-detail", args=[pk]))
                  for pk, name in sorted(clusters.items(), key=lambda entry: entry[1]))
    return [StoryStep(
        position=40, kind="cluster-member", label=_("firms of the city in clusters"), count=len(members),
        url=reverse("clusters:cluster-list") + f"?city={city.slug}",
        explanation=_("Firms of the city that joined a multilateral cluster with firms of other partner cities "
                      "(a joint product, service or marketing)."), items=items)]
