"""One catalogue of error codes, shared by the CLI, the API and the Spark report.

Codes: T1xx input, T2xx gazetteer, T3xx store, T4xx web, T5xx batch.
Library code raises :class:`TawthiqError`; only the CLI prints it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

CODES: dict[str, str] = {
    "T100": "cannot read file",
    "T101": "line is not valid JSON",
    "T102": "missing field",
    "T103": "bad field value",
    "T104": "file is not UTF-8 text",
    "T105": "looks like HTML, not plain text",
    "T106": "file is empty",
    "T107": "line is not a JSON object",
    "T108": "binary data",
    "T200": "gazetteer file cannot be read",
    "T201": "gazetteer file has an unknown or wrong format",
    "T202": "gazetteer index is missing or corrupt",
    "T300": "database cannot be opened",
    "T301": "bad input row",
    "T302": "feed cannot be parsed",
    "T400": "web configuration error",
    "T500": "batch job error",
}


@dataclass
class Where:
    """A place in the input: file and 1-based line, both optional."""

    path: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or (f"line {self.line}" if self.line else "<input>")


class TawthiqError(Exception):
    """An error a user can act on: a code, a message and where it happened."""

    def __init__(self, code: str, message: str, where: Where | None = None) -> None:
        self.code = code
        self.message = message
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{self.code}: {place}{self.message}"


# A failure policy decides what happens to a bad record: raise (stop) or
# report and go on. The CLI's --skip-bad, the store and Spark share it.
FailurePolicy = Callable[[TawthiqError], None]


def raise_policy(error: TawthiqError) -> None:
    raise error


class CollectPolicy:
    """Keep bad records' errors and go on (``--skip-bad``)."""

    def __init__(self) -> None:
        self.errors: list[TawthiqError] = []

    def __call__(self, error: TawthiqError) -> None:
        self.errors.append(error)
