"""NACE codes and the DCMS creative groups, as versioned data.

The groups are the UK DCMS creative industries by 4-digit SIC 2007 class, which equals NACE Rev. 2 at
class level (REFERENCE.md §3). National registers use 5-digit subclasses (Lithuania's EVRK, Estonia's
EMTAK): they are cut to the 4-digit class. NACE Rev. 2.1 codes (Delegated Regulation (EU) 2023/137) are
mapped to Rev. 2 only through a correspondence table that the user loads (Eurostat publishes it); without
it a Rev. 2.1 code is reported as unmapped, never guessed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

CLASSIFICATION_VERSION = "DCMS 2016 / NACE Rev. 2"

# group key -> (English label, NACE Rev. 2 classes)
DCMS_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "advertising": ("Advertising and marketing", ("70.21", "73.11", "73.12")),
    "architecture": ("Architecture", ("71.11",)),
    "crafts": ("Crafts", ("32.12",)),
    "design": ("Design and designer fashion", ("74.10",)),
    "film": ("Film, TV, video, radio and photography",
             ("59.11", "59.12", "59.13", "59.14", "60.10", "60.20", "74.20")),
    "it": ("IT, software and computer services", ("58.21", "58.29", "62.01", "62.02")),
    "publishing": ("Publishing", ("58.11", "58.12", "58.13", "58.14", "58.19", "74.30")),
    "museums": ("Museums, galleries and libraries", ("91.01", "91.02")),
    "music": ("Music, performing and visual arts", ("59.20", "85.52", "90.01", "90.02", "90.03", "90.04")),
}
CLASS_TO_GROUP: dict[str, str] = {code: key for key, (_label, codes) in DCMS_GROUPS.items() for code in codes}

REV2 = "2"
REV21 = "2.1"

# Statuses of a code after classification.
OK = "ok"  # a valid Rev. 2 class (creative or not)
UNMAPPED = "unmapped"  # a Rev. 2.1 code with no loaded correspondence
MALFORMED = "malformed"  # not a NACE code at all
MISSING = "missing"  # no code given

_CODE = re.compile(r"^\d{2}(\.?\d{2})(\.?\d{1,2})?$")


class NaceError(ValueError):
    """A code or a correspondence file that cannot be read."""


@dataclass(frozen=True)
class Classified:
    """A code as read: the 4-digit Rev. 2 class ("" when none), its creative group ("" when none), a status."""

    raw: str
    nace: str
    group: str
    status: str
    version: str


def normalise(raw: str) -> str:
    """A class as "NN.NN" from "NNNN", "NN.NN", national subclasses "NN.NNN", "NN.NN.N", "NNNNNN" (cut to the class).

    Raises NaceError on anything that is not a code of 4 to 6 digits (divisions and groups are too coarse to
    classify a firm; letters are not NACE).
    """
    text = (raw or "").strip()
    if not _CODE.match(text):
        raise NaceError(f"not a NACE class: {raw!r}")
    digits = text.replace(".", "")
    if not 4 <= len(digits) <= 6:
        raise NaceError(f"not a NACE class: {raw!r}")
    return f"{digits[:2]}.{digits[2:4]}"


def classify(raw: str | None, version: str = REV2, correspondence: Mapping[str, str] | None = None) -> Classified:
    """Classify one code of the given version; Rev. 2.1 goes through `correspondence` (2.1 class -> 2 class)."""
    text = (raw or "").strip()
    if not text:
        return Classified(text, "", "", MISSING, version)
    try:
        code = normalise(text)
    except NaceError:
        return Classified(text, "", "", MALFORMED, version)
    if version == REV21:
        mapped = (correspondence or {}).get(code)
        if mapped is None:
            return Classified(text, "", "", UNMAPPED, version)
        code = mapped
    elif version != REV2:
        raise NaceError(f"unknown NACE version {version!r}")
    return Classified(text, code, CLASS_TO_GROUP.get(code, ""), OK, version)


def read_correspondence(text: str) -> dict[str, str]:
    """Read a Rev. 2.1 → Rev. 2 correspondence table in Eurostat's CSV layout.

    Eurostat's tables (and the national ones derived from them) have a header with the two classification
    codes, e.g. ``NACE2.1_CODE,NACE2_CODE`` or ``NACE Rev. 2.1,NACE Rev. 2``, and one row per link; rows
    above class level (sections, divisions, groups) are skipped. When one Rev. 2.1 class links to several
    Rev. 2 classes, the first listed is kept: it is the main link in Eurostat's ordering.
    """
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        raise NaceError("the correspondence file is empty")
    header = [re.sub(r"[^0-9a-z]", "", h.lower()) for h in rows[0]]
    new = next((i for i, h in enumerate(header) if "21" in h and ("nace" in h or "rev" in h)), None)
    old = next((i for i, h in enumerate(header) if i != new and ("nace2" in h or "rev2" in h)
                and "21" not in h), None)
    if new is None or old is None:
        raise NaceError("the header names no NACE Rev. 2.1 and NACE Rev. 2 code columns")
    out: dict[str, str] = {}
    for row in rows[1:]:
        if len(row) <= max(new, old):
            continue
        try:
            source, target = normalise(row[new]), normalise(row[old])
        except NaceError:
            continue  # a section, division or group row
        out.setdefault(source, target)
    if not out:
        raise NaceError("the correspondence file holds no class-level rows")
    return out


def group_labels() -> list[tuple[str, str]]:
    """(key, English label) of every group, in the table's order."""
    return [(key, label) for key, (label, _codes) in DCMS_GROUPS.items()]


def creative_classes(groups: Iterable[str] | None = None) -> list[str]:
    """The classes of the given groups (all when None)."""
    wanted = set(groups) if groups is not None else set(DCMS_GROUPS)
    return [code for key, (_label, codes) in DCMS_GROUPS.items() if key in wanted for code in codes]
