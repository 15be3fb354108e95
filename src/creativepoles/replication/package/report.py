"""The report of a package import: one line per record, per part, saying what was imported and what was kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

IMPORTED = "imported"
KEPT = "kept"


@dataclass(frozen=True)
class ReportLine:
    """What happened to one record of a part."""

    part: str
    outcome: str  # IMPORTED or KEPT
    text: str


@dataclass
class PackageReport:
    """What an import did, part by part; stored in the audit log with the receiving city."""

    source_city: str
    instance: str
    created_at: str
    format_version: int
    receiving_city: str
    lines: list[ReportLine] = field(default_factory=list)

    def add(self, part: str, lines: list[tuple[str, str]]) -> None:
        """Add a part's (outcome, text) lines as its service returned them."""
        self.lines.extend(ReportLine(part, outcome, text) for outcome, text in lines)

    def part(self, name: str) -> list[ReportLine]:
        """The lines of one part."""
        return [line for line in self.lines if line.part == name]

    @property
    def imported(self) -> int:
        """How many lines record an import."""
        return sum(1 for line in self.lines if line.outcome == IMPORTED)

    @property
    def kept(self) -> int:
        """How many lines record something kept (not written)."""
        return sum(1 for line in self.lines if line.outcome == KEPT)

    def as_dict(self) -> dict[str, Any]:
        """The report as the audit entry keeps it."""
        return {"source_city": self.source_city, "instance": self.instance, "created_at": self.created_at,
                "imported": self.imported, "kept": self.kept,
                "lines": [[line.part, line.outcome, line.text] for line in self.lines]}
