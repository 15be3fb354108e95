"""Registry v2: providers add up per key, per-city values add up to the project, periods count their period,
and the pages' queries do not grow with the number of cities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from creativepoles.core.models import Organisation, OrganisationKind
from creativepoles.programme import figures, registry
from creativepoles.programme.models import Indicator, Partner, ProjectReport, Signatory
from creativepoles.programme.services import reports
from tests.conftest import make_city

pytestmark = pytest.mark.django_db
ADVISORY: dict[str, Decimal] = {}
LEARNING: dict[str, Decimal] = {}


def _counter(values: dict[str, Decimal]) -> registry.Counter:
    def count(window: registry.Window) -> dict[int | None, Decimal]:
        from creativepoles.core.models import City

        slugs = dict(City.objects.filter(pk__in=window.city_ids).values_list("slug", "pk"))
        return {slugs[s]: v for s, v in values.items() if s in slugs}

    return count


@pytest.fixture
def hours(project: dict[str, Any]) -> Iterator[Indicator]:
    """One module-neutral key counted by two modules, as consulting and training hours will be."""
    registry.register("test.hours", "Hours", "advisory", _counter(ADVISORY))
    registry.register("test.hours", "Hours", "learning", _counter(LEARNING))
    yield Indicator.objects.create(project=project["project"], code="HOURS", name="Hours", unit="h",
                                   target=Decimal("750"), provider="test.hours")
    registry.unregister("test.hours")
    ADVISORY.clear()
    LEARNING.clear()


def _row(project: Any, indicator: Indicator, **kwargs: Any) -> figures.IndicatorProgress:
    return next(p for p in figures.indicator_progress(project, **kwargs) if p.indicator == indicator)


def test_it_adds_up_two_providers_of_one_key(project: dict[str, Any], hours: Indicator) -> None:
    ADVISORY.update(klaipeda=Decimal("10"), tartu=Decimal("4"))
    LEARNING.update(klaipeda=Decimal("2.5"))
    row = _row(project["project"], hours)
    assert row.achieved == Decimal("16.5")
    assert dict((c.slug, v) for c, v in row.per_city) == {
        "brandenburg": Decimal("0"), "klaipeda": Decimal("12.5"), "tartu": Decimal("4")}
    assert row.counted_by == "advisory, learning"
    assert _row(project["project"], hours, city=project["klaipeda"]).achieved == Decimal("12.5")
    registry.unregister("test.hours", "learning")
    assert _row(project["project"], hours).achieved == Decimal("14")


def test_it_refuses_a_non_additive_key_without_a_reason() -> None:
    with pytest.raises(ValueError, match="say why"):
        registry.register("test.bad", "Bad", "x", _counter({}), additive=False)
    assert registry.kind("test.bad") is None


def test_it_keeps_a_non_additive_project_value_and_shows_why(project: dict[str, Any]) -> None:
    def count(window: registry.Window) -> dict[int | None, Decimal]:
        return {c: Decimal("1") for c in window.city_ids} | {None: Decimal("1")}

    registry.register("test.concept", "Concept", "events", count, additive=False,
                      not_additive_reason="One concept serves every city.")
    try:
        indicator = Indicator.objects.create(project=project["project"], code="C", name="Concept", unit="concept",
                                             target=Decimal("1"), provider="test.concept")
        row = _row(project["project"], indicator)
        assert row.achieved == Decimal("1") and sum(v for _c, v in row.per_city) == Decimal("3")
        assert not row.additive and row.not_additive_reason == "One concept serves every city."
        client = Client()
        client.force_login(project["editor"])
        assert "One concept serves every city." in client.get("/programme/ucp/indicators/").content.decode()
    finally:
        registry.unregister("test.concept")


def test_it_makes_every_additive_city_value_sum_to_the_project_value(project: dict[str, Any],
                                                                      hours: Indicator) -> None:
    ADVISORY.update(klaipeda=Decimal("7"), tartu=Decimal("3"), brandenburg=Decimal("1"))
    Signatory.objects.create(charter=_charter(project), person="Mayor", title="Mayor", organisation=project["k_org"],
                             city=project["klaipeda"], signed_on=dt.date(2011, 5, 1), is_mayor=True)
    Indicator.objects.create(project=project["project"], code="CHARTER", name="Charter", unit="cities",
                             target=Decimal("7"), provider="programme.charter_cities")
    Indicator.objects.create(project=project["project"], code="PILOTS", name="Pilots", unit="pilots",
                             target=Decimal("5"), provider="programme.pilots")
    Indicator.objects.create(project=project["project"], code="DOSSIERS", name="Dossiers", unit="sites",
                             target=Decimal("5"), provider="spaces.dossier_sites")
    rows = figures.indicator_progress(project["project"])
    assert len(rows) == 4
    for row in rows:
        assert row.additive
        assert sum((v for _c, v in row.per_city), Decimal("0")) == row.achieved, row.indicator.code
    assert next(r for r in rows if r.indicator.code == "CHARTER").achieved == Decimal("1")


def _charter(project: dict[str, Any]) -> Any:
    from creativepoles.programme.models import CharterVersion

    return CharterVersion.objects.create(project=project["project"], version=1, title="Charter", text="…",
                                         adopted_on=dt.date(2011, 1, 1))


def test_it_counts_only_the_period_of_a_period_report(project: dict[str, Any]) -> None:
    charter = _charter(project)
    first, second = project["periods"][0], project["periods"][1]
    Signatory.objects.create(charter=charter, person="Mayor K", title="Mayor", organisation=project["k_org"],
                             city=project["klaipeda"], signed_on=first.start, is_mayor=True)
    Signatory.objects.create(charter=charter, person="Mayor T", title="Mayor", organisation=project["t_org"],
                             city=project["tartu"], signed_on=second.start, is_mayor=True)
    Indicator.objects.create(project=project["project"], code="CHARTER", name="Charter", unit="cities",
                             target=Decimal("7"), provider="programme.charter_cities")
    report = ProjectReport.objects.create(project=project["project"], period=second)
    snapshot = reports.project_snapshot(report)
    charter_row = next(i for i in snapshot["indicators"] if i["code"] == "CHARTER")
    assert Decimal(charter_row["achieved"]) == 1  # only Tartu signed in period 2
    assert Decimal(charter_row["achieved_to_date"]) == 2
    first_report = ProjectReport.objects.create(project=project["project"], period=first)
    assert Decimal(next(i for i in reports.project_snapshot(first_report)["indicators"])["achieved"]) == 1


def _add_cities(project: dict[str, Any], count: int, first: int = 0) -> None:
    for n in range(first, first + count):
        city = make_city(f"extra-{n}", f"Extra {n}")
        org = Organisation.objects.create(name=f"Agency {n}", kind=OrganisationKind.MUNICIPALITY, city=city)
        Partner.objects.create(project=project["project"], organisation=org, number=10 + n, currency="EUR")


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_keeps_dashboard_and_indicator_queries_flat_from_7_to_30_cities(project: dict[str, Any],
                                                                           hours: Indicator) -> None:
    for code, key in (("CHARTER", "programme.charter_cities"), ("PILOTS", "programme.pilots"),
                      ("DOSSIERS", "spaces.dossier_sites"), ("METHOD", "spaces.method_cities")):
        Indicator.objects.create(project=project["project"], code=code, name=code, unit="x", target=Decimal("7"),
                                 provider=key)
    client = Client()
    client.force_login(project["manager"])
    _add_cities(project, 4)  # 3 + 4 = 7 partner cities
    seven = {url: _queries(client, url) for url in ("/programme/ucp/", "/programme/ucp/indicators/")}
    _add_cities(project, 23, first=4)  # 30 partner cities
    thirty = {url: _queries(client, url) for url in seven}
    assert len(figures.project_cities(project["project"])) == 30
    assert thirty == seven
