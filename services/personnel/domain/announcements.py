"""The events announcing an official as they now stand, shared by registration, changes and the history."""
from services.personnel.domain.events import StandardsGap, StandardsStatusChanged


def official_event(event_class, official):
    """OfficialRegistered or OfficialUpdated: the official as they now stand."""
    return event_class(
        subject=official.id, official_id=official.id, full_name=official.full_name, unit_id=official.unit_id,
        position_id=official.position_id, category=official.category, rank=official.rank,
        status=official.status, service_start_date=official.service_start_date,
        birth_date=official.birth_date)


def standards_event(official, previous_met):
    status = official.standards
    return StandardsStatusChanged(
        subject=official.id, official_id=official.id, unit_id=official.unit_id, position_id=official.position_id,
        met=status.met, previously_met=previous_met, as_of=status.as_of,
        rank_rule_set=status.rank_rule_set,
        missing=[StandardsGap(kind=gap.kind, required_level=gap.required_level, held_level=gap.held_level,
                              field_of_study=gap.field_of_study, source=gap.source) for gap in status.missing])
