"""Staffing by job position (Decree 62/2020/ND-CP on job positions and headcount; from 1 Jul 2025
Law 80/2025/QH15 and Decree 170/2025): quota (biên chế), filled, vacant and the rank structure (cơ cấu
ngạch); and job-position schemes (đề án vị trí việc làm) with their approval."""
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from services.common.errors import Conflict, Invalid


class SchemeStatus(StrEnum):
    SUBMITTED = "SUBMITTED"    # Đã trình
    APPROVED = "APPROVED"      # Đã phê duyệt
    REJECTED = "REJECTED"      # Không phê duyệt / trả lại


@dataclass(frozen=True)
class PositionScheme:
    id: str
    unit_id: str
    title: str
    submitted_on: date
    position_count: int
    headcount: int
    status: SchemeStatus = SchemeStatus.SUBMITTED
    decided_on: date | None = None
    decision_ref: str | None = None
    approver: str | None = None


def decide_scheme(scheme, approved, decided_on, decision_ref, approver):
    if scheme.status != SchemeStatus.SUBMITTED:
        raise Conflict("scheme {} is already {}".format(scheme.id, scheme.status.value))
    if decided_on < scheme.submitted_on:
        raise Invalid("the decision cannot precede the submission", fields={"decided_on": ["before {}".format(
            scheme.submitted_on)]})
    return replace(scheme, status=SchemeStatus.APPROVED if approved else SchemeStatus.REJECTED,
                   decided_on=decided_on, decision_ref=decision_ref, approver=approver)


def in_service(official, as_of):
    left = official.separation.separated_on if official.separation else None
    return official.service_start_date <= as_of and (left is None or as_of < left)


def staffing_report(unit_id, positions, officials, as_of):
    """Quota, filled and vacant posts per job position and in total, with the rank structure."""
    serving = [o for o in officials if in_service(o, as_of)]
    by_position = Counter(o.position_id for o in serving)
    rows = [{"position_id": p.id, "unit_id": p.unit_id, "title": p.title, "rank": p.rank, "group": p.group,
             "quota": p.headcount_quota, "filled": by_position.get(p.id, 0),
             "vacant": max(p.headcount_quota - by_position.get(p.id, 0), 0)} for p in positions]
    quota, filled = sum(r["quota"] for r in rows), len(serving)
    ranks = Counter(o.rank for o in serving)
    return {"unit_id": unit_id, "as_of": as_of, "quota": quota, "filled": filled,
            "vacant": sum(r["vacant"] for r in rows), "over_quota": max(filled - quota, 0), "positions": rows,
            "rank_structure": [{"rank": rank, "count": count, "share": round(count / filled, 4)}
                               for rank, count in sorted(ranks.items())],
            "categories": dict(sorted(Counter(o.category.value for o in serving).items()))}


def compliance(officials, positions_by_id, as_of, meets=None):
    """Officials in service meeting their rank's and position's standards as of the date (DOMAIN dashboard
    indicator; the rank rule set valid on that date). `meets(official, position)`: the same answer as
    `official.assess(position, as_of).met`, e.g. remembered by the store."""
    meets = meets or (lambda official, position: official.assess(position, as_of).met)
    serving = [o for o in officials if in_service(o, as_of) and o.position_id in positions_by_id]
    met = sum(1 for o in serving if meets(o, positions_by_id[o.position_id]))
    return {"as_of": as_of, "officials": len(serving), "met": met, "not_met": len(serving) - met,
            "rate": round(met / len(serving), 4) if serving else None}
