"""City pages link to what other modules hold about the city, through core.links; the home page to catalogues."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.test import Client

from creativepoles.core import links
from creativepoles.programme.models import CharterVersion, Partner, PilotProject, Project, Signatory
from creativepoles.spaces.models import Site


def _programme(world: dict[str, Any]) -> dict[str, Any]:
    k = world["klaipeda"]
    project = Project.objects.create(title="Urban Creative Poles", acronym="ucp", start_date=dt.date(2024, 1, 1),
                                     total_amount=Decimal("1000000"))
    Partner.objects.create(project=project, organisation=world["k_org"], number=2)
    Partner.objects.create(project=project, organisation=world["k_hidden"], number=3)
    pilot = PilotProject.objects.create(project=project, city=k, title="Harbour makerspace")
    charter = CharterVersion.objects.create(project=project, version=1, title="Charter", text="…")
    Signatory.objects.create(charter=charter, person="Mayor Petras", title="Mayor", organisation=world["k_org"],
                             city=k, signed_on=dt.date(2024, 5, 2))
    public = Site.objects.create(city=k, name="Published mill", latitude=Decimal("55.7"), longitude=Decimal("21.1"),
                                 is_published=True)
    hidden = Site.objects.create(city=k, name="Unpublished depot", latitude=Decimal("55.7"),
                                 longitude=Decimal("21.1"))
    return {"project": project, "pilot": pilot, "public": public, "hidden": hidden}


def test_it_links_a_city_page_to_its_sites_partners_pilots_and_charter(client: Client, world: dict[str, Any]) -> None:
    made = _programme(world)
    html = client.get(world["klaipeda"].get_absolute_url()).content.decode()
    assert "/spaces/public/klaipeda/" in html
    assert made["public"].get_absolute_url() in html and "Unpublished depot" not in html
    assert world["k_org"].get_absolute_url() in html
    assert world["k_hidden"].get_absolute_url() not in html  # a private organisation stays hidden from the public
    assert f"/programme/ucp/pilots/#pilot-{made['pilot'].pk}" in html and "Harbour makerspace" in html
    assert "/programme/ucp/charter/" in html and "Mayor Petras" in html


def test_it_shows_the_citys_unpublished_sites_to_its_editor(client: Client, world: dict[str, Any]) -> None:
    made = _programme(world)
    client.force_login(world["editor"])
    html = client.get(world["klaipeda"].get_absolute_url()).content.decode()
    assert made["hidden"].get_absolute_url() in html
    client.force_login(world["other"])
    assert made["hidden"].get_absolute_url() not in client.get(world["klaipeda"].get_absolute_url()).content.decode()


def test_it_gives_the_home_page_headline_links_without_a_query_per_city(world: dict[str, Any],
                                                                        django_assert_num_queries: Any) -> None:
    cities = [world["klaipeda"], world["tartu"]]
    with django_assert_num_queries(0):
        found = links.city_links(cities, None, full=False)
    assert [link.url for link in found[world["tartu"].pk]] == ["/spaces/public/tartu/"]


def test_it_links_the_public_catalogue_from_home_and_the_spaces_menu(client: Client, world: dict[str, Any]) -> None:
    world["klaipeda"].is_partner = True
    world["klaipeda"].save()
    assert 'href="/spaces/public/klaipeda/"' in client.get("/").content.decode()
    assert 'href="/spaces/public/klaipeda/"' in client.get("/spaces/").content.decode()
