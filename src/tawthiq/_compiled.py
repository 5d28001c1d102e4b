"""The extractor's hot path, compiled to C with mypyc when the package is installed.

``setup.py`` reads ``MODULES`` (without importing tawthiq: the build environment has
none of its dependencies); ``compiled_modules()`` says which of them this
installation runs as C extensions. The compiled modules are the same type-checked
Python source and give the same output; an install without a C compiler, or with
``TAWTHIQ_PURE_PYTHON=1``, runs the source as it is.
"""

from __future__ import annotations

MODULES = (
    "tawthiq.text.value",
    "tawthiq.text.normalize",
    "tawthiq.text.segment",
    "tawthiq.text.scan",
    "tawthiq.text.tokens",
    "tawthiq.text.numbers",
    "tawthiq.text.dates",
    "tawthiq.mentions",
    "tawthiq.gazetteer.model",
    "tawthiq.gazetteer.gazetteer",
    "tawthiq.gazetteer.matcher",
    "tawthiq.gazetteer.geocoder",
    "tawthiq.incidents.spans",
    "tawthiq.incidents.unknown_places",
    "tawthiq.incidents.place_context",
    "tawthiq.incidents.assemble",
    "tawthiq.incidents.engine",
)


def compiled_modules() -> list[str]:
    """Those of ``MODULES`` that were imported from a C extension, not a .py file."""
    import importlib

    out = []
    for name in MODULES:
        path = getattr(importlib.import_module(name), "__file__", None) or ""
        if not path.endswith(".py"):
            out.append(name)
    return out


def build_label() -> str:
    """'compiled with mypyc' / 'pure Python' / 'partly compiled (k of n modules)'."""
    done = len(compiled_modules())
    if done == len(MODULES):
        return "compiled with mypyc"
    if done == 0:
        return "pure Python"
    return f"partly compiled ({done} of {len(MODULES)} modules)"
