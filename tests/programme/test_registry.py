"""A registered provider updates the achieved value live, per city."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from creativepoles.core import links
from creativepoles.core.errors import DomainError
from creativepoles.programme import figures, registry
from creativepoles.programme.models import Indicator
from creativepoles.programme.services.indicators import record_value

pytestmark = pytest.mark.django_db
HOURS: list[tuple[Any, Decimal]] = []  # (city, hours): what a training module would have stored


def count_hours(window: registry.Window) -> dict[int | None, Decimal]:
    out: dict[int | None, Decimal] = {}
    for city, hours in HOURS:
        if city.pk in window.city_ids:
            out[city.pk] = out.get(city.pk, Decimal("0")) + hours
    return out


@pytest.fixture
def hours_provider() -> Iterator[None]:
    registry.register("test.hours", "Hours", "learning", count_hours)
    yield
    registry.unregister("test.hours")
    HOURS.clear()


def test_it_counts_live_per_city_through_the_registry(project: dict[str, Any], hours_provider: None) -> None:
    indicator = Indicator.objects.create(project=project["project"], code="HOURS", name="Hours", unit="hours",
                                         target=Decimal("750"), provider="test.hours")

    def achieved(city: Any = None) -> tuple[Decimal, dict[str, Decimal]]:
        row = next(p for p in figures.indicator_progress(project["project"], city) if p.indicator == indicator)
        return row.achieved, {c.slug: v for c, v in row.per_city}

    assert achieved() == (Decimal("0"), {"brandenburg": 0, "klaipeda": 0, "tartu": 0})
    HOURS.append((project["klaipeda"], Decimal("12")))
    HOURS.append((project["tartu"], Decimal("3.5")))
    total, per_city = achieved()
    assert total == Decimal("15.5") and per_city["klaipeda"] == 12 and per_city["tartu"] == Decimal("3.5")
    assert achieved(project["tartu"])[0] == Decimal("3.5")
    assert next(p for p in figures.indicator_progress(project["project"]) if p.indicator == indicator).percent == 2


def test_it_uses_manual_values_only_where_no_module_counts(project: dict[str, Any], hours_provider: None) -> None:
    manual = Indicator.objects.create(project=project["project"], code="PKG", name="Packages", unit="packages",
                                      target=Decimal("5"), provider="nobody.counts.this")
    record_value(project["editor"], manual, project["klaipeda"], Decimal("2"), dt.date(2012, 1, 1), note="list")
    row = next(p for p in figures.indicator_progress(project["project"]) if p.indicator == manual)
    assert row.counted_by == "manual" and row.achieved == Decimal("2")
    counted = Indicator.objects.create(project=project["project"], code="H", name="Hours", unit="h",
                                       target=Decimal("1"), provider="test.hours")
    with pytest.raises(DomainError):
        record_value(project["manager"], counted, None, Decimal("1"), dt.date(2012, 1, 1), note="x")
    with pytest.raises(DomainError):
        record_value(project["other"], manual, project["klaipeda"], Decimal("1"), dt.date(2012, 1, 1), note="x")


def test_it_links_pilots_to_sites_through_the_registry(project: dict[str, Any], client: Any) -> None:
    from creativepoles.programme.models import PilotProject
    from creativepoles.spaces.services.sites import create_site

    site = create_site(project["editor"], city=project["klaipeda"], name="Tobacco factory", latitude=Decimal("55.7"),
                       longitude=Decimal("21.1"), is_published=True)
    PilotProject.objects.create(project=project["project"], city=project["klaipeda"], title="Pilot", site_id=site.pk)
    assert links.link("spaces.site", site.pk, project["outsider"]) == ("Tobacco factory", site.get_absolute_url())
    page = client.get("/programme/ucp/pilots/").content.decode()
    assert f'href="{site.get_absolute_url()}" class="pilot-site">Tobacco factory<' in page
    site.is_published = False
    site.save()
    assert links.link("spaces.site", site.pk, project["outsider"]) is None  # an unpublished site stays hidden
    assert "Tobacco factory" not in client.get("/programme/ucp/pilots/").content.decode()
    assert links.link("spaces.site", site.pk, project["editor"]) == ("Tobacco factory", site.get_absolute_url())
