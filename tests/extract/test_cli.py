"""``tawthiq extract/show/evaluate/demo`` as a user runs them, including bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tawthiq.cli import app

REPORT = "شنت طائرات حربية روسية غارات جوية على مدينة سراقب، ما أدى إلى مقتل 5 مدنيين."
GOOD = json.dumps({"id": "g1", "text": REPORT, "published": "2024-03-12"}, ensure_ascii=False)
GOOD2 = json.dumps({"id": "g2", "text": "قصفت قوات النظام مدينة أريحا.", "published": "2024-03-12"}, ensure_ascii=False)

runner = CliRunner()


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def lines_of(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_extract_writes_one_line_per_article(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", f"{GOOD}\n{GOOD2}\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = lines_of(out)
    assert [r["article_id"] for r in records] == ["g1", "g2"]
    first = records[0]["incidents"][0]
    assert first["actor1"] == "RUS_MIL" and first["killed"] == 5
    assert "provenance" not in first
    assert first["injured"] is None  # nulls are written, not dropped


def test_extract_to_stdout_with_provenance(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", GOOD + "\n")
    result = runner.invoke(app, ["extract", str(src), "--provenance"])
    assert result.exit_code == 0
    record = json.loads(result.stdout.strip())
    assert record["incidents"][0]["provenance"]["place"]["key"]


def test_plain_text_with_published(tmp_path: Path) -> None:
    src = write(tmp_path, "report.txt", REPORT)
    result = runner.invoke(app, ["extract", str(src), "--published", "2024-03-12"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.strip())
    assert record["article_id"] == "report"
    assert record["incidents"][0]["date"] == {"date": "2024-03-12", "precision": "day"}


def test_stdin(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "-", "--published", "2024-03-12"], input=REPORT)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip())["incidents"]


def test_workers_keep_the_order(tmp_path: Path) -> None:
    calm = "نص عادي بلا أحداث عن الطقس والزراعة في الريف"
    rows = [json.dumps({"id": f"r{i}", "text": REPORT if i % 2 else calm}, ensure_ascii=False) for i in range(12)]
    src = write(tmp_path, "a.jsonl", "\n".join(rows) + "\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    records = lines_of(out)
    assert [r["article_id"] for r in records] == [f"r{i}" for i in range(12)]
    assert all(bool(r["incidents"]) == (i % 2 == 1) for i, r in enumerate(records))


BAD_CASES = {
    "malformed_json": ('{"id": "x", "text": "نص"', "T101", 2),
    "missing_text": ('{"id": "x", "body": "نص"}', "T102", 2),
    "bad_published": ('{"id": "x", "text": "نص", "published": "12/03/2024"}', "T103", 2),
    "html": (
        json.dumps({"id": "x", "text": "<html><body><div><p>خبر</p><p>x</p></div></body></html>"}),
        "T105",
        2,
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_record_stops_with_file_and_line(tmp_path: Path, case: str) -> None:
    bad, code, line = BAD_CASES[case]
    src = write(tmp_path, "a.jsonl", f"{GOOD}\n{bad}\n{GOOD2}\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"{code}: {src}:{line}:"), result.stderr
    assert "Traceback" not in result.output
    assert not out.exists() or out.read_text() == ""


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_skip_bad_warns_and_goes_on(tmp_path: Path, case: str) -> None:
    bad, code, line = BAD_CASES[case]
    src = write(tmp_path, "a.jsonl", f"{GOOD}\n{bad}\n{GOOD2}\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(src), "-o", str(out), "--skip-bad"])
    assert result.exit_code == 0, result.output
    assert f"warning: {code}: {src}:{line}:" in result.stderr
    assert [r["article_id"] for r in lines_of(out)] == ["g1", "g2"]


def test_binary_file_is_refused(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", GOOD.encode() + b"\n\xff\xfe\x00\x01garbage\n")
    result = runner.invoke(app, ["extract", str(src)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"T108: {src}:2:")


def test_non_utf8_is_refused(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", GOOD.encode() + b"\n" + '{"id": "x", "text": "خبر"}'.encode("cp1256") + b"\n")
    result = runner.invoke(app, ["extract", str(src)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"T104: {src}:2:")


def test_empty_file(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", "")
    result = runner.invoke(app, ["extract", str(src)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"T106: {src}")


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert result.stderr.startswith("T100:")


def test_wrong_published_option(tmp_path: Path) -> None:
    src = write(tmp_path, "r.txt", REPORT)
    result = runner.invoke(app, ["extract", str(src), "--published", "yesterday"])
    assert result.exit_code == 2
    assert result.stderr.startswith("T103:")


def test_non_arabic_text_gives_no_incident(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", json.dumps({"id": "en", "text": "Airstrikes hit Saraqib, killing five."}) + "\n")
    result = runner.invoke(app, ["extract", str(src)])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"article_id": "en", "incidents": []}


def test_show_an_incidents_file_with_its_articles(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", GOOD + "\n")
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["extract", str(src), "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["show", str(out), "--articles", str(src)])
    assert result.exit_code == 0, result.output
    assert "RUS_MIL" in result.stdout and "سراقب" in result.stdout
    assert "مقتل 5 مدنيين" in result.stdout  # the evidence sentence


def test_show_extracts_an_articles_file(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", GOOD2 + "\n")
    result = runner.invoke(app, ["show", str(src)])
    assert result.exit_code == 0, result.output
    assert "SYR_GOV" in result.stdout


def test_demo_runs_on_a_fresh_home() -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "demo-1" in result.stdout and "RUS_MIL" in result.stdout


def test_evaluate_prints_the_reference_table(tmp_path: Path) -> None:
    src = write(tmp_path, "a.jsonl", GOOD + "\n")
    gold = tmp_path / "gold.jsonl"
    assert runner.invoke(app, ["extract", str(src), "-o", str(gold)]).exit_code == 0
    result = runner.invoke(app, ["evaluate", "--articles", str(src), "--gold", str(gold)])
    assert result.exit_code == 0, result.output
    assert "f1                 1.000" in result.stdout
    assert "required gold incidents located (with coordinates): 1/1 = 1.000" in result.stdout
    empty = write(tmp_path, "pred.jsonl", json.dumps({"article_id": "g1", "incidents": []}) + "\n")
    result = runner.invoke(app, ["evaluate", "--articles", str(src), "--gold", str(gold), str(empty)])
    assert "recall             0.000" in result.stdout
    assert "missed   Air/drone strike | RUS_MIL | سراقب" in result.stdout
    assert "located (with coordinates): 0/1 = 0.000" in result.stdout
