"""The extractor compiled with mypyc (setup.py) is the source, only faster.

CI installs with ``TAWTHIQ_REQUIRE_COMPILED=1``, so there the modules listed in
``tawthiq._compiled`` must be C extensions, and the pure-Python source run on the
dev reports must give byte-for-byte the incidents the compiled build gives.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tawthiq._compiled import MODULES, build_label, compiled_modules

ROOT = Path(__file__).resolve().parents[1]

# extract every article and print the incidents, one JSON list per line
_EXTRACT = """
import json, sys
from tawthiq._compiled import compiled_modules
from tawthiq.incidents import Extractor
from tawthiq.io import read_articles
print(json.dumps(compiled_modules()))
ex = Extractor()
for a in read_articles(sys.argv[1]):
    print(json.dumps([i.model_dump(mode="json") for i in ex.extract(a)], ensure_ascii=False, sort_keys=True))
"""


def test_ci_runs_the_compiled_extractor() -> None:
    if os.environ.get("TAWTHIQ_REQUIRE_COMPILED") != "1":
        pytest.skip("installed without TAWTHIQ_REQUIRE_COMPILED=1: the build may be pure Python")
    assert compiled_modules() == list(MODULES), build_label()


def test_a_compiled_module_is_not_older_than_its_source() -> None:
    """An editable install imports the built extension, not the edited .py beside it:
    a stale build would test old code (rebuild, or install with TAWTHIQ_PURE_PYTHON=1)."""
    import importlib

    stale = []
    for name in compiled_modules():
        built = Path(importlib.import_module(name).__file__ or "")
        source = built.parent / (built.name.split(".")[0] + ".py")
        if source.exists() and source.stat().st_mtime > built.stat().st_mtime + 1:
            stale.append(f"{source} is newer than {built.name}")
    assert not stale, "rebuild the extensions (pip install -e .): " + "; ".join(stale)


@pytest.mark.slow
def test_the_source_and_the_compiled_build_extract_the_same_incidents(tmp_path: Path, shared: Path) -> None:
    if not compiled_modules():
        pytest.skip("this installation runs the source: nothing compiled to compare")
    source = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "tawthiq", source / "tawthiq", ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    env = {**os.environ, "TAWTHIQ_HOME": str(tmp_path / "home")}
    runs = {}
    for label, path in (("source", str(source)), ("compiled", "")):
        env["PYTHONPATH"] = path
        done = subprocess.run(
            [sys.executable, "-c", _EXTRACT, str(shared / "data" / "dev" / "articles.jsonl")],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        compiled, *incidents = done.stdout.splitlines()
        runs[label] = (json.loads(compiled), incidents)
    assert runs["source"][0] == []  # the copy really ran as Python
    assert runs["compiled"][0] == list(MODULES)
    assert sum(len(json.loads(line)) for line in runs["compiled"][1]) > 100
    assert runs["source"][1] == runs["compiled"][1]


def test_version_says_which_extractor_runs() -> None:
    from typer.testing import CliRunner

    from tawthiq.cli import app

    done = CliRunner().invoke(app, ["--version"])
    assert done.exit_code == 0
    expected = "compiled with mypyc" if compiled_modules() == list(MODULES) else "pure Python"
    assert f"(extractor {expected})" in done.output


def test_compiled_modules_silence_no_type_errors() -> None:
    """mypyc checks the declared types at run time: a silenced type error in a compiled
    module could become a TypeError on some report instead of a message at build time."""
    silenced = []
    for name in MODULES:
        base = ROOT / "src" / Path(*name.split("."))
        path = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "type: ignore" in line:
                silenced.append(f"{path.relative_to(ROOT)}:{number}")
    assert silenced == []
