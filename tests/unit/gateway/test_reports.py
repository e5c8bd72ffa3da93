"""The annual report composes the services' parts, marks what is missing, and exports its tables."""
import io

from nameko.exceptions import RpcTimeout
from openpyxl import load_workbook

from gateway import exports
from gateway.reports import build_annual_report, report_tables

PARTS = {
    "personnel": {"schemes_approved": 20, "standards_met": 90, "standards_assessed": 100,
                  "ratings": {"EXCELLENT": 5, "GOOD": 60}, "disciplines_by_form": {}, "reviews_open": 1,
                  "reviews_closed": 2},
    "training": {"turns_done": 2322, "turns_planned": 2497},
    "inspection": {"done": 6, "planned": 6, "tthc_violations_by_domain": {"LAND": 3}},
    "feedback": {"received": 912, "answered": 912, "answered_on_time": 900, "overdue": 0, "dialogues_held": 28,
                 "by_channel": {"DIEN_TU": 500}},
}


class FakeBackends:
    def __init__(self, down=()):
        self.down = down

    timeout = 5          # a call's deadline, which each part of the report gets

    def gather(self, calls, timeout=None):
        assert timeout == self.timeout
        results = {name: PARTS[name] for name in calls if name not in self.down}
        return results, {name: RpcTimeout(2) for name in calls if name in self.down}


def test_the_report_gives_the_seed_indicators_with_their_percentages():
    report = build_annual_report(FakeBackends(), 2017)
    assert report["indicators"]["training_turns"] == {
        "label": "Lượt CBCCVC được đào tạo, bồi dưỡng / kế hoạch", "value": 2322, "of": 2497, "percent": 93.0}
    assert report["indicators"]["inspections"]["percent"] == 100.0
    assert report["indicators"]["dialogues"]["value"] == 28
    assert report["partial"] is False


def test_a_missing_service_leaves_its_indicators_out_and_marks_the_report_partial():
    report = build_annual_report(FakeBackends(down=("training",)), 2017)
    assert "training_turns" not in report["indicators"] and report["partial"] is True
    assert report["unavailable"] == [{"service": "training", "reason": "did not answer in time"}]


def test_tables_export_as_csv_with_a_bom_and_as_xlsx():
    tables = report_tables(build_annual_report(FakeBackends(), 2017))
    csv_bytes = exports.to_csv(tables["indicators"])
    assert csv_bytes.startswith("\ufeff".encode()) and "Lượt CBCCVC".encode() in csv_bytes
    sheet = load_workbook(io.BytesIO(exports.to_xlsx("indicators", tables["indicators"]))).active
    assert [cell.value for cell in sheet[1]][:3] == ["code", "chỉ tiêu", "giá trị"]
    assert sheet.max_row == len(tables["indicators"]["rows"]) + 1


def test_a_report_of_some_units_asks_every_service_for_those_units_and_says_so():
    class Recording(FakeBackends):
        def gather(self, calls, timeout=None):
            self.calls = calls
            return super().gather(calls, timeout)

    backends = Recording()
    report = build_annual_report(backends, 2017, "unit-snv", ["unit-snv", "unit-ccvt"])
    assert [args for _, _, args in backends.calls.values()] == [(2017, None, ["unit-snv", "unit-ccvt"])] * 4
    assert report["scope"] == {"unit_id": "unit-snv", "units": 2} and report["unit_id"] == "unit-snv"
    assert build_annual_report(FakeBackends(), 2017)["scope"] is None
