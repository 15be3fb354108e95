"""Register files in the layouts the atlas reads, written to a temporary folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

HEADER = "registry_id,name,nace,employees,turnover,founded,closed,address,latitude,longitude,sole_trader\n"
GOOD = (HEADER
        + "100,Baltic Pixels UAB,62.01,12,150000.50,2015-03-01,,Taikos pr. 1,55.7100,21.1300,\n"
        + "101,Uosto Design,74101,3,,2018-06-30,,Tiltų g. 2,55.7080,21.1320,\n"
        + "102,Jonas Jonaitis IĮ,90.03,1,,2020-01-10,,Home 5,55.7050,21.1400,yes\n"
        + "103,Port Bakery,10.71,8,,2010-01-01,,,,,\n"
        + "104,Old Press,58.14,4,,2001-01-01,2019-05-01,,55.7000,21.1500,\n")


@pytest.fixture
def write(tmp_path: Path) -> Any:
    """write(name, text) -> path of a file with that text."""

    def make(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding=encoding)
        return path

    return make


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
