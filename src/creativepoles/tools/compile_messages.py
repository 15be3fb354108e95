"""Compile every locale's .po file to .mo without needing GNU gettext on the machine."""

from __future__ import annotations

from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def compile_all(root: Path = PACKAGE_DIR) -> list[Path]:
    """Write a .mo beside each .po that is newer than it; return the files written."""
    written = []
    for po_path in sorted(root.glob("**/locale/*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path.relative_to(PACKAGE_DIR)}")
