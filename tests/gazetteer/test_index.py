"""Importers (GeoNames TSV/zip, OpenSyria JSON, P-code CSV/XLSX), the SQLite
index with its sources, atomic rebuilds, download from a local server, and the CLI."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import sqlite3
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tawthiq.cli import app
from tawthiq.errors import TawthiqError
from tawthiq.gazetteer import Geocoder, load_gazetteer
from tawthiq.gazetteer.importers import detect_format, parse
from tawthiq.gazetteer.index import download_geonames, import_places
from tawthiq.paths import gazetteer_index_path


def _geonames_line(gid: int, name: str, alt: str, lat: float, lon: float, fclass: str, fcode: str,
                   cc: str, admin1: str, pop: int) -> str:  # fmt: skip
    cols = [str(gid), name, name, alt, str(lat), str(lon), fclass, fcode, cc, "", admin1, "", "", "",
            str(pop), "", "300", "Asia/Damascus", "2024-01-01"]  # fmt: skip
    assert len(cols) == 19
    return "\t".join(cols) + "\n"


GEONAMES_SY = (
    _geonames_line(9000001, "Sarjah", "Sarja,سرجة,سرجه", 35.68, 36.57, "P", "PPL", "SY", "12", 3000)
    + _geonames_line(9000002, "Kafr Uwayd", "كفرعويد,Kafr Owaid", 35.64, 36.52, "P", "PPL", "SY", "12", 4000)
    + _geonames_line(169387, "Idlib Governorate", "محافظة إدلب", 35.8, 36.6, "A", "ADM1", "SY", "12", 0)
    + _geonames_line(9000003, "No Arabic", "Nothing", 35.0, 36.0, "P", "PPL", "SY", "12", 10)
    + _geonames_line(9000004, "Hill", "تل الشيخ", 35.0, 36.0, "T", "HLL", "SY", "12", 0)
)


@pytest.fixture
def geonames_txt(tmp_path: Path) -> Path:
    path = tmp_path / "SY.txt"
    path.write_text(GEONAMES_SY, encoding="utf-8")
    return path


@pytest.fixture
def geonames_zip(tmp_path: Path) -> Path:
    path = tmp_path / "SY.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("SY.txt", GEONAMES_SY)
        zf.writestr("readme.txt", "GeoNames readme\n")
    return path


PCODE_CSV = (
    "ADM1_EN,ADM1_AR,ADM1_PCODE,ADM2_EN,ADM2_AR,ADM2_PCODE,ADM4_EN,ADM4_AR,ADM4_PCODE,Latitude,Longitude\n"
    "Idleb,إدلب,SY07,Ariha,أريحا,SY0703,Sarja,سرجة,C9001,35.68,36.57\n"
    "Idleb,إدلب,SY07,Ariha,أريحا,SY0703,Mhambel,محمبل,C9002,35.72,36.45\n"
)


def test_geonames_txt_keeps_arabic_populated_places_and_admin_units(geonames_txt: Path) -> None:
    assert detect_format(geonames_txt) == "geonames"
    parsed = parse(geonames_txt)
    by_id = {p.geonameid: p for p in parsed.places}
    assert set(by_id) == {9000001, 9000002, 169387}  # no Arabic name / a hill: left out
    sarja = by_id[9000001]
    assert sarja.names == ("سرجة", "سرجه") and sarja.admin1 == "Idlib" and sarja.feature == "PPL"
    assert "CC BY 4.0" in parsed.source.licence


def test_geonames_zip_reads_the_dump_inside(geonames_zip: Path) -> None:
    assert detect_format(geonames_zip) == "geonames"
    assert {p.geonameid for p in parse(geonames_zip).places} == {9000001, 9000002, 169387}


def test_geonames_bad_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "SY.txt"
    bad.write_text(GEONAMES_SY + "123\tonly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(TawthiqError) as err:
        parse(bad, "geonames")
    assert err.value.code == "T201" and err.value.where.line == 6 and "SY.txt" in str(err.value)


def test_opensyria_from_the_shared_copy(shared: Path) -> None:
    folder = shared / "data" / "gazetteer" / "open-syria"
    parsed = parse(folder)
    assert detect_format(folder) == "opensyria"
    levels = {p.feature for p in parsed.places}
    assert levels == {"ADM1", "ADM2", "ADM3"}
    govs = {p.pcode: p for p in parsed.places if p.feature == "ADM1"}
    assert len(govs) == 14 and govs["SY07"].admin1 == "Idlib" and govs["SY07"].name == "إدلب"
    saraqib = [p for p in parsed.places if p.feature == "ADM3" and "سراقب" in p.names]
    assert saraqib and saraqib[0].admin1 == "Idlib" and saraqib[0].pcode
    assert "OpenSyria" in parsed.source.licence


def test_pcode_csv(tmp_path: Path) -> None:
    path = tmp_path / "syr_pplp.csv"
    path.write_text(PCODE_CSV, encoding="utf-8")
    assert detect_format(path) == "pcode"
    places = {p.pcode: p for p in parse(path).places}
    assert places["C9001"].feature == "PPL" and places["C9001"].admin1 == "Idlib"
    assert places["C9001"].admin2 == "Ariha" and places["C9001"].lat == 35.68
    assert places["SY0703"].feature == "ADM2"
    assert places["SY0703"].lat == pytest.approx((35.68 + 35.72) / 2)  # parent: mean of its rows


def test_pcode_xlsx(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "syr.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for line in PCODE_CSV.strip().split("\n"):
        ws.append([float(v) if v.replace(".", "").isdigit() else v for v in line.split(",")])
    wb.save(path)
    places = {p.pcode: p for p in parse(path).places}
    assert places["C9002"].name == "محمبل" and places["C9002"].lon == 36.45


def test_pcode_bad_coordinate_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(PCODE_CSV + "Idleb,إدلب,SY07,Ariha,أريحا,SY0703,X,قرية,C9003,north,36.1\n", encoding="utf-8")
    with pytest.raises(TawthiqError) as err:
        parse(path)
    assert err.value.code == "T201" and err.value.where.line == 4


def test_import_builds_an_index_that_geocodes_the_new_places(geonames_zip: Path) -> None:
    assert Geocoder(load_gazetteer()).find_places("قصف على قرية سرجة") == []
    report = import_places(geonames_zip)
    assert report.index_path == gazetteer_index_path() and report.added == 3
    gaz = load_gazetteer()
    assert len(gaz) > 4000  # the embedded default is kept in the index
    mention = Geocoder(gaz).find_places("قصف على قرية سرجة")[0]
    assert mention.place.geonameid == 9000001 and mention.place.admin1 == "Idlib"
    keys = [s.key for s in gaz.sources]
    assert keys[:1] == ["geonames-cities500"] and "geonames:SY.zip" in keys
    # importing the same file again replaces it instead of duplicating it
    import_places(geonames_zip)
    again = load_gazetteer()
    assert len(again) == len(gaz) and [s.key for s in again.sources].count("geonames:SY.zip") == 1


def test_corrupt_file_leaves_the_previous_index_intact(geonames_txt: Path, tmp_path: Path) -> None:
    import_places(geonames_txt)
    index = gazetteer_index_path()
    before = index.read_bytes()
    corrupt = tmp_path / "IQ.zip"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(TawthiqError) as err:
        import_places(corrupt)
    assert err.value.code == "T200" and "IQ.zip" in str(err.value)
    wrong = tmp_path / "places.json"
    wrong.write_text('{"not": "a list"', encoding="utf-8")
    with pytest.raises(TawthiqError) as err:
        import_places(wrong)
    assert err.value.code == "T201" and err.value.where.line == 1
    assert index.read_bytes() == before
    assert not [p for p in index.parent.iterdir() if p.name.startswith(".gazetteer-")]  # no temp left
    con = sqlite3.connect(index)
    assert con.execute("SELECT count(*) FROM places WHERE geonameid = 9000001").fetchone() == (1,)
    con.close()


@pytest.fixture
def local_server(tmp_path: Path, geonames_zip: Path) -> Iterator[str]:
    root = tmp_path / "www"
    root.mkdir()
    shutil.copy(geonames_zip, root / "SY.zip")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))

    class Quiet(handler.func):  # type: ignore[name-defined, misc]
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_download_from_a_local_http_server_and_import(local_server: str, tmp_path: Path) -> None:
    files = download_geonames(["sy"], tmp_path / "dl", local_server)
    assert files == [tmp_path / "dl" / "SY.zip"] and zipfile.is_zipfile(files[0])
    with pytest.raises(TawthiqError) as err:
        download_geonames(["IQ"], tmp_path / "dl", local_server)  # 404
    assert err.value.code == "T200" and "IQ.zip" in str(err.value)
    assert not (tmp_path / "dl" / ".IQ.zip.part").exists()


def test_download_from_a_file_url(geonames_zip: Path, tmp_path: Path) -> None:
    files = download_geonames(["SY"], tmp_path / "dl", geonames_zip.parent.as_uri())
    assert files[0].read_bytes() == geonames_zip.read_bytes()


runner = CliRunner()


def test_cli_import_info_lookup(geonames_zip: Path, shared: Path) -> None:
    result = runner.invoke(app, ["gazetteer", "info"])
    assert result.exit_code == 0, result.output
    assert "embedded default only" in result.output and "CC BY 4.0" in result.output
    result = runner.invoke(app, ["gazetteer", "import", str(geonames_zip)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["gazetteer", "import", str(shared / "data/gazetteer/open-syria"), "--format", "opensyria"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["gazetteer", "info"])
    assert "opensyria" in result.output and "geonames:SY.zip" in result.output
    assert "OpenSyria" in result.output and "GeoNames" in result.output
    result = runner.invoke(app, ["gazetteer", "lookup", "سرجة"])
    assert result.exit_code == 0, result.output
    assert "9000001" in result.output and "35.6800" in result.output and "geonames:SY.zip" in result.output


def test_cli_import_error_is_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("name,lat\nfoo,1\n", encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "import", str(bad), "--format", "pcode"])
    assert result.exit_code == 1
    assert "T201" in result.output and "x.csv:1" in result.output
    result = runner.invoke(app, ["gazetteer", "lookup", "مكانغيرموجود"])
    assert result.exit_code == 1 and "no place named" in result.output


def test_corrupt_index_is_reported(tmp_path: Path) -> None:
    index = gazetteer_index_path()
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(TawthiqError) as err:
        load_gazetteer()
    assert err.value.code == "T202"


def test_json_wrong_shape(tmp_path: Path) -> None:
    path = tmp_path / "subdistricts.json"
    path.write_text(json.dumps([{"foo": 1}]), encoding="utf-8")
    with pytest.raises(TawthiqError) as err:
        parse(path)
    assert err.value.code == "T201" and "subdistricts.json" in str(err.value)


def test_cli_download_imports_the_dumps(local_server: str) -> None:
    result = runner.invoke(app, ["gazetteer", "download", "SY", "--base-url", local_server])
    assert result.exit_code == 0, result.output
    assert "SY.zip: 3 places" in result.output
    assert any(p.geonameid == 9000001 for p in load_gazetteer().candidates("سرجه"))
    result = runner.invoke(app, ["gazetteer", "download", "XYZ", "--base-url", local_server])
    assert result.exit_code == 1 and "T201" in result.output


def test_geocoder_over_an_index_pickles(geonames_zip: Path) -> None:
    import pickle

    import_places(geonames_zip)
    geocoder = Geocoder(load_gazetteer())
    text = "قصف على قرية سرجة وبلدة كفرعويد بريف إدلب"
    clone = pickle.loads(pickle.dumps(geocoder))
    assert clone.find_places(text) == geocoder.find_places(text)
    assert {m.place.geonameid for m in clone.find_places(text) if m.place} >= {9000001, 9000002}
