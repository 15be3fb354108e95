"""Background tasks of the spaces app (Django tasks framework)."""

from __future__ import annotations

from django_tasks import task

from creativepoles.spaces.services.imports import execute_import


@task()
def run_osm_import(run_id: int) -> str:
    """Run a queued OpenStreetMap import; safe to run twice (the second run does nothing)."""
    return execute_import(run_id)
