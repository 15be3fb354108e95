"""Demo data: each app's typed Demo, ordered by declared dependencies, and `poles demo` twice changes nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from creativepoles.core.demo import Demo, DemoContext, DemoError, discover_demos, load_demos, ordered


def noop(context: DemoContext) -> None:
    """A demo that loads nothing."""


def names(demos: list[Demo]) -> list[str]:
    return [demo.name for demo in demos]


def test_it_discovers_each_apps_demo_in_dependency_order() -> None:
    found = discover_demos()
    assert {"core", "programme", "spaces"} <= set(names(found))
    # Whatever order the apps are listed in, every demo loads after what it depends on.
    for listing in (found, list(reversed(found))):
        order = names(ordered(listing))
        for demo in found:
            for dependency in demo.depends_on:
                assert order.index(dependency) < order.index(demo.name), (dependency, demo.name)


def test_it_orders_by_dependencies_not_by_listing() -> None:
    demos = [Demo("events", noop, ("clusters", "core")), Demo("clusters", noop, ("core",)), Demo("core", noop)]
    assert names(ordered(demos)) == ["core", "clusters", "events"]


def test_it_names_a_cycle_and_an_unknown_dependency() -> None:
    with pytest.raises(DemoError, match="cycle: .*a.*b"):
        ordered([Demo("a", noop, ("b",)), Demo("b", noop, ("a",)), Demo("core", noop)])
    with pytest.raises(DemoError, match="'atlas' depends on unknown demo\\(s\\): firms"):
        ordered([Demo("atlas", noop, ("firms",))])


@pytest.mark.django_db
def test_it_loads_only_what_a_named_demo_needs() -> None:
    loaded: list[str] = []

    def track(name: str) -> Any:
        return lambda context: loaded.append(name)

    demos = [Demo("core", track("core")), Demo("programme", track("programme"), ("core",)),
             Demo("spaces", track("spaces"), ("programme",)), Demo("atlas", track("atlas"), ("core",))]
    assert load_demos(["programme"], demos).loaded == loaded == ["core", "programme"]
    with pytest.raises(DemoError, match="nope"):
        load_demos(["nope"], demos)


def row_counts() -> dict[str, int]:
    """Rows of every model, history and audit tables included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_it_changes_nothing_when_loaded_twice() -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    first = row_counts()
    call_command("demo", stdout=StringIO())
    assert row_counts() == first
    text = out.getvalue()
    assert text.index("demo data: core") < text.index("demo data: programme") < text.index("demo data: spaces")
    for email in ("manager@", "klaipeda.editor@", "tartu.editor@", "cottbus.editor@", "consultant@", "viewer@",
                  "admin@"):
        assert f"  {email}demo.creativepoles.eu" in text, email
