"""Value objects of the extractor: equal, hashed, shown and pickled by their fields.

The hot value types (lexicon mentions, number mentions, gazetteer name hits, place
mentions) are made by the hundred per report. Frozen dataclasses and named tuples
would do, but in the compiled build a dataclass's generated ``__init__`` (one
``object.__setattr__`` per field) and a named tuple's fields run in the
interpreter. So each type writes out its ``__init__`` with ``Final`` attributes
(mypy rejects an assignment; compiled, the attributes are read-only) and its
``_fields()``; this base gives equality, hash, repr and pickling by those fields.
"""

from __future__ import annotations

from typing import Any


class Value:
    """Equality, hash, repr and pickling by ``_fields()`` (the constructor's arguments, in order)."""

    __slots__ = ()

    def _fields(self) -> tuple[object, ...]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Value) and type(other) is type(self) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self._fields()!r}"

    def __reduce__(self) -> tuple[Any, tuple[object, ...]]:
        # rebuilt through __init__: compiled, the Final attributes cannot be set afterwards
        return (type(self), self._fields())
