"""A full update with the representation just read is accepted, a private attachment included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from creativepoles.programme.models import Expenditure
from creativepoles.programme.services import spending

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def invoice(project: dict[str, Any]) -> Expenditure:
    """A Klaipeda item in an open period with a private invoice attached."""
    period = project["periods"][0]
    item = spending.add_expenditure(
        project["editor"], project["klaipeda_partner"], period=period, date=period.start + dt.timedelta(days=3),
        category="staff", description="Coordinator", amount=Decimal("120.00"), currency="LTL",
    )
    item.attachment.save("invoice.pdf", ContentFile(PDF))
    return item


def test_it_accepts_a_put_of_what_it_returned_and_keeps_the_attachment(project: dict[str, Any],
                                                                        invoice: Expenditure) -> None:
    client = APIClient()
    client.force_authenticate(project["editor"])
    url = f"/api/programme/expenditures/{invoice.pk}/"
    body = client.get(url).json()
    assert body["attachment"].endswith(f"/programme/files/expenditure/{invoice.pk}/")
    stored = invoice.attachment.name

    response = client.put(url, {**body, "description": "Coordinator, March"}, format="json")

    assert response.status_code == 200, response.content
    invoice.refresh_from_db()
    assert invoice.description == "Coordinator, March" and invoice.attachment.name == stored
    assert response.json()["attachment"] == body["attachment"]


def test_it_still_refuses_a_string_that_is_not_the_files_own_url(project: dict[str, Any],
                                                                  invoice: Expenditure) -> None:
    client = APIClient()
    client.force_authenticate(project["editor"])
    url = f"/api/programme/expenditures/{invoice.pk}/"
    other = f"/programme/files/expenditure/{invoice.pk + 1}/"
    response = client.patch(url, {"attachment": other}, format="json")
    assert response.status_code == 400 and "attachment" in response.json()
    assert client.patch(url, {"attachment": None}, format="json").status_code == 200
    invoice.refresh_from_db()
    assert not invoice.attachment
