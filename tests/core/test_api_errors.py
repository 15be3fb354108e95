"""The API's one error format, and query parameters that are refused rather than guessed at."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework import serializers
from rest_framework.test import APIClient

from creativepoles.core.api.errors import error_body
from creativepoles.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["", "0", "-1", "abc", "1.5", " 1", "9" * 19, "last"])
def test_it_refuses_a_malformed_page_number_with_400(api: APIClient, world: dict[str, Any], page: str) -> None:
    response = api.get("/api/organisations/", {"page": page})
    assert response.status_code == 400, (page, response.content)
    assert list(response.json()) == ["page"] and response.json()["page"][0]


def test_it_answers_404_past_the_last_page_and_200_on_the_first(api: APIClient, world: dict[str, Any]) -> None:
    assert api.get("/api/organisations/", {"page": "1"}).json()["count"] == 3
    past = api.get("/api/organisations/", {"page": "2"})
    assert past.status_code == 404 and set(past.json()) == {"detail"}


@pytest.mark.parametrize("query", [{"is_public": "ture"}, {"is_public": ""}, {"kind": ""}, {"is_partner": "1e308"}])
def test_it_refuses_an_empty_or_unreadable_typed_filter(api: APIClient, world: dict[str, Any],
                                                         query: dict[str, str]) -> None:
    url = "/api/cities/" if "is_partner" in query else "/api/organisations/"
    response = api.get(url, query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_it_reads_true_and_false_and_an_empty_text_filter_as_not_given(api: APIClient, world: dict[str, Any]) -> None:
    everything = api.get("/api/organisations/").json()["count"]
    assert api.get("/api/organisations/", {"city": "", "search": ""}).json()["count"] == everything
    assert api.get("/api/organisations/", {"is_public": "true"}).json()["count"] == everything
    assert api.get("/api/organisations/", {"is_public": "false"}).json()["count"] == 0


def test_it_answers_unknown_api_urls_and_nul_characters_in_json(api: APIClient, world: dict[str, Any]) -> None:
    for url in ["/api/organisations/a%2Fb/", "/api/no-such-thing/", "/api/organisations//"]:
        response = api.get(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/json", url
        assert set(response.json()) == {"detail"}
    nul = api.get("/api/organisations/", {"search": "a\x00b"})
    assert nul.status_code == 400 and set(nul.json()) == {"detail"}
    page = api.get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_it_keeps_field_errors_and_puts_domain_errors_under_non_field_errors(api: APIClient,
                                                                            world: dict[str, Any]) -> None:
    api.force_authenticate(world["editor"])
    response = api.post("/api/organisations/", [1, 2], format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"non_field_errors"}
    malformed = api.post("/api/organisations/", "{not json", content_type="application/json")
    assert malformed.status_code == 400 and isinstance(malformed.json()["detail"], str)


def test_it_flattens_nested_and_list_errors_to_lists_of_strings() -> None:
    nested = serializers.ValidationError({"criteria": [{"weight": ["Too big."]}, {}], "name": "Missing."}).detail
    assert error_body(nested) == {"criteria.0.weight": ["Too big."], "name": ["Missing."]}
    assert error_body(serializers.ValidationError(["One.", "Two."]).detail) == {"non_field_errors": ["One.", "Two."]}
    assert error_body({"detail": "Not found."}) == {"detail": "Not found."}
    assert error_body({}) == {"detail": "Invalid input."}


def test_it_maps_a_domain_error_and_a_model_error_to_400(world: dict[str, Any]) -> None:
    from django.core.exceptions import ValidationError

    from creativepoles.core.api.errors import exception_handler

    domain = exception_handler(DomainError("Closed.", field="period"), {})
    assert domain is not None and domain.status_code == 400 and domain.data == {"period": ["Closed."]}
    model = exception_handler(ValidationError({"__all__": ["Clash."], "name": ["Empty."]}), {})
    assert model is not None and model.data == {"non_field_errors": ["Clash."], "name": ["Empty."]}


def test_it_refuses_a_nul_in_a_city_slug_before_looking_it_up(api: APIClient, world: dict[str, Any]) -> None:
    api.force_authenticate(world["manager"])
    for body, send in [({"name": "Studio", "kind": "company", "city": "klai\x00peda"}, "json"),
                       ({"name": "Studio", "kind": "company", "city": "klai\x00peda"}, "multipart")]:
        response = api.post("/api/organisations/", body, format=send)
        assert response.status_code == 400, response.content
        assert list(response.json()) == ["city"]


def test_it_answers_an_invalid_token_with_the_documented_403(api: APIClient, world: dict[str, Any]) -> None:
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.get("/api/cities/")
    assert response.status_code == 403 and set(response.json()) == {"detail"}


@pytest.mark.parametrize("query", [{"period": "1.5"}, {"period": "9" * 25}, {"partner": "9" * 25},
                                   {"partner": "1.5"}, {"category": ["staff", "travel"]}])
def test_it_refuses_a_repeated_or_non_integer_value_for_an_integer_filter(api: APIClient, world: dict[str, Any],
                                                                         query: dict[str, Any]) -> None:
    response = api.get("/api/programme/budget-lines/", query)
    assert response.status_code == 400, response.content
    assert set(response.json()) == set(query)


def test_it_refuses_a_repeated_page(api: APIClient, world: dict[str, Any]) -> None:
    response = api.get("/api/organisations/?page=1&page=1")
    assert response.status_code == 400 and set(response.json()) == {"page"}
