"""What happens to an official: registration, new qualifications, standards re-evaluation."""
from dataclasses import replace

from services.common.errors import Conflict, Invalid
from services.personnel.domain.enums import OfficialStatus, QualificationKind
from services.personnel.domain.announcements import official_event, standards_event
from services.personnel.domain.history import registration_records
from services.personnel.domain.events import OfficialRegistered, OfficialUpdated, QualificationUpdated
from services.personnel.domain.standards import Qualification, is_known_level
from services.personnel.domain.units import require_in_force


def register(official, unit, position, today):
    """A new official in an existing unit and position; standards established on `today`."""
    if position.unit_id != unit.id:
        raise Invalid("the position belongs to another unit",
                      fields={"position_id": ["position {} is not in unit {}".format(position.id, unit.id)]})
    require_in_force(unit, today)
    for qualification in official.qualifications:
        check_level(qualification)
    official = replace(official, status=OfficialStatus.ACTIVE)
    official = replace(official, standards=official.assess(position, today),
                       history=registration_records(official, today))
    return official, [official_event(OfficialRegistered, official), standards_event(official, None)]


def check_level(qualification):
    if not is_known_level(qualification.kind, qualification.level):
        raise Invalid("unknown qualification level",
                      fields={"level": ["{} is not a level of {}".format(qualification.level, qualification.kind.value)]})


def add_qualification(official, position, qualification, as_of):
    """Record a qualification and re-evaluate standards as of `as_of` (docs/architecture.md flow 1)."""
    check_level(qualification)
    previous_met = official.standards.met if official.standards else None
    updated = official.with_qualification(qualification)
    updated = replace(updated, standards=updated.assess(position, max(as_of, qualification.obtained_on)))
    events = [QualificationUpdated(
        subject=official.id, official_id=official.id, kind=qualification.kind, level=qualification.level,
        obtained_on=qualification.obtained_on, source=qualification.source)]
    if updated.standards.met != previous_met:
        events.append(standards_event(updated, previous_met))
    return updated, events


def new_position(position):
    """A job position; its required standards must name known levels."""
    for requirement in position.requirements:
        if not is_known_level(requirement.kind, requirement.level):
            raise Invalid("unknown required level", fields={"requirements": [
                "{} is not a level of {}".format(requirement.level, requirement.kind.value)]})
    return position


def qualification_from_training(data):
    """The qualification a completed training grants, if it is one personnel tracks."""
    credential = data.get("credential")
    if not credential or credential["kind"] not in QualificationKind.__members__:
        return None
    return Qualification(kind=QualificationKind(credential["kind"]), level=credential["level"],
                         obtained_on=data["completed_on"], source="training:" + data["enrollment_id"])


def update(official, changes):
    """Rename, put on leave and back, or change contact data. Unit, position, rank and salary change by dated
    decisions (domain/history.py), never here."""
    if official.status == OfficialStatus.SEPARATED:
        raise Conflict("official {} has left the service; the file is kept as history".format(official.id))
    updated = replace(official, **changes)
    return updated, [official_event(OfficialUpdated, updated)]


def reassess(official, position, as_of):
    """(official, events) with the standards as of `as_of`, or None when nothing changed: a rule set taking
    effect changes them with nothing done to the file. Announced when `met` flips."""
    if official.status == OfficialStatus.SEPARATED:
        return None
    fresh = official.assess(position, as_of)
    previous = official.standards
    if previous is not None and previous.met == fresh.met and previous.missing == fresh.missing:
        return None
    updated = replace(official, standards=fresh)
    flipped = previous is None or previous.met != fresh.met
    return updated, ([standards_event(updated, previous.met if previous else None)] if flipped else [])


def check_reassignment(official, position, unit, on):
    """A review may move someone (e.g. to a lower position after NOT_COMPLETED, docs/domain.md rule 5) only into a
    position of a unit in force, and only while they are in service."""
    if official.status == OfficialStatus.SEPARATED:
        raise Conflict("official {} has left the service".format(official.id))
    if position.id == official.position_id:
        raise Invalid("the official already holds that position", fields={"new_position_id": ["unchanged"]})
    require_in_force(unit, on, field="new_position_id")
