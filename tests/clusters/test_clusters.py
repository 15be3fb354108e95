"""Clusters: founding, status rules, the indicator (established or active, three partner cities), the assistant."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from creativepoles.clusters.models import Cluster, ClusterMember, ClusterStatus
from creativepoles.clusters.services import clusters as services
from creativepoles.core.errors import DomainError
from creativepoles.programme import registry
from creativepoles.programme.registry import Window

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make(owner: Any, name: str, status: str, cities: list[Any], established: dt.date | None = None) -> Cluster:
    cluster = Cluster.objects.create(name=name, focus="Joint", cooperation="product", status=status, city=cities[0],
                                     created_by=owner, established_on=established)
    for i, city in enumerate(cities):
        ClusterMember.objects.create(cluster=cluster, firm_name=f"{name} firm {i}", city=city)
    return cluster


def test_the_indicator_counts_only_established_or_active_clusters_of_three_partner_cities(
        world: dict[str, Any], firms: dict[str, Any]) -> None:
    k, t, b, c = world["klaipeda"], world["tartu"], world["lead"], firms["cottbus"]
    owner = firms["users"]["ana"]
    day = dt.date(2012, 1, 1)
    make(owner, "Counted established", ClusterStatus.ESTABLISHED, [k, t, b], day)
    make(owner, "Counted active", ClusterStatus.ACTIVE, [k, t, b, c, c], day)
    make(owner, "Forming", ClusterStatus.FORMING, [k, t, b], day)
    make(owner, "Dissolved", ClusterStatus.DISSOLVED, [k, t, b], day)
    make(owner, "Two cities", ClusterStatus.ACTIVE, [k, t, t, t], day)
    make(owner, "Later", ClusterStatus.ACTIVE, [k, t, b], dt.date(2013, 6, 1))
    # Cottbus is no partner of this window: a cluster of two partner cities plus Cottbus does not count.
    make(owner, "One outside", ClusterStatus.ACTIVE, [k, t, c], day)
    ids = [k.pk, t.pk, b.pk]
    count = registry.count("clusters.clusters", Window(None, ids))
    assert count is not None
    assert count.total == Decimal(3)
    assert count.per_city == {k.pk: Decimal(3), t.pk: Decimal(3), b.pk: Decimal(3)}
    by_2012 = registry.count("clusters.clusters", Window(None, ids, end=dt.date(2012, 12, 31)))
    assert by_2012 is not None and by_2012.total == Decimal(2)
    kind = registry.kind("clusters.clusters")
    assert kind is not None and not kind.additive and kind.not_additive_reason


def test_it_establishes_a_cluster_only_with_three_cities(world: dict[str, Any], firms: dict[str, Any]) -> None:
    u, p = firms["users"], firms["profiles"]
    cluster = services.create_cluster(u["ana"], profile_ids=[p["ana"].pk, p["ben"].pk, p["hid"].pk],
                                      name="Sound and vision", focus="Films with scores", cooperation="product",
                                      city=world["klaipeda"])
    assert cluster.status == ClusterStatus.FORMING
    assert sorted(cluster.members.values_list("firm_name", flat=True)) == ["Ana studio", "Ben studio"]
    with pytest.raises(DomainError):
        services.change_cluster_status(u["ana"], cluster, ClusterStatus.ESTABLISHED)
    with pytest.raises(DomainError):
        services.change_cluster_status(u["ana"], cluster, ClusterStatus.ACTIVE)  # not a move from forming
    services.add_member(u["ana"], cluster, p["cai"])
    services.change_cluster_status(u["ana"], cluster, ClusterStatus.ESTABLISHED)
    assert cluster.established_on is not None
    member = cluster.members.get(firm_name="Cai studio")
    with pytest.raises(DomainError):
        services.remove_member(u["ana"], cluster, member)
    assert cluster.members.filter(pk=member.pk).exists()
    with pytest.raises(DomainError):
        services.add_member(u["ben"], cluster, p["dora"])  # not the founder nor the city's editor
    services.add_activity(world["editor"], cluster, kind="offer", title="Festival package", date=dt.date(2012, 5, 1))
    page = Client().get(cluster.get_absolute_url()).content.decode()
    assert "Festival package" in page and "Cottbus" in page


def test_the_pages_found_a_cluster_from_a_proposal(world: dict[str, Any], firms: dict[str, Any]) -> None:
    client = client_for(firms["users"]["dora"])
    response = client.get("/clusters/groups/formation/", {"size": 4})
    assert response.status_code == 200
    found = response.context["found"]
    members = found.members(found.proposal)
    assert len(members) == 4 and len({m.city_id for m in members}) >= 3
    assert firms["profiles"]["hid"] not in members
    assert found.exact is not None and found.proposal.score <= found.exact.score + 1e-9
    assert found.greedy.score <= found.proposal.score + 1e-9
    page = response.content.decode()
    assert "Greedy baseline" in page and "Exact optimum" in page
    ids = [m.pk for m in members]
    response = client.post("/clusters/groups/new/", {"profiles": ids, "name": "Festival four", "focus": "Festivals",
                                                     "cooperation": "marketing", "city": world["lead"].pk,
                                                     "is_published": "on"})
    assert response.status_code == 302
    cluster = Cluster.objects.get(name="Festival four")
    assert sorted(cluster.members.values_list("profile_id", flat=True)) == sorted(ids)
    assert client.post(f"/clusters/groups/{cluster.pk}/status/", {"status": "established"}).status_code == 302
    cluster.refresh_from_db()
    assert cluster.status == ClusterStatus.ESTABLISHED
    too_big = client.get("/clusters/groups/formation/", {"size": 13})
    assert too_big.status_code == 400
    impossible = client.get("/clusters/groups/formation/", {"size": 4, "required_groups": ["heritage"]})
    assert impossible.status_code == 400


def test_it_keeps_the_agreement_private(world: dict[str, Any], firms: dict[str, Any], settings: Any,
                                        tmp_path: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import files

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    cluster = make(firms["users"]["ana"], "Papers", ClusterStatus.FORMING, [world["klaipeda"]])
    ana = client_for(firms["users"]["ana"])
    response = ana.post(f"/clusters/groups/{cluster.pk}/agreement/",
                        {"file": SimpleUploadedFile("a.pdf", files.pdf(), "application/pdf")})
    assert response.status_code == 302
    assert ana.get(f"/clusters/groups/{cluster.pk}/files/agreement/").status_code == 200
    assert client_for(world["other"]).get(f"/clusters/groups/{cluster.pk}/files/agreement/").status_code == 404
    assert Client().get(f"/clusters/groups/{cluster.pk}/files/agreement/").status_code == 404
    bad = ana.post(f"/clusters/groups/{cluster.pk}/agreement/",
                   {"file": SimpleUploadedFile("a.pdf", b"not a pdf", "application/pdf")})
    assert bad.status_code == 302
    cluster.refresh_from_db()
    assert cluster.agreement.name.endswith(".pdf")


def test_a_city_page_links_its_profiles_and_clusters(world: dict[str, Any], firms: dict[str, Any]) -> None:
    make(firms["users"]["ana"], "Harbour sounds", ClusterStatus.ACTIVE, [world["tartu"], world["klaipeda"]])
    hidden = make(firms["users"]["ana"], "Hidden one", ClusterStatus.ACTIVE, [world["tartu"]])
    Cluster.objects.filter(pk=hidden.pk).update(is_published=False)
    html = Client().get(world["tartu"].get_absolute_url()).content.decode()
    assert "/clusters/profiles/?city=tartu" in html and "Harbour sounds" in html and "Hidden one" not in html
