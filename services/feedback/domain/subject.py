"""Who and what a feedback item is about, named or corrected by staff after intake (docs/domain.md, rule 9).

A citizen cannot know an official's internal id, so public feedback usually arrives naming no official;
staff of the feedback desk attach the official concerned (and correct the unit addressed) once they know.
Each change is kept on the item (who, when, from what to what, why) and announced as
`feedback_subject_changed`; the answer's `feedback_substantiated` then names the attached official, so
docs/architecture.md flow 3 (substantiated feedback -> personnel opens a review) works for public feedback.

Rules (the platform's, not a legal text): the subject may change while the agency still owes the answer
(an open status); the answer's events fix whom it was about. The official must be one personnel announced
(the service's projection); like at intake, they need not work in the unit addressed. The unit must be
known and in force on the day of the change. Detaching the official (`official_id` null) is a change too.
"""
from dataclasses import replace

from services.common.errors import Conflict, Invalid
from services.feedback.domain.enums import OPEN_STATUSES
from services.feedback.domain.events import FeedbackSubjectChanged
from services.feedback.domain.intake import check_unit
from services.feedback.domain.model import SubjectChange

KEEP = object()     # a part of the subject the command leaves as it is


def change_subject(feedback, official_id, official, unit_id, unit, reason, changed_by, on):
    """Attach, correct or detach the official (`official_id`, None detaches; KEEP leaves it) and correct the
    unit (`unit_id`, KEEP leaves it). `official`/`unit`: the projections found for those ids (None: unknown)."""
    if feedback.status not in OPEN_STATUSES:
        raise Conflict("the subject of feedback {} is fixed: it is {}".format(feedback.id, feedback.status.value),
                       fields={"status": [feedback.status.value]})
    new_official = feedback.official_id if official_id is KEEP else official_id
    new_unit = feedback.target_unit_id if unit_id is KEEP else unit_id
    errors = {}
    if new_official is not None and new_official != feedback.official_id and official is None:
        errors["official_id"] = ["official {} not found (personnel has not announced them, or not yet)".format(
            new_official)]
    if new_unit != feedback.target_unit_id:
        errors.update(check_unit(unit, new_unit, on))
    if errors:
        raise Invalid("the subject of the feedback cannot be changed", fields=errors)
    if (new_official, new_unit) == (feedback.official_id, feedback.target_unit_id):
        raise Invalid("the feedback is already about that official and unit", fields={
            "official_id": ["unchanged"], "target_unit_id": ["unchanged"]})
    change = SubjectChange(on, changed_by, reason, feedback.official_id, new_official, feedback.target_unit_id,
                           new_unit)
    changed = replace(feedback, official_id=new_official, target_unit_id=new_unit,
                      target_unit_name=unit.name if new_unit != feedback.target_unit_id else feedback.target_unit_name,
                      subject_changes=[*feedback.subject_changes, change])
    # No reason and no names in the event: free text may hold personal data (rule 11).
    return changed, [FeedbackSubjectChanged(
        subject=feedback.id, feedback_id=feedback.id, unit_id=new_unit, official_id=new_official,
        previous_unit_id=change.unit_id_from, previous_official_id=change.official_id_from, changed_on=on)]
