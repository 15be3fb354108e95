"""Background tasks of the atlas (Django tasks framework)."""

from __future__ import annotations

from django_tasks import task

from creativepoles.atlas.services.imports import execute_import


@task()
def run_register_import(run_id: int) -> str:
    """Run a queued register import; safe to run twice (the second run does nothing)."""
    return execute_import(run_id)
