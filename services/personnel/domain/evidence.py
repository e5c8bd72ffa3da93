"""An evidence-based rating suggestion: actual work effectiveness is the main yardstick (seed report).

The weights are the province's working heuristic, not law: a suggestion lists every item of
evidence it rests on, and the evaluator decides (docs/domain.md rules 1-5 then apply to that decision).
"""
from services.personnel.domain.enums import EvidenceKind as K, Rating
from services.personnel.domain.evaluation import band_of
from services.personnel.domain.evaluation_rules import SCORE_BANDS
from services.personnel.domain.records import Evidence, Suggestion, WeighedEvidence

BASELINE = 80.0                    # a year without evidence either way suggests GOOD
WEIGHTS = {K.TRAINING_COMPLETED: 5.0, K.INSPECTION_FINDING: -15.0, K.FEEDBACK_SUBSTANTIATED: -10.0,
           K.UNIT_FEEDBACK_OVERDUE: -2.0}
CAPS = {K.TRAINING_COMPLETED: 10.0, K.UNIT_FEEDBACK_OVERDUE: -10.0}   # bounded contributions


def suggest(year, evidence, disciplines):
    """{year, suggested_rating, score, evidence: [items with their weight], reasons}."""
    in_year = sorted((e for e in evidence if e.on.year == year), key=lambda e: (e.on, e.id))
    totals = {}
    for item in in_year:
        totals[item.kind] = totals.get(item.kind, 0.0) + WEIGHTS[item.kind]
    for kind, cap in CAPS.items():
        if kind in totals:
            totals[kind] = min(totals[kind], cap) if cap > 0 else max(totals[kind], cap)
    score = max(0.0, min(100.0, BASELINE + sum(totals.values())))
    rating = band_of(score, SCORE_BANDS)
    reasons = ["baseline {:.0f} (GOOD) adjusted by the evidence".format(BASELINE)]
    punished = [d.id for d in disciplines if d.counts_in_year == year]
    if punished:
        rating = Rating.NOT_COMPLETED
        reasons.append("disciplined in {}: NOT_COMPLETED (docs/domain.md rule 2)".format(year))
    return {"year": year, "suggested_rating": rating, "score": score, "reasons": reasons,
            "evidence": [{"kind": e.kind, "ref": e.ref, "on": e.on, "summary": e.summary,
                          "weight": WEIGHTS[e.kind], "about": "official" if e.official_id else "unit"}
                         for e in in_year]}


def suggestion(year, evidence, disciplines):
    """suggest() as the record kept beside a 2026+ evaluation (rule 4): the evidence listed with its ids."""
    found = suggest(year, evidence, disciplines)
    return Suggestion(found["suggested_rating"], found["score"], found["reasons"],
                      [WeighedEvidence(**item) for item in found["evidence"]])


def item(kind, ref, on, summary="", official_id=None, unit_id=None):
    """One item of evidence; its id derives from what it is about, so two events naming the same fact
    (finding_recorded, then inspection_concluded) keep one item."""
    subject = official_id or "unit:{}".format(unit_id)
    return Evidence(id="evd-{}-{}-{}".format(kind.value.lower(), ref, subject)[:200], official_id=official_id,
                    unit_id=unit_id, kind=kind, ref=ref, on=on, summary=summary[:500])


# --- the evidence each fact of another service brings (flows 1-3 and the feedback deadlines) --------
def training_completed(enrollment_id, official_id, completed_on, course_title=None):
    return item(K.TRAINING_COMPLETED, enrollment_id, completed_on, "Completed {}".format(course_title or enrollment_id),
                official_id=official_id)


def inspection_findings(inspection_id, findings, on):
    """One item per official each finding holds responsible."""
    return [item(K.INSPECTION_FINDING, finding["finding_id"], on,
                 "Inspection {}: {}".format(inspection_id, finding.get("description", "")), official_id=official_id)
            for finding in findings for official_id in finding.get("responsible_official_ids", [])]


def feedback_substantiated(feedback_id, answered_on, summary, official_id, unit_id):
    return item(K.FEEDBACK_SUBSTANTIATED, feedback_id, answered_on, summary, official_id=official_id,
                unit_id=unit_id)


def unit_feedback_overdue(feedback_id, deadline, due_on, unit_id):
    """A missed deadline counts against the unit once per feedback and deadline."""
    return item(K.UNIT_FEEDBACK_OVERDUE, "{}-{}".format(feedback_id, deadline), due_on,
                "Feedback {} missed its {} deadline".format(feedback_id, deadline), unit_id=unit_id)
