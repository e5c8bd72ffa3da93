"""Benchmark: importing 5,000 officials from CSV with the embedded store (issue 3: under 60 s).

Compares, in the same run, the full import (CSV parsing, validation of every row, standards
evaluation, one atomic write per row with its outbox events) with bare inserts of the same number
of documents into a collection with the same indexes, so the import's own overhead is visible.
Not a timed test: `make bench` records it (value only); alone: `.venv/bin/python bench/personnel_import.py [rows]`.
"""
import sys
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.common.mongo import get_client  # noqa: E402
from services.personnel.domain.model import OrgUnit, Position  # noqa: E402
from services.personnel.domain.standards import Requirement  # noqa: E402
from services.personnel.importer import Importer  # noqa: E402
from services.personnel.store import OFFICIALS, PersonnelStore  # noqa: E402

GIVEN = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc"]
NAMES = ["An", "Bình", "Châu", "Dũng", "Hạnh", "Khoa", "Lan", "Phúc", "Quyên", "Tâm"]


def fresh_store():
    # The embedded store exactly as the services get it (with its indexed lookups), also when run alone.
    store = PersonnelStore(get_client("mongomock://bench-import-" + uuid.uuid4().hex).personnel)
    store.ensure_indexes()
    unit = OrgUnit(id="unit-snv", code="SNV", name="Sở Nội vụ tỉnh Cà Mau", unit_type="SO", level="PROVINCE",
                   valid_from=date(2017, 1, 1))
    position = Position(id="pos-cv", unit_id=unit.id, title="Chuyên viên", group="PROFESSIONAL", rank="01.003",
                        requirements=[Requirement("POLITICAL_THEORY", "TRUNG_CAP")], headcount_quota=6000)
    store.commit("units", unit.id, store.state_of(unit))
    store.commit("positions", position.id, store.state_of(position))
    return store


def csv_text(rows):
    lines = ["full_name,national_id,birth_date,category,unit_code,position_id,rank,service_start_date"]
    for i in range(rows):
        name = "{} {} {}".format(GIVEN[i % 8], MIDDLE[i % 5], NAMES[i % 10])
        lines.append("{},0961{:08d},19{:02d}-0{}-1{},CONG_CHUC,SNV,pos-cv,01.003,2015-09-01".format(
            name, i, 60 + i % 40, 1 + i % 9, i % 10))
    return "\n".join(lines) + "\n"


def measure(rows):
    text = csv_text(rows)
    store = fresh_store()
    started, cpu = time.perf_counter(), time.process_time()
    report = Importer(store, date(2026, 1, 15)).run(text, dry_run=False)
    imported, imported_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert report["created"] == rows, report["rows"][:3]

    bare = fresh_store()
    documents = [{"_id": "off-{}".format(i), "national_id": "0961{:08d}".format(i), "full_name": "x"}
                 for i in range(rows)]
    started, cpu = time.perf_counter(), time.process_time()
    for document in documents:
        bare.db[OFFICIALS].insert_one(document)
    inserted, inserted_cpu = time.perf_counter() - started, time.process_time() - cpu

    return imported, imported_cpu, inserted, inserted_cpu


def run(rows=5000):
    """Recorded in bench/results.json: the import's wall time (target: under 60 s, issue #3)."""
    from bench.harness import record
    imported, _, inserted, _ = measure(rows)
    return record("import_5000_rows", imported, None, 60, "s", rows=rows, bare_insert_seconds=round(inserted, 2),
                  note="value only: seconds to import {} CSV rows, target under 60 s".format(rows))


def main(rows=5000):
    imported, imported_cpu, inserted, inserted_cpu = measure(rows)
    print("rows: {}".format(rows))
    print("import (validated, one atomic write per row): {:.2f} s wall, {:.2f} s CPU  ({:.0f} rows/s)".format(
        imported, imported_cpu, rows / imported))
    print("bare insert_one of the same count:            {:.2f} s wall, {:.2f} s CPU  ({:.0f} rows/s)".format(
        inserted, inserted_cpu, rows / inserted))
    print("import / bare: {:.1f}x; within the 60 s target: {}".format(imported / inserted, imported < 60))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
