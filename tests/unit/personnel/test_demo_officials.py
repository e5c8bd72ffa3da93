"""The demo's officials (tools/demo_data.py) carry importable qualification columns, and the province's 2017
standards compliance they give is high but not complete: the seed says staff "basically meet standards"."""
import csv
import io
from datetime import date

from services.common.documents import from_document
from services.personnel.domain.enums import Category
from services.personnel.domain.model import Official, Position
from services.personnel.domain.standards import Qualification
from services.personnel.importer import qualifications_of
from tools import demo_data

END_OF_2017 = date(2017, 12, 31)
POSITION = Position(id="pos-1", unit_id="unit-1", title="Chuyên viên", group="PROFESSIONAL", rank="01.003")


def demo_officials():
    rows = demo_data.official_rows([("unit-1", "pos-1")])
    officials = []
    for row in rows:
        qualifications, errors = qualifications_of(row)
        assert errors == {}, row
        officials.append(Official(
            id=row["national_id"], full_name=row["full_name"], national_id=row["national_id"],
            birth_date=date.fromisoformat(row["birth_date"]), category=Category(row["category"]), unit_id="unit-1",
            position_id="pos-1", rank=row["rank"], service_start_date=date.fromisoformat(row["service_start_date"]),
            qualifications=[from_document(Qualification, q) for q in qualifications]))
    return officials


def test_the_2017_compliance_of_the_demo_officials_is_about_nine_in_ten_circular_11_2014():
    officials = demo_officials()
    met = sum(1 for official in officials if official.assess(POSITION, END_OF_2017).met)
    assert len(officials) == demo_data.OFFICIALS
    assert 0.90 <= met / len(officials) <= 0.95


def test_under_circular_02_2021_the_language_certificate_no_longer_counts_so_more_officials_meet_it():
    officials = demo_officials()
    met_2017 = sum(1 for o in officials if o.assess(POSITION, END_OF_2017).met)
    met_2022 = sum(1 for o in officials if o.assess(POSITION, date(2022, 1, 1)).met)
    assert met_2022 > met_2017 and met_2022 < len(officials)


def test_every_demo_row_passes_the_import_as_make_demo_sends_it(service, unit):
    position = service.create_position({"unit_id": unit["id"], "title": "Chuyên viên", "group": "PROFESSIONAL",
                                        "rank": "01.003"})
    rows = demo_data.official_rows([(unit["id"], position["id"])])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))     # as tools/demo.py load_officials writes it
    writer.writeheader()
    writer.writerows(rows)
    report = service.import_officials(buffer.getvalue(), {"dry_run": "true"})
    assert (report["valid"], report["failed"]) == (demo_data.OFFICIALS, 0)
