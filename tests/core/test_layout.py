"""Project layout: every app has tests that pytest collects, and every app dir is covered by the import contracts."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.apps import apps

from creativepoles.tools import import_contracts

REPO = Path(__file__).resolve().parents[2]
PACKAGE_DIR = REPO / "src" / "creativepoles"
TESTS_DIR = REPO / "tests"


def apps_without_tests(labels: list[str], tests_dir: Path) -> list[str]:
    """Labels whose tests/<label>/ folder is missing or holds no test_*.py with a test function."""
    missing = []
    for label in labels:
        files = sorted((tests_dir / label).glob("**/test_*.py"))
        if not any("def test_" in path.read_text(encoding="utf-8") for path in files):
            missing.append(label)
    return missing


def project_app_labels() -> list[str]:
    """Labels of the installed apps that belong to this project."""
    return sorted(c.label for c in apps.get_app_configs() if c.name.startswith("creativepoles."))


def test_it_collects_tests_from_the_whole_tests_folder() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    # One root, so a new app's tests/<app>/ is collected without touching pyproject.toml.
    assert config["tool"]["pytest"]["ini_options"]["testpaths"] == ["tests"]
    assert "importlinter" not in config["tool"], "contracts are generated from the apps on disk"


def test_it_finds_tests_for_every_installed_app() -> None:
    labels = project_app_labels()
    assert {"core", "programme", "spaces"} <= set(labels)
    assert apps_without_tests(labels, TESTS_DIR) == []


def test_it_reports_an_app_without_tests(tmp_path: Path) -> None:
    (tmp_path / "atlas").mkdir()
    (tmp_path / "atlas" / "test_nothing.py").write_text("# no test here\n", encoding="utf-8")
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "test_calendar.py").write_text("def test_it_lists():\n    pass\n", encoding="utf-8")
    assert apps_without_tests(["atlas", "events", "academy"], tmp_path) == ["atlas", "academy"]


def test_it_installs_every_app_found_on_disk() -> None:
    on_disk = set(import_contracts.domain_apps(import_contracts.find_packages(PACKAGE_DIR))) | {"core", "programme"}
    assert on_disk <= set(project_app_labels())


def test_it_puts_every_app_dir_into_the_contracts() -> None:
    packages = import_contracts.find_packages(PACKAGE_DIR)
    config = import_contracts.render_config(packages)
    for name in packages:
        if name not in import_contracts.NOT_APPS:
            assert f"    creativepoles.{name}" in config, name
    fake = import_contracts.render_config([*packages, "atlas", "events"])
    # One layer holds every domain app, whichever others are installed beside them.
    layer = next(line for line in fake.splitlines() if line.startswith("    creativepoles.atlas | "))
    assert {"creativepoles.atlas", "creativepoles.events", "creativepoles.spaces"} <= {
        part.strip() for part in layer.split("|")}
    assert "creativepoles.atlas.** -> creativepoles.events.services.**" in fake
    with pytest.raises(ValueError, match="programme"):
        import_contracts.render_config(["analysis", "core", "spaces"])


def make_project(root: Path, atlas_imports: str) -> Path:
    """A throwaway project package `fakepoles` with the base layers, two domain apps and a tools package."""
    package = root / "fakepoles"
    files = {
        "__init__.py": "",
        "analysis/__init__.py": "import math\n",
        "core/__init__.py": "",
        "core/models.py": "from fakepoles.analysis import math\n",
        "programme/__init__.py": "",
        "programme/registry.py": "from fakepoles.core import models\n",
        "spaces/__init__.py": "",
        "spaces/models.py": "from fakepoles.programme import registry\n",
        "spaces/services/__init__.py": "from fakepoles.spaces import models\n",
        "atlas/__init__.py": "",
        "atlas/views.py": atlas_imports,
        "tools/__init__.py": "",
    }
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def run_contracts(root: Path, package: Path) -> subprocess.CompletedProcess[str]:
    """The contract check on the throwaway project, in its own interpreter so its imports stay apart."""
    return subprocess.run(
        [sys.executable, "-m", "creativepoles.tools.import_contracts", "--package-dir", str(package),
         "--root", "fakepoles"],
        capture_output=True, text=True, cwd=root, check=False,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize(("atlas_imports", "kept"), [
    ("from fakepoles.spaces import services\nfrom fakepoles.programme import registry\n", True),
    ("from fakepoles.spaces import models\n", False),
    ("from fakepoles.spaces.services import models\n", True),
])
def test_it_checks_a_new_app_without_any_config_edit(tmp_path: Path, atlas_imports: str, kept: bool) -> None:
    result = run_contracts(tmp_path, make_project(tmp_path, atlas_imports))
    assert (result.returncode == 0) is kept, result.stdout + result.stderr
    if not kept:
        assert "fakepoles.atlas.views -> fakepoles.spaces.models" in result.stdout


def test_it_stops_a_lower_layer_importing_a_new_app(tmp_path: Path) -> None:
    package = make_project(tmp_path, "")
    (package / "programme" / "registry.py").write_text("from fakepoles.atlas import views\n", encoding="utf-8")
    result = run_contracts(tmp_path, package)
    assert result.returncode == 1 and "fakepoles.programme.registry -> fakepoles.atlas.views" in result.stdout
