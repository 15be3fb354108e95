"""Rights are declared only in the permission model: no role literal and no network flag anywhere else."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from creativepoles.core.permissions import Role

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "creativepoles"
PERMISSIONS = PACKAGE / "core" / "permissions.py"
ROLE_VALUES = {str(role.value) for role in Role}


def python_sources() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts and p != PERMISSIONS]


def test_it_finds_no_role_literal_outside_the_permission_module() -> None:
    found = []
    for path in python_sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and node.value in ROLE_VALUES:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}")
    for path in PACKAGE.rglob("*.html"):
        for value in ROLE_VALUES:
            if re.search(rf"""["']{value}["']""", path.read_text()):
                found.append(f"{path.relative_to(PACKAGE)} {value!r}")
    assert found == []


def test_it_finds_no_network_flag_read_outside_the_permission_module() -> None:
    found = []
    for path in python_sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in ("everything", "network", "cities_by_role",
                                                                 "organisations_by_role"):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} .{node.attr}")
    assert found == []


def test_it_would_catch_a_role_literal() -> None:
    # The scanner itself must see the literal forms the old code used.
    tree = ast.parse('if scope.can_change_city(city, ("city_editor",)): pass')
    assert any(isinstance(n, ast.Constant) and n.value in ROLE_VALUES for n in ast.walk(tree))
