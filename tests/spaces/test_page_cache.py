"""The shared page cache: public dossier PDFs, maps and anonymous list pieces are reused, a change shows
at once, and nothing rendered for a signed-in user reaches anyone else."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import translation

from creativepoles.spaces import dossier
from creativepoles.spaces.models import AssessmentResult, AssessmentRun, PointOfInterest, Site
from creativepoles.spaces.services.sites import update_site
from tests.spaces.test_dossier import OWNER, build_dossier_world, pdf_text


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """English texts whatever an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def dw(world: dict[str, Any]) -> dict[str, Any]:
    """The dossier world: a published mill with an assessment and points of interest."""
    return build_dossier_world(world)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts of real PDF typesetting and map drawing, to tell a cached answer from a fresh one."""
    counts = {"pdf": 0, "map": 0}
    compile_pdf, draw_map = dossier.typst.compile, dossier.location_map_png

    def counting_compile(*args: Any, **kwargs: Any) -> Any:
        counts["pdf"] += 1
        return compile_pdf(*args, **kwargs)

    def counting_map(*args: Any, **kwargs: Any) -> bytes:
        counts["map"] += 1
        return draw_map(*args, **kwargs)

    monkeypatch.setattr(dossier.typst, "compile", counting_compile)
    monkeypatch.setattr(dossier, "location_map_png", counting_map)
    return counts


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf(client: Client, site: Site) -> bytes:
    response = client.get(f"/spaces/sites/{site.pk}/dossier.pdf")
    assert response.status_code == 200
    return bytes(response.content)


def test_it_typesets_the_public_pdf_once_and_then_serves_it_from_the_cache(dw: dict[str, Any],
                                                                          renders: dict[str, int]) -> None:
    first = pdf(Client(), dw["mill"])
    again = pdf(Client(), dw["mill"])
    assert again == first
    assert renders["pdf"] == 1
    assert "Old mill" in pdf_text(again) and OWNER not in pdf_text(again)


def test_it_draws_the_public_map_once_per_width(client: Client, dw: dict[str, Any], renders: dict[str, int]) -> None:
    url = f"/spaces/sites/{dw['mill'].pk}/map.png"
    first = client.get(url).content
    assert client.get(url).content == first
    assert renders["map"] == 1
    assert client.get(url, {"w": "400"}).content != first
    assert renders["map"] == 2


@override_settings(PAGE_CACHE=False)
def test_it_renders_afresh_every_time_when_the_cache_is_off(client: Client, dw: dict[str, Any],
                                                           renders: dict[str, int]) -> None:
    pdf(client, dw["mill"])
    pdf(client, dw["mill"])
    client.get(f"/spaces/sites/{dw['mill'].pk}/map.png")
    client.get(f"/spaces/sites/{dw['mill'].pk}/map.png")
    assert renders == {"pdf": 2, "map": 4}  # each PDF draws its own map too


def test_it_shows_a_change_to_the_site_in_the_pdf_at_once(dw: dict[str, Any]) -> None:
    pdf(Client(), dw["mill"])
    update_site(dw["editor"], Site.objects.get(pk=dw["mill"].pk), name="Renamed mill")
    assert "Renamed mill" in pdf_text(pdf(Client(), dw["mill"]))


def test_it_shows_a_change_made_behind_the_services_back_at_once(dw: dict[str, Any]) -> None:
    pdf(Client(), dw["mill"])
    # A bulk update sets no updated_at and sends no signal: only a key made of the content catches it.
    AssessmentResult.objects.filter(site=dw["mill"]).update(score=0.25)
    Site.objects.filter(pk=dw["mill"].pk).update(address="Naujoji g. 7")
    text = pdf_text(pdf(Client(), dw["mill"]))
    assert "0.250" in text and "Naujoji g. 7" in text


def test_it_shows_a_new_assessment_and_new_points_at_once(client: Client, dw: dict[str, Any]) -> None:
    mill = dw["mill"]
    before_map = client.get(f"/spaces/sites/{mill.pk}/map.png").content
    pdf(client, mill)
    run = AssessmentRun.objects.create(method=dw["method"], city=dw["klaipeda"], inputs={})
    AssessmentResult.objects.create(run=run, site=mill, score=0.987, rank=1, contributions={})
    PointOfInterest.objects.create(city=dw["klaipeda"], category="culture", name="New gallery",
                                   latitude=Decimal("55.7005"), longitude=Decimal("21.1510"), source="test")
    assert "0.987" in pdf_text(pdf(client, mill))
    assert client.get(f"/spaces/sites/{mill.pk}/map.png").content != before_map


def test_it_never_serves_the_editors_pdf_to_anonymous_or_the_reverse(dw: dict[str, Any]) -> None:
    editor = login(dw["editor"])
    mine = editor.get(f"/spaces/sites/{dw['mill'].pk}/dossier.pdf")
    assert OWNER in pdf_text(mine.content) and "private" in mine["Cache-Control"]
    public = Client().get(f"/spaces/sites/{dw['mill'].pk}/dossier.pdf")
    assert OWNER not in pdf_text(public.content) and "public" in public["Cache-Control"]
    # And with the public PDF now cached, the editor still gets their own.
    assert OWNER in pdf_text(pdf(editor, dw["mill"]))


def test_it_keeps_each_language_apart(client: Client, dw: dict[str, Any]) -> None:
    english = client.get("/spaces/public/klaipeda/").content.decode()
    lithuanian = client.get("/spaces/public/klaipeda/", HTTP_ACCEPT_LANGUAGE="lt").content.decode()
    assert "Published sites that could host" in english
    assert "Published sites that could host" not in lithuanian


def test_it_never_serves_an_editors_home_to_anonymous_or_the_reverse(dw: dict[str, Any]) -> None:
    def organisations(client: Client) -> str:
        body = client.get("/").content.decode()
        return body.split('data-figure="organisations">')[1].split("<")[0]

    anonymous_first = organisations(Client())
    editor = organisations(login(dw["editor"]))
    assert organisations(Client()) == anonymous_first
    assert editor != anonymous_first  # the editor also counts their city's private organisation
    assert organisations(login(dw["editor"])) == editor


def test_it_shows_a_newly_published_site_in_the_public_list_at_once(client: Client, dw: dict[str, Any]) -> None:
    assert "Unpublished depot" not in client.get("/spaces/public/klaipeda/").content.decode()
    Site.objects.filter(pk=dw["hidden"].pk).update(is_published=True)
    assert "Unpublished depot" in client.get("/spaces/public/klaipeda/").content.decode()
    Site.objects.filter(pk=dw["hidden"].pk).update(name="Depot, now public")
    assert "Depot, now public" in client.get("/spaces/public/klaipeda/").content.decode()


def test_it_still_answers_when_the_cache_is_down(client: Client, dw: dict[str, Any],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def down(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    assert client.get("/").status_code == 200
    assert client.get("/spaces/public/klaipeda/").status_code == 200
    assert "Old mill" in pdf_text(pdf(client, dw["mill"]))
