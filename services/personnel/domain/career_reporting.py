"""Career figures of the yearly report (docs/domain.md section 4): officials recruited by the recruitment decisions
of the year, rank changes (nâng ngạch, thăng hạng) and appointments / re-appointments to leadership posts taking
effect in the year, read from the service history (records created by a decision, corrections left out)."""
from services.personnel.domain.careers_rules import AppointmentKind
from services.personnel.domain.enums import HistoryKind


def _decided_in(record, year):
    return record.decision is not None and record.supersedes is None and record.effective_from.year == year


def career_figures(year, officials, recruited):
    """`officials`: those of the report's scope (as they stood at the year's end); `recruited`: the count of
    candidates recruited by the year's decisions of the scope's campaigns."""
    records = [r for official in officials for r in official.history if _decided_in(r, year)]
    posts = [r for r in records if r.kind == HistoryKind.POST]
    return {"recruited": recruited,
            "promoted": sum(1 for r in records if r.kind == HistoryKind.RANK),
            "appointed": sum(1 for r in posts if r.appointment_kind != AppointmentKind.REAPPOINTMENT),
            "reappointed": sum(1 for r in posts if r.appointment_kind == AppointmentKind.REAPPOINTMENT)}
