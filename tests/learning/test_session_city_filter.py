"""The training-session list filtered by a city: the city story's link to the training held there."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from creativepoles.learning.models import TrainingPackage, TrainingSession

pytestmark = pytest.mark.django_db


def test_it_lists_the_sessions_of_one_city_within_the_users_reach(world: dict[str, Any]) -> None:
    package = TrainingPackage.objects.create(title="Pricing", organisation=world["k_org"], status="published",
                                             duration_hours=Decimal("6"))
    for city, day in ((world["klaipeda"], 3), (world["klaipeda"], 4), (world["tartu"], 5)):
        TrainingSession.objects.create(package=package, city=city, date=dt.date(2011, 5, day),
                                       duration_hours=Decimal("3"))
    manager = Client()
    manager.force_login(world["manager"])
    assert manager.get("/learning/sessions/?city=klaipeda").content.decode().count(
        'data-record="training-session"') == 2
    assert manager.get("/learning/sessions/").content.decode().count('data-record="training-session"') == 3
    # Tartu's editor sees no Klaipėda session: the filter narrows the scope, it never widens it.
    other = Client()
    other.force_login(world["other"])
    assert other.get("/learning/sessions/?city=klaipeda").content.decode().count('data-record=') == 0
