"""Demo: Helsinki, a city outside the network, onboarded from the OpenStreetMap extract shipped as package data,
a generated register and Klaipėda's assessment method. Loading again changes nothing (done steps are not redone).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from creativepoles.core.demo import Demo, DemoContext
from creativepoles.core.models import City
from creativepoles.replication.extracts import HELSINKI
from creativepoles.replication.models import Onboarding
from creativepoles.replication.services import continue_onboarding, partner_method, start_onboarding
from creativepoles.replication.synthetic import write_register

# The extract's bounding box (data/README.md) and the city hall's coordinates, which lie inside it.
FACTS: dict[str, Any] = {"slug": "helsinki", "name": "Helsinki", "name_en": "Helsinki", "country": "FI",
                         "lat": "60.169900", "lon": "24.938400", "time_zone": "Europe/Helsinki", "population": 674500,
                         "bbox": [24.9352, 60.1642, 24.9534, 60.1791]}
DEMO_FIRMS = 2000
PARTNER = "klaipeda"


def load_replication(context: DemoContext) -> None:
    """Onboard Helsinki (or finish its onboarding) as the network's programme manager."""
    manager = context.users["manager"]
    city = City.objects.filter(slug=FACTS["slug"]).first()
    run = Onboarding.objects.filter(city=city).first() if city is not None else None
    if city is not None and run is None:
        return  # Helsinki was added by hand (poles add-city): leave it as it is.
    if run is None:
        run = start_onboarding(manager, **FACTS)
    with tempfile.TemporaryDirectory() as folder:
        register = write_register(Path(folder) / "helsinki-register.csv", FACTS["bbox"], DEMO_FIRMS,
                                  seed="helsinki-demo", prefix="HEL")
        continue_onboarding(manager, run, extract=HELSINKI, register=register,
                            source=partner_method(PARTNER))


DEMO = Demo(name="replication", load=load_replication, depends_on=("spaces", "atlas"))
