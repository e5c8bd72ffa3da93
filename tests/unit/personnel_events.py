"""personnel's official_transferred as the consuming services receive it (their projection tests share it)."""
from services.common.envelope import new_event


def official_transferred(official_id, periods, time=None, record_id="h-9"):
    """`periods`: [(unit_id, valid_from, valid_to)], oldest first; the last one is the unit valid today."""
    unit_periods = [{"unit_id": u, "valid_from": start, "valid_to": end} for u, start, end in periods]
    last, previous = unit_periods[-1], unit_periods[-2] if len(unit_periods) > 1 else unit_periods[-1]
    event = new_event("personnel", "official_transferred", {
        "official_id": official_id, "record_id": record_id, "effective_from": last["valid_from"],
        "decision_number": "7/QĐ-SNV", "legal_basis": "Law 80/2025/QH15", "unit_id": last["unit_id"],
        "position_id": "pos-2", "previous_unit_id": previous["unit_id"], "previous_position_id": "pos-1",
        "current_unit_id": last["unit_id"], "current_position_id": "pos-2", "unit_periods": unit_periods,
        "reorganisation_id": None}, official_id)
    return dict(event, time=time) if time else event
