"""Translated labels of the DCMS creative groups (the classes themselves are data in analysis.nace)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from creativepoles.analysis import nace

GROUP_LABELS: dict[str, Any] = {
    "advertising": _("Advertising and marketing"),
    "architecture": _("Architecture"),
    "crafts": _("Crafts"),
    "design": _("Design and designer fashion"),
    "film": _("Film, TV, video, radio and photography"),
    "it": _("IT, software and computer services"),
    "publishing": _("Publishing"),
    "museums": _("Museums, galleries and libraries"),
    "music": _("Music, performing and visual arts"),
}
assert set(GROUP_LABELS) == set(nace.DCMS_GROUPS)


def label(group: str) -> str:
    """The group's label in the active language ("" for firms outside the creative groups)."""
    return str(GROUP_LABELS.get(group, ""))
