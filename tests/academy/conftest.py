"""An academy edition hosted in Klaipėda, reviewers in Tartu and Brandenburg, applicants from both sides."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from creativepoles.academy.models import Application, Edition
from creativepoles.core.demo import ensure_user
from creativepoles.core.models import Membership, Organisation, OrganisationKind, Role

RUBRIC = [{"code": "idea", "label": "Idea", "weight": 3, "scale": 10},
          {"code": "portfolio", "label": "Portfolio", "weight": 1, "scale": 5}]


def make_application(edition: Edition, email: str, country: str = "LT", city: Any = None, score: Any = None,
                     organisation_name: str = "Vilnius Academy of Arts", **extra: Any) -> Application:
    user = ensure_user(email)
    return Application.objects.create(
        edition=edition, applicant=user, name=email.split("@")[0], field="Design", country=country,
        organisation_name=organisation_name, home_city=city, birth_date=dt.date(2000, 1, 1),
        motivation="Ideas for an empty mill.", score=score, **extra)


@pytest.fixture
def academy(world: dict[str, Any]) -> dict[str, Any]:
    """The edition (deadline 2027-03-28 23:59 in Vilnius, the night summer time starts), two reviewers, one
    conflicted by city with the Tartu applicant."""
    edition = Edition.objects.create(
        year=2027, title="Summer Academy 2027", city=world["klaipeda"], starts_on=dt.date(2027, 7, 5),
        ends_on=dt.date(2027, 7, 16), capacity=3, deadline_date=dt.date(2027, 3, 28),
        deadline_time=dt.time(23, 59), is_published=True, call_texts={"en": "Come to Klaipėda.", "lt": "Atvykite."},
        rubric=RUBRIC, country_rules=[{"country": "EE", "minimum": 1, "maximum": 2}])
    t_uni = Organisation.objects.create(name="University of Tartu", kind=OrganisationKind.UNIVERSITY,
                                        city=world["tartu"])
    lead_uni = world["lead_org"]
    rev_tartu = ensure_user("reviewer@tartu.test")
    rev_lead = ensure_user("reviewer@lead.test")
    rev_third = ensure_user("reviewer3@lead.test")
    for user, org in ((rev_tartu, t_uni), (rev_lead, lead_uni), (rev_third, lead_uni)):
        Membership.objects.create(user=user, organisation=org, role=Role.REVIEWER)
    return {**world, "edition": edition, "rev_tartu": rev_tartu, "rev_lead": rev_lead, "rev_third": rev_third,
            "t_uni": t_uni}
