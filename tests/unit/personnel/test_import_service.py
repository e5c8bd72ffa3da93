"""Bulk CSV import of officials: a report per row, dry run, each valid row one atomic write."""
import re

import pytest

from services.common.errors import Invalid
from services.personnel.api import IMPORT_CSV

HEADER = "full_name,national_id,birth_date,category,unit_code,position_id,rank,service_start_date\n"


def row(position, name="Nguyễn Thị Ánh", national_id="096190000001", birth="1990-01-02", category="CONG_CHUC",
        code="SNV"):
    return "{},{},{},{},{},{},01.003,2015-09-01\n".format(name, national_id, birth, category, code, position["id"])


def test_valid_rows_are_created_and_each_bad_row_is_reported_with_its_fields(service, db, unit, position):
    text = "\ufeff" + HEADER + row(position) + row(position, "Lê Văn Bảy", "096190000002", birth="02/01/1990") \
        + row(position, "Trùng Số", "096190000001") + row(position, "Phạm Hữu Đức", "096190000003", code="KHONG") \
        + row(position, "Võ Văn Tư", "096190000004", category="X")
    report = service.import_officials(text, {})
    assert (report["total"], report["created"], report["failed"]) == (5, 1, 4)
    assert [r["status"] for r in report["rows"]] == ["CREATED", "ERROR", "ERROR", "ERROR", "ERROR"]
    assert [r["row"] for r in report["rows"]] == [2, 3, 4, 5, 6]
    assert "birth_date" in report["rows"][1]["errors"]
    assert "national_id" in report["rows"][2]["errors"] and report["rows"][2]["error"] == "CONFLICT"
    assert "unit_code" in report["rows"][3]["errors"] and "category" in report["rows"][4]["errors"]
    [stored] = db.officials.find()
    assert stored["full_name"] == "Nguyễn Thị Ánh" and [e["routing_key"] for e in stored["_outbox"]] == [
        "official_registered", "standards_status_changed"]


def test_a_dry_run_validates_every_row_and_writes_nothing(service, db, unit, position):
    report = service.import_officials(HEADER + row(position) + row(position, national_id="1"), {"dry_run": "true"})
    assert [r["status"] for r in report["rows"]] == ["VALID", "ERROR"] and report["created"] == 0
    assert db.officials.count_documents({}) == 0


def test_a_header_missing_columns_or_with_unknown_ones_is_refused_whole(service, db, unit, position):
    with pytest.raises(Invalid) as error:
        service.import_officials("full_name,salary\nA,1\n", {})
    assert {"missing_columns", "unknown_columns"} <= set(error.value.fields)
    with pytest.raises(Invalid):
        service.import_officials("", {})


def test_a_file_the_csv_reader_cannot_parse_is_refused_whole_and_writes_nothing(service, db, unit, position):
    with pytest.raises(Invalid) as error:
        service.import_officials(HEADER + "x" * 200_000 + "\n", {})   # beyond the csv module's field limit
    assert "file" in error.value.fields
    assert db["officials"].count_documents({}) == 0


def test_rows_ending_in_carriage_returns_import_like_any_others(service, db, unit, position):
    report = service.import_officials((HEADER + row(position)).replace("\n", "\r\n"), {})
    assert report["created"] == 1


def test_a_row_with_too_many_values_is_an_error_of_that_row_only(service, db, unit, position):
    report = service.import_officials(HEADER + row(position).rstrip("\n") + ",extra\n"
                                      + row(position, national_id="096190000009"), {})
    assert [r["status"] for r in report["rows"]] == ["ERROR", "CREATED"]


QUALIFIED_HEADER = HEADER.rstrip("\n") + (",education,education_field,political_theory,state_management,it_skill,"
                                          "foreign_language,qualifications_obtained_on\n")


def qualified_row(position, national_id, columns):
    return row(position, national_id=national_id).rstrip("\n") + "," + columns + "\n"


def test_qualification_columns_are_recorded_and_checked_against_the_rank_and_position(service, db, unit, position):
    text = QUALIFIED_HEADER + qualified_row(position, "096190000011", "DAI_HOC,Luật,trung_cap,CHUYEN_VIEN,,,") \
        + qualified_row(position, "096190000012", "DAI_HOC,,,,BASIC,BAC_2,2016-07-01")
    report = service.import_officials(text, {})
    assert [r["status"] for r in report["rows"]] == ["CREATED", "CREATED"]
    first, second = (service.get_official(r["official_id"]) for r in report["rows"])
    assert [(q["kind"], q["level"], q["obtained_on"], q["field_of_study"]) for q in first["qualifications"]] == [
        ("EDUCATION", "DAI_HOC", "2015-09-01", "Luật"), ("POLITICAL_THEORY", "TRUNG_CAP", "2015-09-01", None),
        ("STATE_MANAGEMENT", "CHUYEN_VIEN", "2015-09-01", None)]
    assert first["standards"]["met"] is True
    # Rank 01.003 under Circular 02/2021/TT-BNV asks for the state-management programme; the position for theory.
    assert [(g["kind"], g["source"]) for g in second["standards"]["missing"]] == [
        ("STATE_MANAGEMENT", "rank 01.003 under Circular 02/2021/TT-BNV"), ("POLITICAL_THEORY", "position")]


def test_an_unknown_level_or_date_is_an_error_of_the_row_naming_the_column(service, db, unit, position):
    text = QUALIFIED_HEADER + qualified_row(position, "096190000021", "TIEN_SI_KHOA_HOC,,,,,BAC_9,") \
        + qualified_row(position, "096190000022", ",Luật,,,,,") \
        + qualified_row(position, "096190000023", "DAI_HOC,,,,,,01/07/2016").replace("CONG_CHUC", "X")
    report = service.import_officials(text, {"dry_run": "true"})
    assert [r["status"] for r in report["rows"]] == ["ERROR", "ERROR", "ERROR"]
    assert set(report["rows"][0]["errors"]) == {"education", "foreign_language"}
    assert "BAC_6" in report["rows"][0]["errors"]["foreign_language"][0]
    assert set(report["rows"][1]["errors"]) == {"education_field"}
    assert set(report["rows"][2]["errors"]) == {"category", "qualifications_obtained_on"}


def test_the_csv_example_of_the_openapi_document_imports_as_it_stands(service, db, unit, position):
    clerk = service.create_position({"unit_id": unit["id"], "title": "Cán sự", "group": "SUPPORT", "rank": "01.004"})
    ids = {"pos-1": position["id"], "pos-2": clerk["id"]}     # in one pass: a new id may itself hold "pos-2"
    text = re.sub(r"\bpos-[12]\b", lambda found: ids[found.group()], IMPORT_CSV["example"])
    report = service.import_officials(text, {"dry_run": "true"})
    assert [(r["status"], r["errors"]) for r in report["rows"]] == [("VALID", {}), ("VALID", {})]


def test_the_importer_reads_every_optional_column_the_api_documents():
    from services.personnel import api, importer
    assert set(api.IMPORT_OPTIONAL_COLUMNS) == {"unit_code", *importer.EXTRA, *importer.QUALIFICATIONS,
                                                *importer.QUALIFICATION_EXTRA}
