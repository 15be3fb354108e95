"""Audit entries read as sentences with field labels, never as codes or raw structures."""

from __future__ import annotations

from typing import Any

import pytest

from creativepoles.core import history
from creativepoles.core.models import AuditEntry, Role, record_audit

pytestmark = pytest.mark.django_db


def test_it_names_verbs_fields_choices_and_related_rows(world: dict[str, Any]) -> None:
    membership = world["editor"].memberships.get()
    record_audit(world["manager"], "grant", membership, {"role": Role.CITY_EDITOR, "user": world["editor"].pk})
    record_audit(world["manager"], "update", world["k_org"], {"kind": ["company", "ngo"], "is_public": [True, False]})
    record_audit(world["manager"], "never_heard_of", world["k_org"], {"bbox": [1, 2.5], "odd": {"a": [1]}})
    lines = history.readable(AuditEntry.objects.select_related("actor"), world["manager"])
    odd, update, grant = lines
    assert grant.sentence.startswith("Granted a role: ")
    assert [(c.label, c.before, c.after) for c in grant.changes] == [("role", None, "City editor"),
                                                                    ("user", None, "editor@klaipeda.test")]
    assert [(c.label, c.before, c.after) for c in update.changes] == [("kind", "Company", "NGO"),
                                                                     ("public", "yes", "no")]
    assert odd.sentence == "Changed Klaipėda agency"
    text = " ".join(f"{c.label} {c.before} {c.after}" for c in odd.changes)
    assert "{" not in text and "[" not in text and "area None 1, 2.5" in text
    assert update.kind == "organisation" and update.who == "manager@lead.test"


def test_it_hides_names_from_people_outside_the_network(world: dict[str, Any]) -> None:
    record_audit(world["manager"], "update", world["k_org"], {"name": ["a", "b"]})
    line = history.readable(AuditEntry.objects.all(), world["outsider"])[0]
    assert line.who == "a registered user"


def test_it_records_which_city_or_organisation_owns_an_entry(world: dict[str, Any]) -> None:
    on_org = record_audit(world["manager"], "update", world["k_org"])
    on_membership = record_audit(world["manager"], "grant", world["editor"].memberships.get())
    assert (on_org.city_id, on_org.organisation_id) == (world["klaipeda"].pk, None)
    assert (on_membership.city_id, on_membership.organisation_id) == (None, world["k_org"].pk)
    assert list(AuditEntry.objects.for_user(world["editor"])) == [on_membership, on_org]
    assert list(AuditEntry.objects.for_user(world["other"])) == []
    assert list(AuditEntry.objects.for_user(world["outsider"])) == []
