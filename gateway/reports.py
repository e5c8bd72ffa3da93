"""The province's yearly report and a unit's scorecard, from each service's
`annual_report(year, unit_id, unit_ids)`.

Every service is asked in parallel; a service that does not answer in time leaves its indicators
out and the report is marked `partial`, naming what is missing. A report limited to some units (a
scoped caller's subtree, a scorecard's unit and its sub-units) says so in `scope`.
"""
from gateway.backends import RECORD_SERVICES, failure_reason

# (code, Vietnamese label, service, value key, denominator key or None)
INDICATORS = [
    ("training_turns", "Lượt CBCCVC được đào tạo, bồi dưỡng / kế hoạch", "training", "turns_done", "turns_planned"),
    ("schemes_approved", "Đề án vị trí việc làm được phê duyệt", "personnel", "schemes_approved", None),
    ("inspections", "Cuộc thanh tra, kiểm tra công vụ / kế hoạch", "inspection", "done", "planned"),
    ("dialogues", "Cuộc đối thoại với người dân, doanh nghiệp", "feedback", "dialogues_held", None),
    ("feedback_received", "Phản ánh, kiến nghị tiếp nhận", "feedback", "received", None),
    ("feedback_answered", "Phản ánh, kiến nghị đã trả lời / tiếp nhận", "feedback", "answered", "received"),
    ("feedback_on_time", "Trả lời đúng hạn / đã trả lời", "feedback", "answered_on_time", "answered"),
    ("feedback_overdue", "Phản ánh, kiến nghị quá hạn", "feedback", "overdue", None),
    ("standards_met", "CBCCVC đạt tiêu chuẩn vị trí việc làm / được đánh giá", "personnel", "standards_met",
     "standards_assessed"),
    ("reviews_open", "Vụ việc xem xét trách nhiệm đang mở", "personnel", "reviews_open", None),
    ("reviews_closed", "Vụ việc xem xét trách nhiệm đã kết luận", "personnel", "reviews_closed", None),
    ("recruited", "Công chức, viên chức được tuyển dụng", "personnel", "recruited", None),
    ("promoted", "Nâng ngạch, thăng hạng chức danh nghề nghiệp", "personnel", "promoted", None),
    ("appointed", "Bổ nhiệm chức vụ lãnh đạo, quản lý", "personnel", "appointed", None),
    ("reappointed", "Bổ nhiệm lại chức vụ lãnh đạo, quản lý", "personnel", "reappointed", None),
]
# (table name, Vietnamese title, service, key holding {code: count})
BREAKDOWNS = [
    ("ratings", "Kết quả xếp loại chất lượng", "personnel", "ratings"),
    ("disciplines", "Kỷ luật theo hình thức", "personnel", "disciplines_by_form"),
    ("tthc_violations", "Vi phạm thủ tục hành chính theo lĩnh vực", "inspection", "tthc_violations_by_domain"),
    ("feedback_channels", "Phản ánh, kiến nghị theo kênh tiếp nhận", "feedback", "by_channel"),
]


def build_annual_report(backends, year, unit_id=None, unit_ids=None):
    """`unit_ids`: the units counted, `unit_id` the one at their top (None, None: the province)."""
    # A province's year is heavier than a profile: each part gets a call's deadline (GATEWAY_RPC_TIMEOUT_SECONDS),
    # not the profile's shorter aggregate one, before it is reported missing.
    results, failures = backends.gather({name: (name, "annual_report", (year, None, unit_ids))
                                         for name in RECORD_SERVICES}, backends.timeout)
    indicators = {}
    for code, label, service, key, denominator in INDICATORS:
        part = results.get(service)
        if part is None:
            continue
        value = part.get(key, 0)
        entry = {"label": label, "value": value}
        if denominator:
            total = part.get(denominator, 0)
            entry.update(of=total, percent=round(100.0 * value / total, 1) if total else None)
        indicators[code] = entry
    breakdowns = {name: {"title": title, "counts": results[service].get(key, {})}
                  for name, title, service, key in BREAKDOWNS if service in results}
    scope = None if unit_ids is None else {"unit_id": unit_id, "units": len(unit_ids)}
    return {"year": year, "unit_id": unit_id, "scope": scope, "indicators": indicators, "breakdowns": breakdowns,
            "partial": bool(failures),
            "unavailable": [{"service": name, "reason": failure_reason(error)} for name, error in failures.items()]}


def report_tables(report):
    """The report as named tables (for CSV / XLSX export)."""
    tables = {"indicators": {"columns": ["code", "chỉ tiêu", "giá trị", "trên tổng số", "tỉ lệ %"],
                             "rows": [[code, entry["label"], entry["value"], entry.get("of"), entry.get("percent")]
                                      for code, entry in report["indicators"].items()]}}
    for name, breakdown in report["breakdowns"].items():
        tables[name] = {"columns": ["mã", breakdown["title"]],
                        "rows": [[code, count] for code, count in sorted(breakdown["counts"].items())]}
    return tables
