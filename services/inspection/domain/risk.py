"""Risk signals: which units to propose for an ad-hoc inspection, and where TTHC violations concentrate.

Feedback facts come from the feedback service's events (a projection, one record per feedback). A
unit is proposed when, over the period, its substantiated feedback or its overdue answers reach the
configured thresholds; the evidence (the feedback ids and what happened to them) comes with it.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

SUBSTANTIATED_WEIGHT = 3     # a substantiated complaint weighs more than an overdue answer


@dataclass(frozen=True)
class OverdueMark:
    deadline: str            # ANSWER, STATUS_UPDATE, PUBLICATION (feedback's codes, kept as text)
    due_on: date


@dataclass(frozen=True)
class FeedbackSignal:
    id: str                  # the feedback id
    unit_id: str | None = None
    official_id: str | None = None
    received_on: date | None = None
    substantiated_on: date | None = None
    summary: str | None = None
    overdue: list[OverdueMark] = field(default_factory=list)


def received(signal, data):
    return replace(signal, unit_id=data["unit_id"] or signal.unit_id,
                   official_id=data.get("official_id") or signal.official_id, received_on=data["received_on"])


def subject_changed(signal, data):
    """Staff attached or corrected the official and the unit the feedback is about (null official: none)."""
    return replace(signal, unit_id=data["unit_id"], official_id=data["official_id"])


def substantiated(signal, data):
    return replace(signal, unit_id=data.get("unit_id") or signal.unit_id,
                   official_id=data.get("official_id") or signal.official_id,
                   substantiated_on=data["answered_on"], summary=data.get("summary") or signal.summary)


def overdue(signal, data):
    mark = OverdueMark(data["deadline"], data["due_on"])
    marks = signal.overdue if mark in signal.overdue else [*signal.overdue, mark]
    return replace(signal, unit_id=data.get("unit_id") or signal.unit_id, overdue=marks)


@dataclass(frozen=True)
class Thresholds:
    min_substantiated: int = 3
    min_overdue: int = 5


@dataclass(frozen=True)
class RiskCandidate:
    unit_id: str
    unit_name: str | None
    received: int
    substantiated: int
    overdue: int
    score: int
    evidence: list[dict]
    last_inspection_id: str | None = None


def _within(day, start, end):
    return day is not None and start <= day <= end


def risk_candidates(signals, start, end, thresholds, unit_names=None, last_inspections=None):
    """Units whose feedback over [start, end] reaches a threshold, highest score first, with the evidence."""
    per_unit = defaultdict(lambda: {"received": 0, "substantiated": 0, "overdue": 0, "evidence": []})
    for signal in signals:
        if not signal.unit_id:
            continue
        tally = per_unit[signal.unit_id]
        tally["received"] += _within(signal.received_on, start, end)
        if _within(signal.substantiated_on, start, end):
            tally["substantiated"] += 1
            tally["evidence"].append({"feedback_id": signal.id, "fact": "SUBSTANTIATED",
                                      "on": signal.substantiated_on, "detail": signal.summary})
        for mark in signal.overdue:
            if _within(mark.due_on, start, end):
                tally["overdue"] += 1
                tally["evidence"].append({"feedback_id": signal.id, "fact": "OVERDUE_" + mark.deadline,
                                          "on": mark.due_on, "detail": None})
    candidates = [
        RiskCandidate(unit_id, (unit_names or {}).get(unit_id), t["received"], t["substantiated"], t["overdue"],
                      t["substantiated"] * SUBSTANTIATED_WEIGHT + t["overdue"],
                      sorted(t["evidence"], key=lambda e: (e["on"], e["feedback_id"])),
                      (last_inspections or {}).get(unit_id))
        for unit_id, t in per_unit.items()
        if t["substantiated"] >= thresholds.min_substantiated or t["overdue"] >= thresholds.min_overdue]
    return sorted(candidates, key=lambda c: (-c.score, c.unit_id))


def tthc_violations(unit_findings, start, end):
    """Administrative-procedure (TTHC) findings over [start, end], by domain and by unit and domain.

    `unit_findings` are (unit_id, Finding) pairs; a finding counts on its violation date, else the
    day it was recorded."""
    by_domain, by_unit = Counter(), Counter()
    for unit_id, finding in unit_findings:
        if finding.tthc_domain is None or not _within(finding.observed_on, start, end):
            continue
        by_domain[finding.tthc_domain] += 1
        by_unit[(unit_id, finding.tthc_domain)] += 1
    return {
        "total": sum(by_domain.values()),
        "by_domain": [{"tthc_domain": d, "count": n}
                      for d, n in sorted(by_domain.items(), key=lambda x: (-x[1], x[0]))],
        "by_unit": [{"unit_id": u, "tthc_domain": d, "count": n}
                    for (u, d), n in sorted(by_unit.items(), key=lambda x: (-x[1], x[0]))]}
