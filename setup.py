"""Build hook: compile the extractor's hot path with mypyc (everything else is in pyproject.toml).

The modules in ``src/tawthiq/_compiled.py`` are ordinary type-checked Python; mypyc
turns them into C extensions that extract the same incidents about 1.4 times faster
(docs/performance.md). The source stays the reference:

- ``TAWTHIQ_PURE_PYTHON=1`` skips the compilation (use it for an editable install you
  edit: a built extension is imported instead of the .py file next to it);
- without mypyc or a C compiler the install goes on in pure Python, with a warning;
- ``TAWTHIQ_REQUIRE_COMPILED=1`` (CI) turns that warning into an error.
"""

from __future__ import annotations

import os
import runpy
import sys
from functools import cache
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
REQUIRE = os.environ.get("TAWTHIQ_REQUIRE_COMPILED") == "1"


def _warn(message: str) -> None:
    if REQUIRE:
        raise SystemExit(f"tawthiq: {message} (TAWTHIQ_REQUIRE_COMPILED=1)")
    print(f"WARNING tawthiq: {message}; installing the pure-Python extractor", file=sys.stderr)


def _module_paths() -> list[str]:
    modules = runpy.run_path(str(HERE / "src" / "tawthiq" / "_compiled.py"))["MODULES"]
    paths = []
    for name in modules:
        base = Path("src", *name.split("."))
        paths.append(str(base / "__init__.py") if (HERE / base).is_dir() else str(base) + ".py")
    return paths


@cache  # build_ext is finalised by several commands: compile once
def _extensions() -> list:
    try:
        from mypyc.build import mypycify
    except ImportError as exc:
        _warn(f"mypyc is not available ({exc})")
        return []
    try:
        # one shared library named after the package (not a hash) beside the module stubs
        return mypycify(_module_paths(), group_name="tawthiq", opt_level="3")
    except BaseException as exc:  # mypy reports type errors by SystemExit
        _warn(f"mypyc could not compile the extractor ({exc!r})")
        return []


class OptionalBuildExt(build_ext):
    """Compile with mypyc when the extensions are built (not when pip only asks for
    metadata), or build none: a module stub without the shared library it calls would
    fail at import, so on any failure every built file is removed."""

    def finalize_options(self) -> None:
        extensions = _extensions()
        if extensions:
            self.distribution.ext_modules = extensions
        super().finalize_options()
        if not extensions:
            # the stand-in stays in the distribution (the wheel's layout was decided with it)
            self.extensions = []

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:
            for path in self.get_outputs():
                Path(path).unlink(missing_ok=True)
            _warn(f"the C compilation failed ({exc})")


if os.environ.get("TAWTHIQ_PURE_PYTHON") == "1":
    print("tawthiq: TAWTHIQ_PURE_PYTHON=1, not compiling", file=sys.stderr)
    setup()
else:
    # A stand-in that makes setuptools run build_ext (and lay the wheel out for this
    # platform); build_ext replaces it with the mypyc extensions, or builds nothing.
    setup(ext_modules=[Extension("tawthiq._compiled_stand_in", sources=[])], cmdclass={"build_ext": OptionalBuildExt})
