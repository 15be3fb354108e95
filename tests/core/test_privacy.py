"""People's data and private files: an anonymous visitor crawling every page of the demo finds no e-mail
address, and every evidence or private file URL answers 404 to anyone outside its record's rule."""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from decimal import Decimal
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from creativepoles.core.demo import ensure_user, load_demos
from creativepoles.core.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db
EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
HREF = re.compile(rb"""href=["']([^"'#]+)""")
SKIP = ("/static/", "/media/", "/admin/", "/i18n/", "/accounts/", "/api/docs/", "/api/schema/")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def demo(settings: Any, tmp_path: Any) -> Any:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return load_demos()


def _links(body: bytes) -> list[str]:
    found = []
    for raw in HREF.findall(body):
        url = urldefrag(raw.decode())[0]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/") or url.startswith(SKIP):
            continue
        found.append(url)
    return found


def test_it_shows_no_email_address_anywhere_to_an_anonymous_visitor(demo: Any) -> None:
    client = Client()
    # Every status change in the demo was made by a person: their history must name a role, not them.
    from creativepoles.spaces.models import Site, SiteStatusChange

    assert SiteStatusChange.objects.filter(changed_by__isnull=False, site__is_published=True).exists()
    seeds = ["/", "/api/", *[s.get_absolute_url() for s in Site.objects.filter(is_published=True)]]
    queue, seen, leaks = deque(seeds), set(seeds), []
    while queue:
        url = queue.popleft()
        response = client.get(url, HTTP_ACCEPT="text/html,application/json")
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or not ("html" in kind or "json" in kind):
            continue
        body = response.content
        leaks += [(url, m.decode()) for m in EMAIL.findall(body)]
        next_urls = _links(body)
        if "json" in kind:
            next_urls = [urlsplit(u).path for u in re.findall(r'"(http://testserver/[^"]+)"', body.decode())]
        for link in next_urls:
            if link not in seen and len(seen) < 600:
                seen.add(link)
                queue.append(link)
    assert len(seen) > 60, sorted(seen)  # the crawl really went through the site
    assert leaks == []


def test_it_answers_404_for_every_evidence_file_outside_its_rule(demo: Any, client: Client) -> None:
    from creativepoles.programme.models import (
        CharterVersion,
        Expenditure,
        IndicatorValue,
        Partner,
        PilotProject,
        Signatory,
    )
    from creativepoles.spaces.models import Site, SiteDocument

    def upload(name: str) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, PDF, "application/pdf")

    partner = Partner.objects.select_related("organisation__city").get(organisation__city__slug="klaipeda")
    item = Expenditure.objects.filter(partner=partner).first()
    assert item is not None
    item.attachment = upload("invoice.pdf")
    item.save()
    value = IndicatorValue.objects.filter(city__slug="klaipeda").first() or IndicatorValue.objects.create(
        indicator=partner.project.indicators.first(), city=partner.organisation.city, value=Decimal("1"),
        recorded_on=dt.date(2011, 1, 1), note="list")
    value.evidence = upload("attendance.pdf")
    value.save()
    signatory = Signatory.objects.filter(city__slug="klaipeda").first() or Signatory.objects.create(
        charter=CharterVersion.objects.first(), person="Mayor", title="Mayor", organisation=partner.organisation,
        city=partner.organisation.city, signed_on=dt.date(2011, 1, 1), is_mayor=True)
    signatory.evidence = upload("signed.pdf")
    signatory.save()
    pilot = PilotProject.objects.get(city__slug="klaipeda")
    pilot.evidence = upload("pilot.pdf")
    pilot.save()
    site = Site.objects.filter(city__slug="klaipeda", is_published=True).first()
    assert site is not None
    document = SiteDocument.objects.create(site=site, title="Deed", file=upload("deed.pdf"), is_public=False)
    urls = [f"/programme/files/expenditure/{item.pk}/", f"/programme/files/indicator-value/{value.pk}/",
            f"/programme/files/signatory/{signatory.pk}/", f"/programme/files/pilot/{pilot.pk}/",
            f"/spaces/sites/{site.pk}/documents/{document.pk}/"]
    outsider = ensure_user("someone@example.test")
    tartu = ensure_user("tartu.member@example.test")
    Membership.objects.create(user=tartu, organisation=Organisation.objects.filter(city__slug="tartu").first(),
                              role=Role.CITY_EDITOR)
    klaipeda = ensure_user("klaipeda.member@example.test")
    Membership.objects.create(user=klaipeda, organisation=partner.organisation, role=Role.VIEWER)
    for user in (None, outsider, tartu):
        visitor = Client()
        if user is not None:
            visitor.force_login(user)
        assert [visitor.get(url).status_code for url in urls] == [404] * len(urls), user
    insider = Client()
    insider.force_login(klaipeda)
    assert [insider.get(url).status_code for url in urls] == [200] * len(urls)
