"""The cluster list filtered by a city: the clusters its firms belong to, each with those firms marked."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from creativepoles.clusters.models import Cluster, ClusterMember

pytestmark = pytest.mark.django_db


def test_it_lists_a_citys_firms_in_the_clusters_the_user_may_see(world: dict[str, Any]) -> None:
    k, t = world["klaipeda"], world["tartu"]
    shown = Cluster.objects.create(name="Baltic print", city=t, focus="Print", cooperation="product")
    hidden = Cluster.objects.create(name="Quiet lab", city=t, focus="Lab", cooperation="product", is_published=False)
    elsewhere = Cluster.objects.create(name="Tartu only", city=t, focus="Games", cooperation="product")
    for cluster in (shown, hidden):
        ClusterMember.objects.create(cluster=cluster, firm_name=f"{cluster.name} Klaipėda", city=k)
        ClusterMember.objects.create(cluster=cluster, firm_name=f"{cluster.name} Tartu", city=t)
    ClusterMember.objects.create(cluster=elsewhere, firm_name="Tartu games", city=t)
    html = Client().get("/clusters/groups/?city=klaipeda").content.decode()
    assert html.count('data-record="cluster-member"') == 1
    assert "Baltic print Klaipėda" in html and "Tartu only" not in html and "Quiet lab" not in html
    # Tartu's members see their city's unpublished cluster; the filter names Klaipėda's firms in it.
    client = Client()
    client.force_login(world["other"])
    assert client.get("/clusters/groups/?city=klaipeda").content.decode().count('data-record="cluster-member"') == 2
    assert Client().get("/clusters/groups/?city=nowhere").content.decode().count('data-record=') == 0
