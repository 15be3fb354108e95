"""Phases and reporting periods follow from the timeline."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from creativepoles.core.errors import NotInScope
from creativepoles.programme.services.project import update_timeline

pytestmark = pytest.mark.django_db
D = dt.date


def test_it_derives_phases_and_periods_from_the_seed_timeline(project: dict[str, Any]) -> None:
    p = project["project"]
    assert p.phases() == [
        ("Contracting", D(2010, 10, 1), D(2010, 12, 31)),
        ("Implementation", D(2011, 1, 1), D(2013, 12, 31)),
        ("Closing", D(2014, 1, 1), D(2014, 3, 31)),
    ]
    periods = [(x.number, x.start, x.end) for x in p.periods.all()]
    assert periods[0] == (1, D(2010, 10, 1), D(2011, 3, 31))
    assert periods[-1] == (7, D(2013, 10, 1), D(2014, 3, 31))
    assert len(periods) == 7
    for earlier, later in zip(periods, periods[1:], strict=False):
        assert later[1] == earlier[2] + dt.timedelta(days=1)


def test_it_regenerates_periods_when_the_length_changes(project: dict[str, Any]) -> None:
    p = update_timeline(project["manager"], project["project"], period_months=12)
    bounds = [(x.number, x.start, x.end) for x in p.periods.all()]
    assert bounds == [
        (1, D(2010, 10, 1), D(2011, 9, 30)), (2, D(2011, 10, 1), D(2012, 9, 30)),
        (3, D(2012, 10, 1), D(2013, 9, 30)), (4, D(2013, 10, 1), D(2014, 3, 31)),
    ]


def test_it_lets_only_managers_change_the_timeline(project: dict[str, Any]) -> None:
    with pytest.raises(NotInScope):
        update_timeline(project["editor"], project["project"], period_months=3)


def test_it_names_every_phase_in_full_in_any_language(project: dict[str, Any], world: dict[str, Any],
                                                      client: Any) -> None:
    """A short phase is too narrow for its name: bars carry numbers, the legend the whole names."""
    client.force_login(world["manager"])
    client.cookies["django_language"] = "lt"
    response = client.get("/programme/ucp/")
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    legend = html.split('class="timeline-legend"', 1)[1].split("</ol>", 1)[0]
    assert "Sutarties sudarymas" in legend and "2010-10-01" in legend
    svg = html.split('<svg class="timeline"', 1)[1].split("</svg>", 1)[0]
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert labels[:3] == ["1", "2", "3"] and not any("Sutarties" in label for label in labels)
