"""The package as a user installs it: data files inside the wheel, no reads of ../shared."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "tawthiq"


def test_product_code_never_reads_shared() -> None:
    """The installed product must run without ../shared (tests may read it)."""
    offenders = []
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"""["'](\.\./)+shared\b|/work/shared""", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_license_and_notice_name_the_data_licences() -> None:
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert "GeoNames" in notice and "OpenSyria" in notice and "CC BY 4.0" in notice


@pytest.mark.slow
def test_wheel_contains_every_data_file(tmp_path: Path) -> None:
    """Every file under a package's data/, templates/, static/ or migrations/ is in the wheel."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        env={**os.environ, "TAWTHIQ_PURE_PYTHON": "1"},  # the data files, not the (slow) C build
    )
    (wheel,) = tmp_path.glob("tawthiq-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = set()
    for folder in ("data", "templates", "static", "migrations"):
        for path in SRC.rglob(f"{folder}/**/*"):
            if path.is_file() and "__pycache__" not in path.parts:
                expected.add("tawthiq/" + path.relative_to(SRC).as_posix())
    missing = sorted(expected - names)
    assert missing == []
