"""Demo data for the seven partner cities of URBAN CREATIVE POLES (idempotent)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from creativepoles.core.models import City, Membership, Organisation, OrganisationKind, Role

DEMO_PASSWORD = "creative-poles-demo"

# Centre coordinates of each city hall area (WGS84); populations rounded, with the year they refer to
# (national statistics offices). Östsam is the regional council of Östergötland, so it is placed at
# the county's centre and carries the county population.
CITIES: list[dict[str, Any]] = [
    {"slug": "klaipeda", "name": "Klaipėda", "name_en": "Klaipeda", "country": "LT", "nuts3": "LT023",
     "latitude": "55.703300", "longitude": "21.144300", "population": 158000, "population_year": 2023,
     "time_zone": "Europe/Vilnius"},
    {"slug": "brandenburg", "name": "Brandenburg an der Havel", "name_en": "Brandenburg", "country": "DE",
     "nuts3": "DE402", "latitude": "52.412500", "longitude": "12.531600", "population": 72000,
     "population_year": 2022, "time_zone": "Europe/Berlin"},
    {"slug": "cottbus", "name": "Cottbus", "name_en": "Cottbus", "country": "DE", "nuts3": "DE401",
     "latitude": "51.756300", "longitude": "14.332900", "population": 98000, "population_year": 2022,
     "time_zone": "Europe/Berlin"},
    {"slug": "zielona-gora", "name": "Zielona Góra", "name_en": "Zielona Gora", "country": "PL", "nuts3": "PL432",
     "latitude": "51.935600", "longitude": "15.506200", "population": 136000, "population_year": 2023,
     "time_zone": "Europe/Warsaw"},
    {"slug": "linkoping", "name": "Linköping", "name_en": "Linkoping", "country": "SE", "nuts3": "SE123",
     "latitude": "58.410800", "longitude": "15.621400", "population": 167000, "population_year": 2023,
     "time_zone": "Europe/Stockholm"},
    {"slug": "ostsam", "name": "Östsam (Östergötland)", "name_en": "Ostsam (Ostergotland)", "country": "SE",
     "nuts3": "SE123", "latitude": "58.350000", "longitude": "15.800000", "population": 470000,
     "population_year": 2023, "time_zone": "Europe/Stockholm"},
    {"slug": "tartu", "name": "Tartu", "name_en": "Tartu", "country": "EE", "nuts3": "EE008",
     "latitude": "58.378000", "longitude": "26.729000", "population": 97000, "population_year": 2023,
     "time_zone": "Europe/Tallinn"},
]

ORGANISATIONS: list[dict[str, str]] = [
    {"key": "klaipeda-agency", "city": "klaipeda", "name": "VšĮ Klaipėdos ekonominės plėtros agentūra",
     "name_en": "Klaipeda Economic Development Agency", "kind": OrganisationKind.DEVELOPMENT_AGENCY},
    {"key": "klaipeda-municipality", "city": "klaipeda", "name": "Klaipėdos miesto savivaldybė",
     "name_en": "Klaipeda City Municipality", "kind": OrganisationKind.MUNICIPALITY},
    {"key": "brandenburg-university", "city": "brandenburg", "name": "Fachhochschule Brandenburg",
     "name_en": "Brandenburg University (lead partner)", "kind": OrganisationKind.UNIVERSITY},
    {"key": "brandenburg-municipality", "city": "brandenburg", "name": "Stadt Brandenburg an der Havel",
     "name_en": "City of Brandenburg an der Havel", "kind": OrganisationKind.MUNICIPALITY},
    {"key": "cottbus-municipality", "city": "cottbus", "name": "Stadt Cottbus",
     "name_en": "City of Cottbus", "kind": OrganisationKind.MUNICIPALITY},
    {"key": "zielona-gora-municipality", "city": "zielona-gora", "name": "Urząd Miasta Zielona Góra",
     "name_en": "Zielona Gora City Office", "kind": OrganisationKind.MUNICIPALITY},
    {"key": "linkoping-municipality", "city": "linkoping", "name": "Linköpings kommun",
     "name_en": "Linkoping Municipality", "kind": OrganisationKind.MUNICIPALITY},
    {"key": "ostsam-council", "city": "ostsam", "name": "Regionförbundet Östsam",
     "name_en": "Ostsam Regional Development Council", "kind": OrganisationKind.DEVELOPMENT_AGENCY},
    {"key": "tartu-municipality", "city": "tartu", "name": "Tartu Linnavalitsus",
     "name_en": "Tartu City Government", "kind": OrganisationKind.MUNICIPALITY},
]

# One demo login per role; two city editors so the scoping can be tried by hand.
USERS: list[dict[str, str]] = [
    {"email": "manager@demo.creativepoles.eu", "org": "brandenburg-university", "role": Role.PROGRAMME_MANAGER},
    {"email": "klaipeda.editor@demo.creativepoles.eu", "org": "klaipeda-agency", "role": Role.CITY_EDITOR},
    {"email": "tartu.editor@demo.creativepoles.eu", "org": "tartu-municipality", "role": Role.CITY_EDITOR},
    {"email": "cottbus.editor@demo.creativepoles.eu", "org": "cottbus-municipality", "role": Role.CITY_EDITOR},
    {"email": "consultant@demo.creativepoles.eu", "org": "klaipeda-agency", "role": Role.CONSULTANT},
    {"email": "viewer@demo.creativepoles.eu", "org": "linkoping-municipality", "role": Role.VIEWER},
]


def ensure_user(email: str, password: str = DEMO_PASSWORD, **extra: Any) -> Any:
    """Create or refresh a user with a verified primary e-mail address."""
    from allauth.account.models import EmailAddress

    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=email, defaults={"email": email, **extra})
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def load_core_demo() -> dict[str, Any]:
    """Create the seven cities, their partner organisations and one user per role."""
    cities = {}
    for row in CITIES:
        data = {**row, "latitude": Decimal(row["latitude"]), "longitude": Decimal(row["longitude"])}
        slug = data.pop("slug")
        cities[slug], _ = City.objects.update_or_create(slug=slug, defaults=data)
    organisations = {}
    for row in ORGANISATIONS:
        organisations[row["key"]], _ = Organisation.objects.update_or_create(
            city=cities[row["city"]], name=row["name"],
            defaults={"name_en": row["name_en"], "kind": row["kind"], "deleted_at": None,
                      "coordinates_network": row["key"] == "brandenburg-university"},
        )
    users = {}
    for row in USERS:
        user = ensure_user(row["email"])
        Membership.objects.get_or_create(user=user, organisation=organisations[row["org"]], role=row["role"])
        users[row["email"]] = user
    ensure_user("admin@demo.creativepoles.eu", is_staff=True, is_superuser=True)
    return {"cities": cities, "organisations": organisations, "users": users}
