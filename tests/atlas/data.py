"""Where the shared test data lives: /work/shared/testdata in a worktree, <repo>/../shared/testdata in CI."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CANDIDATES = (REPO.parent / "shared" / "testdata", Path("/work/shared/testdata"))


def shared(*parts: str) -> Path:
    """A file of the shared test data (the first of the candidate folders that holds it)."""
    for root in CANDIDATES:
        path = root.joinpath(*parts)
        if path.exists():
            return path
    raise FileNotFoundError("/".join(parts))
